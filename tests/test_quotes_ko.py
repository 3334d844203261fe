"""Korean quotes: (text, expected content, expected resolved speaker). All texts are invented."""

from __future__ import annotations

import pytest

from comparator.quotes import extract_quotes
from comparator.schema import Article
from tests.quote_support import quote_with

CASES = [
    # "…"고 / "…"라고 + speech verb, speaker before the quotation
    (
        '강유정 대통령실 대변인은 이날 브리핑에서 "한일 관계는 개선되고 있다"고 말했다.',
        '"한일 관계는 개선되고 있다"',
        "강유정",
    ),
    (
        '외교부는 "일본 측의 조치에 깊은 유감을 표한다"고 밝혔다.',
        '"일본 측의 조치에 깊은 유감을 표한다"',
        "외교부",
    ),
    ('조현 외교부 장관은 "대화의 문은 열려 있다"고 강조했다.', '"대화의 문은 열려 있다"', "조현"),
    # "…에 따르면" before the speaker is the channel, not part of the speaker's name
    (
        '외교부에 따르면 박민재 장관은 "일본 측의 진정성 있는 조치가 필요하다"고 말했다.',
        '"일본 측의 진정성 있는 조치가 필요하다"',
        "박민재",
    ),
    ('김민수 의원은 "정부의 설명이 부족하다"고 비판했다.', '"정부의 설명이 부족하다"', "김민수"),
    ('박서연 대표는 "증세에 반대한다"고 주장했다.', '"증세에 반대한다"', "박서연"),
    ('국방부는 "북한 미사일은 동해상에 떨어졌다"고 설명했다.', '"북한 미사일은 동해상에 떨어졌다"', "국방부"),
    ('통일부는 "남북 대화 재개를 기대한다"고 전했다.', '"남북 대화 재개를 기대한다"', "통일부"),
    (
        '이시바 시게루 일본 총리는 "관계 개선이 필요하다"고 강조했다.',
        '"관계 개선이 필요하다"',
        "이시바 시게루",
    ),
    (
        '하야시 요시마사 관방장관은 "냉정하게 대응하겠다"고 말했다.',
        '"냉정하게 대응하겠다"',
        "하야시 요시마사",
    ),
    ('일본 외무성은 "극히 유감스럽다"고 밝혔다.', '"극히 유감스럽다"', "일본 외무성"),
    ("대통령실은 “정상회담은 25분간 진행됐다”고 밝혔다.", "“정상회담은 25분간 진행됐다”", "대통령실"),
    ('최지훈 시장은 "피해 복구에 총력을 다하겠다"라고 말했다.', '"피해 복구에 총력을 다하겠다"', "최지훈"),
    ('정부는 "국민 안전이 최우선"이라고 밝혔다.', '"국민 안전이 최우선"', "정부"),
    # speaker between the quotation and the verb
    ('"대화를 이어가겠다"라고 외교부는 밝혔다.', '"대화를 이어가겠다"', "외교부"),
    ('"협의는 진전됐다"고 외교부 당국자가 전했다.', '"협의는 진전됐다"', "외교부 당국자"),
    ('"양보할 여지는 없다"고 일본 정부는 반박했다.', '"양보할 여지는 없다"', "일본 정부"),
    # nested '…' inside "…"
    (
        "강 대변인은 \"일본 측의 '성의 있는 조치'를 기대한다\"고 말했다.",
        "\"일본 측의 '성의 있는 조치'를 기대한다\"",
        "강",
    ),
    (
        "외교부는 \"일본의 '유감' 표명을 주시하고 있다\"고 밝혔다.",
        "\"일본의 '유감' 표명을 주시하고 있다\"",
        "외교부",
    ),
    # two quotations joined with 며, one verb
    ('이시바 총리는 "협력을 계속하겠다"며 "대화가 중요하다"고 강조했다.', '"협력을 계속하겠다"', "이시바"),
    ('이시바 총리는 "협력을 계속하겠다"며 "대화가 중요하다"고 강조했다.', '"대화가 중요하다"', "이시바"),
    # indirect: …다고 말했다 / 밝혔다 / 전했다 / 강조했다
    ("강유정 대변인은 일본 측의 조치가 유감스럽다고 밝혔다.", "일본 측의 조치가 유감스럽다", "강유정"),
    ("외교부는 일본 측에 해명을 요구했다고 전했다.", "일본 측에 해명을 요구했다", "외교부"),
    ("국방부는 이날 미사일이 동해상에 떨어졌다고 발표했다.", "미사일이 동해상에 떨어졌다", "국방부"),
    # an alias in brackets stays with the name; the subject inside the clause is not the speaker
    (
        "일본정부관광국(JNTO)은 21일 방일 외국인 관광객이 15.8% 늘었다고 발표했다.",
        "방일 외국인 관광객이 15.8% 늘었다",
        "일본정부관광국(JNTO)",
    ),
    ("김민수 의원은 정부 대응이 너무 늦었다고 비판했다.", "정부 대응이 너무 늦었다", "김민수"),
    ("조현 장관은 한일 관계 개선이 필요하다고 강조했다.", "한일 관계 개선이 필요하다", "조현"),
    ("통일부는 대화 제안에 북한이 응하지 않았다고 말했다.", "대화 제안에 북한이 응하지 않았다", "통일부"),
    ("박서연 대표는 정부가 답해야 한다고 말했다.", "정부가 답해야 한다", "박서연"),
    # …에 따르면
    (
        "외교부에 따르면 한일 정상회담은 다음 달 열릴 예정이다.",
        "한일 정상회담은 다음 달 열릴 예정이다",
        "외교부",
    ),
    ("연합뉴스에 따르면 회담은 약 25분간 진행됐다.", "회담은 약 25분간 진행됐다", "연합뉴스"),
    (
        "정부 관계자에 따르면, 양국은 후속 협의를 이어가기로 했다.",
        "양국은 후속 협의를 이어가기로 했다",
        "정부 관계자",
    ),
    # back-references: 강 대변인, 그, surname + role
    (
        '강유정 대통령실 대변인은 "대화를 이어가겠다"고 말했다. 강 대변인은 "일본 측의 성의를 기대한다"고 덧붙였다.',
        '"일본 측의 성의를 기대한다"',
        "강유정",
    ),
    (
        '강유정 대통령실 대변인이 브리핑을 했다. 강 대변인은 "협력을 계속하겠다"고 말했다.',
        '"협력을 계속하겠다"',
        "강유정",
    ),
    (
        '이시바 시게루 일본 총리는 "관계 개선이 필요하다"고 말했다. 그는 "협력을 계속하겠다"고 덧붙였다.',
        '"협력을 계속하겠다"',
        "이시바 시게루",
    ),
    ('조현 외교부 장관은 "유감"이라고 말했다. 조 장관은 "항의했다"고 밝혔다.', '"항의했다"', "조현"),
    ('외교부는 "유감"이라고 밝혔다. 외교부는 일본 측에 항의했다고 전했다.', "일본 측에 항의했다", "외교부"),
    (
        '이시바 시게루 일본 총리가 입장을 밝혔다. 이시바 총리는 "대화가 중요하다"고 말했다.',
        '"대화가 중요하다"',
        "이시바 시게루",
    ),
    # polite forms
    ('강유정 대변인은 "최선을 다하겠습니다"라고 말했습니다.', '"최선을 다하겠습니다"', "강유정"),
    # quotation marks that are not quotes: titles, names, scare quotes
    ('영화 "기생충"이 화제가 됐다.', None, None),
    ('이른바 "독도의 날" 행사가 열렸다.', None, None),
    ("'한일 미래 비전' 보고서가 공개됐다.", None, None),
    ('신간 "한일 100년"이 출간됐다.', None, None),
    ('정부는 "담대한 구상"을 내세우며 협상에 나섰다.', None, None),
    ('"K-컬처" 열풍이 이어지고 있다.', None, None),
    ('방송 프로그램 "일요 토론"에 출연했다.', None, None),
]


