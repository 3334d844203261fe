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
        ("해양연구선 1척과 研究船", "ko", ["survey ship"]),
        ("研究船1隻が戻った。", "ja", ["survey ship"]),
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


# An invented incident for the end-to-end check, written for this test: one research vessel, and the
# patrol ships sent after it (four in the Korean and English reports, three in the Japanese one).
INCIDENT = {
    "ko": (
        "일본 해양연구선, 울릉도 인근 해역서 수온 조사\n\n"
        "일본 수산청 소속 해양연구선 1척이 14일 오전 울릉도 동쪽 약 60km 해역에서 6시간가량 수온을 측정했다고 "
        "해양경찰청이 밝혔다.\n외교부는 주한일본대사관 관계자를 불러 유감을 표명했다.\n"
        "해경은 경비함 4척을 현장에 보내 연구선을 감시했다.\n연구선은 오후 4시쯤 해역을 떠났다."
    ),
    "ja": (
        "水産庁の研究船、鬱陵島沖で水温調査\n\n"
        "水産庁の研究船1隻が14日午前、鬱陵島の東約60キロの海域で水温の観測を行った。\n"
        "韓国外交省は在韓日本大使館の関係者を呼び、遺憾の意を伝えた。\n"
        "韓国側は警備艦3隻を派遣し、研究船の動きを監視した。\n研究船は午後4時ごろ、同海域を離れた。"
    ),
    "en": (
        "Japanese research ship measures water temperatures off Ulleungdo\n\n"
        "A Japanese fisheries agency research ship spent about six hours on the 14th measuring water "
        "temperatures some 60 kilometers east of Ulleungdo, South Korea's coast guard said.\n"
        "Seoul's foreign ministry called in a Japanese embassy official to express regret.\n"
        "South Korea sent four patrol vessels to watch the ship, which left around 4 p.m."
    ),
}


@pytest.mark.slow
def test_report_names_the_patrol_ship_count_one_report_gives_differently() -> None:
    from comparator.compare import compare_articles
    from comparator.config import Settings
    from comparator.embed import load_embedder

    arts = [
        prepare_article(RawDocument(text=t, lang=lang, id=f"incident-{lang}"), max_chars=5000)
        for lang, t in INCIDENT.items()
    ]
    report = compare_articles(arts, embedder=load_embedder(Settings())).to_dict()
    numbers = [d for d in report["differences"] if d["kind"] == "number"]
    disagreements = [d["summary"] for d in numbers if d["subkind"] == "disagree"]
    assert len(disagreements) == 1 and "3隻" in disagreements[0], disagreements
    assert any("1척" in d["summary"] for d in numbers if d["subkind"] == "agree")


# QA pass 4: an invented capsized fishing boat. Korea's and Japan's coast guards each send ships and
# aircraft; every report says 10 crew and 8 rescued.
@pytest.mark.parametrize(
    ("text", "lang", "nouns"),
    [
        ("해경은 경비함정 3척과 항공기 1대를 보냈다.", "ko", ["patrol ship", None]),
        ("해양수산부는 어업지도선 2척을 현장에 보냈다.", "ko", ["fisheries ship"]),
        ("水産庁は漁業取締船1隻を派遣した。", "ja", ["fisheries ship"]),
        ("Seoul sent two fisheries guidance ships to the area.", "en", ["fisheries ship"]),
        ("Seoul sent three Coast Guard patrol vessels to the area.", "en", ["patrol ship"]),
    ],
)
def test_counted_noun_of_fleets(text: str, lang: str, nouns: list[str | None]) -> None:
    assert [f.noun for f in _figs(text, lang, 0) if f.anchor.kind == "count"] == nouns


def test_an_article_giving_both_values_is_no_disagreement() -> None:
    # "Eight crew members" (rescued) and "10 crew members" (aboard) look like one quantity given
    # twice, but the Korean report gives both 10 and 8: they are two quantities.
    figs = [
        _figs("선원 10명 중 8명이 구조됐다.", "ko", 0),
        _figs("Eight crew members were rescued.", "en", 1),
        _figs("The boat had 10 crew members on board.", "en", 2),
    ]
    links = [(0, [0], 1, [0], "shared"), (0, [0], 2, [0], "shared"), (1, [0], 2, [0], "shared")]
    groups = group_figures(figs, links)
    assert not [g for g in groups if g.disagree]
    assert sorted(sorted(f.anchor.text for f in g.figures) for g in groups) == [
        ["10 crew members", "10명"],
        ["8명", "Eight crew members"],
    ]


def test_a_genuine_disagreement_still_stands_beside_an_agreement() -> None:
    figs = [
        _figs("선원 10명 중 8명이 구조됐다.", "ko", 0),
        _figs("乗組員11人のうち8人が救助された。", "ja", 1),
        _figs("The boat had 10 crew members on board.", "en", 2),
    ]
    links = [(0, [0], 1, [0], "shared"), (0, [0], 2, [0], "shared")]
    (g,) = [g for g in group_figures(figs, links) if g.disagree]
    assert sorted(f.anchor.text for f in g.figures) == ["10 crew members", "10명", "11人"]


def test_two_fleets_are_not_one_figure_given_differently() -> None:
    # Korea's ships and aircraft beside Japan's: the sentences count different things.
    ko = "해경은 경비함정 3척과 항공기 1대를, 해양수산부는 어업지도선 2척을 현장에 보냈다."
    ja = "同本部は巡視船4隻と航空機2機を投入している。"
    figs = [_figs(ko, "ko", 0), _figs(ja, "ja", 1)]
    assert not [g for g in group_figures(figs, [(0, [0], 1, [0], "partial")]) if g.disagree]


