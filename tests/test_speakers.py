"""Speaker keys across scripts, mention parsing, cross-source similarity and the linking hook."""

from __future__ import annotations

import pytest

from comparator.quotes import extract_quotes
from comparator.quotes.names import kana_to_romaji, loose, readable, romanize_hangul, sino_korean
from comparator.schema import Article, Quote
from comparator.speakers import (
    link_speakers,
    parse_mention,
    same_speaker,
    speaker_key,
    speaker_similarity,
)


@pytest.mark.parametrize(
    ("name", "lang", "key"),
    [
        ("강유정", "ko", "kang yujung"),
        ("姜由楨", "ja", "kang yujung"),
        ("Kang Yu-jung", "en", "kang yujung"),
        ("Kang Yoo-jung", "en", "kang yujung"),
        ("이재명", "ko", "jaemyung lee"),
        ("Lee Jae-myung", "en", "jaemyung lee"),
        ("Yi Jae-myung", "en", "jaemyung lee"),
        ("Rhee Jae-myung", "en", "jaemyung lee"),
        ("박서연", "ko", "park suyun"),
        ("Bak Seo-yeon", "en", "park suyun"),
        ("石破茂", "ja", "ishiba shigeru"),
        ("Shigeru Ishiba", "en", "ishiba shigeru"),
        ("Ishiba Shigeru", "en", "ishiba shigeru"),
        ("林芳正", "ja", "hayashi yoshimasa"),
        ("Yoshimasa Hayashi", "en", "hayashi yoshimasa"),
        ("尹錫悦", "ja", "sukyul yoon"),
        ("Yoon Suk-yeol", "en", "sukyul yoon"),
    ],
)
def test_speaker_key(name: str, lang: str, key: str) -> None:
    assert speaker_key(name, lang) == key


def test_readings() -> None:
    assert romanize_hangul("강유정") == "gangyujeong"
    assert kana_to_romaji("イシバ") == "ishiba"
    assert kana_to_romaji("ジョン") == "jon"
    assert kana_to_romaji("キョウト") == "kyouto"
    assert readable(kana_to_romaji("キョウト")) == "kyoto"
    assert sino_korean("姜由楨") == "강유정"
    assert sino_korean("石破茂") is None


@pytest.mark.parametrize(
    ("mention", "lang", "kind", "name", "role", "body"),
    [
        ("강유정 대통령실 대변인", "ko", "person", "강유정", "spokesperson", "kr-presidential-office"),
        ("강 대변인", "ko", "person", "강", "spokesperson", None),
        ("외교부", "ko", "body", None, None, "kr-mofa"),
        ("일본 외무성", "ko", "body", None, None, "jp-mofa"),
        ("외교부 당국자", "ko", "role", None, "official", "kr-mofa"),
        ("그", "ko", "pronoun", None, None, None),
        ("林芳正官房長官", "ja", "person", "林芳正", "chief-cabinet-secretary", None),
        ("韓国大統領室の姜由楨報道官", "ja", "person", "姜由楨", "spokesperson", "kr-presidential-office"),
        ("外務省", "ja", "body", None, None, "jp-mofa"),
        # Japanese media name Seoul's ministry 韓国外交省 / 韓国外務省: not Japan's 外務省
        ("韓国外交省", "ja", "body", None, None, "kr-mofa"),
        ("韓国外務省", "ja", "body", None, None, "kr-mofa"),
        ("The foreign ministry in Seoul", "en", "body", None, None, "kr-mofa"),
        ("同省", "ja", "backref-body", None, None, None),
        ("同長官", "ja", "backref-role", None, "minister", None),
        ("同氏", "ja", "pronoun", None, None, None),
        ("Kang Yoo-jung, the presidential spokesperson", "en", "person", "Kang Yoo-jung", "spokesperson", None),
        ("Chief Cabinet Secretary Yoshimasa Hayashi", "en", "person", "Yoshimasa Hayashi",
         "chief-cabinet-secretary", None),
        ("Japan's Foreign Ministry", "en", "body", None, None, "jp-mofa"),
        ("the ministry", "en", "backref-body", None, None, None),
        ("she", "en", "pronoun", None, None, None),
        ("Another critic, Laurence Tribe,", "en", "person", "Laurence Tribe", None, None),
        # "<noun> from/by/of <Name>": data and documents speak for their maker, people keep the phrase
        ("Figures from the Coastal Freight Survey", "en", "body", "Coastal Freight Survey", None, None),
        ("Data released by the Port Statistics Office", "en", "body", "Port Statistics Office", None, None),
        ("A report by the Kelton Harbor Institute", "en", "body", "Kelton Harbor Institute", None, None),
        ("Mr. Morgan of the Riverside Trust", "en", "person", "Morgan", None, None),
        ("officials from the Foreign Ministry", "en", "role", "officials from the Foreign Ministry", "official",
         "foreign-ministry"),
        ("Lawyers for Kelton Ferries", "en", "role", "Lawyers for Kelton Ferries", None, None),
        ("Bank of Kelton Governor Mara Lind", "en", "person", "Mara Lind", "governor", None),
        ("Secretary of State Martin Hale", "en", "person", "Martin Hale", "minister", None),
        ("a foreign ministry official in Manila", "en", "role", "a foreign ministry official in Manila", "official",
         None),
        ("The foreign ministry in Seoul", "en", "body", None, None, "kr-mofa"),
        ("a foreign ministry official in Seoul", "en", "role", "a foreign ministry official in Seoul", "official",
         "kr-mofa"),
        ("Japan's top harbour spokesman, Ren Kaito,", "en", "person", "Ren Kaito", "spokesperson", None),
        ("The two ministers", "en", "role", "The two ministers", None, None),
        ("The Joint Harbour Command of Kelton", "en", "person", "The Joint Harbour Command of Kelton", None, None),
        # foreign names in Hangul, and a compound title that is no name
        ("마쓰무라 다이스케 일본 외무상", "ko", "person", "마쓰무라 다이스케", "foreign-minister", None),
        ("에밀리 카터 미국 국무장관", "ko", "person", "에밀리 카터", "minister", None),
    ],
)  # fmt: skip
def test_parse_mention(
    mention: str, lang: str, kind: str, name: str | None, role: str | None, body: str | None
) -> None:
    m = parse_mention(mention, lang)
    assert (m.kind, m.name, m.role) == (kind, name, role)
    if body is not None:
        assert m.body == body


