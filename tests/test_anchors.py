"""Anchors: numbers, durations, money, dates, percentages and counts in ja / ko / en.

Every sentence here is written for these tests (an invented leaders' call, budget and accident).
Each case lists every anchor expected in the text as (kind, value) or (kind, value, qualifier).
"""

from __future__ import annotations

import pytest

from comparator.anchors import (
    Anchor,
    anchor_evidence,
    anchors_agree,
    extract_anchors,
    is_specific,
    parse_number,
)
from comparator.errors import UnsupportedLanguageError

EN = [
    ("The two leaders spoke for 25 minutes.", [("duration", 1500.0)]),
    ("The call lasted about 25 minutes.", [("duration", 1500.0, "approx")]),
    ("a twenty-five minute call", [("duration", 1500.0)]),
    ("a 25-minute phone call", [("duration", 1500.0)]),
    ("talks ran for 1 hour and 25 minutes", [("duration", 5100.0)]),
    ("after half an hour", [("duration", 1800.0)]),
    ("a fund of $250 million", [("money", (250e6, "USD"))]),
    ("exports worth ₩1.2 trillion", [("money", (1.2e12, "KRW"))]),
    ("a US$3bn order", [("money", (3e9, "USD"))]),
    ("1.2 trillion won in aid", [("money", (1.2e12, "KRW"))]),
    ("500 million yen", [("money", (5e8, "JPY"))]),
    ("Seoul said on March 9 that", [("date", "--03-09")]),
    ("on 9 March 2026", [("date", "2026-03-09")]),
    ("by Mar. 9", [("date", "--03-09")]),
    ("March 9, 2026", [("date", "2026-03-09")]),
    ("since 2019 the ministry", [("date", "2019")]),
    ("growth of 3.5% last year", [("percent", 3.5)]),
    ("down 3.5 percent", [("percent", 3.5)]),
    ("a rise of 0.4 percentage points", [("count", (0.4, "pp"))]),  # points are not percent (QA9 N2)
    ("21 people were injured", [("count", (21.0, "person"))]),
    ("more than 30 people", [("count", (30.0, "person"), "over")]),
    ("three missiles were fired", [("count", (3.0, "missile"))]),
    ("a 72-year-old man", [("count", (72.0, "age"))]),
    ("12,000 people in 15 countries", [("count", (12000.0, "person")), ("count", (15.0, "country"))]),
    ("at 3:25 p.m. local time", [("time", "15:25")]),
    ("the G7 and COVID-19", []),
    ("the committee approved 4 of the bills", [("number", 4.0)]),
    ("a 40 km stretch", [("count", (40000.0, "m"))]),
]

KO = [
    ("두 정상은 25분 동안 통화했다.", [("duration", 1500.0)]),
    ("통화는 25분간 이어졌다.", [("duration", 1500.0)]),
    ("약 25분 통화했다", [("duration", 1500.0, "approx")]),
    ("30분가량 논의했다", [("duration", 1800.0, "approx")]),
    ("회담은 1시간 25분 걸렸다", [("duration", 5100.0)]),
    ("3년 만에 재개됐다", [("duration", 3 * 31536000.0)]),
    ("세 달 동안", [("duration", 3 * 2592000.0)]),
    ("1조 원 규모", [("money", (1e12, "KRW"))]),
    ("3,000억 원을 투입한다", [("money", (3e11, "KRW"))]),
    ("1억1천만 달러", [("money", (1.1e8, "USD"))]),
    ("2억 5천만 달러", [("money", (2.5e8, "USD"))]),
    ("5억 엔", [("money", (5e8, "JPY"))]),
    ("2026년 3월 9일 발표했다", [("date", "2026-03-09")]),
    ("3월 9일 오후", [("date", "--03-09")]),
    ("대통령실은 지난 9일 밝혔다", [("date", "---09")]),
    ("2025년에는 감소했다", [("date", "2025")]),
    ("3.5퍼센트 올랐다", [("percent", 3.5)]),
    ("３．５％ 상승", [("percent", 3.5)]),
    ("0.4%포인트 낮아졌다", [("count", (0.4, "pp"))]),
    ("21명이 다쳤다", [("count", (21.0, "person"))]),
    ("20여 명이 참석했다", [("count", (20.0, "person"), "approx")]),
    ("10만 명 이상", [("count", (1e5, "person"), "over")]),
    ("세 차례 회담했다", [("count", (3.0, "times"))]),
    ("두 명이 숨졌다", [("count", (2.0, "person"))]),
    ("미사일 2발을 발사했다", [("count", (2.0, "missile"))]),
    ("오후 3시 25분에", [("time", "15:25")]),
    ("1천97명", [("count", (1097.0, "person"))]),
    ("3주년 기념식", [("number", 3.0)]),
    ("두 번째 회담", []),
]

