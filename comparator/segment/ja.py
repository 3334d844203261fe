"""Japanese sentence cuts: after 。！？ (and ASCII !? that follow Japanese text).

Brackets and quotes are respected by the caller (``_core.segment``); this module only decides where a
sentence may end inside one line. A closing bracket right after the mark stays with its sentence
(「行く。」), and a quote followed by a particle (「行く。」と述べた) does not end the sentence.
"""

from __future__ import annotations

import re

from comparator.segment._core import CLOSERS

# Full-width marks always end a sentence; ASCII ! and ? only after Japanese text (not "Yahoo!").
_MARKS = re.compile(r"[。！？．｡!?]+")
_FULLWIDTH = frozenset("。！？．｡")
# After a closing quote, these continue the sentence: quotative と/って and case particles.
_CONTINUES_AFTER_QUOTE = frozenset("とってはがをにのもでやへ、，")
# After a bare ！ or ？ (やった！と喜んだ), only the quotative continues it.
_CONTINUES_AFTER_EXCLAMATION = frozenset("とっ、，")


def is_japanese_char(ch: str) -> bool:
    """Kana, kanji, the long-vowel mark and full-width forms."""
    o = ord(ch)
    return (
        0x3040 <= o <= 0x30FF  # hiragana, katakana
        or 0x31F0 <= o <= 0x31FF  # katakana phonetic extensions
        or 0x3400 <= o <= 0x4DBF  # CJK extension A
        or 0x4E00 <= o <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= o <= 0xFAFF  # compatibility ideographs
        or 0xFF01 <= o <= 0xFF9F  # full-width ASCII, half-width katakana
        or 0x3000 <= o <= 0x303F  # CJK punctuation
    )


def cuts(line: str) -> list[int]:
    """Positions in ``line`` where a new sentence starts."""
    out: list[int] = []
    for m in _MARKS.finditer(line):
        run = m.group()
        if not any(ch in _FULLWIDTH for ch in run) and not _after_japanese(line, m.start()):
            continue
        j = m.end()
        closed = False
        while j < len(line) and line[j] in CLOSERS:
            j += 1
            closed = True
        nxt = _next_visible(line, j)
        if nxt is None:
            continue
        if closed and nxt in _CONTINUES_AFTER_QUOTE:
            continue
        if not closed and "。" not in run and nxt in _CONTINUES_AFTER_EXCLAMATION:
            continue
        out.append(j)
    return out


def _after_japanese(line: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and line[j] in CLOSERS:
        j -= 1
    return j >= 0 and is_japanese_char(line[j])


def _next_visible(line: str, j: int) -> str | None:
    while j < len(line) and line[j].isspace():
        j += 1
    return line[j] if j < len(line) else None
