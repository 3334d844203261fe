"""Figures across articles: which pairs are compared, when they disagree, and the majority value.

Sentences are invented for these tests.
"""

from __future__ import annotations

import numpy as np
import pytest

from comparator.figures import (
    Figure,
    agree,
    article_figures,
    comparable,
    describe,
    group_figures,
    pair_figures,
)
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
        # Sums read as a reader writes them (QA pass 5, M5: "30억 엔 (3000000000 JPY)").
        ("$10 billion", "en", "10 billion USD"),
        ("30억 엔", "ko", "3 billion JPY"),
        ("1億2345万円", "ja", "123.45 million JPY"),
        ("12만3456원", "ko", "123,456 KRW"),
        ("3년 이상", "ko", "at least 3 years"),
        ("1월", "ko", "January"),
        ("3月9日", "ja", "March 9"),
        ("24일", "ko", "day 24"),
        ("2026년 11월 24일", "ko", "2026-11-24"),
        # Counts read as English (QA pass 4: headlines said "say 8 person", "say 3 ship").
        ("8명", "ko", "8 people"),
        ("1人", "ja", "1 person"),
        ("경비함 3척", "ko", "3 ships"),
        ("two aircraft", "en", "2 aircraft"),
        ("61세", "ko", "age 61"),
        ("3번", "ko", "3 times"),
        ("5 countries", "en", "5 countries"),
    ],
)
def test_describe(text, lang, shown):
    (f,) = _figs(text, lang)
    assert describe(f.anchor) == shown


def test_agree_is_symmetric_for_clock_times():
    (a,) = _figs("오전 7시 40분께", "ko")
    (b,) = _figs("午前7時55分ごろ", "ja", 1)
    assert agree(a.anchor, b.anchor) is agree(b.anchor, a.anchor) is False


# Pairing in general: same kind and unit, counterpart sentences, different value. Each row is one
# sentence per language; every pair of rows is compared (ko-ja, ko-en, ja-en) and must give `expected`.
TRILINGUAL = [
    # (ko, ja, en, expected: "agree" | "disagree" | None for no pair, which figure pairs (kind))
    (
        "두 정상은 25분간 통화했다.",
        "両首脳は25分間電話で会談した。",
        "The two leaders spoke for 25 minutes.",
        "agree",
    ),
    ("회담은 약 1시간 동안 진행됐다.", "会談は約1時間行われた。", "The talks lasted about an hour.", "agree"),
    (
        "미사일은 약 800㎞를 비행했다.",
        "ミサイルは約800キロ飛行した。",
        "The missile flew about 800 km.",
        "agree",
    ),
    (
        "행사에는 약 500명이 참석했다.",
        "式典には約500人が出席した。",
        "About 500 people attended the ceremony.",
        "agree",
    ),
    (
        "기금 규모는 2억5천만 달러다.",
        "基金の規模は2億5000万ドル。",
        "The fund is worth $250 million.",
        "agree",
    ),
    ("물가 상승률은 3.2%였다.", "物価上昇率は3.2%だった。", "Inflation was 3.2%.", "agree"),
    ("회담은 3월 9일 열렸다.", "会談は3月9日に開かれた。", "The talks were held on March 9.", "agree"),
    # The same quantity, one side gives another value.
    (
        "두 정상은 25분간 통화했다.",
        "両首脳は35分間電話で会談した。",
        "The two leaders spoke for 45 minutes.",
        "disagree",
    ),
    (
        "행사에는 300명이 참석했다.",
        "式典には500人が出席した。",
        "Some 700 people attended the ceremony.",
        "disagree",
    ),
    ("기금 규모는 2억 달러다.", "基金の規模は2億5000万ドル。", "The fund is worth $300 million.", "disagree"),
    ("회담은 3월 9일 열렸다.", "会談は3月8日に開かれた。", "The talks were held on March 10.", "disagree"),
    # A second figure of the unit an order of magnitude away does not hide the counterpart.
    (
        "미사일은 약 800㎞를 비행했고 최고 고도는 약 50㎞였다.",
        "ミサイルは約750キロ飛行した。",
        "The missile flew about 700 kilometers.",
        "disagree",
    ),
    # Never paired (no two of the three): a date, a count and a duration; a duration, a count and a
    # percentage; three currencies; durations far apart.
    ("회담은 3월 9일 열렸다.", "会談には9人が出席した。", "The talks lasted 9 minutes.", None),
    ("두 정상은 25분간 통화했다.", "会談には25人が出席した。", "Support rose 25%.", None),
    ("기금 규모는 5억 원이다.", "基金の規模は5億円。", "The fund is worth $500 million.", None),
    (
        "두 정상은 25분간 통화했다.",
        "半年ぶりの電話会談だった。",
        "It was their first call in 40 years.",
        None,
    ),
]