def _first(text: str, lang: str) -> Quote:
    quotes = extract_quotes(Article(id=lang, text=text, lang=lang))
    assert quotes, text
    return quotes[0]


KO_KANG = '강유정 대통령실 대변인은 "대화를 이어가겠다"고 말했다.'
JA_KANG = "韓国大統領室の姜由楨報道官は「対話を続ける」と述べた。"
JA_KANG_KATA = "韓国大統領室のカン・ユジョン報道官は「対話を続ける」と述べた。"
EN_KANG = '"We will keep talking," said Kang Yu-jung, the presidential spokesperson.'
JA_MOFA = "外務省は「遺憾だ」と述べた。"
KO_MOFA = '일본 외무성은 "유감스럽다"고 밝혔다.'
EN_MOFA = "Japan's Foreign Ministry said it regretted the decision."
KO_ISHIBA = '이시바 시게루 일본 총리는 "관계 개선이 필요하다"고 강조했다.'
JA_ISHIBA = "石破茂首相は「関係改善が必要だ」と強調した。"
EN_ISHIBA = "Prime Minister Shigeru Ishiba said better ties were needed."
EN_OTHER = "Prime Minister Fumio Kishida said better ties were needed."
# 高村 has two surname readings in UniDic, Komura first; the other languages say which one it is.
JA_TAKAMURA = "高村健一外相は「対話を続ける」と述べた。"
EN_TAKAMURA = "Foreign Minister Kenichi Takamura said dialogue would continue."
KO_KR_MOFA = '외교부는 "유감스럽다"고 밝혔다.'
KO_MATSUMURA = '마쓰무라 다이스케 일본 외무상은 "대화를 이어가겠다"라고 말했다.'
JA_MATSUMURA = "松村大輔外相は「対話を続ける」と述べた。"
EN_MATSUMURA = "Foreign Minister Daisuke Matsumura said dialogue would continue."


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        (KO_KANG, "ko", JA_KANG, "ja"),
        (KO_KANG, "ko", EN_KANG, "en"),
        (JA_KANG, "ja", EN_KANG, "en"),
        (KO_KANG, "ko", JA_KANG_KATA, "ja"),
        (JA_MOFA, "ja", KO_MOFA, "ko"),
        (JA_MOFA, "ja", EN_MOFA, "en"),
        (KO_ISHIBA, "ko", JA_ISHIBA, "ja"),
        (KO_ISHIBA, "ko", EN_ISHIBA, "en"),
        (JA_ISHIBA, "ja", EN_ISHIBA, "en"),
        (JA_TAKAMURA, "ja", EN_TAKAMURA, "en"),
        (KO_MATSUMURA, "ko", JA_MATSUMURA, "ja"),
        (KO_MATSUMURA, "ko", EN_MATSUMURA, "en"),
    ],
)
def test_same_speaker_across_languages(a: str, la: str, b: str, lb: str) -> None:
    assert same_speaker(_first(a, la), _first(b, lb))


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        (KO_KANG, "ko", JA_ISHIBA, "ja"),
        (EN_ISHIBA, "en", EN_OTHER, "en"),
        (KO_MOFA, "ko", KO_KR_MOFA, "ko"),  # Japan's ministry is not Korea's
        (JA_MOFA, "ja", KO_KANG, "ko"),
    ],
)
def test_different_speakers(a: str, la: str, b: str, lb: str) -> None:
    assert not same_speaker(_first(a, la), _first(b, lb))


