"""comparator.link_checks: which sentence links a comparison keeps, drops or adds beyond the vectors.

Fast tests build a Context whose aligner links nothing (orthogonal vectors) and set the links by
hand, so each rule is seen alone. The texts are invented (a ferry fire off an invented island, its
officials invented). The real model on a whole invented event is in the slow tests at the end.
"""

from __future__ import annotations

import numpy as np
import pytest

from comparator import figure_links, link_checks
from comparator.align import AlignParams
from comparator.compare import Context, _link, build_context
from comparator.framing import load_lexicon
from comparator.pipeline import prepare_article
from comparator.schema import RawDocument

NO_LINKS = AlignParams(min_cos=2.0, solo_cos=2.0, near_margin=None)  # the aligner links nothing


def _ctx(*texts: tuple[str, str]) -> Context:
    arts = [
        prepare_article(RawDocument(text=t, lang=lang, id=f"r{n}", outlet=f"Outlet {n}"), max_chars=10_000)
        for n, (lang, t) in enumerate(texts)
    ]
    # One axis per sentence of the whole comparison: every cosine is 0, so neither the aligner nor
    # the rescue links anything and each test sets the links it is about.
    sizes = [len(a.sentences) for a in arts]
    eye = np.eye(sum(sizes), dtype=np.float32)
    vecs = [eye[sum(sizes[:k]) : sum(sizes[: k + 1])] for k in range(len(arts))]
    return build_context(arts, vecs, params=NO_LINKS, lexicon=load_lexicon())


def _carried(ctx: Context, i: int, s: int, j: int) -> set[int]:
    return set(ctx.partners[i][s].get(j, ()))


# ------------------------------------------------------------------ speakers

KO_THANKS = '외교부 최민아 대변인은 정례 브리핑에서 "일본 해상보안청의 신속한 구조에 깊이 감사한다"고 말했다.'
KO_CLOSELY = (
    '일본 정부 대변인인 오카다 신지 관방장관은 기자회견에서 "한국 측과 긴밀히 연락하고 있다"고 말했다.'
)
EN_TWO = (
    'Chief Cabinet Secretary Shinji Okada said Japan was "in close contact with the South Korean side." '
    "He said Seoul had conveyed its thanks for the rescue."
)


@pytest.mark.parametrize(
    ("other", "lang", "strong", "expected"),
    [
        # Two named people quoted directly, different words: two statements.
        (KO_CLOSELY, "ko", False, None),
        # A shared 1-1 link is the aligner's confident verdict and stays.
        (KO_CLOSELY, "ko", True, ([0], [0])),
        # A name without a role: names that fail to match (a transliteration) prove nothing.
        ('"We are in close contact with the South Korean side," Shinji Okada said.', "en", False, ([0], [0])),
        # The same person in another report: one statement.
        ('최민아 대변인은 "일본 해상보안청의 신속한 구조에 감사한다"고 밝혔다.', "ko", False, ([0], [0])),
        # The same words given to another person are a quote finding of their own: kept.
        (
            '오카다 신지 관방장관은 "일본 해상보안청의 신속한 구조에 깊이 감사한다"고 말했다.',
            "ko",
            False,
            ([0], [0]),
        ),
    ],
)
def test_a_link_between_two_speakers_statements_goes(other, lang, strong, expected):
    ctx = _ctx(("ko", KO_THANKS), (lang, other))
    assert link_checks.speaker_trim(ctx, 0, [0], 1, [0], strong=strong) == expected


def test_a_role_given_by_another_report_counts():
    # The second report names Okada without a role; the third gives the same key its role.
    bare = '"We are in close contact with the South Korean side," Shinji Okada said.'
    third = 'Chief Cabinet Secretary Shinji Okada said: "Saving lives comes first."'
    assert link_checks.speaker_trim(_ctx(("ko", KO_THANKS), ("en", bare)), 0, [0], 1, [0]) == ([0], [0])
    ctx = _ctx(("ko", KO_THANKS), ("en", bare), ("en", third))
    assert link_checks.speaker_trim(ctx, 0, [0], 1, [0]) is None


