#!/usr/bin/env python
"""Load test of GET /api/search: latency percentiles and throughput with concurrent clients on loopback.

For each size (default 10k and 100k articles) it builds an index from real documents of
../shared/data (FLORES-200 devtest articles in en/ja/ko and the WMT22 news documents in ja/en),
starts ``comparator serve`` (default settings) on 127.0.0.1 in a subprocess, and drives it with
``--clients`` concurrent keep-alive connections (raw asyncio HTTP/1.1 in this process, so the
client takes little of the CPU the server needs) for a bounded number of requests.

How the large indexes are built: the distinct documents are ingested once through the normal
pipeline (the default int8 model embeds every sentence once). Copies up to ``n`` are then inserted
through ``Collection.add`` with the stored vectors: each copy gets its own id and a slightly
perturbed article vector (Gaussian noise, sigma 0.01, renormalized) so that the index does not hold
exact duplicates; its sentences reuse the cached sentence vectors. No model call is needed for the
copies, which is what lets 100k articles be built in a minute. ``exact_index_max`` is raised while
copying so that the (search-unused) sentence index stays flat instead of building an HNSW graph over
~0.5M sentence vectors; the article index is then rebuilt as the default setting holds it (flat up
to 50k vectors, HNSW above), and its recall@k against an exact scan is measured with real queries.

Two query mixes are measured per size, with disjoint query sets drawn from Tatoeba sentences
(ko/ja/en): the headline ``cold`` mix (every query new: the model embeds each one; concurrent new
queries share a model call) and ``cached`` (a pool of queries already asked once: the server's
query-vector LRU answers them, as it does for repeated and popular queries). Server RSS is sampled
after warm-up, after the cold run and after the cached run; the 1-minute load average is recorded
because the machine is shared.

Prints ``{"<n>": {"p50_ms", "p95_ms", "p99_ms", "rps", "errors", ..., "cached": {...},
"article_index": {...}}}`` to stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("COMPARATOR_SHARED_DATA", REPO.parent / "shared" / "data"))
EXACT_MAX = 2_000_000
SEED_DONE = "seed-complete"


def log(msg: str) -> None:
    print(f"[bench_api] {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------ documents


def load_documents(data: Path) -> list[dict[str, Any]]:
    """Distinct real documents: FLORES articles in three languages, WMT22 news documents in two."""
    docs: dict[tuple[str, str], list[str]] = {}
    flores = data / "flores200_devtest_eng_jpn_kor" / "flores200_devtest.eng_jpn_kor.jsonl"
    for line in flores.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        for key, lang in (("eng", "en"), ("jpn", "ja"), ("kor", "ko")):
            docs.setdefault((f"flores:{r['doc_id']}", lang), []).append(r[key])
    for name in ("generaltest2022.ja-en.jsonl", "generaltest2022.en-ja.jsonl"):
        for line in (data / "wmt22_general_ja_en" / name).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r["domain"] != "news":
                continue
            for lang in ("ja", "en"):
                docs.setdefault((f"wmt:{r['doc_id']}", lang), []).append(r[lang])
    out = []
    for n, ((doc, lang), sents) in enumerate(sorted(docs.items())):
        sep = "" if lang == "ja" else " "
        out.append(
            {
                "id": f"d{n:05d}-{lang}",
                "lang": lang,
                "text": sep.join(s.strip() for s in sents),
                "source": doc,
            }
        )
    return out


def load_queries(data: Path) -> list[str]:
    folder = data / "tatoeba_laser_v1"
    lines: list[str] = []
    for name in ("tatoeba.kor-eng.kor", "tatoeba.jpn-eng.jpn", "tatoeba.kor-eng.eng"):
        lines.extend(x.strip() for x in (folder / name).read_text(encoding="utf-8").splitlines() if x.strip())
    uniq = list(dict.fromkeys(lines))
    random.Random(7).shuffle(uniq)
    return uniq


# ------------------------------------------------------------------------------------ building


def build_seed(seed: Path, docs: list[dict[str, Any]]) -> None:
    """Ingest the distinct documents once with the real model (reused across runs)."""
    if (seed / SEED_DONE).exists():
        return
    from comparator.config import Settings
    from comparator.pipeline import Ingestor
    from comparator.schema import RawDocument
    from comparator.services import open_services

    shutil.rmtree(seed, ignore_errors=True)
    settings = Settings.from_env(index_dir=seed, exact_index_max=EXACT_MAX)
    services = open_services(settings, create=True)
    t0 = time.perf_counter()
    items = [
        RawDocument(
            text=d["text"], lang=d["lang"], id=d["id"], outlet=d["source"].split(":")[0], source=d["source"]
        )
        for d in docs
    ]
    report = Ingestor(services.collection, services.embedder, settings).ingest(items)
    services.close()
    log(
        f"seed: {len(report.added)} documents ingested in {time.perf_counter() - t0:.0f} s "
        f"({report.embedded_texts} texts embedded, {len(report.skipped)} skipped)"
    )
    (seed / SEED_DONE).write_text("ok\n")


def build_replicated(seed: Path, target: Path, n: int) -> None:
    """``n`` articles: the seed's, then perturbed copies inserted with the stored vectors."""
    from comparator.collection import Collection, PreparedArticle

    marker = target / f"complete-{n}"
    if marker.exists():
        return
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(seed, target)
    (target / SEED_DONE).unlink(missing_ok=True)
    coll = Collection(target, exact_max=EXACT_MAX)
    store = coll.store
    base = list(store.iter_articles(with_sentences=True))
    rowids, vecs = store.article_vectors()
    vec_of = {int(r): v for r, v in zip(rowids, vecs, strict=True)}
    _, srows, svecs = store.sentence_vectors(coll.model or "")
    sent_of = {int(r): svecs[srows == r] for r in np.unique(srows)}
    rng = np.random.default_rng(11)
    t0 = time.perf_counter()
    need = n - len(base)
    batch: list[PreparedArticle] = []
    for k in range(max(0, need)):
        sa = base[k % len(base)]
        art = sa.article
        copy = type(art)(
            **{**art.to_dict(with_sentences=False), "id": f"{art.id}~{k}", "sentences": art.sentences}
        )
        v = vec_of[sa.rowid] + rng.normal(0.0, 0.01, vec_of[sa.rowid].shape).astype(np.float32)
        batch.append(
            PreparedArticle(
                article=copy,
                content_hash=f"bench-{art.id}-{k}",
                signature=None,
                vector=(v / np.linalg.norm(v)).astype(np.float32),
                sentence_vectors=sent_of[sa.rowid],
                new_vectors={},
            )
        )
        if len(batch) == 2000:
            coll.add(batch, save=False)
            batch = []
    coll.add(batch, save=False)
    coll.save()
    total = store.count("articles")
    coll.close()
    log(f"index of {total} articles built in {time.perf_counter() - t0:.0f} s")
    marker.write_text("ok\n")


