"""Counted things across articles: the counted noun decides a pairing the whole articles leave open.

An invented stand-off: a survey ship (one in every report) and the patrol ships sent to follow it
(three in the Korean report, two in the Japanese one). Sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from comparator.figures import Figure, article_figures, group_figures
from comparator.pipeline import prepare_article
from comparator.schema import RawDocument


def _figs(text: str, lang: str, article: int) -> list[Figure]:
    art = prepare_article(RawDocument(text=text, lang=lang, id=f"x{article}"), max_chars=5000)
    return article_figures(art, article)


KO = (
    "일본 측량선 1척이 9일 오후 독도 북쪽 해역에서 조사를 벌였다. 해경은 경비함 3척을 보내 측량선을 추적했다."
)
JA = "海上保安庁の測量船1隻が9日午後、竹島の北の海域で調査をした。韓国側は警備艦2隻を出し、測量船を追跡した。"
EN = (
    "One Japanese survey ship carried out research north of the islets on the 9th. "
    "South Korea sent two patrol vessels to follow it."
)
LINKS = [(0, [0], 1, [0], "shared"), (0, [1], 1, [1], "partial")]


@pytest.mark.parametrize(
    ("text", "lang", "nouns"),
    [
        (KO, "ko", ["survey ship", "patrol ship"]),
        (JA, "ja", ["survey ship", "patrol ship"]),
        (EN, "en", ["survey ship", "patrol ship"]),
        ("인근에서 조업하던 어선 3척은 대피했다.", "ko", ["fishing boat"]),
        ("漁船3隻と巡視船2隻が現場にいた。", "ja", ["fishing boat", "patrol ship"]),
        ("A coast guard survey ship and two fishing boats were nearby.", "en", ["fishing boat"]),
        ("선박 3척이 정박해 있었다.", "ko", [None]),
    ],
)
def test_counted_noun(text: str, lang: str, nouns: list[str | None]) -> None:
    assert [f.noun for f in _figs(text, lang, 0) if f.anchor.kind == "count"] == nouns


@pytest.mark.parametrize(("other", "lang"), [(JA, "ja"), (EN, "en")])
def test_partial_link_with_the_same_counted_noun_claims_the_disagreement(other: str, lang: str) -> None:
    # 1척 / 1隻 elsewhere made "3척" ambiguous across the whole articles; they count survey ships.
    figs = [_figs(KO, "ko", 0), _figs(other, lang, 1)]
    groups = [g for g in group_figures(figs, LINKS) if g.disagree]
    assert [sorted(f.anchor.text for f in g.figures) for g in groups] == [
        sorted(["3척", "2隻" if lang == "ja" else "two patrol vessels"])
    ]


def test_partial_link_with_different_counted_nouns_claims_nothing() -> None:
    ko = "일본 측량선 1척이 9일 오후 독도 북쪽 해역에서 조사를 벌였다. 인근에서 조업하던 어선 3척은 대피했다."
    figs = [_figs(ko, "ko", 0), _figs(JA, "ja", 1)]
    assert not [g for g in group_figures(figs, LINKS) if g.disagree]


def test_partial_link_without_a_known_noun_keeps_the_whole_article_rule() -> None:
    ko = "일본 측량선 1척이 9일 오후 독도 북쪽 해역에서 조사를 벌였다. 해경은 선박 3척을 보내 추적했다."
    figs = [_figs(ko, "ko", 0), _figs(JA, "ja", 1)]
    assert not [g for g in group_figures(figs, LINKS) if g.disagree]
    # A "shared" link is enough on its own, as before.
    (g,) = [g for g in group_figures(figs, [(0, [1], 1, [1], "shared")]) if g.disagree]
    assert sorted(f.anchor.text for f in g.figures) == ["2隻", "3척"]


def test_a_second_figure_of_the_same_noun_keeps_the_pairing_a_guess() -> None:
    ja = JA + "別の警備艦1隻も近くにいた。"
    figs = [_figs(KO, "ko", 0), _figs(ja, "ja", 1)]
    assert not [g for g in group_figures(figs, LINKS) if g.disagree]