@pytest.mark.parametrize(("cos", "kept"), [(0.0, False), (0.84, False), (0.87, True)])
def test_a_close_translation_is_never_taken_apart(cos, kept):
    # Names across scripts can fail to match (アダム・マイヤーズ上級副社長 / Adam Meyers).
    ctx = _ctx(
        ("ko", KO_THANKS), ("en", 'Chief Cabinet Secretary Shinji Okada said: "Saving lives comes first."')
    )
    _near(ctx, 0, 0, 1, 0, cos=cos)
    assert (link_checks.speaker_trim(ctx, 0, [0], 1, [0]) is not None) is kept


@pytest.mark.parametrize("strong", [False, True])
def test_a_merge_loses_only_the_part_quoting_someone_else(strong):
    ctx = _ctx(("ko", KO_THANKS), ("en", EN_TWO))
    assert len(ctx.articles[1].sentences) == 2
    # "He said Seoul had conveyed its thanks" is indirect: it still carries the thanks.
    assert link_checks.speaker_trim(ctx, 0, [0], 1, [0, 1], strong=strong) == ([0], [1])


# ------------------------------------------------------------------ figures

KO_FLEET = "해경은 경비함정 3척과 항공기 1대를 현장에 보냈다."


@pytest.mark.parametrize(
    ("lang", "other", "conflict"),
    [
        # Two quantities given differently, none agreeing: Japan's fleet, not Korea's.
        ("ja", "同本部は巡視船5隻と航空機2機を投入している。", True),
        ("en", "The agency sent five patrol ships and two aircraft.", True),
        # One quantity given differently: the report must line these up and show the difference.
        ("ja", "韓国側は警備艦4隻を派遣した。", False),
        # An agreeing figure beside the differing ones: one fact, one figure wrong.
        ("ja", "韓国側は警備艦4隻と航空機1機を派遣した。", False),
    ],
)
def test_two_differing_quantities_and_no_agreement_make_two_facts(lang, other, conflict):
    ctx = _ctx(("ko", KO_FLEET), (lang, other))
    assert link_checks.figures_conflict(ctx, 0, [0], 1, [0]) is conflict


EN_CASES = "The ministry said it had found four cases of improper handling of exported parts since 2023."


@pytest.mark.parametrize(
    ("lang", "other", "apart"),
    [
        # A share of demand against a count of cases: two facts, whatever the vectors say (QA9 S3).
        ("en", "Local production covers 12% of demand, up 2 percentage points from last year.", True),
        ("ko", "부품 국산화율은 지난해 10%에서 올해 12%로 올랐다.", True),
        # The same count in another language: one fact.
        ("ja", "同省によると、2023年以降、輸出先で不適切な管理が4件見つかった。", False),
        # A translation that adds a percentage keeps an agreeing figure: one fact.
        ("ja", "同省は、2023年以降に不適切な事案4件（全体の3%）を確認したと説明した。", False),
        # No figure on one side: nothing to tell them apart by.
        ("en", "Local production has grown quickly.", False),
    ],
)
def test_a_percentage_against_other_figures_only_is_two_facts(lang, other, apart):
    ctx = _ctx(("en", EN_CASES), (lang, other))
    assert link_checks.figures_apart(ctx, 0, [0], 1, [0]) is apart
    # check_link drops such a weak link and keeps a strong one.
    kept = link_checks.check_link(ctx, 0, [0], 1, [0], strong=False)
    assert (kept is None) is apart
    assert link_checks.check_link(ctx, 0, [0], 1, [0], strong=True) == ([0], [0])


JA_REVIEW = "外務省は「部品の輸出規則を見直す」と説明した。"
EN_REVIEW = "Japan's Foreign Ministry said it would review the export rules for the parts."


@pytest.mark.parametrize(
    ("second", "supported"),
    [
        # The ministry speaks once in each report: its remark ties the two sentences (a rescue).
        ("Officials expect the talks to resume next month.", True),
        # It speaks twice in one report: two remarks, and which one the other report gives is not
        # told by the speaker (QA pass 9: METI's review and its three cases).
        ("The Foreign Ministry also said the talks would resume next month.", False),
    ],
)
def test_a_speaker_supports_a_rescue_only_when_each_report_quotes_it_once(second, supported):
    from comparator.compare import _supported

    ctx = _ctx(("en", f"{EN_REVIEW} {second}"), ("ja", JA_REVIEW))
    assert _supported(ctx, 0, 0, 1, 0) is supported


# ------------------------------------------------------------------ a third report's verdict