def test_counts_of_different_known_kinds_never_disagree() -> None:
    figs = [
        _figs("Seoul sent two fisheries guidance ships.", "en", 0),
        _figs("Seoul sent three patrol vessels.", "en", 1),
    ]
    assert not [g for g in group_figures(figs, [(0, [0], 1, [0], "shared")]) if g.disagree]


def test_a_later_day_sentence_with_other_unmatched_figures_claims_nothing() -> None:
    # QA pass 4, a follow-up report: the body found at 10:15 the next day, about 20 km away, beside
    # the distress call at 4:20 about 150 km out. Nothing in the two sentences agrees, and both hold
    # another unmatched figure: two different moments, not one time given differently.
    first = "해양경찰청에 따르면 해성호는 24일 오전 4시 20분께 오키섬 북서쪽 약 150㎞ 해상에서 조난 신호를 보냈다."
    later = "해양경찰청에 따르면 일본 항공기가 이날 오전 10시 15분께 사고 지점에서 약 20㎞ 떨어진 해상에서 김씨를 발견했다."
    figs = [_figs(first, "ko", 0), _figs(later, "ko", 1)]
    assert not [g for g in group_figures(figs, [(0, [0], 1, [0], "shared")]) if g.disagree]


def test_one_time_given_differently_beside_agreeing_figures_is_claimed() -> None:
    ko = "해성호는 24일 오전 4시 20분께 약 150㎞ 해상에서 조난 신호를 보냈다."
    ja = "同船は24日午前6時20分ごろ、約150キロの海域で遭難信号を発信した。"
    figs = [_figs(ko, "ko", 0), _figs(ja, "ja", 1)]
    (g,) = [g for g in group_figures(figs, [(0, [0], 1, [0], "shared")]) if g.disagree]
    assert sorted(f.anchor.text for f in g.figures) == ["午前6時20分", "오전 4시 20분"]


# A second invented event (QA pass 4, N1b): the cargo ship 청해호 / チョンヘ号 / Cheonghae sinks; one
# report gives 13 crew and 4 missing where the others give 12 and 3; all agree 9 were rescued.
KO_SHIP = "부산 선적 화물선 청해호가 침몰해 승선원 12명 중 9명은 구조됐다."
JA_SHIP = "海上保安庁によると、乗組員13人のうち9人は救助されたが、4人の行方が分かっていない。"
EN_SHIP = "Rescuers pulled nine of its 12 crew members from the water."


@pytest.mark.parametrize(
    ("text", "lang", "totals"),
    [
        (KO_SHIP, "ko", ["12명"]),
        ("선원 12명 가운데 9명이 구조됐다.", "ko", ["12명"]),
        ("해경은 선원 9명을 구조했다.", "ko", []),
        (JA_SHIP, "ja", ["13人"]),
        ("乗組員12人中9人が救助された。", "ja", ["12人"]),
        ("巡視船が乗組員9人を救助した。", "ja", []),
        (EN_SHIP, "en", ["12 crew members"]),
        ("Two of the 12 crew members are missing.", "en", ["12 crew members"]),
        ("The rescue of 9 crew members took five hours.", "en", []),
    ],
)  # fmt: skip
def test_a_total_is_the_count_a_part_is_taken_of(text: str, lang: str, totals: list[str]) -> None:
    assert [f.anchor.text for f in _figs(text, lang, 0) if f.role == "total"] == totals


def _disagreeing(groups) -> list[list[str]]:
    return [sorted(f.anchor.text for f in g.figures) for g in groups if g.disagree]


@pytest.mark.parametrize(
    ("other", "lang", "total"), [(KO_SHIP, "ko", "12명"), (EN_SHIP, "en", "12 crew members")]
)
def test_two_totals_of_one_counted_noun_disagree_beside_the_parts(other: str, lang: str, total: str) -> None:
    # 9 = 9 pairs; 13人 and 4人 are left over on one side, so before totals the pairing was a guess.
    figs = [_figs(other, lang, 0), _figs(JA_SHIP, "ja", 1)]
    for label in ("shared", "partial"):
        assert _disagreeing(group_figures(figs, [(0, [0], 1, [0], label)])) == [sorted([total, "13人"])]


def test_the_missing_count_stays_apart_from_the_total() -> None:
    ko = KO_SHIP + " 실종된 선원 3명은 모두 한국인이다."
    figs = [_figs(ko, "ko", 0), _figs(JA_SHIP, "ja", 1)]
    groups = group_figures(figs, [(0, [0], 1, [0], "partial"), (0, [1], 1, [0], "partial")])
    assert _disagreeing(groups) == [["12명", "13人"]]


def test_a_second_total_of_the_noun_keeps_the_pairing_a_guess() -> None:
    ko = KO_SHIP + " 선원 12명 중 한국인은 7명이다."
    figs = [_figs(ko, "ko", 0), _figs(JA_SHIP, "ja", 1)]
    assert _disagreeing(group_figures(figs, [(0, [0], 1, [0], "partial")])) == []


def test_totals_of_different_nouns_never_disagree() -> None:
    ko = "여객선 승객 12명 중 9명이 구조됐다."
    figs = [_figs(ko, "ko", 0), _figs(JA_SHIP, "ja", 1)]
    assert _disagreeing(group_figures(figs, [(0, [0], 1, [0], "shared")])) == []