def _quotes(text: str):
    return extract_quotes(Article(id="ko1", text=text, lang="ko"))


@pytest.mark.parametrize(("text", "content", "speaker"), CASES)
def test_korean_quote(text: str, content: str | None, speaker: str | None) -> None:
    quotes = _quotes(text)
    if content is None:
        assert quotes == []
        return
    q = quote_with(quotes, content)
    assert q.speaker == speaker


def test_spans_index_the_text() -> None:
    text = '강유정 대통령실 대변인은 "한일 관계는 개선되고 있다"고 말했다. 강 대변인은 협력이 중요하다고 강조했다.'
    quotes = _quotes(text)
    assert len(quotes) == 2
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert q.cue_start is not None and text[q.cue_start : q.cue_end] == q.cue
        assert q.speaker_start is not None


def test_cue_kind_role_and_key() -> None:
    (q,) = _quotes('강유정 대통령실 대변인은 "대화를 이어가겠다"고 말했다.')
    assert (q.kind, q.cue, q.speaker_role, q.speaker_key) == (
        "direct",
        "말했다",
        "spokesperson",
        "kang yujung",
    )
    (q,) = _quotes("외교부는 일본 측에 해명을 요구했다고 전했다.")
    assert (q.kind, q.cue, q.speaker_key) == ("indirect", "전했다", "body:kr-mofa")
    (q,) = _quotes('일본 외무성은 "극히 유감스럽다"고 밝혔다.')
    assert q.speaker_key == "body:jp-mofa"


