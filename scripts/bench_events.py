"""Benchmark ingest -> events.jsonl: wall time and peak memory for 1k, 5k and 20k articles.

Prints JSON: ``{"<n_articles>": {"seconds": .., "peak_mb": .., ...}, ..., "cold_<n>": {...}}``.

Corpora are built from real text: the 843 FLORES-200 devtest articles (en/ja/ko) are repeated under
different dates and outlets. A verbatim repeat would be dropped by ingest as already stored, so
article k is base article k mod 843 plus the first sentence of another base article in its
language (a different one for each repeat); the repeats of a base article are near-copies of the
first (ingest marks them ``copy_of``). Dates spread the articles
evenly, about ``--per-day`` articles a day, so the number of articles per time window stays fixed as
n grows (as in a real feed); the three language versions of a base article share a day (one
event of three reports) and its repeats fall weeks apart.

Embeddings are cached by text hash, and every sentence of these corpora is a FLORES sentence, so
the timed runs start from an embedding cache filled once from the base articles ("warm"): they
time segmentation, near-copy detection, storage, FAISS and the events job, not the model. The
cold figure (``cold_843``: the base articles ingested with an empty cache) shows what the model
costs on top. Each size runs in its own process; peak_mb is that process's maximum resident set.

    .venv/bin/python scripts/bench_events.py                    # 1000, 5000, 20000
    .venv/bin/python scripts/bench_events.py --sizes 1000,10000 --cache /tmp/bench_cache
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

FLORES = (
    REPO.parent / "shared" / "data" / "flores200_devtest_eng_jpn_kor" / "flores200_devtest.eng_jpn_kor.jsonl"
)
START = datetime(2024, 1, 1, 6, 0, tzinfo=UTC)


def base_articles() -> list[dict[str, Any]]:
    docs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in FLORES.open(encoding="utf-8"):
        row = json.loads(line)
        docs[row["doc_id"]].append(row)
    out = []
    for n, rows in enumerate(docs.values()):
        rows.sort(key=lambda r: int(r["sent_in_doc"]))
        for field_, lang in (("eng", "en"), ("jpn", "ja"), ("kor", "ko")):
            out.append({"id": f"b{n}-{lang}", "lang": lang, "sentences": [r[field_] for r in rows]})
    return out


def corpus(n: int, per_day: int) -> list[dict[str, Any]]:
    """``n`` articles from the base ones: base k mod B, plus a sentence of another base article."""
    base = base_articles()
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, b in enumerate(base):
        by_lang[b["lang"]].append(i)
    days = max(1, n // per_day)
    out = []
    for k in range(n):
        b = base[k % len(base)]
        same = by_lang[b["lang"]]
        # Repeat r of a base article takes its extra sentence from a different article each time,
        # so no two generated articles have the same text (ingest would drop the second).
        r = k // len(base)
        other = base[same[(same.index(k % len(base)) + 1 + r) % len(same)]]
        extra = other["sentences"][0]
        # The en/ja/ko versions of a base article (k, k+1, k+2) share a day, so they make one
        # event; the stride puts one base article's repeats weeks apart.
        day = ((k // 3) * 7) % days
        when = START + timedelta(days=day, minutes=(k * 13) % 600)
        out.append(
            {
                "id": f"a{k}",
                "lang": b["lang"],
                "outlet": f"outlet-{k % 25}",
                "published_at": when.isoformat(),
                "text": "\n".join([*b["sentences"], extra]),
            }
        )
    return out


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _copy_cache(seed_store: Path, index: Path) -> None:
    """A fresh index whose embedding cache holds the seed's vectors (and nothing else)."""
    from comparator.store import Store

    store = Store(index / "store.sqlite")
    with sqlite3.connect(seed_store) as seed:
        meta = dict(seed.execute("SELECT key, value FROM meta WHERE key IN ('model', 'dim')"))
    store.check_model(meta["model"], int(meta["dim"]))
    store.db.execute("ATTACH DATABASE ? AS seed", (str(seed_store),))
    with store.transaction():
        store.db.execute("INSERT OR IGNORE INTO embeddings SELECT * FROM seed.embeddings")
    store.db.execute("DETACH DATABASE seed")
    store.close()


def run_once(n: int, work: Path, seed_store: Path | None, per_day: int) -> dict[str, Any]:
    """In this process: ingest ``n`` articles, run the job, report times and peak memory."""
    from comparator.collection import Collection
    from comparator.config import Settings
    from comparator.embed import load_embedder
    from comparator.eventjob import run_job
    from comparator.pipeline import ingest_paths

    index = work / "index"
    src = work / "articles.jsonl"
    records = (
        corpus(n, per_day)
        if seed_store is not None
        else [
            {
                "id": b["id"],
                "lang": b["lang"],
                "published_at": START.isoformat(),
                "text": "\n".join(b["sentences"]),
            }
            for b in base_articles()[:n]
        ]
    )
    _write_jsonl(src, records)
    if seed_store is not None:
        _copy_cache(seed_store, index)
    settings = Settings.from_env(index_dir=index)
    embedder = load_embedder(settings)  # model loading is outside the timed part
    t0 = time.perf_counter()
    collection = Collection(index, exact_max=settings.exact_index_max)
    rep = ingest_paths([src], collection=collection, embedder=embedder, settings=settings)
    t1 = time.perf_counter()
    job = run_job(collection.store, out_dir=work / "out")
    t2 = time.perf_counter()
    collection.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": round(t2 - t0, 1),
        "peak_mb": round(peak, 1),
        "ingest_seconds": round(t1 - t0, 1),
        "events_seconds": round(t2 - t1, 1),
        "articles": len(rep.added),
        "embedded_texts": rep.embedded_texts,
        "pairs_scored": job.pairs,
        "events": job.events,
    }


def _child(n: int, work: Path, seed: Path | None, per_day: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", str(n), "--work", str(work), "--per-day", str(per_day)]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {
            "error": proc.stderr.strip().splitlines()[-1]
            if proc.stderr.strip()
            else f"exit {proc.returncode}"
        }
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--per-day", type=int, default=60, help="Articles per day in the generated feed.")
    ap.add_argument("--cache", type=Path, default=None, help="Keep the warm-cache seed index here.")
    ap.add_argument("--no-cold", action="store_true", help="Skip the cold-cache figure.")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--seed", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child is not None:
        print(json.dumps(run_once(args.child, args.work, args.seed, args.per_day)))
        return 0
    if not FLORES.exists():
        print(json.dumps({"skipped": f"{FLORES} is absent"}))
        return 0
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench_events_") as tmp:
        cache = args.cache or Path(tmp) / "cache"
        seed = cache / "index" / "store.sqlite"
        n_base = len(base_articles())
        if not seed.exists() or not args.no_cold:
            # The cold run builds the seed: base articles, empty embedding cache.
            shutil.rmtree(cache, ignore_errors=True)
            cache.mkdir(parents=True)
            out[f"cold_{n_base}"] = _child(n_base, cache, None, args.per_day)
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            work = Path(tmp) / f"n{n}"
            work.mkdir()
            out[str(n)] = _child(n, work, seed, args.per_day)
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