def default_article_index(target: Path) -> str:
    """Rebuild the article index as the default ``exact_index_max`` builds it (HNSW above 50k).

    The copies are inserted with ``exact_max`` raised so that the sentence index (~0.5M vectors at
    100k articles, unused by search) stays flat and the build takes seconds; the article index, the
    one search reads, is then rebuilt here exactly as a default-configured ingest would hold it.
    """
    from comparator.centering import center
    from comparator.collection import Collection
    from comparator.config import Settings
    from comparator.index import VectorIndex

    coll = Collection(target, exact_max=EXACT_MAX)
    try:
        assert coll.article_index is not None
        index = VectorIndex(
            coll.article_index.path, coll.article_index.dim, exact_max=Settings().exact_index_max
        )
        marker = target / f"article-index-{index.exact_max}"
        if not marker.exists():
            t0 = time.perf_counter()
            langs = coll.store.article_langs()
            ids, vecs = coll.store.article_vectors()
            index.rebuild(ids, center(vecs, [langs[int(i)] for i in ids], coll.lang_means))
            index.save()
            marker.write_text("ok\n")
            log(
                f"article index rebuilt as {index.kind} ({index.ntotal} vectors) in {time.perf_counter() - t0:.0f} s"
            )
        index.load()
        return index.kind
    finally:
        coll.close()


def index_recall(target: Path, queries: list[str], k: int) -> dict[str, Any]:
    """Recall@k of the served article index against an exact scan of the same vectors."""
    import faiss

    from comparator.collection import Collection
    from comparator.config import Settings
    from comparator.embed import load_embedder
    from comparator.search import _query_lang

    coll = Collection(target, exact_max=EXACT_MAX)
    try:
        index = coll.article_index
        assert index is not None
        if index.kind == "flat":
            return {"kind": "flat", "recall_at_k": 1.0}
        raw = np.asarray(load_embedder(Settings()).encode(queries), dtype=np.float32)
        q = np.stack([coll.center_query(v, _query_lang(t)) for v, t in zip(raw, queries, strict=True)])
        ids, vecs = index._all()
        flat = faiss.IndexFlatIP(vecs.shape[1])
        flat.add(vecs)
        _, exact = flat.search(q, k)
        _, approx = index.search(q, k)
        got = [len(set(ids[e]) & set(a)) / k for e, a in zip(exact, approx, strict=True)]
        return {"kind": index.kind, "recall_at_k": round(float(np.mean(got)), 3), "queries": len(queries)}
    finally:
        coll.close()