def _pairs_of(left: tuple[str, str], right: tuple[str, str]) -> list[tuple[str, bool]]:
    got = pair_figures(_figs(left[0], left[1], 0), _figs(right[0], right[1], 1))
    return sorted((a.anchor.kind, ok) for a, _, ok in got)


@pytest.mark.parametrize(("ko", "ja", "en", "expected"), TRILINGUAL)
@pytest.mark.parametrize(("x", "y"), [(0, 1), (0, 2), (1, 2), (1, 0)])
def test_pairing_in_three_languages(ko, ja, en, expected, x, y):
    rows = [(ko, "ko"), (ja, "ja"), (en, "en")]
    got = _pairs_of(rows[x], rows[y])
    if expected is None:
        assert got == []
    else:
        assert len(got) == 1 and got[0][1] is (expected == "agree"), got


def test_a_date_and_a_count_are_never_comparable():
    (date,) = _figs("3月9日", "ja")
    (count,) = _figs("9명", "ko", 1)
    assert not comparable(date.anchor, count.anchor)
    assert pair_figures([date], [count]) == []


def _article(text: str, lang: str, k: int) -> list[Figure]:
    return _figs(text, lang, k)


def test_partial_link_needs_one_candidate_across_the_articles():
    # One missile range in each article: a "partial" link of the two sentences is enough.
    ko = _article("북한이 미사일을 발사했다. 미사일은 약 800㎞를 비행했다.", "ko", 0)
    ja = _article(
        "北朝鮮がミサイルを発射した。ミサイルは約750キロ飛行し、最高高度は約50キロだった。", "ja", 1
    )
    (g,) = group_figures([ko, ja], [(0, [1], 1, [1], "partial")])
    assert g.disagree and {f.anchor.text for f in g.figures} == {"약 800㎞", "約750キロ"}
    # A second range of the same order elsewhere in one article: the partial link is not enough ...
    ko2 = _article(
        "북한이 미사일을 발사했다. 미사일은 약 800㎞를 비행했다. 지난달 미사일은 약 600㎞를 날았다.", "ko", 0
    )
    assert group_figures([ko2, ja], [(0, [1], 1, [1], "partial")]) == []
    # ... while a "shared" link of the two sentences still pairs them.
    (g,) = group_figures([ko2, ja], [(0, [1], 1, [1], "shared")])
    assert g.disagree


def test_equal_values_pair_before_overlapping_intervals():
    left = _figs("회의는 약 30분, 휴식은 27분이었다.", "ko", 0)
    right = _figs("The meeting ran 27 minutes.", "en", 1)
    ((fa, fb, ok),) = pair_figures(left, right)
    assert ok and fa.anchor.text == "27분" and fb.anchor.text == "27 minutes"


def _no_aligner_links():
    from comparator.align import AlignParams

    return AlignParams(min_margin=10.0, solo_cos=1.1)  # the aligner links nothing: only rescues remain