A = "부산해경은 경비함정 3척을 보냈다. 여객선 승객 120명은 모두 구조됐다."
B = "日本側は巡視船2隻を出した。乗客120人は全員救助された。"
C = "Japan sent two patrol ships. South Korea sent three coast guard vessels. All 120 passengers were rescued."


def test_a_weak_link_a_third_report_puts_apart_is_dropped():
    ctx = _ctx(("ko", A), ("ja", B), ("en", C))
    _link(ctx, 0, [0], 2, [1], "shared", "shared")  # Korea's 3 ships = Korea's three vessels
    _link(ctx, 1, [0], 2, [0], "shared", "shared")  # Japan's 2 ships = Japan's two ships
    _link(ctx, 0, [0], 1, [0], "partial", "partial")  # Korea's ships ~ Japan's ships: wrong
    _link(ctx, 0, [1], 1, [1], "partial", "partial")  # the passengers: right, nothing against it
    dropped = link_checks.drop_contradicted(ctx)
    assert dropped == [(0, [0], 1, [0])]
    assert _carried(ctx, 0, 0, 1) == set() and _carried(ctx, 1, 0, 0) == set()
    assert _carried(ctx, 0, 1, 1) == {1}
    assert all(lp[:4] != (0, [0], 1, [0]) for lp in ctx.link_pairs)


def test_a_weak_link_the_third_report_agrees_with_is_kept():
    ctx = _ctx(("ko", A), ("ja", B), ("en", C))
    _link(ctx, 0, [1], 2, [2], "shared", "shared")
    _link(ctx, 1, [1], 2, [2], "shared", "shared")
    _link(ctx, 0, [1], 1, [1], "partial", "partial")
    assert link_checks.drop_contradicted(ctx) == []
    assert _carried(ctx, 0, 1, 1) == {1}


def test_two_quantities_in_common_outweigh_the_third_report():
    # A lead that sums up the event is rightly linked to two sentences of another report.
    ko = "여객선이 불에 타 승객 120명 중 118명이 구조됐다. 불은 오전 6시께 기관실에서 났다."
    en = "Fire broke out in the engine room early on Sunday. Rescuers saved 118 of its 120 passengers."
    ja = "乗客120人のうち118人が救助された。火は午前6時ごろ機関室から出た。"
    ctx = _ctx(("ko", ko), ("en", en), ("ja", ja))
    _link(ctx, 0, [0], 1, [1], "partial", "partial")
    _link(ctx, 0, [0], 2, [1], "shared", "shared")  # the lead ~ the fire (the wider sentence)
    _link(ctx, 1, [1], 2, [0], "shared", "shared")
    assert link_checks.drop_contradicted(ctx) == []


# ------------------------------------------------------------------ links from shared quantities

LEAD_KO = "여객선 한라호가 불에 타 승객 120명 중 118명이 구조되고 2명이 실종됐다."
EN_SPLIT = "The ferry Halla caught fire on Sunday. Rescuers saved 118 of its 120 passengers."


def _near(ctx: Context, i: int, s: int, j: int, t: int, cos: float = 0.85) -> None:
    """Make sentence s of article i point at sentence t of article j with this cosine."""
    v = ctx.vectors[j][t]
    other = ctx.vectors[i][s]
    ctx.vectors[i][s] = cos * v + np.sqrt(1 - cos**2) * other


def test_a_lead_sentence_is_linked_to_its_nearest_sentence_with_two_quantities():
    ctx = _ctx(("ko", LEAD_KO + " 구조된 118명은 병원으로 옮겨졌다."), ("en", EN_SPLIT))
    _link(ctx, 0, [1], 1, [1], "partial", "partial")  # the other report's sentence is taken already
    _near(ctx, 0, 0, 1, 1)
    made = figure_links.add_figure_links(ctx, _link)
    assert made == [(0, 0, 1, 1)]
    assert _carried(ctx, 0, 0, 1) == {1} and _carried(ctx, 1, 1, 0) == {0, 1}


@pytest.mark.parametrize(
    ("en", "why"),
    [
        ("Two Indonesian crew members were among those rescued.", "one quantity in common"),
        ("Rescuers saved 118 of its 120 passengers.", "too far apart"),
    ],
)
def test_no_figure_link_without_two_quantities_or_a_near_sentence(en, why):
    ctx = _ctx(("ko", LEAD_KO), ("en", en))
    if why != "too far apart":
        _near(ctx, 0, 0, 1, 0)
    else:
        _near(ctx, 0, 0, 1, 0, cos=0.70)
    assert figure_links.add_figure_links(ctx, _link) == []


