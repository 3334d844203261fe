"""What a percentage is about (QA pass 9, S4/S5), point changes, bounded durations, restated dates.

An invented market story: Korea caps lithium exports; the battery maker 소라전지 / ソラ電池 / Sora Cells
and the KOSDAQ fall, the Japanese maker 北星化学 / Hokusei Chemical falls too. Sentences are written
for these tests.
"""

from __future__ import annotations

import pytest

from comparator.anchors import extract_anchors
from comparator.figure_subjects import figure_subject, resolve_anaphor, subjects_relation
from comparator.figure_text import describe
from comparator.figures import Figure, article_figures, group_figures
from comparator.pipeline import prepare_article
from comparator.schema import RawDocument


def _figs(text: str, lang: str, article: int) -> list[Figure]:
    art = prepare_article(RawDocument(text=text, lang=lang, id=f"x{article}"), max_chars=5000)
    return article_figures(art, article)


def _subjects(text: str, lang: str) -> list[tuple[str, str | None] | None]:
    return [f.subject for f in _figs(text, lang, 0) if f.anchor.kind == "percent"]


@pytest.mark.parametrize(
    ("text", "lang", "subjects"),
    [
        ("소라전지 주가는 5.6% 급락했고, 코스닥 지수는 2.4% 내렸다.", "ko",
         [("shares", "소라전지"), ("index", "kosdaq")]),
        ("이날 코스닥에서 소라전지 주가는 5.6% 떨어졌다.", "ko", [("shares", "소라전지")]),
        ("同社の株価は12日、東京市場で3.8%下落した。", "ja", [("shares", None)]),
        ("日経平均株価は0.7%上昇した。", "ja", [("index", "nikkei")]),
        ("北星化学の株価は3.8%下げた。", "ja", [("shares", "北星化学")]),
        ("Sora Cells shares sank 5.6% and the KOSDAQ index lost 2.4%.", "en",
         [("shares", "Sora Cells"), ("index", "kosdaq")]),
        ("Hokusei shares fell 3.8% in Tokyo, while Sora Cells dropped 5.6% in Seoul.", "en",
         [("shares", "Hokusei"), ("shares", "Sora Cells")]),
        ("Korea buys about 70% of its lithium from Chile.", "en", [None]),
    ],
)  # fmt: skip
def test_figure_subject(text: str, lang: str, subjects: list) -> None:
    assert _subjects(text, lang) == subjects


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (("index", "kosdaq"), ("shares", "Sora Cells"), "different"),
        (("index", "kosdaq"), ("index", "nikkei"), "different"),
        (("index", "kospi"), ("index", "kospi"), "same"),
        (("shares", "Sora"), ("shares", "Sora Cells"), "same"),
        (("shares", "Sora Cells"), ("shares", "Hokusei"), "different"),
        (("shares", "소라전지"), ("shares", "Sora Cells"), "unknown"),
        (("shares", None), ("shares", "Sora Cells"), "unknown"),
        (None, ("index", "kosdaq"), "unknown"),
        (None, None, "none"),
    ],
)
def test_subjects_relation(a, b, relation: str) -> None:
    assert subjects_relation(a, b) == relation


def test_subject_search_starts_after_the_previous_percentage() -> None:
    text = "소라전지 주가는 5.6% 급락했다"
    a = extract_anchors(text, "ko")[0]
    assert figure_subject(text, "ko", a.start) == ("shares", "소라전지")
    assert figure_subject(text, "ko", a.start, floor=a.start) is None


KO = "이날 소라전지 주가는 5.6% 떨어졌고, 코스닥 지수는 2.4% 내렸다."
EN_SAME = "Sora Cells shares fell 5.6% and the KOSDAQ index lost 2.4%."
EN_OTHER = "Hokusei shares fell 3.8% in Tokyo, while Sora Cells dropped 5.6% in Seoul."
EN_WRONG = "Sora Cells shares fell 6.5% and the KOSDAQ index lost 2.4%."


