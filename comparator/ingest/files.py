"""Files and folders: walk them in a fixed order and hand each file to the reader for its extension.

- ``.txt`` / ``.md``: UTF-8 text (a BOM is allowed). A text that looks like a scraped page
  (:func:`comparator.ingest.scraped.is_scraped_page`) is split into its stories; any other text is one
  article, passed through unchanged apart from its title line and surrounding blank lines.
  Title rule: the first non-empty line is the title when it looks like a headline (at most 150
  characters, no final period, comma or colon) and more text follows it. In Markdown a ``# heading``
  or an underlined (``===`` / ``---``) first line is always the title, without its markup.
- ``.html`` / ``.htm``: one page through trafilatura (:mod:`comparator.ingest.html`).
- ``.jsonl``: one record per line (:mod:`comparator.ingest.jsonl`).

Folders are walked recursively in sorted path order; hidden files and folders (name starting with
".") are skipped, symlinked folders are not followed (no loops), and files with other extensions are
ignored (logged at debug). A file named explicitly with another extension is an InputError.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from comparator.errors import InputError
from comparator.ingest.html import extract_html
from comparator.ingest.jsonl import read_jsonl
from comparator.ingest.scraped import is_scraped_page, looks_like_headline, split_scraped_page
from comparator.schema import RawDocument

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

_MD_ATX = re.compile(r"#{1,6}\s+(.*?)\s*#*")
_MD_SETEXT_RULE = re.compile(r"(?:=+|-+)")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source=str(path)) from None


def decode_utf8(data: bytes, *, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8", source=source
        ) from None


def split_title(text: str, *, markdown: bool = False) -> tuple[str, str]:
    """(title, body) by the title rule in the module doc; title is "" when the first line is not one."""
    lines = text.splitlines()
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        return "", ""
    head = lines[first].strip()
    rest = lines[first + 1 :]
    title = ""
    if markdown and (m := _MD_ATX.fullmatch(head)):
        title = m.group(1)
    elif markdown and rest and _MD_SETEXT_RULE.fullmatch(rest[0].strip()):
        title, rest = head, rest[1:]
    elif looks_like_headline(head) and any(ln.strip() for ln in rest):
        title = head
    if not title:
        rest = lines[first:]
    return title, "\n".join(ln.rstrip() for ln in rest).strip("\n")


def read_text_file(path: Path, *, crawl_time: datetime | None = None) -> list[RawDocument | InputError]:
    """One article, or the stories of a scraped page; an InputError for an unreadable or empty file."""
    source = str(path)
    try:
        text = decode_utf8(read_bytes(path), source=source)
    except InputError as exc:
        return [exc]
    if is_scraped_page(text):
        return split_scraped_page(text, source=source, crawl_time=crawl_time)
    title, body = split_title(text, markdown=path.suffix.lower() == ".md")
    if not body.strip():
        return [InputError("empty text", source=source)]
    return [RawDocument(text=body, title=title, source=source)]


def read_html_file(path: Path) -> RawDocument | InputError:
    try:
        return extract_html(read_bytes(path), source=str(path))
    except InputError as exc:
        return exc


def read_file(path: Path, *, crawl_time: datetime | None = None) -> Iterator[RawDocument | InputError]:
    """Dispatch one file by extension (case-insensitive)."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield from read_text_file(path, crawl_time=crawl_time)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path)
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
    else:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        yield InputError(
            f"unsupported file type {suffix or '(none)'!r}; expected one of {supported}", source=str(path)
        )


def walk_folder(root: Path) -> tuple[list[Path], list[InputError]]:
    """Supported files under ``root`` in sorted order, and an InputError per unreadable sub-folder."""
    found: list[Path] = []
    errors: list[InputError] = []

    def on_error(exc: OSError) -> None:
        errors.append(
            InputError(f"cannot list folder: {exc.strerror or exc}", source=str(exc.filename or root))
        )

    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith("."):
                continue
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(path)
            else:
                logger.debug("ignoring %s: not a supported file type", path)
    return sorted(found, key=lambda p: p.relative_to(root).parts), errors


def iter_path(path: Path, *, crawl_time: datetime | None = None) -> Iterator[RawDocument | InputError]:
    """Everything one command-line path holds: a file, or a folder walked recursively."""
    if path.is_dir():
        files, errors = walk_folder(path)
        yield from errors
        for f in files:
            yield from read_file(f, crawl_time=crawl_time)
    elif path.exists():
        yield from read_file(path, crawl_time=crawl_time)
    else:
        yield InputError("no such file or folder", source=str(path))
