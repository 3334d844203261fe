"""Figures across articles: which pairs are compared, when they disagree, and the majority value.

Sentences are invented for these tests.
"""

from __future__ import annotations

import pytest

from comparator.figures import Figure, agree, article_figures, describe, group_figures, pair_figures
from comparator.pipeline import prepare_article
from comparator.schema import RawDocument


def _figs(text: str, lang: str, article: int = 0) -> list[Figure]:
    art = prepare_article(RawDocument(text=text, lang=lang, id=f"x{article}"), max_chars=5000)
    return article_figures(art, article)


PAIRS = [
    # (left, lang, right, lang, [(left text, right text, agrees)])
    (
        "두 정상은 25분간 통화했다.",
        "ko",
        "両首脳は約25分間電話で会談した。",
        "ja",
        [("25분간", "約25分間", True)],
    ),
    (
        "두 정상은 25분간 통화했다.",
        "ko",
        "両首脳は約35分間電話で会談した。",
        "ja",
        [("25분간", "約35分間", False)],
    ),
    (
        "The leaders spoke for 25 minutes.",
        "en",
        "The leaders spoke for 35 minutes.",
        "en",
        [("25 minutes", "35 minutes", False)],
    ),
    # 25 minutes and six months measure different things: never a disagreement.
    ("They spoke for 25 minutes.", "en", "It was their first call in six months.", "en", []),
    # Agreeing figures pair first; the single leftover of each side is then compared.
    (
        "On March 9 they spoke for 25 minutes.",
        "en",
        "On March 9 the call lasted 30 minutes.",
        "en",
        [("March 9", "March 9", True), ("25 minutes", "30 minutes", False)],
    ),
    # Two durations on one side and one on the other: which one it contradicts is unknown.
    ("They spoke for 25 minutes after a 10 minute delay.", "en", "They spoke for 40 minutes.", "en", []),
    # Approximate clock times a minute apart agree ("7시 40분께" / "7時39分ごろ").
    (
        "미사일은 오전 7시 40분께 발사됐다.",
        "ko",
        "ミサイルは午前7時39分ごろ発射された。",
        "ja",
        [("오전 7시 40분", "午前7時39分", True)],
    ),
    (
        "The missile was fired at 7:40 a.m.",
        "en",
        "The missile was fired at 7:39 a.m.",
        "en",
        [("7:40 a.m.", "7:39 a.m.", False)],
    ),
    # Two estimates: "about 800 km" and "about 750 km" are not one fact, although +-10 % would meet.
    (
        "미사일은 약 800㎞를 비행했다.",
        "ko",
        "The missile flew about 750 kilometers.",
        "en",
        [("약 800㎞", "about 750 kilometers", False)],
    ),
    (
        "미사일은 약 800㎞를 비행했다.",
        "ko",
        "The missile flew about 800 kilometers.",
        "en",
        [("약 800㎞", "about 800 kilometers", True)],
    ),
    # A day of the month alone is as often another event's date as an error.
    ("SEOUL, March 9 - the leaders agreed.", "en", "両首脳は7日の発射を受けて一致した。", "ja", []),
    (
        "The talks were held on March 9.",
        "en",
        "会談は3月8日に行われた。",
        "ja",
        [("March 9", "3月8日", False)],
    ),
    # Bare numbers say too little to compare.
    ("Article 3 was cited.", "en", "Article 4 was cited.", "en", []),
    (
        "100억 달러 규모의 통화스와프",
        "ko",
        "a $10 billion currency swap",
        "en",
        [("100억 달러", "$10 billion", True)],
    ),
]


@pytest.mark.parametrize(("left", "la", "right", "lb", "expected"), PAIRS)
def test_pairs(left, la, right, lb, expected):
    got = pair_figures(_figs(left, la, 0), _figs(right, lb, 1))
    assert sorted((a.anchor.text, b.anchor.text, ok) for a, b, ok in got) == sorted(expected)


def test_partial_links_never_claim_a_disagreement():
    left, right = (
        _figs("The leaders spoke for 25 minutes.", "en", 0),
        _figs("The leaders spoke for 35 minutes.", "en", 1),
    )
    assert pair_figures(left, right, disagreements=False) == []


def test_group_majority_names_the_odd_one_out():
    texts = [
        ("두 정상은 25분간 통화했다.", "ko"),
        ("両首脳は約25分間会談した。", "ja"),
        ("両首脳は約35分間会談した。", "ja"),
        ("They talked for 25 minutes.", "en"),
    ]
    figs = [_figs(t, lang, k) for k, (t, lang) in enumerate(texts)]
    pairs = [(0, [0], k, [0], "shared") for k in (1, 2, 3)]
    (g,) = group_figures(figs, pairs)
    assert g.disagree
    assert g.majority is not None
    odd = [f for f in g.figures if f not in g.clusters[g.majority]]
    assert [(f.article, f.anchor.text) for f in odd] == [(2, "約35分間")]


def test_agreeing_group_and_no_majority():
    figs = [_figs("They talked for 25 minutes.", "en", 0), _figs("They talked for 25 minutes.", "en", 1)]
    (g,) = group_figures(figs, [(0, [0], 1, [0], "shared")])
    assert not g.disagree and len(g.clusters) == 1
    figs = [_figs("They talked for 25 minutes.", "en", 0), _figs("They talked for 35 minutes.", "en", 1)]
    (g,) = group_figures(figs, [(0, [0], 1, [0], "shared")])
    assert g.disagree and g.majority is None  # one against one: no majority to side with


def test_figures_carry_article_offsets():
    art = prepare_article(
        RawDocument(text="First sentence here. They spoke for 25 minutes.", lang="en", id="x"), max_chars=500
    )
    (f,) = article_figures(art, 0)
    assert f.sentence == 1
    assert art.text[f.anchor.start : f.anchor.end] == "25 minutes"


@pytest.mark.parametrize(
    ("text", "lang", "shown"),
    [
        ("25분간", "ko", "25 min"),
        ("約35分間", "ja", "~35 min"),
        ("$10 billion", "en", "10000000000 USD"),
        ("3月9日", "ja", "--03-09"),
    ],
)
def test_describe(text, lang, shown):
    (f,) = _figs(text, lang)
    assert describe(f.anchor) == shown


def test_agree_is_symmetric_for_clock_times():
    (a,) = _figs("오전 7시 40분께", "ko")
    (b,) = _figs("午前7時55分ごろ", "ja", 1)
    assert agree(a.anchor, b.anchor) is agree(b.anchor, a.anchor) is False