@pytest.mark.parametrize("label", ["shared", "partial"])
def test_an_index_and_a_company_never_disagree(label: str) -> None:
    # 5.6 % agrees; the KOSDAQ's 2.4 % and Hokusei's 3.8 % were left over as each other's only candidate.
    figs = [_figs(EN_SAME, "en", 0), _figs(EN_OTHER, "en", 1)]
    groups = group_figures(figs, [(0, [0], 1, [0], label)])
    assert not any(g.disagree for g in groups)
    assert [sorted(f.anchor.text for f in g.figures) for g in groups] == [["5.6%", "5.6%"]]


def test_the_same_company_still_disagrees() -> None:
    figs = [_figs(EN_SAME, "en", 0), _figs(EN_WRONG, "en", 1)]
    groups = [g for g in group_figures(figs, [(0, [0], 1, [0], "shared")]) if g.disagree]
    assert [sorted(f.anchor.text for f in g.figures) for g in groups] == [["5.6%", "6.5%"]]


def test_two_companies_in_one_script_never_disagree() -> None:
    figs = [
        _figs("Hokusei shares fell 3.8% on Friday.", "en", 0),
        _figs("Sora Cells shares fell 5.6% on Friday.", "en", 1),
    ]
    assert not any(g.disagree for g in group_figures(figs, [(0, [0], 1, [0], "shared")]))


def test_an_unknown_company_pairs_only_when_unique_in_both_articles() -> None:
    ja_alone = "北星化学は影響は限定的だと述べた。同社の株価は12日、3.8%下落した。"
    ja_more = "北星化学は韓国向けが売上高の約2割を占めると述べた。同社の株価は12日、3.8%下落した。"
    ko = "소라전지 주가는 12일 5.6% 떨어졌다."
    for ja, claimed in ((ja_alone, True), (ja_more, False)):
        figs = [_figs(ko, "ko", 0), _figs(ja, "ja", 1)]
        groups = group_figures(figs, [(0, [0], 1, [1], "shared")])
        assert any(g.disagree for g in groups) is claimed, ja
        assert not any(g.disagree for g in group_figures(figs, [(0, [0], 1, [1], "partial")]))


@pytest.mark.parametrize(
    ("text", "lang", "subjects"),
    [
        ("主要メーカーの北星化学の広報担当者は影響は限定的だと話した。同社の株価は12日、3.8%下落した。", "ja",
         [("shares", "北星化学")]),
        ("ミナト銀行は利上げを歓迎した。同行の株価は1.2%上昇した。", "ja", [("shares", "ミナト銀行")]),
        ("北星化学とソラ電池が会見した。両社の株価は3.8%下落した。", "ja", [("shares", None)]),
        ("同社の株価は12日、東京市場で3.8%下落した。", "ja", [("shares", None)]),
        ("소라전지 측은 재고가 충분하다고 밝혔다. 이 회사 주가는 12일 5.6% 떨어졌다.", "ko",
         [("shares", "소라전지")]),
        ("소라전지 측은 재고가 충분하다고 밝혔다. 그 회사의 주가는 12일 5.6% 떨어졌다.", "ko",
         [("shares", "소라전지")]),
        ("소라전지 주가는 5.6% 떨어졌다. 북성화학에서도 우려가 나왔고 이 회사 주가는 3.8% 내렸다.", "ko",
         [("shares", "소라전지"), ("shares", "북성화학")]),
        ("Sora Cells, the largest maker, said stocks were ample. The company's shares fell 5.6%.", "en",
         [("shares", "Sora Cells")]),
        ("Sora Cells, the largest maker, said stocks were ample. Its shares fell 5.6%.", "en",
         [("shares", "Sora Cells")]),
        ("Sora Cells, the largest maker, said stocks were ample. Shares of the company fell 5.6%.", "en",
         [("shares", "Sora Cells")]),
    ],
)  # fmt: skip
def test_an_anaphor_is_the_company_named_nearest_before(text: str, lang: str, subjects: list) -> None:
    assert _subjects(text, lang) == subjects