def test_surname_against_full_name_scores_lower() -> None:
    full = _first(EN_ISHIBA, "en")
    short = _first('"Dialogue matters," Ishiba said.', "en")
    assert 0.6 <= speaker_similarity(full, short) < 1.0


def test_link_speakers_uses_cooccurrence() -> None:
    ko = _first('외교부는 "협의가 진전됐다"고 밝혔다.', "ko")
    en = _first('"The talks made progress," a senior official said.', "en")
    assert speaker_similarity(ko, en) == 0.0
    assert link_speakers([(ko, en, 0.9)]) == []  # one aligned pair is not enough on its own
    links = link_speakers([(ko, en, 0.9)] * 3)
    assert links and links[0].pairs == 3 and links[0].score >= 0.6
    # the same role on both sides plus one aligned pair is
    ko_official = _first('외교부 당국자는 "협의가 진전됐다"고 말했다.', "ko")
    assert speaker_similarity(ko_official, en) == 0.5
    assert link_speakers([(ko_official, en, 0.9)])
    named = link_speakers([(_first(KO_KANG, "ko"), _first(EN_KANG, "en"), 0.2)])
    assert named and named[0].name_score == 1.0


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("木村一郎首相は、韓国の朴正秀（パク・ジョンス）大統領と会談した。", "ja",
         [("木村一郎", "prime-minister", None), ("朴正秀", "president", "kr")]),
        ("韓国外交部の崔美英報道官は述べた。次期首相は未定だ。", "ja", [("崔美英", "spokesperson", "kr")]),
        ("박정수 대통령은 이토 다로 일본 총리와 통화했다고 정하늘 대통령실 대변인이 밝혔다.", "ko",
         [("박정수", "president", None), ("이토 다로", "prime-minister", "jp"), ("정하늘", "spokesperson", "kr")]),
        ("국민이 대통령을 뽑았다.", "ko", []),
        ("South Korean President Park Jung-soo spoke with Prime Minister Taro Ito. "
         "But Jung Ha-neul, the presidential spokesperson, said little.", "en",
         [("Park Jung-soo", "president", "kr"), ("Taro Ito", "prime-minister", None),
          ("Jung Ha-neul", "spokesperson", None)]),
    ],
)  # fmt: skip
def test_find_holders(text: str, lang: str, expected: list) -> None:
    from comparator.quotes.holders import find_holders

    assert [(h.name, h.role, h.country) for h in find_holders(text, lang)] == expected


def test_latest_holder_prefers_home_country_and_named_country() -> None:
    from comparator.quotes.holders import find_holders, latest_holder

    text = "최영수 국무총리와 이토 다로 일본 총리가 회담했다. 총리는"
    holders = find_holders(text, "ko")
    end = len(text)
    assert latest_holder(holders, end, "prime-minister", "ko").name == "최영수"
    assert latest_holder(holders, end, "prime-minister", "ko", country="jp").name == "이토 다로"
    assert latest_holder(holders, end, "president", "ko") is None
    assert latest_holder(holders, end, "official", "ko") is None


def test_a_body_outside_the_table_keeps_its_own_name() -> None:
    q = _first("Figures from the Coastal Freight Survey show that cargo volumes fell by 8 percent.", "en")
    assert (q.speaker, q.speaker_key) == ("Coastal Freight Survey", "body:coastal-freight-survey")


def test_a_four_syllable_hangul_surname_is_read_whole() -> None:
    # 이시카와 is one Japanese surname, not the Korean surname 이 + 시카와
    assert speaker_key("이시카와", "ko") == "isikawa"
    assert loose(speaker_key("이시카와", "ko")) == loose(speaker_key("Ishikawa", "en"))
    assert speaker_key("남궁민수", "ko") == "minsu namgung"  # a two-syllable Korean surname


def test_they_is_the_last_group_described_not_an_earlier_body() -> None:
    text = (
        "The harbour office said the ferries would run again. The two ministers agreed to meet in May. "
        "They also agreed to reopen the ferry line."
    )
    quotes = extract_quotes(Article(id="en", text=text, lang="en"))
    assert [q.speaker for q in quotes] == ["The harbour office", "The two ministers", "The two ministers"]


def test_the_court_is_the_court_named_before() -> None:
    text = "Kelton's Supreme Court ordered the ferry firm to pay damages. The court said the claim was valid."
    quotes = extract_quotes(Article(id="en", text=text, lang="en"))
    assert len(quotes) == 2
    assert quotes[1].speaker == quotes[0].speaker and "Supreme Court" in (quotes[1].speaker or "")


