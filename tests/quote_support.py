"""Shared by the per-language quote tests: the quotes of a text, and the one a table row expects."""

from __future__ import annotations

from comparator.quotes import extract_quotes
from comparator.schema import Article, Quote


def quotes_of(text: str, lang: str) -> list[Quote]:
    return extract_quotes(Article(id=f"{lang}1", text=text, lang=lang))


def quote_with(quotes: list[Quote], content: str, *, first: bool = False) -> Quote:
    """The quote whose text is ``content`` (the last one, or the first), failing with what was found."""
    match = [q for q in quotes if q.text == content]
    assert match, f"no quote {content!r} in {[q.text for q in quotes]}"
    return match[0] if first else match[-1]