JA = [
    ("両首脳は25分間電話で会談した。", [("duration", 1500.0)]),
    ("会談は25分で終わった", [("duration", 1500.0)]),
    ("約25分会談した", [("duration", 1500.0, "approx")]),
    ("二十五分にわたり", [("duration", 1500.0)]),
    ("１時間２５分", [("duration", 5100.0)]),
    ("9日間の日程", [("duration", 9 * 86400.0)]),
    ("3か月ぶり", [("duration", 3 * 2592000.0)]),
    ("5億円を計上した", [("money", (5e8, "JPY"))]),
    ("3億ドルの支援", [("money", (3e8, "USD"))]),
    ("三億円", [("money", (3e8, "JPY"))]),
    ("1兆2000億ウォン", [("money", (1.2e12, "KRW"))]),
    ("3月9日に発表", [("date", "--03-09")]),
    ("2026年3月9日", [("date", "2026-03-09")]),
    ("令和8年3月9日", [("date", "2026-03-09")]),
    ("政府は9日、発表した", [("date", "---09")]),
    ("3.5％上昇した", [("percent", 3.5)]),
    ("3.5パーセント", [("percent", 3.5)]),
    ("支持率は3割", [("percent", 30.0)]),
    ("21人が負傷した", [("count", (21.0, "person"))]),
    ("２１人", [("count", (21.0, "person"))]),
    ("20人余りが参加", [("count", (20.0, "person"), "approx")]),
    ("１０万人以上", [("count", (1e5, "person"), "over")]),
    ("ミサイル2発を発射", [("count", (2.0, "missile"))]),
    ("午後3時25分ごろ", [("time", "15:25")]),
    ("十分な説明", []),
    ("統一された見解", []),
    ("第3回会合", [("number", 3.0)]),
]


def _simple(anchors: list[Anchor]) -> list[tuple]:
    return [(a.kind, a.value) if a.qualifier is None else (a.kind, a.value, a.qualifier) for a in anchors]


def _check(text: str, lang: str, expected: list[tuple]) -> None:
    anchors = extract_anchors(text, lang)
    assert _simple(anchors) == [tuple(e) for e in expected]
    for a in anchors:
        assert text[a.start : a.end] == a.text  # offsets point into the text as given


@pytest.mark.parametrize(("text", "expected"), EN)
def test_en(text: str, expected: list[tuple]) -> None:
    _check(text, "en", expected)


@pytest.mark.parametrize(("text", "expected"), KO)
def test_ko(text: str, expected: list[tuple]) -> None:
    _check(text, "ko", expected)


@pytest.mark.parametrize(("text", "expected"), JA)
def test_ja(text: str, expected: list[tuple]) -> None:
    _check(text, "ja", expected)


@pytest.mark.parametrize(
    ("text", "value"),
    [("3,000억", 3e11), ("1억1천만", 1.1e8), ("12조3천억", 1.23e13), ("二十五", 25.0), ("三億", 3e8),
     ("千五百", 1500.0), ("1万2000", 12000.0), ("1.2조", 1.2e12), ("二〇二六", 2026.0), ("２５", 25.0)],
)  # fmt: skip
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_spans_and_qualifier_in_a_sentence() -> None:
    text = "윤 대통령과 이시바 총리는 9일 오후 약 25분간 통화했다."
    anchors = extract_anchors(text, "ko")
    assert [a.text for a in anchors] == ["9일", "약 25분간"]
    assert anchors[1].qualifier == "approx"


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(UnsupportedLanguageError, match="fr"):
        extract_anchors("25 minutes", "fr")