# ------------------------------------------------------------------ merged sentences with a topic of their own

# An invented ferry-safety meeting: the Korean minister's reply names no topic; the English report
# merges the reply with the protest over the islets, which a Japanese report gives on its own.
KO_REPLY = "오다 장관은 한국 측의 요청을 검토하겠다고 답했다."
EN_MERGED = "Oda told Min he would review the request. Oda protested a survey near the islets."
JA_PROTEST = "小田氏は竹島周辺での調査に抗議した。"


@pytest.mark.parametrize(
    ("third_linked", "kept"),
    [
        # The Japanese report links the second part to its own protest sentence: the part goes.
        (True, [0]),
        # Between two reports alone a topic missing from the single sentence may be a lexicon gap.
        (False, [0, 1]),
    ],
)
def test_a_merged_sentence_another_report_gives_as_its_own_topic_is_trimmed(third_linked, kept):
    ctx = _ctx(("ko", KO_REPLY), ("en", EN_MERGED), ("ja", JA_PROTEST))
    _link(ctx, 0, [0], 1, [0, 1], "shared", "shared")
    if third_linked:
        _link(ctx, 1, [1], 2, [0], "shared", "shared")
    trimmed = link_checks.trim_merged_topics(ctx, _link)
    assert trimmed == ([(0, [0], 1, [0, 1])] if third_linked else [])
    assert _carried(ctx, 0, 0, 1) == set(kept)
    assert _carried(ctx, 1, 1, 0) == (set() if third_linked else {0})


def test_a_topic_the_single_sentence_shares_is_kept():
    ko = "오다 장관은 독도 주변 조사에 대한 항의를 전달했다."
    ctx = _ctx(("ko", ko), ("en", EN_MERGED), ("ja", JA_PROTEST))
    _link(ctx, 0, [0], 1, [0, 1], "shared", "shared")
    _link(ctx, 1, [1], 2, [0], "shared", "shared")
    assert link_checks.trim_merged_topics(ctx, _link) == []
    assert _carried(ctx, 0, 0, 1) == {0, 1}


# ------------------------------------------------------------------ links from one figure given once

KO_MEET = "양 장관은 3일 오후 부산에서 40분간 회담했다."
JA_MEET = "両氏は3日、釜山で会談した。"
JA_LENGTH = "会談は約40分間で、文化相会合に合わせて行われた。"


@pytest.mark.parametrize(
    ("ja", "cos", "lead_linked", "made"),
    [
        # The one 40-minute duration of each report; the Korean lead already has its Japanese
        # counterpart (the meeting), the length sentence has none in the Korean report: linked.
        (JA_LENGTH, 0.85, True, True),
        # Too far apart by the vectors.
        (JA_LENGTH, 0.70, True, False),
        # Neither sentence has a counterpart in the other report: no evidence of a folded-in lead.
        (JA_LENGTH, 0.85, False, False),
        # The value given twice in the Japanese report: no telling which sentence is the counterpart.
        (JA_LENGTH + "両氏は40分間の討論会にも出席した。", 0.85, True, False),
        # A different value: nothing in common.
        ("会談は約70分間で、文化相会合に合わせて行われた。", 0.85, True, False),
        # "More than 40 minutes" agrees with 40분간 but pins no value.
        ("会談は40分以上に及んだ。", 0.85, True, False),
    ],
)
def test_a_value_each_report_gives_once_links_its_two_sentences(ja, cos, lead_linked, made):
    ctx = _ctx(("ko", KO_MEET), ("ja", JA_MEET + ja))
    if lead_linked:
        _link(ctx, 0, [0], 1, [0], "shared", "shared")
    _near(ctx, 1, 1, 0, 0, cos=cos)
    out = figure_links.add_unique_figure_links(ctx, _link)
    assert (out == [(0, 0, 1, 1)]) is made
    assert (1 in _carried(ctx, 0, 0, 1)) is made


KO_REVIEW = "일본 정부는 다음 달부터 수출 허가제를 도입하며, 심사에는 최장 60일이 걸린다."


