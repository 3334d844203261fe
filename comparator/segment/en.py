"""English sentence cuts: . ! ? followed by space, except after abbreviations, initials and titles.

Decimals (3.5) and dotted words (U.S.-led, example.com) never qualify because a cut needs whitespace
after the mark. Quotes and brackets are respected by the caller (``_core.segment``).
"""

from __future__ import annotations

import re

from comparator.segment._core import CLOSERS, words

_MARKS = re.compile(r"(?:[.!?…]|\.\.\.)+")
_WORD_INNER = ".'’-"
_SPEECH_VERBS = (
    "said|says|asked|asks|added|adds|told|tells|replied|replies|shouted|yelled|wrote|writes|"
    "insisted|insists|cried|wondered|demanded|exclaimed|responded|continued"
)
# "Kang asked", "the minister said", "she added": a tag of one to four words, then a speech verb.
_ATTRIBUTION = re.compile(rf"(?:[\w.'’-]+\s+){{1,4}}(?:{_SPEECH_VERBS})\b")
_LIST_MARKER = re.compile(r"\s*(?:\d{1,3}|[A-Za-z]|[IVXivx]{1,5})")

# Titles before a name: never the end of a sentence.
TITLES = words(
    "mr mrs ms mx dr prof gen sen rep gov lt col sgt capt cmdr adm rev pres supt insp det hon "
    "messrs mmes maj brig cpl pvt amb atty fr"
)
# Abbreviations that precede a number (No. 1, Sept. 11, Art. 9): no cut before a digit.
BEFORE_NUMBER = words("no nos art fig vol p pp ch sec para jan feb mar apr jun jul aug sep sept oct nov dec")
# Abbreviations that are never the last word of a sentence in news text.
NEVER_FINAL = words("e.g i.e vs approx cf al ca viz est")
# Abbreviations that may end a sentence (Inc., a.m., U.S.): cut only before a typical sentence opener.
MAY_END = words("inc corp co ltd llc plc bros jr sr etc st mt ft ave blvd")
SENTENCE_OPENERS = words(
    "the a an he she it they we i you his her its their our my this that these those there here "
    "but and so yet or in on at as by for from to of with if when while after before since "
    "meanwhile however still also then now today yesterday officials police authorities"
)


def cuts(line: str) -> list[int]:
    """Positions in ``line`` where a new sentence starts."""
    out: list[int] = []
    for m in _MARKS.finditer(line):
        if _LIST_MARKER.fullmatch(line, out[-1] if out else 0, m.start()):
            continue  # "1. First item", "a) ...", "IV. Results"
        j = m.end()
        while j < len(line) and line[j] in CLOSERS:
            j += 1
        if j >= len(line) or not line[j].isspace():
            continue
        k = j
        while k < len(line) and line[k].isspace():
            k += 1
        if k == len(line):
            continue
        if j > m.end() and m.group() != "." and _ATTRIBUTION.match(line, k):
            continue  # “Is it over?” Kang asked. -- the speaker tag belongs to the quote
        if _ends_sentence(line, m.start(), m.group(), line[k:]):
            out.append(j)
    return out


def _ends_sentence(line: str, mark_at: int, mark: str, rest: str) -> bool:
    next_word = _first_word(rest)
    if next_word[:1].islower():
        return False
    if mark != ".":
        return True
    word = _word_before(line, mark_at)
    key = word.lower()
    if key in TITLES:
        return False
    if key in NEVER_FINAL:
        return False
    if key in BEFORE_NUMBER and next_word[:1].isdigit():
        return False
    starts_sentence = next_word.lower() in SENTENCE_OPENERS
    if len(word) == 1 and word.isupper():
        return starts_sentence  # an initial: J. Smith, but "Plan B. The plan"
    if "." in word or key in MAY_END:
        return starts_sentence  # U.S., a.m., Ph.D, Corp.: a cut only before "The", "He", ...
    return True


def _word_before(line: str, i: int) -> str:
    """The word (letters, digits, inner dots and apostrophes) that ends right before index ``i``."""
    j = i
    while j > 0 and (line[j - 1].isalnum() or line[j - 1] in _WORD_INNER):
        j -= 1
    return line[j:i].lstrip(_WORD_INNER)


def _first_word(rest: str) -> str:
    m = re.match(r"[\"'“‘(\[{«]*([\w'’.-]*)", rest)
    return m.group(1) if m else ""
