"""JSONL records: one article per line.

Fields: ``id``, ``url``, ``outlet``, ``title``, ``published_at`` (ISO 8601), ``lang``, and ``text`` or
``html``; only one of text/html is required. ``html`` goes through the HTML extractor, and the record's
own fields win over what the page says. Other keys are ignored; ``null`` counts as absent.

Each bad line becomes an InputError naming the file and its 1-based line number, and the rest of the
file is still read. Blank lines are skipped.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from comparator.errors import InputError
from comparator.ingest.html import extract_html
from comparator.schema import RawDocument

logger = logging.getLogger(__name__)

# Accepted JSON types per field (bool is excluded from int explicitly below).
FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str, int),
    "url": (str,),
    "outlet": (str,),
    "title": (str,),
    "published_at": (str,),
    "lang": (str,),
    "text": (str,),
    "html": (str,),
}
_JSON_TYPE_NAMES = {str: "a string", int: "a number", float: "a number", bool: "a boolean"}


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def _checked_fields(record: Mapping[str, Any], *, source: str, line: int | None) -> dict[str, Any]:
    """The known fields that are present and not null, type-checked; blank strings count as absent
    for the optional metadata fields."""
    out: dict[str, Any] = {}
    for name, types in FIELD_TYPES.items():
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, types):
            want = " or ".join(_JSON_TYPE_NAMES[t] for t in types)
            raise InputError(
                f"field '{name}' must be {want}, got {_json_type(value)}", source=source, line=line
            )
        if name in ("text", "html"):
            out[name] = value
        elif str(value).strip():
            out[name] = str(value).strip()
    return out


def _checked_date(value: str | None, *, source: str, line: int | None) -> str | None:
    if value is None:
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"field 'published_at' is {value!r}, not an ISO 8601 date (e.g. 2025-06-22T16:17:00+09:00)",
            source=source,
            line=line,
        ) from None
    return value


def document_from_record(record: Mapping[str, Any], *, source: str, line: int | None = None) -> RawDocument:
    """A RawDocument from one record (a parsed JSONL line, or an API payload); raises InputError."""
    f = _checked_fields(record, source=source, line=line)
    where = source if line is None else f"{source}:{line}"
    text, html = f.get("text"), f.get("html")
    if text is not None and text.strip():
        doc = RawDocument(text=text.strip(), source=where)
    elif html is not None and html.strip():
        doc = extract_html(html, source=source, url=f.get("url"), line=line)
    elif text is not None or html is not None:
        raise InputError(f"empty {'text' if text is not None else 'html'}", source=source, line=line)
    else:
        raise InputError("record has neither 'text' nor 'html'", source=source, line=line)
    return RawDocument(
        text=doc.text,
        title=f.get("title", doc.title),
        url=f.get("url", doc.url),
        outlet=f.get("outlet", doc.outlet),
        published_at=_checked_date(f.get("published_at"), source=source, line=line) or doc.published_at,
        lang=f.get("lang", doc.lang),
        id=f.get("id"),
        source=where,
    )


def parse_jsonl_line(raw: str, *, source: str, line: int) -> RawDocument:
    """One JSONL line to a RawDocument; raises InputError naming ``source`` and ``line``."""
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON: {exc.msg} at column {exc.colno}", source=source, line=line
        ) from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {_json_type(record)}", source=source, line=line)
    return document_from_record(record, source=source, line=line)


def read_jsonl(path: Path) -> Iterator[RawDocument | InputError]:
    """Every record of a JSONL file, with an InputError in place of each bad line."""
    source = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputError(f"cannot read file: {exc.strerror or exc}", source=source)
        return
    with fh:
        line = 0
        try:
            for line, raw in enumerate(fh, start=1):
                yield from _read_line(raw, source=source, line=line)
        except OSError as exc:
            yield InputError(f"read failed after line {line}: {exc.strerror or exc}", source=source)


def _read_line(raw: bytes, *, source: str, line: int) -> Iterator[RawDocument | InputError]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield InputError(f"not valid UTF-8 (byte {exc.start} of the line)", source=source, line=line)
        return
    if not text.strip():
        return
    try:
        yield parse_jsonl_line(text, source=source, line=line)
    except InputError as exc:
        yield exc