# A bare title is its most recent named holder (home country first, or the country the mention
# names); a subject after "…"며 is the next clause's, not the speaker; a partial quotation inside
# reported speech is direct. (text, content contains, speaker, kind)
HOLDER_CASES = [
    ('김민준 국무총리는 10일 국회에 출석했다. 총리는 "민생 회복에 집중하겠다"고 말했다.', "민생 회복", "김민준", "direct"),
    ('이토 다로 일본 총리가 11일 방한했다. 총리는 "양국 협력을 넓히겠다"고 말했다.', "양국 협력", "이토 다로", "direct"),
    ('최영수 국무총리와 이토 다로 일본 총리가 회담했다. 총리는 "의미 있는 진전"이라고 평가했다.', "의미 있는 진전",
     "최영수", "direct"),
    ('최영수 국무총리와 이토 다로 일본 총리가 회담했다. 일본 총리는 "신뢰를 쌓겠다"고 말했다.', "신뢰를 쌓겠다",
     "이토 다로", "direct"),
    ('정하늘 대통령실 대변인은 브리핑을 열었다. 대변인은 "회담은 우호적이었다"고 덧붙였다.', "우호적", "정하늘", "direct"),
    ("한지수 외교부 장관이 12일 출국했다. 장관은 협의를 이어가겠다고 밝혔다.", "협의를 이어가겠다", "한지수", "indirect"),
    ('박지훈 산업부 장관은 "공급망 안정이 최우선"이라며 업계가 적극 협력해 줄 것을 당부했다.', "공급망 안정", "박지훈",
     "direct"),
    ('총리는 "결과로 보여주겠다"고 말했다.', "결과로 보여주겠다", "총리", "direct"),  # no holder named
    ('한지수 외교부 장관은 회담이 "매우 건설적인 분위기"에서 진행됐다고 밝혔다.', "건설적인", "한지수", "direct"),
    ('외교부는 양국이 "셔틀 외교"를 이어가기로 했다고 밝혔다.', "셔틀 외교", "외교부", "indirect"),
    ('한 외교 소식통은 "협상이 막바지에 이르렀다"고 말했다.', "막바지", "한 외교 소식통", "direct"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "contains", "speaker", "kind"), HOLDER_CASES)
def test_korean_holders_and_kinds(text: str, contains: str, speaker: str, kind: str) -> None:
    match = [q for q in _quotes(text) if contains in q.text]
    assert match, f"no quote with {contains!r} in {[q.text for q in _quotes(text)]}"
    assert (match[0].speaker, match[0].kind) == (speaker, kind)