@pytest.mark.parametrize(
    ("lang", "other", "made"),
    [
        # The same bound on the same value: the review's longest length, given in a trailing clause
        # of the Korean lead and in a sentence of its own (QA pass 9, A1).
        ("ja", "政府は来月から輸出許可制を導入する。審査には最長60日かかる。", True),
        ("en", "Tokyo will require export licences from next month. Reviews can take up to 60 days.", True),
        # Another bound on the value ("at least 60 days") only does not contradict it.
        ("en", "Tokyo will require export licences from next month. Reviews take at least 60 days.", False),
    ],
)
def test_the_same_bound_on_a_value_links_its_two_sentences(lang, other, made):
    ctx = _ctx(("ko", KO_REVIEW), (lang, other))
    _link(ctx, 0, [0], 1, [0], "shared", "shared")
    _near(ctx, 1, 1, 0, 0, cos=0.85)
    out = figure_links.add_unique_figure_links(ctx, _link)
    assert (out == [(0, 0, 1, 1)]) is made


EN_TALLY = "The ministry said it had approved 317 textbooks for use from next year."
JA_TALLY_LEAD = "文部科学省は教科書の検定結果を公表した。"


@pytest.mark.parametrize(
    ("ja", "made"),
    [
        # A bare number of three digits, the only one of its value in each report: the sample's
        # "238点が合格した。" stood as a fact only Tokyo reports beside "approved 238 textbooks".
        ("317点が合格した。", True),
        # A year is no distinctive number; nor is a small one.
        ("2027年度から使われる。", False),
        ("12点が合格した。", False),
        # Given twice in the Japanese report: no telling which sentence is the counterpart.
        ("317点が合格した。このうち317点は新課程用だ。", False),
    ],
)
def test_a_distinctive_number_given_once_links_its_two_sentences(ja, made):
    en = EN_TALLY.replace("317", "12") if ja.startswith("12") else EN_TALLY
    en = en.replace("for use from next year", "for use from 2027") if ja.startswith("2027") else en
    ctx = _ctx(("en", en), ("ja", JA_TALLY_LEAD + ja))
    _link(ctx, 0, [0], 1, [0], "shared", "shared")
    _near(ctx, 1, 1, 0, 0, cos=0.83)
    out = figure_links.add_unique_figure_links(ctx, _link)
    assert ((0, 0, 1, 1) in out) is made


KO_RATE = "부품 국산화율은 지난해 11%에서 올해 14%로 올랐다."
JA_RATE = "韓国の自給率は14%にとどまる。"
EN_RATE = "Local production now covers 14% of demand."


@pytest.mark.parametrize(
    ("third_linked", "third", "made"),
    [
        # Neither has a counterpart in the other, but a third report's sentence linked to the Korean
        # one gives the same 14%: the three give one fact (QA pass 9, A3).
        (True, EN_RATE, True),
        # The third report's sentence is not linked to either: no more than two reports alone.
        (False, EN_RATE, False),
        # Linked, but it gives another value.
        (True, "Local production now covers 20% of demand.", False),
    ],
)
def test_a_third_reports_link_with_the_value_ties_two_sentences_without_counterparts(
    third_linked, third, made
):
    ctx = _ctx(("ko", KO_RATE), ("ja", JA_RATE), ("en", third))
    if third_linked:
        _link(ctx, 0, [0], 2, [0], "partial", "partial")
    _near(ctx, 1, 0, 0, 0, cos=0.83)
    out = figure_links.add_unique_figure_links(ctx, _link)
    assert ((0, 0, 1, 0) in out) is made
    assert (0 in _carried(ctx, 0, 0, 1)) is made


# ------------------------------------------------------------------ the real model on an invented event

