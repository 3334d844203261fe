"""Folder walking, text files, the title rule, and bad inputs (missing, unreadable, wrong type, encoding)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from comparator.errors import InputError
from comparator.ingest import iter_documents
from comparator.ingest.files import split_title
from comparator.schema import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _split(items: list) -> tuple[list[RawDocument], list[InputError]]:
    return [d for d in items if isinstance(d, RawDocument)], [e for e in items if isinstance(e, InputError)]


def test_folder_is_walked_recursively_in_sorted_order() -> None:
    docs, errors = _split(list(iter_documents([FIXTURES / "folder"])))
    assert [Path(d.source.split(":")[0]).name for d in docs] == [
        "a_story.txt",
        "b_story.txt",
        "c_records.jsonl",
    ]
    assert [d.title for d in docs] == ["First folder story", "Second folder story", "Ferry fares stay flat"]
    # the hidden folder and the .csv file are skipped; the bad JSONL record is reported with its line
    assert [(Path(e.source).name, e.line) for e in errors] == [("c_records.jsonl", 3)]


def test_walk_is_deterministic() -> None:
    first = [d.source for d in iter_documents([FIXTURES]) if isinstance(d, RawDocument)]
    second = [d.source for d in iter_documents([str(FIXTURES)]) if isinstance(d, RawDocument)]
    assert first == second
    assert len(first) == len(set(first))


PLAIN = ["plain_en.txt", "plain_ko.txt", "plain_ja.txt"]


@pytest.mark.parametrize("name", PLAIN)
def test_plain_articles_pass_through_unchanged(name: str) -> None:
    path = FIXTURES / name
    (doc,) = list(iter_documents([path]))
    assert isinstance(doc, RawDocument)
    raw = path.read_text(encoding="utf-8")
    first, rest = raw.split("\n", 1)
    assert doc.title == first
    assert doc.text == rest.strip("\n")
    assert doc.source == str(path)


def test_markdown_heading_is_the_title() -> None:
    (doc,) = list(iter_documents([FIXTURES / "notes.md"]))
    assert isinstance(doc, RawDocument)
    assert doc.title == "Ferry timetable changes take effect in Harbor City"
    assert doc.text.startswith("Bayline Marine's winter timetable")
    assert "#" not in doc.text


def test_scraped_txt_goes_through_the_splitter() -> None:
    docs = list(iter_documents([FIXTURES / "scraped_ko.txt"]))
    assert len(docs) == 3 and all(isinstance(d, RawDocument) for d in docs)


TITLES = [
    # (text, markdown, title, body)
    (
        "Ferry fares frozen\n\nThe council froze fares.",
        False,
        "Ferry fares frozen",
        "The council froze fares.",
    ),
    (
        "The council froze fares.\nIt did so on Tuesday.",
        False,
        "",
        "The council froze fares.\nIt did so on Tuesday.",
    ),
    ("Only one line without period", False, "", "Only one line without period"),
    ("\n\n  Spaced title  \nBody line.\n\n", False, "Spaced title", "Body line."),
    (
        "울산 해상풍력 착공\n울산시는 착공식을 열었다.",
        False,
        "울산 해상풍력 착공",
        "울산시는 착공식을 열었다.",
    ),
    ("大雪で運転見合わせ\n新幹線が止まった。", False, "大雪で運転見合わせ", "新幹線が止まった。"),
    ("# Heading here.\nBody.", True, "Heading here.", "Body."),
    ("Underlined title\n================\nBody.", True, "Underlined title", "Body."),
    ("Line one ends with a period.\nBody.", True, "", "Line one ends with a period.\nBody."),
    ("Windows title\r\nBody line.\r\n", False, "Windows title", "Body line."),
]


@pytest.mark.parametrize(("text", "markdown", "title", "body"), TITLES)
def test_title_rule(text: str, markdown: bool, title: str, body: str) -> None:
    assert split_title(text, markdown=markdown) == (title, body)


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    (err,) = list(iter_documents([missing]))
    assert isinstance(err, InputError)
    assert err.source == str(missing) and "no such file" in str(err)


def test_unknown_extension_given_explicitly_is_an_input_error() -> None:
    (err,) = list(iter_documents([FIXTURES / "ignored.csv"]))
    assert isinstance(err, InputError)
    assert "unsupported file type '.csv'" in str(err) and "ignored.csv" in str(err)


def test_unreadable_file_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Title\nBody.", encoding="utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    (err,) = list(iter_documents([path]))
    assert isinstance(err, InputError)
    assert err.source == str(path) and "cannot read file: Permission denied" in str(err)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a mode-000 file")
def test_unreadable_file_by_mode(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Title\nBody.", encoding="utf-8")
    path.chmod(0)
    (err,) = list(iter_documents([path]))
    assert isinstance(err, InputError) and err.source == str(path)


def test_bad_encoding_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sjis.txt"
    path.write_bytes("見出し\n本文です。".encode("shift_jis"))
    (err,) = list(iter_documents([path]))
    assert isinstance(err, InputError)
    assert err.source == str(path) and "not valid UTF-8" in str(err)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffBOM title\nBody line.".encode())
    (doc,) = list(iter_documents([path]))
    assert isinstance(doc, RawDocument) and doc.title == "BOM title"


@pytest.mark.parametrize("content", ["", "   \n\n", "Just a title that looks like a headline\n"])
def test_empty_text_is_an_input_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    (item,) = list(iter_documents([path]))
    if content.strip():  # a lone line is the body, not a title: it is kept
        assert isinstance(item, RawDocument) and item.text == content.strip()
    else:
        assert isinstance(item, InputError) and "empty text" in str(item) and item.source == str(path)


def test_errors_do_not_stop_the_walk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A title\nA body.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\xfa")
    (tmp_path / "c.txt").write_text("C title\nC body.", encoding="utf-8")
    items = list(iter_documents([tmp_path]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "RawDocument"]
