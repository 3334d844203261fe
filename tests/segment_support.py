"""The checks every sentence-splitting table test makes, whatever the language."""

from __future__ import annotations

from comparator.segment import split_sentences


def assert_segmented(text: str, lang: str, expected: list[str]) -> None:
    """``text`` splits into ``expected``; offsets point at each sentence, in order, without overlap."""
    sents = split_sentences(text, lang)
    assert [s.text for s in sents] == expected
    for i, s in enumerate(sents):
        assert s.idx == i
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
    assert all(a.end <= b.start for a, b in zip(sents, sents[1:], strict=False))