FERRY = [
    (
        "ferry-ko",
        "ko",
        "12일 새벽 부산을 떠나 후쿠오카로 향하던 여객선 한라호(2800t)에서 불이 나 승객 120명 중 118명이 구조되고 "
        "2명이 실종됐다.\n"
        "해양경찰청에 따르면 한라호는 오전 3시 10분께 쓰시마 북쪽 약 30㎞ 해상에서 화재 신고를 했다.\n"
        "일본 해상보안청 순시선이 오전 5시께 구명정에 타고 있던 승객들을 구조했다.\n"
        "해경은 경비함정 4척과 항공기 1대를 현장에 보냈다.\n"
        '외교부 최민아 대변인은 정례 브리핑에서 "일본 해상보안청의 신속한 구조에 깊이 감사한다"고 말했다.\n'
        "실종자 2명은 모두 승무원인 것으로 알려졌다.",
    ),
    (
        "ferry-ja",
        "ja",
        "12日午前3時10分ごろ、対馬の北約30キロの海上で、韓国の旅客船「ハルラ号」から火が出た。\n"
        "海上保安庁によると、乗客120人のうち118人が救助され、2人の行方が分かっていない。\n"
        "岡田慎司官房長官は記者会見で「韓国側と緊密に連絡を取っている」と述べた。\n"
        "岡田長官は、韓国政府から救助への謝意が伝えられたことも明らかにした。\n"
        "第七管区海上保安本部は巡視船5隻と航空機3機を投入している。\n"
        "韓国側は警備艦4隻を派遣した。",
    ),
    (
        "ferry-en",
        "en",
        "A South Korean ferry caught fire near Japan's Tsushima island early on Thursday, and Japan's coast "
        "guard rescued 118 of its 120 passengers.\n"
        "Two people were missing.\n"
        'Chief Cabinet Secretary Shinji Okada said Japan was "in close contact with the South Korean side."\n'
        "He said Seoul had conveyed its thanks for the rescue.\n"
        "The coast guard said five patrol ships and three aircraft were searching the area.\n"
        "South Korea sent four patrol vessels.",
    ),
]


@pytest.fixture(scope="module")
def ferry_report():
    from comparator.compare import compare_articles
    from comparator.config import Settings
    from comparator.embed import load_embedder

    arts = [
        prepare_article(RawDocument(text=t, lang=lang, id=i, outlet=i), max_chars=10_000)
        for i, lang, t in FERRY
    ]
    return compare_articles(arts, embedder=load_embedder(Settings.from_env()))


def _fact(report, article: str, contains: str):
    found = [
        d
        for d in report.by_kind("only_one_side")
        if any(e.article == article and contains in e.text for e in d.evidence)
    ]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("article", "contains", "carried_by"),
    [
        # The chief cabinet secretary's words are not the Korean spokesperson's thanks.
        ("ferry-ja", "緊密に連絡", ["ferry-ja", "ferry-en"]),
        # Japan's fleet is not Korea's: the Korean report does not give it.
        ("ferry-ja", "巡視船5隻", ["ferry-ja", "ferry-en"]),
    ],
)
def test_the_invented_ferry_fire_keeps_different_facts_apart(ferry_report, article, contains, carried_by):
    d = _fact(ferry_report, article, contains)
    assert d is not None, contains
    assert d.carried_by == carried_by and d.absent_from == ["ferry-ko"]


@pytest.mark.slow
def test_the_invented_ferry_fire_claims_no_aircraft_disagreement(ferry_report):
    # Korea's 1 aircraft and Japan's 3 were put side by side by a merge of Japan's fleet with Korea's.
    assert [d.summary for d in ferry_report.by_kind("number") if d.subkind == "disagree"] == []


# ------------------------------------------------------------------ naming two reports of one outlet


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (
            ("2026-11-24T09:00:00+09:00", "2026-11-25T15:20:00+09:00"),
            ["Outlet (ko, Nov 24)", "Outlet (ko, Nov 25)"],
        ),
        (("2026-11-24T09:00:00+09:00", "2026-11-24T18:00:00+09:00"), ["Outlet (ko, r0)", "Outlet (ko, r1)"]),
        ((None, "2026-11-25"), ["Outlet (ko, r0)", "Outlet (ko, Nov 25)"]),
    ],
)
def test_two_reports_of_one_outlet_are_told_apart(dates, expected):
    arts = [
        prepare_article(
            RawDocument(text="여객선에서 불이 났다.", lang="ko", id=f"r{n}", outlet="Outlet", published_at=d),
            max_chars=1_000,
        )
        for n, d in enumerate(dates)
    ]
    arts.append(
        prepare_article(
            RawDocument(text="A ferry caught fire.", lang="en", id="r2", outlet="Wire"), max_chars=1_000
        )
    )
    eye = np.eye(3, dtype=np.float32)
    ctx = build_context(arts, [eye[:1], eye[1:2], eye[2:]], params=NO_LINKS, lexicon=load_lexicon())
    assert [ctx.name(0), ctx.name(1), ctx.name(2)] == [*expected, "Wire (en)"]
    assert ctx.who([0, 1, 2]) == f"{expected[0]}, {expected[1]} and Wire (en)"