@pytest.mark.parametrize(
    ("b_text", "disagree"),
    [
        ("Moss and Dren held a call lasting 35 minutes. The next meeting is in Kelton.", True),
        # No figure: nothing beyond the vectors says it is one fact.
        ("Moss and Dren held a call on Monday. The next meeting is in Kelton.", False),
        # Another duration of the same order in B: which one is the call's is a guess.
        (
            "Moss and Dren held a call lasting 35 minutes. The next meeting, in Kelton, takes 40 minutes.",
            False,
        ),
    ],
)
def test_a_unique_figure_pair_links_nearest_neighbour_sentences(b_text, disagree):
    from comparator.compare import compare_articles

    a_text = "The two leaders spoke by phone for 25 minutes on Monday. They agreed to meet in Kelton."
    arts = [
        prepare_article(RawDocument(text=t, lang="en", id=i), max_chars=1000)
        for i, t in (("a", a_text), ("b", b_text))
    ]
    # Sentence k of A and sentence k of B are each other's nearest neighbours, cosine about 0.9.
    rng = np.random.default_rng(0)
    base, own = rng.normal(size=32), [rng.normal(size=32) for _ in range(2)]
    va = np.array([base * 3 + own[k] for k in range(2)])
    vb = np.array([base * 3 + own[k] + rng.normal(size=32) * 0.3 for k in range(2)])
    va, vb = (np.asarray(v / np.linalg.norm(v, axis=1, keepdims=True), dtype=np.float32) for v in (va, vb))
    report = compare_articles(arts, vectors=[va, vb], params=_no_aligner_links())
    claimed = [d for d in report.by_kind("number") if d.subkind == "disagree"]
    assert bool(claimed) is disagree, [d.summary for d in claimed]
    assert (report.article("a").sentences[0].carried_by == ["b"]) is disagree


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        ("--03-09", "March 9"),
        ("---09", "day 9"),
        ("2026-03-09", "2026-03-09"),
        ("25 min", "25 min"),
        ("--13-01", "--13-01"),
    ],
)
def test_agreement_sentences_show_dates_readably(note, shown):
    from comparator.differences import _readable

    assert _readable(note) == shown


@pytest.mark.parametrize(
    ("text", "lang", "shown"), [("約15メートル", "ja", "~15 m"), ("800 meters", "en", "800 m")]
)
def test_describe_keeps_measures_as_they_are(text, lang, shown):
    (f,) = _figs(text, lang)
    assert describe(f.anchor) == shown


# Clock times and their zones (QA pass 5, A2: a local "오후 3시" in Manila against "午後4時（日本時間）",
# the same moment, was reported as two figures that disagree).
ZONED = [
    # (left, lang, right, lang, pairs)
    ("대표단은 12일 오후 2시부터 회담했다.", "ko", "代表団は12日午後3時（日本時間）から会談した。", "ja", []),
    ("대표단은 오후 2시(현지시간) 도착했다.", "ko", "代表団は午後3時（日本時間）に到着した。", "ja", []),
    ("The delegation landed at 2 p.m. local time.", "en", "代表団は午後3時（日本時間）に到着した。", "ja", []),
    # One zone on both sides (Japan and Korea share UTC+9): compared as before.
    ("대표단은 오후 4시(한국시간) 도착했다.", "ko", "代表団は午後3時（日本時間）に到着した。", "ja",
     [("오후 4시", "午後3時", False)]),
    ("한국시간 오후 3시 회담이 시작됐다.", "ko", "The talks began at 3 p.m. KST.", "en", [("오후 3시", "3 p.m.", True)]),
    ("The talks began at 3 p.m. local time.", "en", "현지시간 오후 3시 회담이 시작됐다.", "ko",
     [("3 p.m.", "오후 3시", True)]),
    # No zone anywhere: compared as before.
    ("회담은 오후 3시에 시작됐다.", "ko", "会談は午後4時に始まった。", "ja", [("오후 3시", "午後4時", False)]),
]  # fmt: skip


