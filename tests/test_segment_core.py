"""Shared segmentation frame: offsets, whitespace, line breaks, quotes, and the generic fallback."""

from __future__ import annotations

import itertools

import pytest

from comparator.segment import _core, split_sentences

GENERIC_CASES: list[tuple[str, str, list[str]]] = [
    ("fr", "M. Dupont est arrivé hier. Il a parlé.", ["M. Dupont est arrivé hier.", "Il a parlé."]),
    (
        "fr",
        "« Nous agirons. Sans attendre », a-t-elle dit. Fin.",
        ["« Nous agirons. Sans attendre », a-t-elle dit.", "Fin."],
    ),
    ("zh-cn", "外交部发言人表示。双方将继续沟通！", ["外交部发言人表示。", "双方将继续沟通！"]),
    ("zh-cn", "他说：“我们不会等待。”会议随后结束。", ["他说：“我们不会等待。”", "会议随后结束。"]),
    ("de", "Dr. Weber sprach lange. Sie nickte.", ["Dr. Weber sprach lange.", "Sie nickte."]),
    ("es", "¿Vendrá mañana? No lo sabemos.", ["¿Vendrá mañana?", "No lo sabemos."]),
    ("", "No language given. Still split.", ["No language given.", "Still split."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), GENERIC_CASES, ids=[c[1][:14] for c in GENERIC_CASES])
def test_generic_fallback(lang: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text, lang)] == expected


@pytest.mark.parametrize("lang", ["ja", "ko", "en", "fr"])
@pytest.mark.parametrize("text", ["", "   ", "\n\n\u3000\n", "***\n――"])
def test_nothing_to_split_gives_no_sentences(lang: str, text: str) -> None:
    assert split_sentences(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "One.\r\nTwo.\rThree.\u2028Four."), ("ja", "一。\r\n二。\r三。")]
)
def test_every_kind_of_line_break_splits(lang: str, text: str) -> None:
    sents = split_sentences(text, lang)
    assert [text[s.start : s.end] for s in sents] == [s.text for s in sents]
    assert len(sents) == text.count("。") + text.count(".")


def test_an_unclosed_quote_protects_nothing() -> None:
    text = 'He said "no. Then it rained. Later it cleared.'
    assert [s.text for s in split_sentences(text, "en")] == [
        'He said "no.',
        "Then it rained.",
        "Later it cleared.",
    ]


def test_a_very_long_quote_is_treated_as_a_stray_mark() -> None:
    body = " ".join(["It rained."] * 120)  # over MAX_QUOTED_CHARS between the two marks
    text = f'"{body}" That was all.'
    assert len(split_sentences(text, "en")) > 100


def test_quoted_spans_nest_and_skip_apostrophes() -> None:
    line = "「外相が『検討する。』と述べた。」 don’t (yes)"
    spans = _core.quoted_spans(line)
    assert (line.index("『"), line.index("』")) in spans
    assert (line.index("「"), line.index("」")) in spans
    assert (line.index("("), line.index(")")) in spans
    assert len(spans) == 3


# Pieces with awkward whitespace and marks; every concatenation must keep the invariants.
PIECES = [
    "首相は「続ける。」と述べた。",
    '  대통령은 "행동한다. 기다리지 않는다"고 했다.  ',
    "\u3000The U.S. said so.\u200b",
    "\n\n",
    "尹 대통령, G7 참석",
    "“Is it?” Kang asked.\t",
    "3.5%。",
]


@pytest.mark.parametrize("lang", ["ja", "ko", "en", "zh-cn"])
def test_offsets_and_order_hold_on_mixed_text(lang: str) -> None:
    for combo in itertools.permutations(PIECES, 4):
        text = " ".join(combo)
        sents = split_sentences(text, lang)
        prev_end = 0
        for i, s in enumerate(sents):
            assert s.idx == i
            assert text[s.start : s.end] == s.text
            assert s.text and not s.text[0].isspace() and not s.text[-1].isspace()
            assert "\u200b" not in (s.text[0], s.text[-1])
            assert s.start >= prev_end
            prev_end = s.end
