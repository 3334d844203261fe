"""Evaluate event finding (comparator align) against gold groupings.

Prints JSON: ``{"sample": {"precision", "recall", "f1", "bcubed_f1", ...}, "wmt22": {...}, "flores": {...}}``.

- ``sample``: the project's own corpus (comparator/data/sample, gold.json). Parameters were chosen on
  it, so it is a check, not an evaluation.
- ``wmt22``: every WMT22 general-test document (ja->en and en->ja, all four domains) as two articles,
  the source and its reference translation; each document is one event. All 1004 articles are in one
  pool and carry the SAME publication time, so the time window separates nothing: only the text does.
- ``flores``: every FLORES-200 devtest article (its sentences, grouped by source URL) in English,
  Japanese and Korean; each URL is one event of three articles, 843 articles in one pool, same time.

Parameters (comparator.eventscore.EventParams) were chosen on the sample corpus and on the "dev"
half of the WMT22 and FLORES documents (a document is in dev when the md5 of its event id is even);
``--split test`` scores the other half alone, ``--split all`` (the default) everything.

Indexes are built through the real pipeline (JSONL written to a work folder, ingest_paths, the
default model) and the real job (comparator.eventjob.run_job). ``--work DIR`` keeps them, so a
second run only pays for the job (embeddings are cached in each index's store).

    .venv/bin/python scripts/eval_events.py                     # all three, throwaway indexes
    .venv/bin/python scripts/eval_events.py --work /tmp/ev --only flores
    .venv/bin/python scripts/eval_events.py --work /tmp/ev --only wmt22 --domain conversation
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DATA = REPO.parent / "shared" / "data"
FLORES = DATA / "flores200_devtest_eng_jpn_kor" / "flores200_devtest.eng_jpn_kor.jsonl"
WMT = DATA / "wmt22_general_ja_en"
SAMPLE = REPO / "comparator" / "data" / "sample"
# One time for every article of the real sets: dates must not be what separates documents.
POOL_TIME = "2024-06-03T09:00:00+00:00"
DATASETS = ("sample", "wmt22", "flores")
# The quality-gate test (tests/test_events_real.py): gate -> (dataset, every n-th document, WMT22
# domain). Every n-th document keeps it short but breaks up the families of look-alike support
# chats, so the support chats are also a gate of their own, in one pool.
GATES: dict[str, tuple[str, int, str | None]] = {
    "wmt22": ("wmt22", 8, None),
    "flores": ("flores", 4, None),
    "wmt22_conversation": ("wmt22", 1, "conversation"),
}


# --------------------------------------------------------------------------- gold sets


def sample_set(every: int = 1, split: str = "all") -> tuple[list[dict[str, Any]], dict[str, str]]:
    records = [
        json.loads(line) for line in (SAMPLE / "articles.jsonl").open(encoding="utf-8") if line.strip()
    ]
    gold = json.loads((SAMPLE / "gold.json").read_text(encoding="utf-8"))
    labels = {aid: ev["id"] for ev in gold["events"] for aid in ev["articles"]}
    return records, labels


def in_split(event: str, split: str) -> bool:
    if split == "all":
        return True
    parity = int(hashlib.md5(event.encode("utf-8")).hexdigest(), 16) % 2
    return parity == (0 if split == "dev" else 1)


def wmt22_set(
    every: int = 1, split: str = "all", domain: str | None = None
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """WMT22 documents as article pairs; ``domain`` keeps one of news, social, ecommerce,
    conversation (all when None)."""
    records, labels = [], {}
    for name, tag in (("generaltest2022.ja-en.jsonl", "ja-en"), ("generaltest2022.en-ja.jsonl", "en-ja")):
        docs: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for line in (WMT / name).open(encoding="utf-8"):
            row = json.loads(line)
            docs[row["doc_id"]].append(row)
        for doc_id, rows in list(docs.items())[::every]:
            rows.sort(key=lambda r: int(r["seg_id"]))
            event = f"{tag}:{doc_id}"
            if not in_split(event, split) or (domain is not None and rows[0]["domain"] != domain):
                continue
            for lang in ("ja", "en"):
                aid = f"{event}:{lang}"
                text = "\n".join(r[lang] for r in rows)
                records.append({**_record(aid, lang, text, f"wmt22-{lang}"), "domain": rows[0]["domain"]})
                labels[aid] = event
    return records, labels


def flores_set(every: int = 1, split: str = "all") -> tuple[list[dict[str, Any]], dict[str, str]]:
    docs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in FLORES.open(encoding="utf-8"):
        row = json.loads(line)
        docs[row["doc_id"]].append(row)
    records, labels = [], {}
    for n, rows in list(enumerate(docs.values()))[::every]:
        if not in_split(f"flores{n:03d}", split):
            continue
        rows.sort(key=lambda r: int(r["sent_in_doc"]))
        for field_, lang in (("eng", "en"), ("jpn", "ja"), ("kor", "ko")):
            aid = f"flores{n:03d}:{lang}"
            records.append(_record(aid, lang, "\n".join(r[field_] for r in rows), f"flores-{lang}"))
            labels[aid] = f"flores{n:03d}"
    return records, labels


def _record(aid: str, lang: str, text: str, outlet: str) -> dict[str, Any]:
    return {"id": aid, "lang": lang, "text": text, "outlet": outlet, "published_at": POOL_TIME}


# --------------------------------------------------------------------------- metrics


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def cluster_scores(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 and B-cubed F1 over the articles both sides label."""
    items = sorted(set(pred) & set(gold))
    joint = Counter((pred[a], gold[a]) for a in items)
    pred_size = Counter(pred[a] for a in items)
    gold_size = Counter(gold[a] for a in items)
    tp = _pairs(joint.values())
    pp, gp = _pairs(pred_size.values()), _pairs(gold_size.values())
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    bp = sum(joint[(pred[a], gold[a])] / pred_size[pred[a]] for a in items) / max(len(items), 1)
    br = sum(joint[(pred[a], gold[a])] / gold_size[gold[a]] for a in items) / max(len(items), 1)
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "bcubed_f1": round(bf, 4),
        "articles": len(items),
        "gold_events": len(gold_size),
        "found_events": len(pred_size),
    }


