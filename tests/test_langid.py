"""Language identification: a table of (text, title, expected code), all texts written for this test."""

from __future__ import annotations

import logging

import pytest

from comparator.errors import UnsupportedLanguageError
from comparator.langid import detect_language, normalize_code

JA_BODY = "首相は25日、官邸で記者団に対し、来年も被災地の支援を続ける考えを示した。"
KO_BODY = "윤석열 대통령은 19일 일본 히로시마에 도착해 G7 정상회의 일정을 시작했다."
EN_BODY = "The prime minister told reporters on Tuesday that support for the region would continue next year."
ZH_CN = "中国外交部发言人今天在例行记者会上表示，双方将继续保持沟通，推动两国关系稳定发展。"
ZH_TW = "外交部發言人今天在例行記者會上表示，雙方將繼續保持溝通，推動兩國關係穩定發展。"
FR = "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés par la sécheresse."
DE = "Die Regierung hat am Dienstag neue Hilfen für die von der Dürre betroffenen Landwirte angekündigt."
ES = "El gobierno anunció el martes nuevas ayudas para los agricultores afectados por la sequía."

CASES: list[tuple[str, str, str]] = [
    (JA_BODY, "", "ja"),
    # a kanji-only Japanese headline inside a Japanese article is Japanese
    (JA_BODY, "日米首脳会談", "ja"),
    ("", "日米首脳会談で共同声明", "ja"),  # 脳 is a Japanese-only form
    ("Appleは新型iPhoneを発表した", "", "ja"),
    ("G7サミット開幕", "", "ja"),
    # real Chinese text (no kana) is not Japanese
    (ZH_CN, "", "zh-cn"),
    (ZH_CN, "国务院常务会议", "zh-cn"),
    (ZH_TW, "", "zh-tw"),
    ("", "國務院會議", "zh-tw"),
    (KO_BODY, "", "ko"),
    # Korean with some Hanja
    ("尹 대통령은 訪日 기간 中 기시다 총리와 회담했다.", "", "ko"),
    (KO_BODY, "尹, 日 총리와 會談", "ko"),
    (EN_BODY, "", "en"),
    (EN_BODY, "G7サミット", "en"),  # the body outweighs a short title in another script
    ("The islets, called Dokdo (독도) in Korea and Takeshima (竹島) in Japan, are disputed.", "", "en"),
    ("Tom grabbed his bag.", "", "en"),  # langdetect alone calls this Danish
    (FR, "", "fr"),
    (DE, "", "de"),
    (ES, "", "es"),
    ("Правительство объявило о новых мерах поддержки фермеров.", "", "ru"),
]


@pytest.mark.parametrize(("text", "title", "expected"), CASES, ids=[(c[0] or c[1])[:14] for c in CASES])
def test_detect_language(text: str, title: str, expected: str) -> None:
    assert detect_language(text, title=title) == expected


DECLARED: list[tuple[str, str, str, str, bool]] = [
    # (text, declared, expected, why, warns)
    (EN_BODY, "ja", "en", "Latin script contradicts Japanese", True),
    (JA_BODY, "ko", "ja", "kana contradicts Korean", True),
    (KO_BODY, "en", "ko", "Hangul contradicts English", True),
    (ZH_CN, "ja", "zh-cn", "long Han-only text contradicts Japanese", True),
    (JA_BODY, "ja-JP", "ja", "region dropped", False),
    (KO_BODY, "KOR", "ko", "three-letter code", False),
    ("日米首脳会談", "ja", "ja", "a kanji-only headline may be Japanese", False),
    ("首相官邸", "ja", "ja", "short Han-only text: the declaration decides", False),
    (ZH_CN, "zh-tw", "zh-tw", "same language, the declared variant is kept", False),
    ("Bonjour à tous.", "fr", "fr", "short Latin text: the declaration is kept", False),
    (FR + " " + FR, "en", "fr", "long text on which langdetect is sure overrides", True),
    (EN_BODY, "not a language!", "en", "an unusable declaration is ignored", False),
]


@pytest.mark.parametrize(
    ("text", "declared", "expected", "why", "warns"), DECLARED, ids=[c[3] for c in DECLARED]
)
def test_declared_language_is_checked(
    text: str, declared: str, expected: str, why: str, warns: bool, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="comparator.langid"):
        assert detect_language(text, declared=declared) == expected, why
    contradiction = any("contradicts" in r.getMessage() for r in caplog.records)
    assert contradiction == warns


@pytest.mark.parametrize(
    ("text", "title"), [("", ""), ("   \n ", ""), ("123 456 !!!", ""), ("。。。、", "—"), ("", "2024")]
)
def test_no_letters_is_an_error(text: str, title: str) -> None:
    with pytest.raises(UnsupportedLanguageError, match="no letters"):
        detect_language(text, title=title)


def test_error_names_the_input() -> None:
    with pytest.raises(UnsupportedLanguageError, match=r"feed\.jsonl:7: no letters"):
        detect_language("+++", source="feed.jsonl:7")


def test_detection_is_deterministic() -> None:
    # langdetect is random unless seeded; short ambiguous text shows it first.
    texts = ["Hola amigo", "Tak", "Ok ok", "Salut Marie"]
    first = [detect_language(t) for t in texts]
    for _ in range(5):
        assert [detect_language(t) for t in texts] == first


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ja-JP", "ja"),
        ("ko_KR", "ko"),
        ("EN-us", "en"),
        ("zh", "zh-cn"),
        ("zh_Hant_TW", "zh-tw"),
        ("Japanese", "ja"),
        ("", None),
        ("??", None),
    ],
)
def test_normalize_code(code: str, expected: str | None) -> None:
    assert normalize_code(code) == expected
