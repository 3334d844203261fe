"""Cross-lingual search on the sample corpus: does an article's title find its event's other languages?

For every article of a multi-language gold event, its title is the query; a hit is when the top ``k``
results contain at least one article of the same event in every other language the event has.
Prints {"sample": {"queries": n, "all_langs_at_k": share, "k": k}}. The sample corpus is the project's
own (invented) text: this checks the product end to end; it is not an evaluation on real news.

With ``--flores``, also real text: every FLORES-200 devtest article (its sentences, grouped by
source URL) is stored in English, Japanese and Korean; the article's second sentence in one language
is the query, restricted to each other language (``lang`` filter): acc@1 and MRR@10 of finding the
same article, with the query feedback as shipped and with its weight set to 0 (off). Skipped with a
note when ../shared/data is absent.

    .venv/bin/python scripts/eval_search.py [--index DIR] [--k 6] [--flores] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
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


DATA = Path(os.environ.get("COMPARATOR_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
FLORES = DATA / "flores200_devtest_eng_jpn_kor" / "flores200_devtest.eng_jpn_kor.jsonl"
FLORES_LANGS = {"eng": "en", "jpn": "ja", "kor": "ko"}


def flores_search(work: Path) -> dict[str, Any]:
    """Sentence -> same article in another language, on real FLORES articles (see the module doc)."""
    import numpy as np

    import comparator.search as search_mod
    from comparator.collection import Collection
    from comparator.config import Settings
    from comparator.embed import load_embedder
    from comparator.pipeline import ingest_paths

    if not FLORES.is_file():
        return {"note": f"skipped: {FLORES} not found"}
    docs: dict[str, list[dict[str, Any]]] = {}
    for line in FLORES.open(encoding="utf-8"):
        row = json.loads(line)
        docs.setdefault(row["doc_id"], []).append(row)
    for rows in docs.values():
        rows.sort(key=lambda r: r["sent_in_doc"])
    settings = Settings.from_env(index_dir=work / "flores-index")
    embedder = load_embedder(settings)
    coll = Collection(settings.index_dir, exact_max=settings.exact_index_max)
    if coll.store.count("articles") == 0:
        records = work / "flores-articles.jsonl"
        with records.open("w", encoding="utf-8") as out:
            for n, rows in enumerate(docs.values()):
                for key, lang in FLORES_LANGS.items():
                    text = "\n".join(r[key] for r in rows)
                    out.write(
                        json.dumps({"id": f"{lang}:{n}", "lang": lang, "title": "", "text": text}) + "\n"
                    )
        ingest_paths([records], collection=coll, embedder=embedder, settings=settings)
    queries = [
        (rows[1][key], other, f"{other}:{n}")
        for n, rows in enumerate(docs.values())
        if len(rows) >= 2
        for key, lang in FLORES_LANGS.items()
        for other in FLORES_LANGS.values()
        if other != lang
    ]
    texts = list(dict.fromkeys(q for q, _, _ in queries))
    vectors = dict(zip(texts, embedder.encode(texts), strict=True))

    class Given:  # every query embedded once, for both settings
        dim, name = embedder.dim, embedder.name

        def encode(self, batch: list[str]) -> np.ndarray:
            return np.stack([vectors[t] for t in batch])

    out: dict[str, Any] = {"queries": len(queries)}
    shipped = search_mod.FEEDBACK_WEIGHT
    try:
        for label, weight in (("feedback", shipped), ("no_feedback", 0.0)):
            search_mod.FEEDBACK_WEIGHT = weight
            top1 = rr = 0.0
            for query, lang, want in queries:
                hits = search_mod.search(
                    coll, Given(), query, k=10, filters=search_mod.SearchFilters(lang=lang)
                )
                ids = [h.article.id for h in hits]
                top1 += ids[:1] == [want]
                rr += 1 / (ids.index(want) + 1) if want in ids else 0.0
            out[label] = {
                "weight": weight,
                "acc_at_1": round(top1 / len(queries), 4),
                "mrr_at_10": round(rr / len(queries), 4),
            }
    finally:
        search_mod.FEEDBACK_WEIGHT = shipped
        coll.close()
    return out


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
    ap.add_argument("--flores", action="store_true", help="also the FLORES sentence -> article check")
    ap.add_argument("--work", type=Path, help="where the FLORES index is built (kept; a temp dir if absent)")
    args = ap.parse_args()
    gold = json.loads((resources.files("comparator") / "data" / "sample" / "gold.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index or Path(tmp) / "index"
        settings = Settings.from_env(index_dir=index_dir)
        embedder = load_embedder(settings)
        coll = Collection(index_dir, exact_max=settings.exact_index_max)
        if coll.store.count("articles") == 0:
            ingest_paths([sample_corpus_path()], collection=coll, embedder=embedder, settings=settings)
        result: dict[str, Any] = {"sample": evaluate(coll, embedder, gold, k=args.k)}
        coll.close()
        if args.flores:
            work = args.work or Path(tmp)
            work.mkdir(parents=True, exist_ok=True)
            result["flores"] = flores_search(work)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
