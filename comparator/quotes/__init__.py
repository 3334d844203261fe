"""Quote extraction and speaker attribution for Japanese, Korean and English news.

``extract_quotes(article)`` is the single entry point. Each language module proposes candidates
(content, cue and speaker-mention spans); ``comparator.speakers`` then resolves each mention to
the speaker it refers to earlier in the article (同省 -> 外務省, "Kang added" -> Kang Yoo-jung)
and gives it a language-independent key for linking speakers across sources.
"""

from __future__ import annotations

import logging

from comparator.quotes.common import Candidate, dedupe, own_words, to_quote
from comparator.schema import Article, Quote

__all__ = ["extract_quotes"]

log = logging.getLogger(__name__)


def _extractor(lang: str):
    base = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    if base == "en":
        from comparator.quotes import en

        return en.extract
    if base == "ja":
        from comparator.quotes import ja

        return ja.extract
    if base == "ko":
        from comparator.quotes import ko

        return ko.extract
    return None


def extract_quotes(article: Article) -> list[Quote]:
    """Direct and indirect quotes of ``article`` with cue, speaker mention, resolved speaker and key.

    Languages other than ja, ko and en give an empty list (quotes are compared only in those).
    All spans index ``article.text``.
    """
    extract = _extractor(article.lang)
    if extract is None or not article.text:
        return []
    cands: list[Candidate] = dedupe(extract(article))
    lang = (article.lang or "").split("-")[0].lower()
    for c in cands:
        if c.kind == "indirect" and own_words(article.text, c.start, c.end, lang):
            c.kind = "direct"  # a partial quotation inside reported speech: the speaker's words
    quotes = [to_quote(article, c) for c in cands]
    from comparator.speakers import resolve_speakers

    return resolve_speakers(quotes, article)
