"""Language-independent parts of sentence segmentation: lines, bracket/quote spans, offsets.

A language module only proposes *cut* positions inside one line (the index where a new sentence
starts). This module splits the text into lines (a line break always ends a sentence), drops every
cut that falls inside a matched bracket or quote (so a quote that spans sentence marks stays in one
sentence), strips whitespace and builds ``Sentence`` objects whose offsets index the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from comparator.schema import Sentence

Cutter = Callable[[str], list[int]]

_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")
# Whitespace that str.isspace() misses but that must never start or end a sentence.
_EXTRA_SPACE = "\u200b\u200c\u200d\u2060\ufeff"

# Opening -> closing bracket pairs respected by every language.
BRACKETS: dict[str, str] = {
    "(": ")",
    "[": "]",
    "{": "}",
    "（": "）",
    "［": "］",
    "｛": "｝",
    "「": "」",
    "『": "』",
    "【": "】",
    "〔": "〕",
    "〈": "〉",
    "《": "》",
    "〖": "〗",
    "〘": "〙",
    "｢": "｣",
    "“": "”",
    "‘": "’",
    "«": "»",
}
CLOSERS = frozenset(BRACKETS.values()) | {'"', "＂", "'"}
# Quotes written with the same character on both sides: the first opens, the next closes.
SYMMETRIC_QUOTES = frozenset({'"', "＂"})
# A "quote" longer than this is almost surely a stray mark pairing with a far one; it protects nothing.
MAX_QUOTED_CHARS = 1000


def words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (keeps long word lists compact)."""
    return frozenset(text.split())


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, line break excluded."""
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in _EXTRA_SPACE


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    return start, end


def _is_latin_alnum(ch: str) -> bool:
    return (ch.isascii() and ch.isalnum()) or "\u00c0" <= ch <= "\u024f"


def _is_apostrophe(line: str, i: int) -> bool:
    """’ or ' between two Latin letters (don’t, O'Brien) or after a plural s before a space
    (players’ union). Korean '…'고 has Hangul around the quote, so it stays a quote.

    A closing quote usually follows punctuation (‘… wait,’ she said), so this rarely eats one.
    """
    before = line[i - 1] if i > 0 else ""
    after = line[i + 1] if i + 1 < len(line) else ""
    return (_is_latin_alnum(before) and _is_latin_alnum(after)) or (before in "sS" and after == " ")


def _opens_single(line: str, i: int) -> bool:
    """An ASCII ' that starts a quote: at the start or after space or an opener, before a word."""
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    return (before.isspace() or before in BRACKETS or before == '"') and not after.isspace()


def quoted_spans(line: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of matched brackets and quotes in ``line``.

    Unmatched openers are ignored (a quote that runs on into the next paragraph protects nothing),
    and a closer without its opener is ignored too.
    """
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    for i, ch in enumerate(line):
        if ch in SYMMETRIC_QUOTES:
            if any(c == ch for c, _ in stack):
                _close(stack, spans, ch, i)
            elif stack and stack[-1][0] == "”":
                _close(stack, spans, "”", i)  # “…" typed with mixed quote styles
            else:
                stack.append((ch, i))
        elif ch in "'’":
            # ‘…’, '…' and mixed ‘…' all close the same way; apostrophes are skipped.
            if _is_apostrophe(line, i):
                continue
            if any(c == "’" for c, _ in stack):
                _close(stack, spans, "’", i)
            elif ch == "'" and _opens_single(line, i):
                stack.append(("’", i))
        elif ch in BRACKETS:
            stack.append((BRACKETS[ch], i))
        elif ch in CLOSERS and any(c == ch for c, _ in stack):
            _close(stack, spans, ch, i)
    return [(a, b) for a, b in spans if b - a <= MAX_QUOTED_CHARS]


def _close(stack: list[tuple[str, int]], spans: list[tuple[int, int]], closer: str, i: int) -> None:
    # Pop down to the matching opener; openers skipped on the way were never closed.
    while stack:
        expected, opened = stack.pop()
        if expected == closer:
            spans.append((opened, i))
            return


def protected(cut: int, spans: list[tuple[int, int]]) -> bool:
    """True when a sentence starting at ``cut`` would begin inside a quote or bracket."""
    return any(opened < cut <= closed for opened, closed in spans)


def segment(text: str, cutter: Cutter) -> list[Sentence]:
    """Split ``text`` into sentences: lines, then the language's cuts outside quotes and brackets."""
    sentences: list[Sentence] = []
    for line_start, line_end in line_spans(text):
        start, end = strip_span(text, line_start, line_end)
        if start == end:
            continue
        line = text[start:end]
        spans = quoted_spans(line)
        cuts = sorted({c for c in cutter(line) if 0 < c < len(line) and not protected(c, spans)})
        bounds = [0, *cuts, len(line)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            s, e = strip_span(text, start + a, start + b)
            if s < e and _has_word(text, s, e):
                sentences.append(Sentence(idx=len(sentences), start=s, end=e, text=text[s:e]))
    return sentences


def _has_word(text: str, start: int, end: int) -> bool:
    # A line of only punctuation ("***", "――") separates paragraphs; it is not a sentence.
    return any(ch.isalnum() for ch in text[start:end])