def test_unnamed_sources_are_roles_not_names() -> None:
    (q,) = _quotes('한 외교 소식통은 "협상이 막바지에 이르렀다"고 말했다.')
    assert q.speaker_key == "role:official"
    (q,) = _quotes('강제동원 피해자 유족은 "사과가 먼저"라고 말했다.')
    assert q.speaker_key == "role:member-of-public"


def test_a_quotative_verb_before_the_speaker_is_not_part_of_the_speaker() -> None:
    # "…화답했다고 강 대변인은 전했습니다": the speaker was "화답했다고 강".
    text = "오모리 총리는 한국은 중요한 이웃 나라라고 화답했다고 강 대변인은 전했습니다."
    quotes = extract_quotes(Article(id="k1", text=text, lang="ko"))
    assert quotes
    assert all(q.speaker and "했다고" not in q.speaker and q.speaker.startswith("강") for q in quotes), [
        q.speaker for q in quotes
    ]


# A noun inside a relative clause before the speaker (…광산에서 일했던 유족 대표는) is not the speaker,
# nor is a subject of that clause (탄광이 있던 …), nor the clause's verb. (text, content, speaker span)
RELATIVE_CASES = [
    ('강제동원 당시 탄광에서 일했던 유족 대표는 "사과가 먼저다"라고 말했다.', '"사과가 먼저다"', "유족 대표"),
    ('폐광이 있던 섬에서 자란 주민 대표는 "진상을 밝혀야 한다"고 말했다.', '"진상을 밝혀야 한다"', "주민 대표"),
    ('아버지가 제철소에서 일했던 유족 최민호 씨는 "기록을 공개하라"고 촉구했다.', '"기록을 공개하라"', "유족 최민호 씨"),
    ('공장이 문을 닫은 뒤 마을을 떠난 노조 위원장은 "보상이 필요하다"고 밝혔다.', '"보상이 필요하다"', "노조 위원장"),
    ('회담에 배석한 외교부 당국자는 "분위기가 좋았다"고 전했다.', '"분위기가 좋았다"', "외교부 당국자"),
    ("시민단체가 주최한 토론회에 참석한 김서준 교수는 정부 대응이 늦었다고 비판했다.", "정부 대응이 늦었다", "김서준 교수"),
    # a subject with no relative clause after it is still the speaker
    ('외교부 대변인이 "유감스럽다"고 말했다.', '"유감스럽다"', "외교부 대변인"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "content", "speaker"), RELATIVE_CASES)
def test_a_noun_in_a_relative_clause_is_not_the_speaker(text: str, content: str, speaker: str) -> None:
    q = quote_with(_quotes(text), content, first=True)
    assert q.speaker_start is not None
    assert text[q.speaker_start : q.speaker_end] == speaker


# A Japanese or Western name in Hangul is surname + space + given name, and either part may end in
# a syllable that is also a verb ending or a particle (-라, -다, -로, -와). The whole name is the
# speaker, and a later "surname + title" resolves to it. (text, content, speaker span, speaker)
FOREIGN_NAME_CASES = [
    ('마쓰무라 다이스케 일본 외무상은 "대화를 이어가겠다"라고 말했다.', '"대화를 이어가겠다"',
     "마쓰무라 다이스케 일본 외무상", "마쓰무라 다이스케"),
    ('마쓰무라 다이스케 일본 외무상은 회견을 열었다. 마쓰무라 외무상은 "협의를 서두르겠다"고 덧붙였다.',
     '"협의를 서두르겠다"', "마쓰무라 외무상", "마쓰무라 다이스케"),
    ('오카다 겐지 관방장관은 "정부 방침에 변함이 없다"고 밝혔다. 오카다 장관은 "냉정하게 대응하겠다"고 말했다.',
     '"냉정하게 대응하겠다"', "오카다 장관", "오카다 겐지"),
    ('스즈키 이치로 일본 총리는 "관계를 안정시키겠다"고 강조했다.', '"관계를 안정시키겠다"',
     "스즈키 이치로 일본 총리", "스즈키 이치로"),
    ('이시카와 유카 방위상은 "경계를 강화하겠다"고 말했다.', '"경계를 강화하겠다"', "이시카와 유카 방위상",
     "이시카와 유카"),
    ('에밀리 카터 미국 국무장관은 "동맹은 굳건하다"고 말했다. 카터 장관은 "긴밀히 협의하겠다"고 밝혔다.',
     '"긴밀히 협의하겠다"', "카터 장관", "에밀리 카터"),
    # Korean names are unchanged, and a verb before the speaker is still no part of the name
    ('송태헌 대통령은 "국민과 함께 가겠다"고 말했다.', '"국민과 함께 가겠다"', "송태헌 대통령", "송태헌"),
    ('강유정 대변인은 회견을 열었다. 이에 따라 강 대변인은 "일정을 조정하겠다"고 말했다.', '"일정을 조정하겠다"',
     "강 대변인", "강유정"),
    ('회담 결과에 따라 대변인은 "후속 협의를 하겠다"고 말했다.', '"후속 협의를 하겠다"', "대변인", "대변인"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "content", "span", "speaker"), FOREIGN_NAME_CASES)
