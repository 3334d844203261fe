"""Ingest readers: JSONL records, folders of text/Markdown/HTML files, single HTML pages and scraped
page text, turned into :class:`comparator.schema.RawDocument` objects; plus duplicate detection.

Readers never raise on a bad input: they yield an :class:`comparator.errors.InputError` naming the file
(and line) in its place, so the caller applies ``--on-error skip|raise`` and lists what it skipped.
Readers set ``RawDocument.id`` only when the input declares one; stable ids come from
:func:`comparator.ingest.dedup.article_id`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from comparator.errors import InputError
from comparator.ingest.dedup import (
    NearDuplicateIndex,
    article_id,
    content_hash,
    normalize_for_hash,
    normalize_url,
    shingles,
)
from comparator.ingest.files import iter_path
from comparator.ingest.html import extract_html
from comparator.ingest.jsonl import document_from_record, read_jsonl
from comparator.ingest.scraped import is_scraped_page, split_scraped_page
from comparator.schema import RawDocument

__all__ = [
    "NearDuplicateIndex",
    "article_id",
    "content_hash",
    "document_from_record",
    "extract_html",
    "is_scraped_page",
    "iter_documents",
    "normalize_for_hash",
    "normalize_url",
    "read_jsonl",
    "shingles",
    "split_scraped_page",
]


def iter_documents(
    paths: Sequence[Path | str], *, crawl_time: datetime | None = None
) -> Iterator[RawDocument | InputError]:
    """Every article in ``paths`` (files or folders, in the order given; folders walked in sorted
    order), with an InputError yielded in place of each input that cannot be read.

    ``crawl_time`` resolves the relative times of scraped pages ("27 minutes ago") to dates.
    """
    for path in paths:
        yield from iter_path(Path(path), crawl_time=crawl_time)