def _one(text: str, lang: str) -> Anchor:
    anchors = extract_anchors(text, lang)
    assert len(anchors) == 1, anchors
    return anchors[0]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("25분", "ko"), ("25 minutes", "en"), True),
        (("25分", "ja"), ("25분", "ko"), True),
        (("25分間", "ja"), ("about 25 minutes", "en"), True),
        (("35分", "ja"), ("25분", "ko"), False),
        (("1시간 25분", "ko"), ("85 minutes", "en"), True),
        (("5億円", "ja"), ("3億ドル", "ja"), None),  # different currencies: no exchange rates applied
        (("3億ドル", "ja"), ("$300 million", "en"), True),
        (("3억 달러", "ko"), ("$250 million", "en"), False),
        (("1조2천억 원", "ko"), ("₩1.2 trillion", "en"), True),
        (("3月9日", "ja"), ("3월 9일", "ko"), True),
        (("3月9日", "ja"), ("March 10", "en"), False),
        (("9일", "ko"), ("March 9, 2026", "en"), True),
        (("3월", "ko"), ("9일", "ko"), None),  # no date field in common
        (("2025年", "ja"), ("March 9, 2026", "en"), False),
        (("3.5%", "ko"), ("3.5パーセント", "ja"), True),
        (("3.5%", "ko"), ("3.8 percent", "en"), False),
        (("21명", "ko"), ("21人", "ja"), True),
        (("21명", "ko"), ("23 people", "en"), False),
        (("20여 명", "ko"), ("21 people", "en"), True),  # approx: within 10 %
        (("10만 명 이상", "ko"), ("120,000 people", "en"), True),  # over: a lower bound
        (("10만 명 이상", "ko"), ("90,000 people", "en"), False),
        (("21명", "ko"), ("21 missiles", "en"), None),  # different units
        (("25분", "ko"), ("25%", "en"), None),  # different kinds
        (("the committee approved 4 of the bills", "en"), ("법안 4", "ko"), True),
        (("the committee approved 4 of the bills", "en"), ("법안 5", "ko"), None),  # bare numbers differ
        (("오후 3시", "ko"), ("3 p.m.", "en"), True),
    ],
)
def test_agreement(a: tuple[str, str], b: tuple[str, str], expected: bool | None) -> None:
    x, y = _one(*a), _one(*b)
    assert anchors_agree(x, y) is expected
    assert anchors_agree(y, x) is expected


@pytest.mark.parametrize(
    ("text", "lang", "specific"),
    [("25분", "ko", True), ("3億ドル", "ja", True), ("March 9", "en", True), ("9일", "ko", False),
     ("in 2026", "en", False), ("법안 4", "ko", False), ("법안 1,250", "ko", True), ("21人", "ja", True)],
)  # fmt: skip
def test_specific_anchors(text: str, lang: str, specific: bool) -> None:
    assert is_specific(_one(text, lang)) is specific


def test_anchor_evidence_rewards_agreement_only() -> None:
    ko = ["두 정상은 25분간 통화했다.", "회담은 9일 열렸다.", "피해액은 3,000억 원이다."]
    en = [
        "The damage came to 300 billion won.",
        "They spoke for 35 minutes.",
        "The talks were held on the 9th.",
    ]
    ev = anchor_evidence([extract_anchors(t, "ko") for t in ko], [extract_anchors(t, "en") for t in en])
    # 25분 vs 35 minutes disagrees: no penalty, no reward; a bare day of month is not specific.
    assert ev == [[0, 0, 0], [0, 0, 0], [1, 0, 0]]