def inprocess_costs(target: Path, queries: list[str], k: int, batch: int = 8) -> dict[str, Any]:
    """CPU milliseconds per new query of each serving step, in this process on one thread: the
    model (``batch`` queries a call), the feedback step, the article index alone, and a whole search
    with its vector given, first with an empty article cache (new articles) then a warm one."""
    import resource

    import faiss

    import comparator.search as search_mod
    from comparator.collection import Collection
    from comparator.config import Settings
    from comparator.embed import load_embedder

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    faiss.omp_set_num_threads(1)
    coll = Collection(target, exact_max=EXACT_MAX, create=False)
    try:
        embedder = load_embedder(Settings())
        embedder.encode(queries[:batch])  # first call: shapes compiled
        c0 = cpu()
        raw = np.concatenate([embedder.encode(queries[i : i + batch]) for i in range(0, len(queries), batch)])
        model_ms = (cpu() - c0) * 1000 / len(queries)
        vectors = dict(zip(queries, raw, strict=True))

        class Given:  # the search with its query vector already known
            dim, name = embedder.dim, embedder.name

            def encode(self, texts: list[str]) -> np.ndarray:
                return np.stack([vectors[t] for t in texts])

        def per_query(step: Any) -> float:
            c0 = cpu()
            for q in queries:
                step(q)
            return round((cpu() - c0) * 1000 / len(queries), 2)

        def centered(q: str) -> np.ndarray:
            return coll.center_query(vectors[q], search_mod._query_lang(q))

        index = coll.article_index
        cache = search_mod.ArticleCache()
        tokens = embedder.count_tokens(queries)
        padded = sum(
            -(-max(tokens[i : i + batch]) // 8) * 8 * len(tokens[i : i + batch])
            for i in range(0, len(tokens), batch)
        )
        return {
            "queries": len(queries),
            "model_batch": batch,
            "model_ms": round(model_ms, 2),
            "mean_tokens": round(sum(tokens) / len(tokens), 1),
            "padding_share": round(1 - sum(tokens) / padded, 3),
            "model_us_per_token_full_batch": _per_token_us(embedder, batch),
            "feedback_ms": per_query(
                lambda q: search_mod._with_feedback(coll, centered(q), search_mod._query_lang(q))
            ),
            "article_index_ms": per_query(lambda q: index.search(centered(q)[None, :], k)),
            "search_new_articles_ms": per_query(
                lambda q: search_mod.search(coll, Given(), q, k=k, cache=cache)
            ),
            "search_cached_ms": per_query(lambda q: search_mod.search(coll, Given(), q, k=k, cache=cache)),
        }
    finally:
        coll.close()


def _per_token_us(embedder: Any, batch: int) -> dict[str, float]:
    """CPU microseconds per token of one call of ``batch`` sequences of 16 and of 32 tokens, no
    padding: the model's cost when a batch holds queries of one length."""
    import resource

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    out = {}
    for words in (10, 24):  # about 16 and 32 tokens with the prefix and the special tokens
        texts = [" ".join(["news"] * words) + f" {i}" for i in range(batch)]
        n_tokens = sum(embedder.count_tokens(texts))
        embedder.encode(texts)
        c0 = cpu()
        for _ in range(20):
            embedder.encode(texts)
        out[f"{n_tokens // batch}_tokens"] = round((cpu() - c0) * 1e6 / (20 * n_tokens), 1)
    return out


# ------------------------------------------------------------------------------------ serving


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(index: Path, port: int) -> subprocess.Popen[bytes]:
    # Default settings: the indexes are loaded as built (counts match, so nothing is rebuilt).
    env = dict(os.environ)
    cmd = [
        sys.executable,
        "-m",
        "comparator",
        "serve",
        "--index",
        str(index),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL)


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 600) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            if httpx.get(base + "/api/health", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the server did not become ready")


def timed_run(pid: int, port: int, queries: list[str], args: argparse.Namespace) -> dict[str, Any]:
    """``drive`` plus the server's CPU time per request (user + system): what a request costs the
    server, which the shared machine's load does not inflate the way it inflates latency."""
    import psutil

    server = psutil.Process(pid)
    t0 = server.cpu_times()
    out = run(drive(port, queries, args.clients, args.k))
    t1 = server.cpu_times()
    cpu = (t1.user + t1.system - t0.user - t0.system) * 1000 / max(1, out["requests"])
    return {**out, "server_cpu_ms_per_request": round(cpu, 2)}


def rss_mb(pid: int) -> float:
    import psutil

    return round(psutil.Process(pid).memory_info().rss / 2**20, 1)


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> tuple[int, bytes]:
    """One HTTP/1.1 keep-alive GET on an open connection: (status, body)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, await reader.readexactly(length)


async def drive(port: int, queries: list[str], clients: int, k: int) -> dict[str, Any]:
    """``clients`` keep-alive connections, each sending its next query as soon as the last answer
    is in (closed loop). Raw asyncio, not an HTTP library: the client shares the server's 2 cores,
    and httpx spent 3.5 ms of CPU per request, three times what the server spent (this: 0.15 ms)."""
    from urllib.parse import quote

    paths = iter([f"/api/search?k={k}&q={quote(q)}" for q in queries])
    latencies: list[float] = []
    errors = 0

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for path in paths:
                t0 = time.perf_counter()
                try:
                    status, body = await _get(reader, writer, path)
                    ok = status == 200 and json.loads(body)["count"] > 0
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    ok = False
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                latencies.append((time.perf_counter() - t0) * 1000)
                errors += not ok
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    wall = time.perf_counter() - t0
    lat = np.array(latencies)
    return {
        "p50_ms": round(float(np.percentile(lat, 50)), 1),
        "p95_ms": round(float(np.percentile(lat, 95)), 1),
        "p99_ms": round(float(np.percentile(lat, 99)), 1),
        "rps": round(len(lat) / wall, 1),
        "errors": errors,
        "requests": len(lat),
    }


def run(coro: Any) -> Any:
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def measure(index: Path, queries: list[str], args: argparse.Namespace) -> dict[str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(index, port)
    try:
        wait_ready(base, proc)
        cold_q = queries[: args.cold_requests]
        pool = queries[args.cold_requests : args.cold_requests + args.pool]
        warm = (pool * (args.requests // max(1, len(pool)) + 1))[: args.requests]
        random.Random(3).shuffle(warm)
        run(drive(port, queries[-40:], args.clients, args.k))  # warm-up: connections, first calls
        rss_start = rss_mb(proc.pid)
        load_start = os.getloadavg()[0]
        cold = timed_run(proc.pid, port, cold_q, args)
        run(drive(port, pool, args.clients, args.k))  # every pool query asked once
        rss_mid = rss_mb(proc.pid)
        cached = timed_run(proc.pid, port, warm, args)
        rss_end = rss_mb(proc.pid)
        load_end = os.getloadavg()[0]
        health = json.loads(__import__("httpx").get(base + "/api/health").text)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {
        **{
            key: cold[key]
            for key in (
                "p50_ms",
                "p95_ms",
                "p99_ms",
                "rps",
                "errors",
                "requests",
                "server_cpu_ms_per_request",
            )
        },
        "query_mix": "cold: every query new (the model embeds each; concurrent ones share a call)",
        "cached": {
            **cached,
            "query_mix": f"{len(pool)} distinct queries, each asked before (query-vector cache hits)",
        },
        "rss_mb_start": rss_start,
        "rss_mb_after_cold": rss_mid,
        "rss_mb_end": rss_end,
        "model_calls": health.get("query_cache", {}).get("model_calls"),
        "articles": health["articles"],
        "clients": args.clients,
        "k": args.k,
        "load_average_1min": [round(load_start, 2), round(load_end, 2)],
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10000,100000", help="Comma-separated article counts.")
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--requests", type=int, default=4000, help="Requests of the cached run.")
    p.add_argument("--cold-requests", type=int, default=1000, help="Requests with never-seen queries.")
    p.add_argument("--pool", type=int, default=300, help="Distinct queries of the cached run.")
    p.add_argument("--recall-queries", type=int, default=200, help="Queries for the index recall check.")
    p.add_argument("--k", type=int, default=10)
    p.add_argument(
        "--workdir",
        type=Path,
        default=Path("/tmp/comparator-bench-api"),
        help="Where the indexes are built (kept and reused; delete to rebuild).",
    )
    p.add_argument(
        "--costs",
        type=int,
        default=0,
        metavar="N",
        help="Instead of the load test: CPU ms per new query of each serving step, in-process, on N queries.",
    )
    args = p.parse_args()
    if not DATA.is_dir():
        print(json.dumps({"note": f"skipped: real data not found at {DATA}"}))
        return
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    docs = load_documents(DATA)
    queries = load_queries(DATA)
    log(f"{len(docs)} distinct documents, {len(queries)} distinct queries")
    args.workdir.mkdir(parents=True, exist_ok=True)
    build_seed(args.workdir / "seed", docs)
    results: dict[str, Any] = {}
    for n in sizes:
        index = args.workdir / f"n{n}"
        build_replicated(args.workdir / "seed", index, n)
        default_article_index(index)
        if args.costs:
            results[str(n)] = inprocess_costs(index, queries[: args.costs], args.k)
            log(json.dumps({str(n): results[str(n)]}))
            continue
        recall = index_recall(index, queries[-args.recall_queries :], args.k)
        log(f"measuring {n} articles (article index: {recall})")
        results[str(n)] = {**measure(index, queries, args), "article_index": recall}
        log(json.dumps({str(n): results[str(n)]}))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
