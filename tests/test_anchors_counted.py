"""Counted things: a numeral with a counter or a counted noun, in ja / ko / en.

Every sentence here is written for these tests (an invented coast-guard stand-off and accident).
Each case lists the count anchors expected in the text as (value, unit); other kinds are ignored.
"""

from __future__ import annotations

import pytest

from comparator.anchors import extract_anchors

CASES = [
    # English: number words, and a modifier or two between the number and the counted noun.
    ("en", "The coast guard sent three patrol vessels to the area.", [(3.0, "ship")]),
    ("en", "Four ballistic missiles were fired on Sunday.", [(4.0, "missile")]),
    ("en", "Two Japanese fishing boats were turned back.", [(2.0, "ship")]),
    ("en", "The agency deployed 3 patrol ships overnight.", [(3.0, "ship")]),
    ("en", "A dozen coast guard ships joined the search.", [(12.0, "ship")]),
    ("en", "Seoul sent two more ships on Tuesday.", [(2.0, "ship")]),
    ("en", "One of the three ships turned back.", [(3.0, "ship")]),
    ("en", "All 140 passengers and eleven crew members were rescued.", [(140.0, "person"), (11.0, "person")]),
    ("en", "Five fighter jets scrambled.", [(5.0, "aircraft")]),
    ("en", "Six military vehicles blocked the road.", [(6.0, "vehicle")]),
    ("en", "Only one survey ship stayed in the area.", [(1.0, "ship")]),
    # Not counts: a year before a noun phrase, people who are not counted by a unit word.
    ("en", "In 2025 fishing boats caught less squid.", []),
    ("en", "The two leaders spoke by phone.", []),
    ("en", "One senior official declined to comment.", []),
    # Japanese: kanji numerals glued to the counted noun (巡視船三隻, 乗員二人), 台 for vehicles.
    ("ja", "海上保安庁は巡視船三隻を派遣した。", [(3.0, "ship")]),
    ("ja", "韓国側は警備艦2隻を送った。", [(2.0, "ship")]),
    ("ja", "乗員二人が軽いけがをした。", [(2.0, "person")]),
    ("ja", "漁船十二隻が港に戻った。", [(12.0, "ship")]),
    ("ja", "戦闘機四機が緊急発進した。", [(4.0, "aircraft")]),
    ("ja", "車両5台が道路をふさいだ。", [(5.0, "vehicle")]),
    ("ja", "数千人が集まった。", []),
    ("ja", "第三国の船が近づいた。", []),
    ("ja", "同一人物とみられる。", []),
    ("ja", "日本と台湾の当局が協議した。", []),
    ("ja", "相手に張り手一発を見舞った。", []),
    # Korean: native numerals and 대 (vehicles, aircraft) after the counted noun.
    ("ko", "해경은 경비함 3척을 보냈다.", [(3.0, "ship")]),
    ("ko", "해경은 경비함 세 척을 보냈다.", [(3.0, "ship")]),
    ("ko", "선원 두 명이 다쳤다.", [(2.0, "person")]),
    ("ko", "차량 5대가 도로를 막았다.", [(5.0, "vehicle")]),
    ("ko", "전투기 두 대가 긴급 출격했다.", [(2.0, "aircraft")]),
    ("ko", "항공기 4대가 회항했다.", [(4.0, "aircraft")]),
    ("ko", "20대 남성이 다쳤다.", []),
    ("ko", "3대 기업이 참여했다.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_counts(lang: str, text: str, expected: list[tuple[float, str]]) -> None:
    got = [a.value for a in extract_anchors(text, lang) if a.kind == "count"]
    assert got == expected


def test_modifiers_are_inside_the_span() -> None:
    (a,) = extract_anchors("Seoul sent three patrol vessels.", "en")
    assert (a.text, a.start) == ("three patrol vessels", 11)


# QA pass 4 (an invented capsized fishing boat): a partitive "eight of its 10 crew members" counts
# both numbers, and a two-word organisation name may sit between the number and the counted noun.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan's coast guard rescued eight of its 10 crew members.", [(8.0, "person"), (10.0, "person")]),
        ("Rescuers reached two of their five crew early on Tuesday.", [(2.0, "person"), (5.0, "person")]),
        ("Seoul sent three Coast Guard patrol vessels to the area.", [(3.0, "ship")]),
        ("One of the three ships turned back.", [(3.0, "ship")]),
        ("Eight of its members voted against the plan.", []),
    ],
)
def test_partitive_and_longer_modifiers(text: str, expected: list[tuple[float, str]]) -> None:
    assert [a.value for a in extract_anchors(text, "en") if a.kind == "count"] == expected