def test_foreign_names_in_hangul_keep_the_surname(text: str, content: str, span: str, speaker: str) -> None:
    q = quote_with(_quotes(text), content, first=True)
    assert q.speaker_start is not None
    assert (text[q.speaker_start : q.speaker_end], q.speaker) == (span, speaker)


# Found reading the sample corpus's quotes (sentences written for this table): an organisation's
# short name ending like a topic (한은) before a title; a bare 했다 glued to a noun that is no speech
# act (동의했다) inside a clause the quotative belongs to; one glued to a speech noun (초청했다);
# titles 부총리 / 정무관 / 총재. (text, content or None for "no quote with this text", speaker)
KO_SAMPLE_QA_CASES = [
    ('박도윤 한은 총재는 "물가 안정이 우선"이라고 말했다.', '"물가 안정이 우선"', "박도윤"),
    ("포구 유적은 지난해 목록에 올랐으며, 정부는 일본이 역사를 알리겠다고 약속한 데 따라 등재에 동의했다.",
     None, None),
    ("송 대통령은 총리에게 한국을 방문해 달라고 초청했다.", "한국을 방문해 달라", "송"),
    ('한지호 부총리 겸 재정부 장관은 회의를 열었다. 한 부총리는 "시장이 안정됐다"고 말했다.', '"시장이 안정됐다"', "한지호"),
    ('모리타 나오키 외무성 정무관이 참석했다. 모리타 정무관은 "노동자들이 고생했다"고 말했다.', '"노동자들이 고생했다"',
     "모리타 나오키"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "content", "speaker"), KO_SAMPLE_QA_CASES)
def test_korean_sample_qa(text: str, content: str | None, speaker: str | None) -> None:
    quotes = _quotes(text)
    if content is None:
        assert not any("역사를 알리겠다" in q.text for q in quotes), [q.text for q in quotes]
        return
    q = quote_with(quotes, content)
    assert q.speaker == speaker


# 이 before a title is the surname 이 when an earlier person named 이… holds that title (이 공사 after
# 이정민 주오사카 총영사관 공사), and a demonstrative otherwise: 이 방침 / 이 공사 with no such person is
# no person, and 이 관계자 / 그 관계자 is "this official". (text, content, speaker, role or None)
KO_DEMONSTRATIVE_CASES = [
    ('추모식에는 이정민 주오사카 총영사관 공사와 유족 5명이 참석했다. 이 공사는 인사말에서 "희생자를 잊지 않겠다"고 말했다.',
     '"희생자를 잊지 않겠다"', "이정민", "envoy"),
    ('회의에는 이수경 주일 한국대사관 정무공사가 배석했다. 이 공사는 "협의를 이어가겠다"고 밝혔다.',
     '"협의를 이어가겠다"', "이수경", "envoy"),
    ('이도윤 외교부 대변인은 회견을 열었다. 이 대변인은 "유감스럽다"고 말했다.', '"유감스럽다"', "이도윤", "spokesperson"),
    ('시는 새 조례안을 내놓았다. 이 방침은 "내년부터 적용된다"고 밝혔다.', '"내년부터 적용된다"', "이 방침", None),
    ('박성호 주일 한국대사관 공사가 참석했다. 이 공사는 "완공이 늦어진다"고 밝혔다.', '"완공이 늦어진다"', "이 공사", None),
    ('한 정부 관계자는 회의 결과를 설명했다. 이 관계자는 "진전이 있었다"고 말했다.', '"진전이 있었다"', "이 관계자", "official"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "content", "speaker", "role"), KO_DEMONSTRATIVE_CASES)