def test_a_pronoun_takes_the_titled_name_of_its_own_sentence() -> None:
    text = (
        'Transport Minister Ahn Dae-sik said the ferry would sail again soon. "We owe the crew a lot," '
        "Ahn said.\nForeign Ministry spokesperson Noh Ji-yeon thanked Tokyo for what she called a fast response."
    )
    quotes = extract_quotes(Article(id="en1", text=text, lang="en"))
    called = [q for q in quotes if q.cue == "called"]
    assert called and called[0].speaker == "Noh Ji-yeon"


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Foreign Ministry spokesperson Noh Ji-yeon", "Noh Ji-yeon"),
        ("Defense Ministry spokesman Kim Tae-ho", "Kim Tae-ho"),
        ("Secretary of State Martin Hale", "Martin Hale"),
    ],
)
def test_a_lowercase_title_ends_the_words_before_the_name(mention: str, name: str) -> None:
    assert parse_mention(mention, "en").name == name


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('해양경찰청은 "수색을 계속하고 있다"고 밝혔다.', "ko"),
        ('해경은 "수색을 계속하고 있다"고 밝혔다.', "ko"),
        ('"We are still searching," the Korea Coast Guard said.', "en"),
        ("韓国海洋警察庁は「捜索を続けている」と述べた。", "ja"),
    ],
)
def test_coast_guards_link_across_languages(text: str, lang: str) -> None:
    (q,) = extract_quotes(Article(id="a", text=text, lang=lang))
    assert q.speaker_key == "body:kr-coast-guard"


def test_japans_coast_guard_is_another_body() -> None:
    (q,) = extract_quotes(Article(id="a", text="海上保安庁は「捜索を続けている」と述べた。", lang="ja"))
    assert q.speaker_key == "body:jp-coast-guard"


def test_two_full_names_are_never_linked_by_cooccurrence() -> None:
    # QA9 S1: Seoul's and Tokyo's trade ministers both said they were open to talks, in aligned
    # sentences, and were merged into one speaker (both roles are the generic "minister").
    ko = _first('유재훈 산업부 장관은 "대화의 문은 열려 있다"고 말했다.', "ko")
    ja = _first("大西康介経済産業相は「対話には応じる」と述べた。", "ja")
    assert ko.speaker_key and ja.speaker_key
    assert speaker_similarity(ko, ja) == 0.0
    assert link_speakers([(ko, ja, 0.95)] * 5) == []


@pytest.mark.parametrize(
    ("ko_name", "other", "lang"),
    [
        ("모리카와 겐타", "森川健太", "ja"),
        ("모리카와 겐타", "Kenta Morikawa", "en"),
        ("다카하시 도모코", "Tomoko Takahashi", "en"),
        ("지바 다이스케", "Daisuke Chiba", "en"),
    ],
)
def test_korean_transcription_of_japanese_names_matches(ko_name: str, other: str, lang: str) -> None:
    # QA9 Q4: Hangul writes a Japanese word-initial k/t/ch as ㄱ/ㄷ/ㅈ (겐타 = Kenta).
    ko = Quote("", 0, 0, "", "direct", speaker=ko_name, speaker_key=speaker_key(ko_name, "ko"))
    ot = Quote("", 0, 0, "", "direct", speaker=other, speaker_key=speaker_key(other, lang))
    assert speaker_similarity(ko, ot) == 1.0


def test_two_countries_ministries_are_never_linked_by_cooccurrence() -> None:
    # QA9 Q2: METI's and MOTIE's statements sit in aligned sentences; they are two bodies.
    jp = _first("経済産業省は「運用の見直しだ」とのコメントを出した。", "ja")
    kr = _first('산업통상자원부는 "깊은 유감을 표명한다"고 밝혔다.', "ko")
    assert (jp.speaker_key, kr.speaker_key) == ("body:jp-meti", "body:kr-motie")
    assert link_speakers([(jp, kr, 0.95)] * 5) == []


def test_a_generic_trade_ministry_is_the_one_the_article_names() -> None:
    text = (
        "Resin exports will need licences from March, the trade ministry said on Monday. "
        "The Ministry of Economy, Trade and Industry said it had found two cases of misuse."
    )
    quotes = extract_quotes(Article(id="en1", text=text, lang="en"))
    assert [q.speaker_key for q in quotes] == ["body:jp-meti", "body:jp-meti"]
    assert quotes[0].speaker == "the trade ministry"


def test_a_generic_trade_ministry_is_no_foreign_ministry() -> None:
    trade = _first("Exporters will need licences, the trade ministry said.", "en")
    foreign = _first('"We protested," Japan\'s foreign ministry said.', "en")
    assert trade.speaker_key == "body:trade-ministry" and foreign.speaker_key == "body:jp-mofa"
    assert speaker_similarity(trade, foreign) == 0.0