def test_resolve_anaphor_leaves_named_subjects_alone() -> None:
    text = "ソラ電池は会見した。北星化学の株価は3.8%下落した。"
    assert resolve_anaphor(("shares", "北星化学"), text, "ja", text.index("3.8")) == ("shares", "北星化学")
    assert resolve_anaphor(("index", "nikkei"), text, "ja", text.index("3.8")) == ("index", "nikkei")


def test_an_anaphor_resolved_in_one_script_keeps_two_companies_apart() -> None:
    # 同社 is 北星化学 here, not ソラ電池: two companies' falls, not one figure given differently.
    figs = [
        _figs("北星化学は影響は限定的だと述べた。同社の株価は12日、3.8%下落した。", "ja", 0),
        _figs("ソラ電池の株価は12日、5.6%下落した。", "ja", 1),
    ]
    assert not any(g.disagree for g in group_figures(figs, [(0, [1], 1, [0], "shared")]))
    # The same company resolved on both sides still disagrees.
    figs[1] = _figs("北星化学の株価は12日、5.3%下落した。", "ja", 1)
    groups = [g for g in group_figures(figs, [(0, [1], 1, [0], "shared")]) if g.disagree]
    assert [sorted(f.anchor.text for f in g.figures) for g in groups] == [["3.8%", "5.3%"]]


@pytest.mark.parametrize(
    ("text", "lang", "shown"),
    [
        ("자급률은 3%포인트 올랐다.", "ko", "3 pp"),
        ("自給率は3ポイント上昇した。", "ja", "3 pp"),
        ("Self-sufficiency rose 3 percentage points.", "en", "3 pp"),
        ("수출 심사에는 최장 60일이 걸린다.", "ko", "up to 60 days"),
        ("審査には最長60日かかる。", "ja", "up to 60 days"),
        ("政府は5年で2兆ウォンを投じる。", "ja", "5 years"),
        ("The state will spend 2 trillion won over five years.", "en", "5 years"),
        ("The hearing lasted over five hours.", "en", "at least 5 h"),
    ],
)
def test_points_and_bounded_durations(text: str, lang: str, shown: str) -> None:
    first = next(a for a in extract_anchors(text, lang) if a.kind in {"count", "duration"})
    assert describe(first) == shown


def test_a_point_change_never_agrees_with_a_percent_change() -> None:
    figs = [_figs("자급률은 3%포인트 올랐다.", "ko", 0), _figs("Self-sufficiency rose 3%.", "en", 1)]
    assert group_figures(figs, [(0, [0], 1, [0], "shared")]) == []


def test_a_bound_and_a_plain_figure_across_a_partial_link_do_not_disagree() -> None:
    figs = [
        _figs("수출 심사에는 최장 60일이 걸린다.", "ko", 0),
        _figs("Stocks last about three months.", "en", 1),
    ]
    assert group_figures(figs, [(0, [0], 1, [0], "partial")]) == []
    # Two plain figures across the same partial link still disagree: the rule is about the bound.
    figs = [_figs("수출 심사에는 60일간 걸린다.", "ko", 0), _figs("Reviews take 80 days.", "en", 1)]
    assert [g.disagree for g in group_figures(figs, [(0, [0], 1, [0], "partial")])] == [True]


def test_a_day_that_restates_the_agreed_date_is_not_a_second_agreement() -> None:
    ko = "정부는 2026년 3월 12일 수출 제한을 발표했다. 소라전지 주가는 12일 5.6% 떨어졌다."
    ja = "韓国政府は2026年3月12日、輸出制限を発表した。ソラ電池の株価は12日、5.6%下落した。"
    figs = [_figs(ko, "ko", 0), _figs(ja, "ja", 1)]
    groups = group_figures(figs, [(0, [0], 1, [0], "shared"), (0, [1], 1, [1], "shared")])
    dates = [sorted(f.anchor.text for f in g.figures) for g in groups if g.figures[0].anchor.kind == "date"]
    assert dates == [sorted(["2026년 3월 12일", "2026年3月12日"])]
