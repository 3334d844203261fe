"""Sentence segmentation with character offsets, one module per language (like spaCy's lang/).

``split_sentences(text, lang)`` is the single entry point. Every language shares the same frame
(``_core.segment``): a line break always ends a sentence, no sentence starts inside a matched quote
or bracket, and each ``Sentence.text`` is exactly ``text[start:end]`` with surrounding whitespace
left out. The language modules only propose where sentences may end within a line:

- ``ja``: 。！？ (and !? after Japanese text), closing brackets stay with their sentence;
- ``ko``: kiwipiepy's morphology-based splitter (built once, lazily);
- ``en``: . ! ? followed by space, except after abbreviations, titles and initials;
- ``generic``: full-width marks plus the English rules, for every other language.
"""

from __future__ import annotations

from comparator.schema import Sentence
from comparator.segment import en, generic, ja, ko
from comparator.segment._core import Cutter, segment

__all__ = ["split_sentences", "cutter_for"]

_CUTTERS: dict[str, Cutter] = {"ja": ja.cuts, "ko": ko.cuts, "en": en.cuts}


def cutter_for(lang: str) -> Cutter:
    """The cut function for a language code ('ja', 'ko-KR', 'en', 'zh-cn', ...)."""
    base = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    return _CUTTERS.get(base, generic.cuts)


def split_sentences(text: str, lang: str) -> list[Sentence]:
    """Sentences of ``text`` in order, non-overlapping, with offsets into ``text``.

    Lines and segments with no letter or digit (separators like "***") are not sentences.
    """
    return segment(text, cutter_for(lang))
