"""Korean sentence segmentation: a table of (text, expected sentences), all texts written for this test.

Needs kiwipiepy (a declared dependency); its model loads once for the whole module.
"""

from __future__ import annotations

import pytest

from comparator.segment import split_sentences
from tests.segment_support import assert_segmented

CASES: list[tuple[str, list[str]]] = [
    # a quote with a period inside stays one sentence with its quotative ending
    (
        '대통령은 "우리는 행동할 것이다. 기다리지 않겠다"고 말했다. 이어 회의가 열렸다.',
        ['대통령은 "우리는 행동할 것이다. 기다리지 않겠다"고 말했다.', "이어 회의가 열렸다."],
    ),
    (
        "그는 “경제가 어렵다. 하지만 포기하지 않는다”라고 밝혔다.",
        ["그는 “경제가 어렵다. 하지만 포기하지 않는다”라고 밝혔다."],
    ),
    (
        "정부는 '검토하겠다. 곧 발표한다'고 밝혔다. 다음 절차가 남았다.",
        ["정부는 '검토하겠다. 곧 발표한다'고 밝혔다.", "다음 절차가 남았다."],
    ),
    # Hanja and Latin inside Korean text
    (
        "尹 대통령은 G7 정상회의에 참석했다. 기시다 총리와 회담도 했다.",
        ["尹 대통령은 G7 정상회의에 참석했다.", "기시다 총리와 회담도 했다."],
    ),
    # a one-character Hanja opening the next sentence is not glued to the previous one
    ("외교부는 말했다. 尹 대통령은 내일 출국한다.", ["외교부는 말했다.", "尹 대통령은 내일 출국한다."]),
    # numbers: 25분, 3.5%
    (
        "정부는 25분간 회의를 했다. 성장률은 3.5%로 전망됐다.",
        ["정부는 25분간 회의를 했다.", "성장률은 3.5%로 전망됐다."],
    ),
    # a headline without final punctuation, then the body on the next line
    (
        "尹 대통령, G7 참석…한일 정상회담 추진\n윤석열 대통령이 19일 일본 히로시마에 도착했다.",
        ["尹 대통령, G7 참석…한일 정상회담 추진", "윤석열 대통령이 19일 일본 히로시마에 도착했다."],
    ),
    # no punctuation at all: the final ending -다 marks the boundary (Kiwi)
    (
        "회의는 오후에 끝났다 양국은 공동성명을 발표했다",
        ["회의는 오후에 끝났다", "양국은 공동성명을 발표했다"],
    ),
    # a particle right after a closing quote continues the sentence
    (
        '그는 "클리퍼"에 대해 설명했다. 다음 질문이 이어졌다.',
        ['그는 "클리퍼"에 대해 설명했다.', "다음 질문이 이어졌다."],
    ),
    ("그는 “반드시 돌아오겠다.” 고 말했다.", ["그는 “반드시 돌아오겠다.” 고 말했다."]),
    ("그는 경제가 어렵다.라고 말했다. 회의는 끝났다.", ["그는 경제가 어렵다.라고 말했다.", "회의는 끝났다."]),
    # an initial in a foreign name
    ("조지 W. 부시 전 대통령이 방한했다.", ["조지 W. 부시 전 대통령이 방한했다."]),
    # a quoted sentence standing alone
    ("“이건 끝이 아니다.” 그는 이렇게 말하며 웃었다.", ["“이건 끝이 아니다.”", "그는 이렇게 말하며 웃었다."]),
    (
        "북한이 미사일을 발사했나? 군 당국은 확인 중이다.",
        ["북한이 미사일을 발사했나?", "군 당국은 확인 중이다."],
    ),
    ("정말 놀랍다! 관중은 환호했다.", ["정말 놀랍다!", "관중은 환호했다."]),
    # never inside brackets
    ("외교부(장관 박진. 전 국회의원)는 성명을 냈다.", ["외교부(장관 박진. 전 국회의원)는 성명을 냈다."]),
    (
        "‘독도는 우리 땅’이라는 구호가 나왔다. 일본은 항의했다.",
        ["‘독도는 우리 땅’이라는 구호가 나왔다.", "일본은 항의했다."],
    ),
    # line breaks always split; numbered lists keep their number
    ("첫 문장입니다\n둘째 문장입니다.", ["첫 문장입니다", "둘째 문장입니다."]),
    (
        "다음은 목록이다.\n1. 경제 협력을 강화한다.\n2. 안보 대화를 재개한다.",
        ["다음은 목록이다.", "1. 경제 협력을 강화한다.", "2. 안보 대화를 재개한다."],
    ),
    (
        "삼성전자는 'Galaxy S24'를 공개했다. 가격은 미정이다.",
        ["삼성전자는 'Galaxy S24'를 공개했다.", "가격은 미정이다."],
    ),
    # a lower-case Latin word may open a Korean sentence
    ("산도는 pH로 표시한다. pH 7은 중성이다.", ["산도는 pH로 표시한다.", "pH 7은 중성이다."]),
    # 다 as the adverb "all" is not an ending
    ("모두 다 함께 갔다. 그리고 돌아왔다.", ["모두 다 함께 갔다.", "그리고 돌아왔다."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:12] for c in CASES])
def test_korean_sentences(text: str, expected: list[str]) -> None:
    assert_segmented(text, "ko", expected)


def test_offsets_survive_characters_outside_the_bmp() -> None:
    # Kiwi is C++ underneath; astral characters are where UTF-16 and Python offsets part ways.
    text = "기록 𠀀 문서가 공개됐다 😀 시민들은 환영했다. 정부는 침묵했다."
    sents = split_sentences(text, "ko")
    assert [text[s.start : s.end] for s in sents] == [s.text for s in sents]
    assert sents[-1].text == "정부는 침묵했다."


def test_kiwi_is_built_once() -> None:
    from comparator.segment import ko

    assert ko.get_kiwi() is ko.get_kiwi()