@pytest.mark.parametrize(("left", "la", "right", "lb", "expected"), ZONED)
def test_clock_times_compare_only_within_one_zone(left, la, right, lb, expected):
    got = pair_figures(_figs(left, la, 0), _figs(right, lb, 1))
    got = [(a.anchor.text, b.anchor.text, ok) for a, b, ok in got if a.anchor.kind == "time"]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "lang", "zone", "shown"),
    [
        ("会談は午後4時（日本時間）から約50分間行われた。", "ja", "UTC+9", "16:00 UTC+9"),
        ("日本時間27日午前1時ごろに発射した。", "ja", "UTC+9", "01:00 UTC+9"),
        ("회담은 오후 3시(현지시간)부터 열렸다.", "ko", "local", "15:00 local time"),
        ("The vote closed at 8 p.m. GMT on Friday.", "en", "UTC", "20:00 UTC"),
        ("Talks resumed at 10:30 a.m. Tokyo time.", "en", "UTC+9", "10:30 UTC+9"),
        ("報告書は本日12時GMTに公開された。", "ja", "UTC", "12:00 UTC"),
        ("車両は同日のグリニッジ標準時12:00頃に運ばれた。", "ja", "UTC", "12:00 UTC"),
        # Two zones in one sentence: the nearest one is the time's.
        ("地震は現地時間午前7時19分（金曜日午後9時19分GMT）に起きた。", "ja", "local", "07:19 local time"),
        ("회담은 오후 3시부터 열렸다.", "ko", None, "15:00"),
        # A zone word in another sentence or inside another word is not this time's zone.
        ("日本時間で発表された。会談は午後3時に始まった。", "ja", None, "15:00"),
        ("The rate of interest rose at 3 p.m. on Friday.", "en", None, "15:00"),
    ],
)
def test_a_clock_time_takes_the_zone_its_sentence_names(text, lang, zone, shown):
    f = next(f for f in _figs(text, lang) if f.anchor.kind == "time")  # the first time of the sentence
    assert (f.anchor.zone, describe(f.anchor)) == (zone, shown)


def test_a_zoned_and_an_unzoned_time_are_not_comparable():
    (a,) = [f for f in _figs("회담은 오후 3시부터 열렸다.", "ko") if f.anchor.kind == "time"]
    (b,) = [f for f in _figs("会談は午後3時（日本時間）から行われた。", "ja", 1) if f.anchor.kind == "time"]
    assert not comparable(a.anchor, b.anchor)
    assert agree(a.anchor, b.anchor) is None


# QA pass 5, A3: one quantity paired through two different links became two groups, a disagreement
# without its majority ("約50分間" vs "70분간") and an agreement beside it ("50분간" = "50-minute").
SPLIT = [
    ("두 장관의 회담은 오후 3시부터 50분간 이어졌다.", "ko"),
    ("両外相の会談は約50分間にわたった。", "ja"),
    ("The ministers held a 50-minute meeting on the sidelines.", "en"),
    ("두 장관은 70분간 회담했다.", "ko"),
]


def _split_groups(texts, links):
    figs = [_figs(t, lang, k) for k, (t, lang) in enumerate(texts)]
    return group_figures(figs, links)


def test_one_quantity_split_over_two_links_is_one_group_with_its_majority():
    groups = _split_groups(SPLIT, [(0, [0], 2, [0], "shared"), (1, [0], 3, [0], "shared")])
    (g,) = [g for g in groups if g.figures[0].anchor.kind == "duration"]
    assert g.disagree and g.majority is not None
    odd = [f for f in g.figures if f not in g.clusters[g.majority]]
    assert [(f.article, f.anchor.text) for f in odd] == [(3, "70분간")]
    assert sorted({f.article for f in g.clusters[g.majority]}) == [0, 1, 2]


def test_split_groups_stay_apart_when_an_article_names_another_such_figure():
    texts = [*SPLIT[:3], ("두 장관은 70분간 회담했고 이어 40분간 만찬을 했다.", "ko")]
    groups = _split_groups(texts, [(0, [0], 2, [0], "shared"), (1, [0], 3, [0], "shared")])
    durations = [g for g in groups if g.figures[0].anchor.kind == "duration"]
    assert all(len({f.article for f in g.figures}) < 4 for g in durations)


def test_two_agreeing_groups_of_different_counted_things_stay_apart():
    texts = [
        ("경비함 3척이 출동했다.", "ko"),
        ("A patrol ship force of three patrol vessels was sent.", "en"),
        ("인근에서 어선 3척이 조업했다.", "ko"),
        ("漁船3隻が操業していた。", "ja"),
    ]
    groups = _split_groups(texts, [(0, [0], 1, [0], "shared"), (2, [0], 3, [0], "shared")])
    assert len([g for g in groups if g.figures[0].anchor.kind == "count"]) == 2
