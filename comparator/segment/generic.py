"""Fallback cuts for languages without their own module (zh, fr, de, es, ...).

Full-width marks (。！？) end a sentence as in Japanese; Latin punctuation follows the English rules,
whose initials and title handling (M. Macron, Dr. Weber) carry over to most Latin-script languages.
"""

from __future__ import annotations

import re

from comparator.segment import en
from comparator.segment._core import CLOSERS

_FULLWIDTH_MARKS = re.compile(r"[。！？｡]+")


def cuts(line: str) -> list[int]:
    """Positions in ``line`` where a new sentence starts."""
    out = set(en.cuts(line))
    for m in _FULLWIDTH_MARKS.finditer(line):
        j = m.end()
        while j < len(line) and line[j] in CLOSERS:
            j += 1
        if j < len(line):
            out.add(j)
    return sorted(out)
