"""HTML pages: main text and metadata through trafilatura, paragraphs kept as line breaks.

Extraction runs in trafilatura's precision mode first (it leaves navigation out) and falls back to its
default mode when that finds nothing. Either result must read like prose, at least one line of 25
characters or one ending like a sentence, and carry at least 10 non-space characters; a page of menu
links ("Home / World / About us") is "no main text found", not an article.

The publication date is read from the page's own metadata first (article:published_time,
itemprop=datePublished, JSON-LD datePublished, ...) because those keep the time of day and the UTC
offset; trafilatura's date (a day only) is the fallback. The language is the page's ``<html lang>``
(primary subtag), as declared: the pipeline checks it later.

Boilerplate inside the article element (byline, dateline, reporter e-mail, "▶ 관련기사 …", "Read more: …",
paywall and newsletter notices, credit tails) is dropped line by line with the rules scraped page
text uses (:mod:`comparator.ingest.boilerplate`).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

from comparator.errors import InputError
from comparator.ingest.boilerplate import clean_article_lines
from comparator.schema import RawDocument

logger = logging.getLogger(__name__)

MIN_MAIN_TEXT_CHARS = 10
PROSE_LINE_CHARS = 25
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”」』)）]*$")
_DATE_META_XPATH = (
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @property='og:published_time' or @itemprop='datePublished' or @name='pubdate'"
    " or @name='publishdate' or @name='parsely-pub-date' or @name='DC.date.issued'"
    " or @name='dcterms.created' or @name='date']/@content"
    " | //time[@itemprop='datePublished']/@datetime"
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')


def _iso_or_none(value: str | None) -> str | None:
    """The value when it parses as ISO 8601, else None."""
    if not value:
        return None
    value = value.strip()
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return None
    return value


def _page_metadata(html: str | bytes) -> tuple[str | None, str | None]:
    """(declared language, ISO publication time) from the page's markup, each None when absent."""
    from trafilatura import load_html

    tree = load_html(html)
    if tree is None:
        return None, None
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    lang = lang.split("-")[0].strip().lower() or None if lang else None
    candidates = [str(v) for v in tree.xpath(_DATE_META_XPATH)]
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        candidates.extend(_JSONLD_DATE.findall(str(script)))
    published = next((iso for iso in map(_iso_or_none, candidates) if iso), None)
    return lang, published


def _reads_like_prose(text: str | None) -> bool:
    if not text or sum(not c.isspace() for c in text) < MIN_MAIN_TEXT_CHARS:
        return False
    lines = [ln.strip() for ln in text.splitlines()]
    return any(len(ln) >= PROSE_LINE_CHARS or _SENTENCE_END.search(ln) for ln in lines)


def _extract(html: str | bytes, url: str | None, *, precision: bool) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_precision=precision,
        )
    # trafilatura and lxml raise assorted parser errors on hostile markup; each means "unreadable page".
    except Exception as exc:  # noqa: BLE001
        logger.debug("trafilatura failed (precision=%s): %r", precision, exc)
        return None


def _body_lines(text: str, title: str) -> list[str]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    # trafilatura often repeats the <h1> as the first paragraph; the title is kept apart from the text.
    if lines and title and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]
    # bylines, datelines, "▶ 관련기사", paywall notices and credits sit inside <article> on real pages
    return clean_article_lines(lines)


def extract_html(
    html: str | bytes, *, source: str, url: str | None = None, line: int | None = None
) -> RawDocument:
    """A RawDocument from one HTML page; raises InputError "no main text found" when there is none."""
    doc = _extract(html, url, precision=True)
    if doc is None or not _reads_like_prose(doc.text):
        doc = _extract(html, url, precision=False)
    if doc is None or not _reads_like_prose(doc.text):
        raise InputError("no main text found in the HTML page", source=source, line=line)
    title = (doc.title or "").strip()
    body = _body_lines(doc.text, title)
    if not body:
        raise InputError("no main text found in the HTML page (only a title)", source=source, line=line)
    lang, published = _page_metadata(html)
    return RawDocument(
        text="\n".join(body),
        title=title,
        url=url or doc.url or None,
        outlet=(doc.sitename or "").strip() or None,
        published_at=published or _iso_or_none(doc.date),
        lang=lang,
        source=source if line is None else f"{source}:{line}",
    )
