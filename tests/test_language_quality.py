"""Quality gates for language id and segmentation on real data (../shared/data), via scripts/eval_language.py.

The minimums sit a little under the figures measured when they were set (docs/language.md); raise
them when the code gets better, never lower them silently.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.shared_data

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "eval_language.py"

# set -> (metric, minimum)
SEGMENTATION_MINIMUMS: dict[str, list[tuple[str, float]]] = {
    "flores-en": [("recall", 0.98), ("precision", 0.83)],
    "flores-ja": [("recall", 0.99), ("precision", 0.81)],
    "flores-ko": [("recall", 0.98), ("precision", 0.81)],
    "wmt22-ja-news": [("recall_after_mark", 0.93), ("precision", 0.99)],
    "wmt22-en-news": [("recall_after_mark", 0.90), ("precision", 0.99)],
    "park-ko-dev": [("recall_after_mark", 0.97), ("precision", 0.95)],
    "park-en-dev": [("recall_after_mark", 0.89), ("precision", 0.93)],
}
# Extra cuts that follow no sentence mark at all are surely wrong.
MAX_CUTS_NOT_AFTER_MARK = 3

LANGID_LIMIT = 400  # sentences per set: langdetect costs ~10 ms a sentence
LANGID_MINIMUMS = {
    "flores-eng": 0.995,
    "flores-jpn": 0.995,
    "flores-kor": 0.995,
    "tatoeba-jpn": 0.99,
    "tatoeba-kor": 0.99,
    "tatoeba-cmn": 0.98,
    "tatoeba-eng": 0.95,
}


@pytest.fixture(scope="module")
def evaluation() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_language", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def segmentation(evaluation: ModuleType, shared_data: Path) -> dict[str, dict]:
    return {
        name: evaluation.score_segmentation(docs, lang, sep)
        for name, lang, sep, docs in evaluation.segmentation_sets(shared_data)
    }


@pytest.mark.parametrize("name", sorted(SEGMENTATION_MINIMUMS))
def test_segmentation_quality(segmentation: dict[str, dict], name: str) -> None:
    got = segmentation[name]
    for metric, minimum in SEGMENTATION_MINIMUMS[name]:
        assert got[metric] >= minimum, f"{name} {metric} {got[metric]} < {minimum}"
    assert got["cuts_not_after_mark"] <= MAX_CUTS_NOT_AFTER_MARK, got


@pytest.fixture(scope="module")
def langid(evaluation: ModuleType, shared_data: Path) -> dict[str, dict]:
    return {
        name: evaluation.score_langid(texts[:LANGID_LIMIT], lang)
        for name, lang, texts in evaluation.langid_sets(shared_data)
    }


@pytest.mark.parametrize("name", sorted(LANGID_MINIMUMS))
def test_langid_quality(langid: dict[str, dict], name: str) -> None:
    got = langid[name]
    assert got["accuracy"] >= LANGID_MINIMUMS[name], got
    assert got["as_ja"] == 0, f"{name}: {got['as_ja']} sentences called Japanese"