def grouping_errors(pred: dict[str, str], gold: dict[str, str]) -> dict[str, list[list[Any]]]:
    """What to read first when F1 falls: found events that join several gold events (article ids,
    grouped by gold event) and gold events spread over several found events (likewise, by found
    event). The pair evidence is in the kept index (``--work``), table ``event_pairs``."""
    items = sorted(set(pred) & set(gold))
    by_pred: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    by_gold: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for a in items:
        by_pred[pred[a]][gold[a]].append(a)
        by_gold[gold[a]][pred[a]].append(a)
    return {
        "wrong_merges": [sorted(g.values()) for _, g in sorted(by_pred.items()) if len(g) > 1],
        "split_events": [sorted(g.values()) for _, g in sorted(by_gold.items()) if len(g) > 1],
    }


def shared_text_events(records: list[dict[str, Any]], labels: dict[str, str]) -> set[str]:
    """Events with an article that shares at least half of its lines verbatim with an article of
    another event in its language (WMT22 holds support chats and listings built from the same
    sentences: no reading of the text can tell those documents apart)."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    lines = {}
    for r in records:
        lines[r["id"]] = {x.strip() for x in r["text"].splitlines() if x.strip()}
        for x in lines[r["id"]]:
            owners[(r["lang"], x)].add(labels[r["id"]])
    out = set()
    for r in records:
        ev, own = labels[r["id"]], lines[r["id"]]
        shared: Counter[str] = Counter(o for x in own for o in owners[(r["lang"], x)] if o != ev)
        if own and any(2 * n >= len(own) for n in shared.values()):
            out.add(ev)
    return out


# --------------------------------------------------------------------------- running


def run_dataset(
    name: str,
    work: Path,
    embedder: Any,
    *,
    params: Any = None,
    every: int = 1,
    split: str = "all",
    domain: str | None = None,
    errors: bool = False,
) -> dict[str, Any]:
    """Ingest one gold set into ``work/name/index`` (kept articles are not re-embedded), run the job
    from scratch, score its events. ``every``: only every n-th document of a real set; ``domain``:
    only the WMT22 documents of that domain (ignored for the other sets); ``errors``: list the
    wrong merges and split events too (``grouping_errors``)."""
    from comparator.collection import Collection
    from comparator.config import Settings
    from comparator.eventjob import run_job
    from comparator.pipeline import ingest_paths

    if name == "wmt22":
        records, labels = wmt22_set(every, split, domain=domain)
    else:
        records, labels = {"sample": sample_set, "flores": flores_set}[name](every, split)
    tag = split if every == 1 else f"{split}_every{every}"
    folder = work / name / (tag if domain is None or name != "wmt22" else f"{tag}_{domain}")
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "articles.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    settings = Settings.from_env(index_dir=folder / "index")
    collection = Collection(settings.index_dir, exact_max=settings.exact_index_max)
    try:
        ingest = ingest_paths([src], collection=collection, embedder=embedder, settings=settings)
        report = run_job(collection.store, out_dir=folder / "out", params=params, rebuild=True)
        pred = {}
        with (folder / "out" / "events.jsonl").open(encoding="utf-8") as f:
            for line in f:
                ev = json.loads(line)
                pred.update({aid: ev["id"] for aid in ev["article_ids"]})
    finally:
        collection.close()
    scores: dict[str, Any] = cluster_scores(pred, labels)
    scores["skipped_at_ingest"] = len(ingest.skipped)
    scores["pairs_scored"] = report.pairs
    if errors:
        scores["errors"] = grouping_errors(pred, labels)
    shared = shared_text_events(records, labels)
    if shared:  # the same run, scored on the events whose texts are their own
        keep = {a for a, e in labels.items() if e not in shared}
        scores["distinct_texts"] = cluster_scores(
            {a: e for a, e in pred.items() if a in keep}, {a: g for a, g in labels.items() if a in keep}
        )
    domains = {r["id"]: r["domain"] for r in records if "domain" in r}
    if domains:  # the same run, scored per WMT22 domain (news, ecommerce, conversation, social)
        scores["by_domain"] = {
            d: cluster_scores(
                {a: e for a, e in pred.items() if domains.get(a) == d},
                {a: g for a, g in labels.items() if domains.get(a) == d},
            )
            for d in sorted(set(domains.values()))
        }
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--only", default=",".join(DATASETS), help="Comma-separated subset of: " + ", ".join(DATASETS)
    )
    ap.add_argument("--work", type=Path, default=None, help="Keep the indexes here (default: a temp dir).")
    ap.add_argument("--params", default="{}", help="JSON overrides of EventParams, for experiments.")
    ap.add_argument("--every", type=int, default=1, help="Only every n-th document of wmt22 and flores.")
    ap.add_argument(
        "--errors", action="store_true", help="Also list the wrong merges and split events (article ids)."
    )
    ap.add_argument(
        "--split", choices=("all", "dev", "test"), default="all", help="Which half of wmt22/flores."
    )
    ap.add_argument(
        "--domain",
        choices=("news", "social", "ecommerce", "conversation"),
        default=None,
        help="Only the WMT22 documents of this domain, in a pool of their own.",
    )
    args = ap.parse_args(argv)
    from comparator.config import Settings
    from comparator.embed import load_embedder
    from comparator.events import EventParams

    params = EventParams(**json.loads(args.params))
    wanted = [d.strip() for d in args.only.split(",") if d.strip()]
    out: dict[str, Any] = {}
    embedder = None
    with tempfile.TemporaryDirectory(prefix="eval_events_") as tmp:
        work = args.work or Path(tmp)
        for name in wanted:
            if name != "sample" and not DATA.exists():
                out[name] = {"skipped": f"{DATA} is absent"}
                continue
            embedder = embedder or load_embedder(Settings.from_env())
            out[name] = run_dataset(
                name,
                work,
                embedder,
                params=params,
                every=args.every,
                split=args.split,
                domain=args.domain,
                errors=args.errors,
            )
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