# Lengths and weights, normalised to metres and kilograms: (text, lang, expected anchors).
MEASURES = [
    ("the missile flew about 800 kilometres", "en", [("count", (800000.0, "m"), "approx")]),
    ("a 620-mile journey", "en", [("count", (620 * 1609.344, "m"))]),
    ("a 1,500km pipeline", "en", [("count", (1.5e6, "m"))]),
    ("some 12 nautical miles offshore", "en", [("count", (12 * 1852.0, "m"), "approx")]),
    ("more than 3,000 tonnes of rice", "en", [("count", (3e6, "kg"), "over")]),
    ("a 40-metre tower", "en", [("count", (40.0, "m"))]),
    ("trains at 300 km/h", "en", [("number", 300.0)]),  # a speed is not a distance
    ("미사일은 약 650㎞를 비행했다", "ko", [("count", (650000.0, "m"), "approx")]),
    ("사거리 1천200킬로미터", "ko", [("count", (1.2e6, "m"))]),
    ("활주로 3㎞", "ko", [("count", (3000.0, "m"))]),
    ("필로폰 약 5킬로를 압수했다", "ko", [("count", (5.0, "kg"), "approx")]),  # weight words: kilograms
    ("쌀 2만 톤을 지원한다", "ko", [("count", (2e7, "kg"))]),
    ("높이 120미터", "ko", [("count", (120.0, "m"))]),
    ("시속 250㎞로 달렸다", "ko", [("number", 250.0)]),
    ("ミサイルは約650キロ飛行した", "ja", [("count", (650000.0, "m"), "approx")]),
    ("高度約40キロに達した", "ja", [("count", (40000.0, "m"), "approx")]),
    ("射程1200キロメートル", "ja", [("count", (1.2e6, "m"))]),
    ("覚醒剤約5キロを押収した", "ja", [("count", (5.0, "kg"), "approx")]),
    ("コメ2万トンを支援", "ja", [("count", (2e7, "kg"))]),
    ("全長300メートルの橋", "ja", [("count", (300.0, "m"))]),
    ("時速250キロで走る", "ja", [("number", 250.0)]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), MEASURES)
def test_measures(text: str, lang: str, expected: list[tuple]) -> None:
    def rounded(v):
        return (round(v[0], 3), v[1]) if isinstance(v, tuple) else v

    got = [
        (a.kind, rounded(a.value), *([a.qualifier] if a.qualifier else []))
        for a in extract_anchors(text, lang)
    ]
    assert got == [(k, rounded(v), *rest) for k, v, *rest in expected]


def test_distances_agree_across_languages_and_units() -> None:
    assert anchors_agree(_one("약 800㎞", "ko"), _one("about 800 kilometers", "en"))
    assert anchors_agree(_one("800キロ", "ja"), _one("497 miles", "en"))  # 799.8 km, within 1 %
    assert anchors_agree(_one("750キロ", "ja"), _one("800㎞", "ko")) is False
    assert anchors_agree(_one("5キロの覚醒剤", "ja"), _one("5 km", "en")) is None  # weight vs length


# QA pass 4: native Korean day counts and the katakana nautical mile (a fishing-boat search).
DAY_COUNTS_AND_MILES = [
    ("ko", "수색은 이틀째 이어지고 있다.", [("duration", 2 * 86400.0)]),
    ("ko", "사흘간 수색했다.", [("duration", 3 * 86400.0)]),
    ("ko", "열흘 만에 발견됐다.", [("duration", 10 * 86400.0)]),
    ("ko", "보름 동안 머물렀다.", [("duration", 15 * 86400.0)]),
    ("ko", "하루 평균 두 차례 순찰한다.", [("count", (2.0, "times"))]),
    ("ko", "이틀 뒤 귀국한다.", []),
    ("ja", "領海12カイリの外側", [("count", (22224.0, "m"))]),
    ("ja", "EEZの200浬", [("count", (370400.0, "m"))]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), DAY_COUNTS_AND_MILES)
def test_day_counts_and_nautical_miles(lang: str, text: str, expected: list[tuple]) -> None:
    anchors = [a for a in extract_anchors(text, lang) if a.kind != "number"]
    assert [(a.kind, a.value) for a in anchors] == expected
