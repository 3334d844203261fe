"""Wording and framing: log-odds maths, content-word tokens, the contested-terms lexicon per language.

Every sentence here is written for these tests (invented officials, places and outlets).
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from comparator.errors import ComparatorError, UnsupportedLanguageError
from comparator.framing import (
    Lexicon,
    dirichlet_prior,
    distinctive_terms,
    in_quotes,
    load_lexicon,
    log_odds_z,
    tokenize,
)

# ------------------------------------------------------------------ log-odds


def test_log_odds_matches_hand_computation():
    ci, cj = {"x": 3, "y": 1}, {"x": 1, "y": 3}
    prior = {"x": 1.0, "y": 1.0}
    z = log_odds_z(ci, cj, prior)
    # delta_x = log(4 / (4 + 2 - 4)) - log(2 / (4 + 2 - 2)) = log 2 - log 0.5; var = 1/4 + 1/2
    expected = (math.log(4 / 2) - math.log(2 / 4)) / math.sqrt(1 / 4 + 1 / 2)
    assert z["x"] == pytest.approx(expected)
    assert z["y"] == pytest.approx(-expected)


def test_log_odds_is_antisymmetric_and_zero_for_equal_use():
    ci = Counter({"talks": 4, "missile": 2, "summit": 1})
    cj = Counter({"talks": 4, "missile": 2, "summit": 1})
    prior = dirichlet_prior(ci + cj, 14)
    assert all(abs(v) < 1e-9 for v in log_odds_z(ci, cj, prior).values())
    ck = Counter({"talks": 1, "missile": 6, "summit": 1})
    prior = dirichlet_prior(ci + ck, 16)
    z_ik, z_ki = log_odds_z(ci, ck, prior), log_odds_z(ck, ci, prior)
    for w in prior:
        assert z_ik[w] == pytest.approx(-z_ki[w])
    assert z_ik["talks"] > 0 > z_ik["missile"]


def test_stronger_prior_shrinks_the_score():
    ci, cj = Counter({"a": 6, "b": 2}), Counter({"a": 2, "b": 6})
    weak = log_odds_z(ci, cj, dirichlet_prior(ci + cj, 2))["a"]
    strong = log_odds_z(ci, cj, dirichlet_prior(ci + cj, 200))["a"]
    assert weak > strong > 0


def test_dirichlet_prior_follows_background_shares():
    prior = dirichlet_prior({"a": 3, "b": 1}, 8)
    assert prior == {"a": 6.0, "b": 2.0}


def test_distinctive_terms_only_within_a_language():
    en_a = "The islets dispute flared. Islets patrols resumed. Islets visits were protested. Islets again."
    en_b = "The ministers met in Munich. They discussed trade and the weather and trade again."
    ko = "독도 독도 독도 독도 독도 독도 독도 독도"
    toks = [tokenize(t, lang) for t, lang in ((en_a, "en"), (en_b, "en"), (ko, "ko"))]
    found = distinctive_terms(toks, ["en", "en", "ko"], min_z=1.0)
    terms_a = {d.term: d for d in found[0]}
    assert "islets" in terms_a and terms_a["islets"].count == 4
    assert len(terms_a["islets"].spans) == 4
    assert all(en_a[s:e].lower() == "islets" for s, e in terms_a["islets"].spans)
    assert found[2] == []  # no other Korean coverage to compare with


# ------------------------------------------------------------------ tokens

TOKENS = [
    (
        "en",
        "The ministers agreed on a new currency swap.",
        {"ministers", "agreed", "currency", "swap"},
        {"the", "on"},
    ),
    (
        "ja",
        "両首脳は拉致問題で協力を求めた。",
        {"首脳", "拉致", "問題", "協力", "求める"},
        {"は", "で", "を"},
    ),
    ("ko", "두 정상은 셔틀외교 복원에 합의했다.", {"정상", "복원", "합의"}, {"은", "에"}),
    # Korean rules (no analyser): particles off, 하다/되다 predicates to their noun, other
    # predicates and counters after numbers dropped, words ending like a particle kept whole.
    (
        "ko",
        "외교부는 일본 정부가 주최한 행사에 대해 유감을 표명했다.",
        {"외교부", "일본", "정부", "주최", "행사", "유감", "표명"},
        {"외교부는", "정부가", "대해", "표명했다"},
    ),
    (
        "ko",
        "관계자들이 정상회의와 한반도 문제를 논의한 뒤 25분간 통화했다고 밝혔다.",
        {"관계자", "정상회의", "한반도", "문제", "논의", "통화"},
        {"관계자들", "정상회", "한반", "분간", "밝혔다", "통화했다고"},
    ),
    (
        "ko",
        "국가 간 합의가 이뤄졌으며 KNA는 평가를 보류했다.",
        {"국가", "합의", "평가", "보류", "KNA"},
        {"국", "합", "평", "이뤄졌으며"},
    ),
]


@pytest.mark.parametrize(("lang", "text", "present", "absent"), TOKENS)
def test_tokens_are_content_words_with_spans(lang, text, present, absent):
    toks = tokenize(text, lang)
    terms = {t.term for t in toks}
    assert present <= terms, terms
    assert not (absent & terms)
    for t in toks:
        assert 0 <= t.start < t.end <= len(text)


def test_korean_tokens_point_at_the_stem():
    text = "외교부는 유감을 표명했다."
    spans = {t.term: text[t.start : t.end] for t in tokenize(text, "ko")}
    assert spans == {"외교부": "외교부", "유감": "유감", "표명": "표명"}


def test_tokenize_refuses_other_languages():
    with pytest.raises(UnsupportedLanguageError):
        tokenize("Der Minister sprach.", "de")


# ------------------------------------------------------------------ lexicon

LEXICON_CASES = [
    ("ko", "정부는 독도 인근 해역에서 훈련을 실시했다.", "dokdo_takeshima", "ko", "독도"),
    ("ja", "政府は竹島周辺の海域で訓練を確認した。", "dokdo_takeshima", "ja", "竹島"),
    ("en", "The drills took place near Dokdo on Tuesday.", "dokdo_takeshima", "ko", "Dokdo"),
    ("en", "Tokyo protested the drills near Takeshima.", "dokdo_takeshima", "ja", "Takeshima"),
    ("ko", "미사일은 동해상에 떨어졌다.", "east_sea", "ko", "동해"),
    ("ja", "ミサイルは日本海に落下した。", "east_sea", "ja", "日本海"),
    ("en", "The missile fell into the East Sea.", "east_sea", "ko", "East Sea"),
    ("en", "The missile fell into the Sea of Japan.", "east_sea", "ja", "Sea of Japan"),
    ("ko", "강제징용 피해자 유족이 소송을 냈다.", "forced_labour", "ko", "강제징용"),
    ("ja", "旧朝鮮半島出身労働者問題で協議した。", "forced_labour", "ja", "旧朝鮮半島出身労働者"),
    ("ja", "元徴用工の遺族が会見した。", "forced_labour", "ja", "元徴用工"),
    ("ja", "強制動員の被害者団体が声明を出した。", "forced_labour", "ko", "強制動員"),
    ("en", "Families of forced labor victims gathered.", "forced_labour", "ko", "forced labor"),
    (
        "en",
        "lawsuits over workers from the Korean Peninsula",
        "forced_labour",
        "ja",
        "workers from the Korean Peninsula",
    ),
    ("ko", "일본군 위안부 피해자 기림의 날", "comfort_women", "ko", "일본군 위안부"),
    ("ko", "위안부 문제를 다룬 교과서", "comfort_women", "neutral", "위안부"),
    ("ja", "慰安婦問題の記述が削られた。", "comfort_women", "neutral", "慰安婦"),
    ("ja", "性奴隷という表現に政府が反論した。", "comfort_women", "ko", "性奴隷"),
    ("en", "The textbook calls them sex slaves.", "comfort_women", "ko", "sex slaves"),
    # Trade measures (QA pass 9, F1): Seoul's "retaliation" against Tokyo's security-based export control.
    ("ko", "정부는 이번 조치를 명백한 경제 보복으로 규정했다.", "trade_retaliation", "ko", "경제 보복"),
    ("ko", "업계는 일본의 수출 규제에 대비하고 있다.", "trade_retaliation", "ko", "수출 규제"),
    ("ko", "일본 정부는 안보상 조치라고 설명했다.", "trade_retaliation", "ja", "안보상 조치"),
    ("ja", "韓国側はこれを経済報復だと批判した。", "trade_retaliation", "ko", "経済報復"),
    ("ja", "経産省は安全保障上の措置だと説明した。", "trade_retaliation", "ja", "安全保障上の措置"),
    ("ja", "同省は輸出管理の運用見直しだとしている。", "trade_retaliation", "ja", "輸出管理の運用見直し"),
    (
        "en",
        "Seoul called the licence rule economic retaliation.",
        "trade_retaliation",
        "ko",
        "economic retaliation",
    ),
    ("en", "Critics saw a retaliatory step by Tokyo.", "trade_retaliation", "ko", "retaliatory"),
    (
        "en",
        "Tokyo describes the rule as an export control review.",
        "trade_retaliation",
        "ja",
        "export control review",
    ),
]


@pytest.mark.parametrize(("lang", "text", "concept", "variant", "surface"), LEXICON_CASES)
def test_lexicon_flags_the_variant_each_text_uses(lang, text, concept, variant, surface):
    hits = [m for m in load_lexicon().match(text, lang) if m.concept == concept]
    assert [(m.variant, m.text) for m in hits] == [(variant, surface)]
    assert text[hits[0].start : hits[0].end] == surface


def test_longest_match_wins_and_words_keep_their_boundaries():
    lex = load_lexicon()
    hits = lex.match("일본군 위안부 문제", "ko")
    assert [(m.term, m.variant) for m in hits] == [("일본군 위안부", "ko")]
    assert lex.match("along the east seaboard of the United States", "en") == []
    assert lex.match("The Dokdos are not a word.", "en") == []


QUOTED = [
    ("ko", "시마네현은 이른바 '다케시마의 날' 행사를 열었다.", "다케시마", True),
    ("ja", "島根県が「竹島の日」式典を開いた。", "竹島", True),
    ("en", 'Korean officials said the "Takeshima Day" event was illegal.', "Takeshima", True),
    ("en", "Tokyo's claim to Takeshima drew a protest.", "Takeshima", False),
    ("ko", "독도는 우리 땅이라고 밝혔다.", "독도", False),
]


@pytest.mark.parametrize(("lang", "text", "surface", "quoted"), QUOTED)
def test_terms_in_quotation_marks_are_marked(lang, text, surface, quoted):
    hits = [m for m in load_lexicon().match(text, lang) if m.text == surface]
    assert len(hits) == 1
    assert hits[0].quoted is quoted


def test_in_quotes_does_not_count_apostrophes():
    text = "Japan's ministry and Korea's office named Dokdo."
    start = text.index("Dokdo")
    assert not in_quotes(text, start, start + 5)


@pytest.mark.parametrize(
    ("lang", "text", "topic"),
    [
        ("ko", "북한이 탄도미사일을 발사했다.", "north_korea"),
        ("ja", "拉致問題の解決を求めた。", "abductions"),
        ("en", "They agreed to keep up shuttle diplomacy.", "shuttle_diplomacy"),
    ],
)
def test_topics(lang, text, topic):
    assert topic in {m.concept for m in load_lexicon().match_topics(text, lang)}


def test_official_outlets():
    lex = load_lexicon()
    assert (
        lex.is_official("대통령실")
        and lex.is_official("外務省")
        and lex.is_official("Japan's Foreign Ministry")
    )
    assert not lex.is_official("Tokyo Ledger") and not lex.is_official(None)


def test_a_broken_lexicon_is_reported_with_its_source():
    with pytest.raises(ComparatorError, match="my.json"):
        Lexicon({"concepts": {"x": {"variants": 3}}}, source="my.json")


# QA pass 4 (an invented capsized fishing boat): the sea's name inside another name is no wording
# choice. 동해어업관리단 is an agency, 동해안 the coast, 동해시 a city, 이동해 a person; 日本海溝 is the
# Japan Trench (in the Pacific).
NOT_THE_SEA = [
    ("ko", "동해어업관리단 소속 어업지도선 2척을 급파했다."),
    ("ko", "동해안 어민들이 피해를 입었다."),
    ("ko", "강원 동해시와 동해항 일대에 강풍이 불었다."),
    ("ko", "이동해 기자가 현장을 취재했다."),
    ("ja", "日本海溝沿いで地震が起きた。"),
    ("en", "The East Sea Fisheries Management Service sent two ships."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_THE_SEA)
def test_the_sea_name_inside_another_name_is_not_flagged(lang, text):
    assert [m for m in load_lexicon().match(text, lang) if m.concept == "east_sea"] == []


@pytest.mark.parametrize(
    ("lang", "text", "surface"),
    [
        ("ko", "해성호는 동해상에서 전복됐다.", "동해"),
        ("ko", "동해 먼바다에서 조업하던 어선", "동해"),
        ("ko", "동해에서 전복된 어선", "동해"),
        ("ja", "日本海で韓国漁船が転覆した。", "日本海"),
        ("en", "A boat capsized in the East Sea on Tuesday.", "East Sea"),
    ],
)
def test_the_sea_name_itself_is_still_flagged(lang, text, surface):
    assert [m.text for m in load_lexicon().match(text, lang) if m.concept == "east_sea"] == [surface]


def test_dokdo_inside_another_word_is_not_flagged():
    lex = load_lexicon()
    assert lex.match("여당 단독도 가능하다는 입장이다.", "ko") == []
    assert [m.text for m in lex.match("독도를 방문했다.", "ko")] == ["독도"]


# A side's name for the islets given as that side's, not the outlet's wording (QA pass 5, W2): the
# headline listed outlets under both wordings for a gloss or a "which Seoul calls" clause.
ATTRIBUTED = [
    ("ja", "巡視船は竹島（韓国名・独島）の周辺を航行した。", "独島", True),
    ("ja", "巡視船は竹島（韓国名・独島）の周辺を航行した。", "竹島", False),
    ("ja", "韓国側が独島と呼ぶ島の周辺で調査が続いた。", "独島", True),
    ("ko", "독도(일본명 다케시마) 인근에서 훈련이 열렸다.", "다케시마", True),
    ("ko", "독도(일본명 다케시마) 인근에서 훈련이 열렸다.", "독도", False),
    ("ko", "일본이 다케시마라고 부르는 섬 주변이다.", "다케시마", True),
    ("en", "The drill was held near the islets, which Seoul calls Dokdo and Tokyo calls Takeshima.", "Dokdo", True),
    ("en", "The drill was held near the islets, which Seoul calls Dokdo and Tokyo calls Takeshima.", "Takeshima", True),
    ("en", "The ship sailed near Takeshima, islets held by Seoul, which calls them Dokdo.", "Dokdo", True),
    ("en", "The ship sailed near Takeshima, islets held by Seoul, which calls them Dokdo.", "Takeshima", False),
    ("en", "The islets, known as Dokdo in Korea, were closed to visitors.", "Dokdo", True),
    # A neutral pair of both names is no side's wording.
    ("en", "The Dokdo/Takeshima dispute flared again.", "Dokdo", True),
    ("en", "The Dokdo/Takeshima dispute flared again.", "Takeshima", True),
    # The outlet's own words stay its wording.
    ("en", "Coast guard ships patrolled Dokdo in the East Sea.", "Dokdo", False),
    ("en", "Dokdo is Korean territory, the minister said.", "Dokdo", False),
    ("ja", "竹島周辺で韓国が調査を進めている。", "竹島", False),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "surface", "cited"), ATTRIBUTED)
def test_attributed_and_paired_names_are_not_the_outlets_wording(lang, text, surface, cited):
    (hit,) = [m for m in load_lexicon().match(text, lang) if m.text == surface]
    assert hit.quoted is cited


def test_inherent_territory_claimed_for_korea_is_not_tokyos_wording():
    lex = load_lexicon()
    assert [m.term for m in lex.match("韓氏は「独島は韓国固有の領土だ」と反論した。", "ja")] == ["独島"]
    assert "固有の領土" in [m.term for m in lex.match("「竹島は日本固有の領土だ」と述べた。", "ja")]


NOT_TRADE = [
    ("ko", "폭탄 테러 이후 보복전이 이어져 수십 명이 숨졌다."),
    ("ko", "고속도로에서 보복 운전을 한 30대가 입건됐다."),
    ("ko", "야당은 정치 보복이라고 반발했다."),
    ("ja", "武装勢力は報復攻撃を予告した。"),
    ("en", "The militia vowed retaliation strikes after the raid."),
    ("en", "Police stepped up security measures before the final."),
    ("en", "The army said it could retaliate against any attack."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_TRADE)
def test_retaliation_in_war_crime_or_politics_is_no_trade_wording(lang, text):
    assert [m.text for m in load_lexicon().match(text, lang) if m.concept == "trade_retaliation"] == []
