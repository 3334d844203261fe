"""Measure language identification and sentence segmentation on real data; print JSON.

    .venv/bin/python scripts/eval_language.py [--data ../shared/data] [--limit N]

Segmentation: the sentences of each document (FLORES-200 devtest articles, WMT22 news documents,
groups of five lines of the Park ko-en news set) are joined back into running text (a space between
them, nothing in Japanese) and split again. ``recall`` is the share of true boundaries found. Some
reference "sentences" hold two sentences, so an extra cut is not always wrong: ``precision`` is a
lower bound, and ``cuts_not_after_mark`` counts the extra cuts that follow no sentence mark at all
(those are surely wrong). WMT headlines end without punctuation and run into the body when joined
(in an article a line break separates them), so ``recall_after_mark`` counts only boundaries after a
sentence mark.

Language id: accuracy on single sentences (FLORES eng/jpn/kor, Tatoeba jpn/kor/cmn/eng). Chinese
counts as correct for zh-cn or zh-tw; ``as_ja`` counts Chinese sentences called Japanese.
Prints {"segmentation": {set: {...}}, "langid": {set: {...}}}; exits 2 when the data is absent.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from comparator.errors import UnsupportedLanguageError  # noqa: E402
from comparator.langid import detect_language  # noqa: E402
from comparator.segment import split_sentences  # noqa: E402

MARKS = ".!?。！？．…\"”’')）」』"
FLORES = "flores200_devtest_eng_jpn_kor/flores200_devtest.eng_jpn_kor.jsonl"


def _flores_docs(data: Path, field: str) -> list[list[str]]:
    docs: dict[str, list[str]] = collections.OrderedDict()
    for line in (data / FLORES).open(encoding="utf-8"):
        row = json.loads(line)
        docs.setdefault(row["doc_id"], []).append(row[field])
    return list(docs.values())


def _wmt_docs(data: Path, name: str, field: str) -> list[list[str]]:
    docs: dict[str, list[str]] = collections.OrderedDict()
    for line in (data / "wmt22_general_ja_en" / name).open(encoding="utf-8"):
        row = json.loads(line)
        if row["domain"] == "news":
            docs.setdefault(row["doc_id"], []).append(row[field])
    return list(docs.values())


def _park_docs(data: Path, name: str) -> list[list[str]]:
    path = data / "korean_english_news_park" / "upstream" / name
    lines = [x.strip() for x in path.open(encoding="utf-8") if x.strip()]
    return [lines[i : i + 5] for i in range(0, len(lines), 5)]


def segmentation_sets(data: Path) -> Iterator[tuple[str, str, str, list[list[str]]]]:
    yield "flores-en", "en", " ", _flores_docs(data, "eng")
    yield "flores-ja", "ja", "", _flores_docs(data, "jpn")
    yield "flores-ko", "ko", " ", _flores_docs(data, "kor")
    yield "wmt22-ja-news", "ja", "", _wmt_docs(data, "generaltest2022.ja-en.jsonl", "ja")
    yield "wmt22-en-news", "en", " ", _wmt_docs(data, "generaltest2022.en-ja.jsonl", "en")
    yield "park-ko-dev", "ko", " ", _park_docs(data, "korean-english-park.dev.ko")
    yield "park-en-dev", "en", " ", _park_docs(data, "korean-english-park.dev.en")


def score_segmentation(docs: list[list[str]], lang: str, sep: str) -> dict[str, float | int]:
    found = extra = missed = not_after_mark = found_marked = missed_marked = 0
    start = time.perf_counter()
    for sents in docs:
        parts = [s.strip() for s in sents if s.strip()]
        text = sep.join(parts)
        gold, pos = set(), 0
        for prev in parts[:-1]:
            pos += len(prev) + len(sep)
            gold.add(pos)
        cuts = {s.start for s in split_sentences(text, lang)[1:]}
        found += len(gold & cuts)
        missed += len(gold - cuts)
        extra += len(cuts - gold)
        not_after_mark += sum(1 for c in cuts - gold if text[:c].rstrip()[-1:] not in MARKS)
        marked = {g for g in gold if text[:g].rstrip()[-1:] in MARKS}
        found_marked += len(marked & cuts)
        missed_marked += len(marked - cuts)
    return {
        "documents": len(docs),
        "boundaries": found + missed,
        "recall": round(found / max(1, found + missed), 4),
        "recall_after_mark": round(found_marked / max(1, found_marked + missed_marked), 4),
        "precision": round(found / max(1, found + extra), 4),
        "cuts_not_after_mark": not_after_mark,
        "seconds": round(time.perf_counter() - start, 2),
    }


def langid_sets(data: Path) -> Iterator[tuple[str, str, list[str]]]:
    rows = [json.loads(x) for x in (data / FLORES).open(encoding="utf-8")]
    for field, lang in (("eng", "en"), ("jpn", "ja"), ("kor", "ko")):
        yield f"flores-{field}", lang, [r[field] for r in rows]
    tat = data / "tatoeba_laser_v1"
    for pair, side, lang in (("jpn-eng", "jpn", "ja"), ("kor-eng", "kor", "ko"), ("cmn-eng", "cmn", "zh")):
        yield (
            f"tatoeba-{side}",
            lang,
            [x.strip() for x in (tat / f"tatoeba.{pair}.{side}").open(encoding="utf-8")],
        )
    yield "tatoeba-eng", "en", [x.strip() for x in (tat / "tatoeba.jpn-eng.eng").open(encoding="utf-8")]


def score_langid(texts: list[str], lang: str) -> dict[str, float | int | dict[str, int]]:
    labels: collections.Counter[str] = collections.Counter()
    start = time.perf_counter()
    for text in texts:
        try:
            labels[detect_language(text)] += 1
        except UnsupportedLanguageError:
            labels["error"] += 1
    right = sum(n for code, n in labels.items() if code.split("-")[0] == lang)
    return {
        "sentences": len(texts),
        "accuracy": round(right / max(1, len(texts)), 4),
        "as_ja": labels["ja"] if lang != "ja" else 0,
        "labels": dict(labels.most_common(6)),
        "ms_per_sentence": round((time.perf_counter() - start) / max(1, len(texts)) * 1000, 2),
    }


def evaluate(data: Path, limit: int | None = None) -> dict[str, dict[str, dict]]:
    seg = {
        name: score_segmentation(docs[:limit], lang, sep) for name, lang, sep, docs in segmentation_sets(data)
    }
    lid = {name: score_langid(texts[:limit], lang) for name, lang, texts in langid_sets(data)}
    return {"segmentation": seg, "langid": lid}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--limit", type=int, default=None, help="documents / sentences per set")
    args = ap.parse_args()
    if not (args.data / FLORES).is_file():
        print(json.dumps({"error": f"evaluation data not found under {args.data}"}))
        return 2
    print(json.dumps(evaluate(args.data, args.limit), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
