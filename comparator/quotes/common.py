"""Pieces every language's quote rules share: sentences, quotation-mark spans, span trimming.

A language module finds *candidates* (content, cue and speaker-mention spans, all offsets into
``Article.text``); ``to_quote`` turns them into ``schema.Quote``; speaker resolution then fills in
the resolved name, role and language-independent key (``comparator.speakers``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from comparator.schema import Article, Quote

log = logging.getLogger(__name__)

# Marks that open a top-level quotation, with their closer. Straight quotes close themselves.
OPENERS: dict[str, str] = {"“": "”", '"': '"', "「": "」", "『": "』", "«": "»", "＂": "＂"}


@dataclass
class Candidate:
    """A quote found by a language module, before speaker resolution."""

    start: int
    end: int
    kind: str  # "direct" | "indirect"
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """(start, end) of each sentence: the article's own, else the project segmenter, else lines."""
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    try:
        from comparator.segment import split_sentences
    except ImportError:  # segmenter not installed in this checkout: fall back to lines
        log.debug("comparator.segment unavailable; quotes fall back to line splitting")
        return _line_sentences(article.text)
    return [(s.start, s.end) for s in split_sentences(article.text, article.lang)]


def _line_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = trim(text, m.start(), m.end())
        if e > s:
            spans.append((s, e))
    return spans


def trim(text: str, start: int, end: int, chars: str = "") -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace and any of ``chars`` on both sides."""
    while start < end and (text[start].isspace() or text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return start, end


_MARK = re.compile("[" + re.escape("".join(OPENERS)) + "']")


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Top-level quotations in ``text[start:end]`` as (open, close + 1): marks included.

    Marks of another kind inside (‘…’ in “…”, 『…』 in 「…」) never close the outer quotation;
    the same kind reopened inside (「…「…」…」) is matched first. A quotation still open at a line break ends there, because news paragraphs that
    continue a quote reopen it on the next line without closing the previous one.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    i = start
    while i < end:
        m = _MARK.search(text, i, end)  # jump to the next quotation mark instead of testing every character
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if text.startswith("''", i):
            # Some wires write quotes as two apostrophes: ''Like this,'' she said.
            close = text.find("''", i + 2, end)
            if close != -1 and "\n" not in text[i:close]:
                spans.append((i, close + 2))
                i = close + 2
                continue
        if ch in OPENERS and not _is_inch_mark(text, i):
            close = _find_close(text, i, end)
            if close is not None:
                spans.append((i, close))
                i = close
                continue
        i += 1
    return spans


def _is_inch_mark(text: str, i: int) -> bool:
    # 6'2" or 12" pipe: a straight quote right after a digit is a unit, not a quotation.
    return text[i] == '"' and i > 0 and text[i - 1].isdigit()


def _find_close(text: str, i: int, end: int) -> int | None:
    opener = text[i]
    closer = OPENERS[opener]
    stack: list[str] = []
    j = i + 1
    while j < end:
        ch = text[j]
        if ch == "\n":
            return j if j - i > 2 else None
        if ch == closer:
            # The outer closer always wins, unless the same kind was reopened inside (「…「…」…」).
            if not stack:
                return j + 1
            stack.pop()
        elif ch == opener and ch != closer:
            stack.append(closer)
        j += 1
    return end if end - i > 2 and opener in "“「『" else None


def to_quote(article: Article, cand: Candidate) -> Quote:
    """A ``schema.Quote`` from a candidate; speaker fields are filled later by resolution."""
    text = article.text
    q = Quote(
        article_id=article.id,
        start=cand.start,
        end=cand.end,
        text=text[cand.start : cand.end],
        kind=cand.kind,
    )
    if cand.cue:
        q.cue_start, q.cue_end = cand.cue
        q.cue = text[cand.cue[0] : cand.cue[1]]
    if cand.speaker:
        q.speaker_start, q.speaker_end = cand.speaker
        q.speaker = text[cand.speaker[0] : cand.speaker[1]]
    return q


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Drop candidates whose content overlaps an earlier-kept one (rules run most specific first)."""
    kept: list[Candidate] = []
    for c in cands:
        if c.end <= c.start:
            continue
        if any(overlaps((c.start, c.end), (k.start, k.end)) for k in kept):
            continue
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


_EN_OWN_WORDS = {"i", "we", "our", "us", "my", "me", "you", "is", "are", "was", "were", "be", "will", "would",
                 "must", "should", "can", "could", "not", "never", "have", "has", "had", "do", "does", "did",
                 "very"}  # fmt: skip
_EN_ADJ = re.compile(r"(?:ly|able|ible|ous|ful|ive|ent|ant|ic|al|less)$")


def own_words(text: str, start: int, end: int, lang: str) -> bool:
    """True when ``text[start:end]`` holds a quotation of the speaker's own words.

    A reported clause with a quoted fragment ('ties were "important for both countries"', 両首脳が
    「終始温かい雰囲気の中で」意見を交わした) is a partial direct quote (PARC's "mixed" quote).
    A short noun-like fragment is a term the writer flags ("shuttle diplomacy", 「シャトル外交」,
    '다케시마의 날'), not the speaker's words: it needs a predicate, a function word or some length.
    """
    for qs, qe in quote_spans(text, start, end):
        inner = text[qs + 1 : qe - 1].strip(" ,.")
        if inner and _sounds_said(inner, lang):
            return True
    return False


def _sounds_said(inner: str, lang: str) -> bool:
    if lang == "ja":
        return len(inner) >= 12 or re.search(r"[ぁ-んー]", inner.replace("の", "")) is not None
    if lang == "ko":
        words = inner.split()
        return len(words) >= 3 or re.search(r"(?:다|요|까|며|고|지|네|죠)[.!?]?$", inner) is not None
    words = re.findall(r"[A-Za-z’']+", inner.lower())
    if len(words) >= 3:
        return True
    return any(w in _EN_OWN_WORDS or (_EN_ADJ.search(w) and len(w) > 5) for w in words)
