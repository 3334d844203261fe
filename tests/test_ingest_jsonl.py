"""JSONL records: fields, html records, and one InputError per bad line with its 1-based line number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comparator.errors import InputError
from comparator.ingest import document_from_record, iter_documents
from comparator.schema import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

GOOD = {
    "id": "hc-001",
    "url": "https://courier.example/ferry-fares",
    "outlet": "Coastline Courier",
    "title": "Ferry fares frozen",
    "published_at": "2025-06-24T09:30:00+09:00",
    "lang": "en",
    "text": "  The council froze ferry fares for a year.\nThe vote was 7-2.  ",
}

# (line as written, expected message fragment); None expected means a good record
LINES: list[tuple[str, str | None]] = [
    (json.dumps(GOOD), None),
    ("", None),  # blank lines are skipped, but still counted
    ('{"text": "Unclosed record"', "malformed JSON"),
    ('["text", "an array"]', "expected a JSON object, got an array"),
    ('{"title": "No body"}', "neither 'text' nor 'html'"),
    ('{"text": "   "}', "empty text"),
    ('{"text": 42}', "field 'text' must be a string, got a number"),
    ('{"text": "Body.", "title": ["a"]}', "field 'title' must be a string, got an array"),
    ('{"text": "Body.", "id": true}', "field 'id' must be a string or a number, got a boolean"),
    ('{"text": "Body.", "published_at": "June 24"}', "not an ISO 8601 date"),
    ('{"html": "<html><body><nav><a href=/>Home</a></nav></body></html>"}', "no main text found"),
    ('{"text": "Second good record.", "id": 7, "lang": null}', None),
]


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_bad_line_is_reported_with_its_line_number(tmp_path: Path) -> None:
    path = _write(tmp_path, [line for line, _ in LINES])
    items = list(iter_documents([path]))
    expected = [(no, msg) for no, (line, msg) in enumerate(LINES, start=1) if line.strip()]
    assert len(items) == len(expected)
    for item, (no, msg) in zip(items, expected, strict=True):
        if msg is None:
            assert isinstance(item, RawDocument), item
            assert item.source == f"{path}:{no}"
        else:
            assert isinstance(item, InputError), (no, item)
            assert (item.source, item.line) == (str(path), no)
            assert msg in str(item) and f"{path}:{no}:" in str(item)


def test_good_record_fields(tmp_path: Path) -> None:
    path = _write(tmp_path, [json.dumps(GOOD), '{"text": "Second.", "id": 7, "lang": null}'])
    first, second = list(iter_documents([path]))
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.text == "The council froze ferry fares for a year.\nThe vote was 7-2."
    assert (first.id, first.url, first.outlet, first.title) == (
        "hc-001",
        "https://courier.example/ferry-fares",
        "Coastline Courier",
        "Ferry fares frozen",
    )
    assert (first.published_at, first.lang) == ("2025-06-24T09:30:00+09:00", "en")
    assert (second.id, second.lang, second.title, second.url) == ("7", None, "", None)


def test_html_record_goes_through_the_extractor_and_record_fields_win() -> None:
    html = (FIXTURES / "article_ko.html").read_text(encoding="utf-8")
    doc = document_from_record({"html": html, "outlet": "남해일보 인터넷판"}, source="r.jsonl", line=4)
    assert doc.title == "부산항 크레인 사고로 하역 작업 중단"
    assert doc.outlet == "남해일보 인터넷판"  # the record's own field
    assert doc.published_at == "2025-03-14T09:30:00+09:00"  # from the page
    assert doc.lang == "ko"
    assert doc.text.startswith("14일 오전 부산항")
    assert doc.source == "r.jsonl:4"


def test_text_wins_over_html() -> None:
    doc = document_from_record({"text": "Plain text body.", "html": "<p>ignored</p>"}, source="x")
    assert doc.text == "Plain text body."


def test_invalid_utf8_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "one."}\n{"text": "\xff\xfe"}\n{"text": "three."}\n')
    items = list(iter_documents([path]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "RawDocument"]
    assert isinstance(items[1], InputError) and items[1].line == 2 and "UTF-8" in str(items[1])


def test_bom_on_first_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "with bom."}\n')
    (doc,) = list(iter_documents([path]))
    assert isinstance(doc, RawDocument) and doc.text == "with bom."


def test_unreadable_jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, [json.dumps(GOOD)])

    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    (err,) = list(iter_documents([path]))
    assert isinstance(err, InputError) and err.source == str(path) and "Permission denied" in str(err)
