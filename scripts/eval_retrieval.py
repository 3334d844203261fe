#!/usr/bin/env python
"""Tatoeba accuracy@1 for jpn-eng and kor-eng, both directions, cosine and ratio margin (k=4).

Prints one JSON object: ``{"jpn-eng": {"cosine": .., "margin": .., "directions": {...}}, "kor-eng": ...}``
with each top figure the mean of both directions, in percent. When ../shared/data is absent it
prints ``{"skipped": reason}`` and exits 0.

    .venv/bin/python scripts/eval_retrieval.py [--model NAME_OR_PATH] [--precision fp32|int8]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("COMPARATOR_SHARED_DATA", REPO.parent / "shared" / "data"))
PAIRS = {"jpn-eng": "jpn", "kor-eng": "kor"}
TATOEBA = "tatoeba_laser_v1"

log = logging.getLogger("eval_retrieval")


def read_pair(data_dir: Path, pair: str, lang: str) -> tuple[list[str], list[str]]:
    folder = data_dir / TATOEBA
    src = (folder / f"tatoeba.{pair}.{lang}").read_text(encoding="utf-8").splitlines()
    eng = (folder / f"tatoeba.{pair}.eng").read_text(encoding="utf-8").splitlines()
    if len(src) != len(eng):
        raise SystemExit(f"{folder}: tatoeba.{pair} has {len(src)} {lang} lines but {len(eng)} eng lines")
    return src, eng


def evaluate(embedder, data_dir: Path) -> dict[str, dict]:
    """Run the evaluation with an already loaded embedder (the quality-gate test calls this)."""
    from comparator.embed.retrieval import bitext_accuracy

    results: dict[str, dict] = {}
    for pair, lang in PAIRS.items():
        src, eng = read_pair(data_dir, pair, lang)
        started = time.perf_counter()
        src_vecs = embedder.encode(src, show_progress=True)
        eng_vecs = embedder.encode(eng, show_progress=True)
        log.info(
            "%s: embedded %d + %d sentences in %.1f s",
            pair,
            len(src),
            len(eng),
            time.perf_counter() - started,
        )
        acc = bitext_accuracy(src_vecs, eng_vecs, k=4)
        directions = {
            f"{lang}->eng": {k: round(v, 2) for k, v in acc["src->tgt"].items()},
            f"eng->{lang}": {k: round(v, 2) for k, v in acc["tgt->src"].items()},
        }
        results[pair] = {
            "cosine": round((acc["src->tgt"]["cosine"] + acc["tgt->src"]["cosine"]) / 2, 2),
            "margin": round((acc["src->tgt"]["margin"] + acc["tgt->src"]["margin"]) / 2, 2),
            "directions": directions,
        }
    return results


def missing_data(data_dir: Path) -> str | None:
    folder = data_dir / TATOEBA
    for pair, lang in PAIRS.items():
        for side in (lang, "eng"):
            if not (folder / f"tatoeba.{pair}.{side}").is_file():
                return f"{folder / f'tatoeba.{pair}.{side}'} not found"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--model", default=None, help="sentence-transformers name or path (default: the bundled one)"
    )
    parser.add_argument("--precision", default=None, choices=["auto", "fp32", "int8"])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s", stream=sys.stderr)

    reason = missing_data(args.data_dir)
    if reason:
        print(json.dumps({"skipped": reason}))
        return 0

    from comparator.config import Settings
    from comparator.embed import load_embedder
    from comparator.errors import ComparatorError

    try:
        embedder = load_embedder(Settings.from_env(model=args.model, precision=args.precision))
    except ComparatorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    log.info("model %s", embedder.name)
    print(json.dumps(evaluate(embedder, args.data_dir), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
