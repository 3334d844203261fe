"""HTML pages through trafilatura: main text, title, date, outlet, url, and pages with no main text."""

from __future__ import annotations

from pathlib import Path

import pytest

from comparator.errors import InputError
from comparator.ingest import extract_html, iter_documents
from comparator.schema import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

PAGES = [
    # (file, title, outlet, published_at, lang, url, first body line start, line count)
    (
        "article_ko.html",
        "부산항 크레인 사고로 하역 작업 중단",
        "남해일보",
        "2025-03-14T09:30:00+09:00",
        "ko",
        "https://www.namhae-ilbo.example/news/2025/03/14/crane",
        "14일 오전 부산항 신선대 부두에서",
        3,
    ),
    (
        "article_en.html",
        "Lighthouse keeper's cottage becomes island museum",
        "Coastline Courier",
        "2025-05-02T07:15:00-04:00",
        "en",
        None,
        "The stone cottage beside the Gull Point lighthouse",
        3,
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "outlet", "published", "lang", "url", "start", "n_lines"),
    PAGES,
    ids=[p[0] for p in PAGES],
)
def test_html_page_metadata_and_text(
    name: str, title: str, outlet: str, published: str, lang: str, url: str | None, start: str, n_lines: int
) -> None:
    (doc,) = list(iter_documents([FIXTURES / name]))
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.outlet, doc.published_at, doc.lang, doc.url) == (
        title,
        outlet,
        published,
        lang,
        url,
    )
    assert doc.text.startswith(start)
    lines = doc.text.splitlines()
    assert len(lines) == n_lines  # paragraphs kept as line breaks
    assert title not in lines  # the <h1> is not repeated in the body
    for chrome in ("Home", "Sports", "Most read", "Ferry fares frozen"):
        assert chrome not in lines


def test_nav_only_page_has_no_main_text() -> None:
    (err,) = list(iter_documents([FIXTURES / "nav_only.html"]))
    assert isinstance(err, InputError)
    assert "no main text found" in str(err) and "nav_only.html" in str(err)


@pytest.mark.parametrize(
    "html",
    ["", "<html></html>", "<html><body><p>Menu</p></body></html>", "\x00\x01 binary junk \x02"],
    ids=["empty", "bare", "one-word", "junk"],
)
def test_pages_without_main_text(html: str) -> None:
    with pytest.raises(InputError, match="no main text found"):
        extract_html(html, source="page.html")


def test_url_argument_wins() -> None:
    html = (FIXTURES / "article_ko.html").read_bytes()
    doc = extract_html(html, source="p.html", url="https://mirror.example/crane")
    assert doc.url == "https://mirror.example/crane"
    assert doc.source == "p.html"
