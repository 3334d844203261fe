#!/usr/bin/env python
"""Comparison speed (issue 4): two 40-sentence articles cached and uncached, an event of 10 cached.

Inputs are built from the bundled sample corpus (our own invented ko/ja/en articles):
- two 40-sentence articles: the first 40 sentences of all Korean, and of all Japanese, sample
  articles concatenated (cross-language, the usual case);
- an event of 10 articles: the six reports of the leaders' call plus the four of the earlier call.

"cached" = the sentence vectors are given (as compare_stored reads them from the store); the model
does not run. "uncached" = every sentence is embedded by the real default model inside the timed
call. The model load and the first comparison of the process (on the 10-article event, so every
language's word counts run: the fugashi tagger, the quote and figure rule tables are built then) are
measured apart and excluded from the medians.

Prints JSON:
  {"two_articles_cached": {"median_ms", "target_ms", "runs", "sentences"}, "two_articles_uncached": {...},
   "event_10_cached": {...}, "embed_only_ms", "first_call_ms", "model_load_s", "model", "threads",
   "load_average"}

    .venv/bin/python scripts/bench_compare.py [--runs 7] [--uncached-runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "comparator" / "data" / "sample"
TARGETS_MS = {"two_articles_cached": 300, "two_articles_uncached": 2000, "event_10_cached": 3000}


def load_sample():
    from comparator.ingest import iter_documents
    from comparator.pipeline import prepare_article

    return [prepare_article(d, max_chars=200_000) for d in iter_documents([SAMPLE / "articles.jsonl"])]


def long_article(arts, lang: str, n: int):
    """The first ``n`` sentences of every ``lang`` sample article, joined into one article."""
    from comparator.pipeline import prepare_article
    from comparator.schema import RawDocument

    sentences = [s.text for a in arts if a.lang == lang for s in a.sentences][:n]
    art = prepare_article(
        RawDocument(text="\n".join(sentences), lang=lang, id=f"long-{lang}"), max_chars=200_000
    )
    return art


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def entry(name: str, times: list[float], sentences: list[int]) -> dict:
    return {
        "median_ms": round(statistics.median(times), 1),
        "target_ms": TARGETS_MS[name],
        "runs": len(times),
        "sentences": sentences,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--uncached-runs", type=int, default=3)
    args = ap.parse_args()

    from comparator.compare import compare_articles
    from comparator.config import Settings
    from comparator.embed import load_embedder

    settings = Settings.from_env()
    t = time.perf_counter()
    embedder = load_embedder(settings)
    model_load_s = time.perf_counter() - t

    arts = load_sample()
    pair = [long_article(arts, "ko", 40), long_article(arts, "ja", 40)]
    by_id = {a.id: a for a in arts}
    event_ids = [i for i in by_id if i.startswith(("call-", "sepcall-"))]
    event = [by_id[i] for i in event_ids]

    def vectors(group):
        return [embedder.encode([s.text for s in a.sentences]) for a in group]

    pair_vecs, event_vecs = vectors(pair), vectors(event)
    t = time.perf_counter()
    compare_articles(event, vectors=event_vecs)
    first_call_ms = (time.perf_counter() - t) * 1000

    result = {
        "two_articles_cached": entry(
            "two_articles_cached",
            timed(lambda: compare_articles(pair, vectors=pair_vecs), args.runs),
            [len(a.sentences) for a in pair],
        ),
        "two_articles_uncached": entry(
            "two_articles_uncached",
            timed(lambda: compare_articles(pair, embedder=embedder), args.uncached_runs),
            [len(a.sentences) for a in pair],
        ),
        "event_10_cached": entry(
            "event_10_cached",
            timed(lambda: compare_articles(event, vectors=event_vecs), args.runs),
            [len(a.sentences) for a in event],
        ),
        # Where the uncached time goes: the model alone on the same 80 sentences.
        "embed_only_ms": round(statistics.median(timed(lambda: vectors(pair), args.uncached_runs)), 1),
        "first_call_ms": round(first_call_ms, 1),
        "model_load_s": round(model_load_s, 2),
        "model": getattr(embedder, "name", None),
        "threads": settings.num_threads or "library default",
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