def test_i_before_a_title_is_a_surname_only_with_a_namesake(
    text: str, content: str, speaker: str, role: str | None
) -> None:
    q = quote_with(_quotes(text), content)
    assert (q.speaker, q.speaker_role) == (speaker, role)


# Found in a QA pass on a new event (sentences written for this table): a titled subject with the
# particle 도 ("also") is the speaker, not the previous sentence's. (text, content, speaker)
KO_ALSO_CASES = [
    ('윤성민 장관은 "최선을 다하겠다"고 말했다. 일본 정부 대변인인 마쓰다 고지 관방장관도 기자회견에서 "긴밀히 연계하고 있다"고 밝혔다.',
     '"긴밀히 연계하고 있다"', "마쓰다 고지"),
    ('윤성민 장관은 "최선을 다하겠다"고 말했다. 외교부 대변인도 "일본 측에 감사한다"고 밝혔다.', '"일본 측에 감사한다"', "외교부 대변인"),
    # 도 after a plain noun is no subject: the speaker is the earlier one
    ('윤성민 장관은 "최선을 다하겠다"고 말했다. 그는 "이번에도 원칙대로 하겠다"고 말했다.', '"이번에도 원칙대로 하겠다"', "윤성민"),
]  # fmt: skip


# Government readouts write the uncontracted -하였다 forms. (text, content, speaker)
KO_READOUT_CASES = [
    ('박은서 장관은 "양국 관계는 중요하다"라고 말하였다.', '"양국 관계는 중요하다"', "박은서"),
    ('박은서 장관은 "협력을 강화하겠다"고 강조하였다.', '"협력을 강화하겠다"', "박은서"),
    ('오노 대신은 "한국은 중요한 이웃"이라고 화답하였다.', '"한국은 중요한 이웃"', "오노"),
    ('외교부는 "유감"이라고 밝히었다.', '"유감"', "외교부"),
    ("박은서 장관은 회담을 열었다. 그는 우려를 진지하게 받아들이겠다고 하였다.", "우려를 진지하게 받아들이겠다", "박은서"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "content", "speaker"), KO_ALSO_CASES + KO_READOUT_CASES)
def test_titled_subjects_with_do_and_readout_verb_forms(text: str, content: str, speaker: str) -> None:
    q = quote_with(_quotes(text), content)
    assert q.speaker == speaker


# QA9 Q1/Q2: a company (with or without 의) or a relative clause before a full Korean name says
# whom the person speaks for; the trade ministries are bodies.
KO_QA9_CASES = [
    ('최대 고객사인 대성전자의 박지현 대변인은 "재고는 충분하다"고 말했다.', "박지현", "jihyun park"),
    ('대성전자 박지현 대변인은 "재고는 충분하다"고 말했다.', "박지현", "jihyun park"),
    ('산업통상자원부는 "깊은 유감을 표명한다"고 밝혔다.', "산업통상자원부", "body:kr-motie"),
    ('산업부는 "깊은 유감을 표명한다"고 밝혔다.', "산업부", "body:kr-motie"),
    ('일본 경제산업성은 "운용 재검토"라고 설명했다.', "일본 경제산업성", "body:jp-meti"),
]


@pytest.mark.parametrize(("text", "speaker", "key"), KO_QA9_CASES)
def test_korean_qa9_company_before_name_and_ministries(text: str, speaker: str, key: str) -> None:
    quotes = extract_quotes(Article(id="ko1", text=text, lang="ko"))
    assert quotes, text
    assert (quotes[0].speaker, quotes[0].speaker_key) == (speaker, key)
