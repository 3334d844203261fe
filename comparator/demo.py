"""The demo job: ingest the project's own sample corpus, then show what comparator does with it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEMO_QUERIES = (
    ("ko", "한일 정상 전화 통화"),  # the leaders' call, asked in Korean
)


def sample_corpus_path() -> Path:
    """The shipped sample corpus (articles.jsonl), written for this project."""
    path = Path(str(resources.files("comparator") / "data" / "sample" / "articles.jsonl"))
    return path
