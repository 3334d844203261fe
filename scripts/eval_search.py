"""Cross-lingual search on the sample corpus: does an article's title find its event's other languages?

For every article of a multi-language gold event, its title is the query; a hit is when the top ``k``
results contain at least one article of the same event in every other language the event has.
Prints {"sample": {"queries": n, "all_langs_at_k": share, "k": k}}. The sample corpus is the project's
own (invented) text: this checks the product end to end; it is not an evaluation on real news.

    .venv/bin/python scripts/eval_search.py [--index DIR] [--k 6]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any


def evaluate(collection: Any, embedder: Any, gold: dict[str, Any], k: int = 6) -> dict[str, Any]:
    from comparator.search import search

    lang_of = {sa.article.id: sa.article.lang for sa in collection.store.iter_articles()}
    hits = total = 0
    misses = []
    for event in gold["events"]:
        for aid in event["articles"]:
            others = {x for x in event["articles"] if x != aid}
            need = {lang_of[x] for x in others} - {lang_of[aid]}
            if not need:
                continue
            title = collection.get(aid, with_sentences=False).article.title
            found = {
                h.article.lang for h in search(collection, embedder, title, k=k) if h.article.id in others
            }
            total += 1
            if need <= found:
                hits += 1
            else:
                misses.append({"article": aid, "missing_langs": sorted(need - found)})
    return {
        "queries": total,
        "all_langs_at_k": round(hits / total, 4) if total else None,
        "k": k,
        "misses": misses,
    }


def main() -> int:
    from comparator.collection import Collection
    from comparator.config import Settings
    from comparator.demo import sample_corpus_path
    from comparator.embed import load_embedder
    from comparator.pipeline import ingest_paths

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--index", type=Path, help="an index of the sample corpus (built in a temp dir if absent)"
    )
    ap.add_argument("--k", type=int, default=6)
    args = ap.parse_args()
    gold = json.loads((resources.files("comparator") / "data" / "sample" / "gold.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index or Path(tmp) / "index"
        settings = Settings.from_env(index_dir=index_dir)
        embedder = load_embedder(settings)
        coll = Collection(index_dir, exact_max=settings.exact_index_max)
        if coll.store.count("articles") == 0:
            ingest_paths([sample_corpus_path()], collection=coll, embedder=embedder, settings=settings)
        result = evaluate(coll, embedder, gold, k=args.k)
    json.dump({"sample": result}, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
