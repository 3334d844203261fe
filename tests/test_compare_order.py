"""'Only one side' findings do not depend on the order of the articles (QA pass 5, Q0), and a merged
link is tested sentence by sentence against the topic veto (Q2).

The unit tests give every sentence its own orthogonal vector (no link from the aligner) and make the
links by hand, so the link graph is exactly the one under test; the slow test runs the real model on
an invented four-report event. All texts are invented for these tests.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from comparator.compare import _link, build_context, compare_articles
from comparator.differences import _fact_findings
from comparator.emphasis import emphasis_findings as _emphasis_findings
from comparator.framing import load_lexicon
from comparator.link_checks import topic_trim
from comparator.pipeline import prepare_article
from comparator.schema import RawDocument

# An invented meeting of two culture ministers, Min Ha-eun (Seoul) and Oda Kenji (Tokyo).
TEXTS = {
    "k1": (
        "ko",
        "민하은 문화부 장관은 3일 오다 겐지 일본 문부과학상과 부산에서 회담했다. "
        "양 장관은 내년 봄 합동 미술전을 열기로 했다. "
        "민 장관은 독도 관련 교과서 기술에 유감을 표명했다. "
        "회담은 40분간 진행됐다.",
    ),
    "k2": (
        "ko",
        "한일 문화장관이 3일 부산에서 만나 합동 미술전 개최에 합의했다. "
        "오다 장관은 문화재 반환 문제를 계속 협의하자고 말했다. "
        "이번 회담은 지난 5월 이후 처음이다.",
    ),
    "j1": (
        "ja",
        "小田健二文部科学相は3日、釜山で韓国の閔夏恩文化相と会談した。"
        "両氏は来春に合同美術展を開くことで一致した。"
        "閔氏は竹島をめぐる教科書の記述に遺憾の意を示した。",
    ),
    "e1": (
        "en",
        "Culture ministers Min Ha-eun and Kenji Oda met in Busan on Wednesday. "
        "They agreed to hold a joint art exhibition next spring. "
        "Min voiced regret over textbook passages on the islets. "
        "Oda said talks on returning cultural assets would continue. "
        "It was their first meeting since May.",
    ),
}
# (article, sentence) pairs linked by hand: one meeting, one exhibition, the textbook complaint
# (k1 s2 - j1 s2 - e1 s2, with k1 s2 - e1 s2 missing: a fact reached in two hops), the assets remark,
# the "first since May" remark. k2 s0 sums up the meeting and the exhibition: it links to both.
LINKS = [
    (("k1", 0), ("j1", 0)),
    (("k1", 0), ("e1", 0)),
    (("j1", 0), ("e1", 0)),
    (("k2", 0), ("k1", 0)),
    (("k2", 0), ("k1", 1)),
    (("k1", 1), ("j1", 1)),
    (("j1", 1), ("e1", 1)),
    (("k1", 2), ("j1", 2)),
    (("j1", 2), ("e1", 2)),
    (("k2", 1), ("e1", 3)),
    (("k2", 2), ("e1", 4)),
]


def _articles(ids):
    return [
        prepare_article(
            RawDocument(text=TEXTS[x][1], lang=TEXTS[x][0], id=x, outlet=f"Outlet {x}"), max_chars=10_000
        )
        for x in ids
    ]


def _context(ids, links=LINKS):
    arts = _articles(ids)
    sizes = [len(a.sentences) for a in arts]
    eye = np.eye(sum(sizes), dtype=np.float32)  # orthogonal: the aligner links nothing
    vecs = np.split(eye, np.cumsum(sizes)[:-1])
    ctx = build_context(arts, list(vecs), params=None, lexicon=load_lexicon(), checks=False)
    pos = {x: k for k, x in enumerate(ids)}
    for (a, s), (b, t) in links:
        _link(ctx, pos[a], [s], pos[b], [t], "shared", "shared")
    return ctx


def _findings(ids, links=LINKS):
    ctx = _context(ids, links)
    return {
        (frozenset((e.article, e.sentence) for e in d.evidence), tuple(sorted(d.absent_from)))
        for d in _fact_findings(ctx)
    }


def test_every_order_gives_the_same_only_one_side_findings():
    ids = list(TEXTS)
    results = {frozenset(_findings(list(p))) for p in itertools.permutations(ids)}
    assert len(results) == 1


def test_the_findings_name_the_right_carriers():
    found = _findings(list(TEXTS))
    absent = {frozenset(ev): gone for ev, gone in found}
    # The textbook complaint: k1, j1 and e1 (e1 through j1), not k2.
    textbook = next(gone for ev, gone in absent.items() if ("k1", 2) in ev)
    assert textbook == ("k2",)
    # "First meeting since May": k2 and e1 only.
    may = next(gone for ev, gone in absent.items() if ("e1", 4) in ev)
    assert may == ("j1", "k1")
    # The meeting and the exhibition are in every report: no finding is about them.
    assert not any(("j1", 0) in ev or ("j1", 1) in ev for ev in absent)


def test_a_unit_linked_to_an_earlier_units_fact_says_nothing_new():
    # e1 s2 also links to k2 s1 (a wrong weak link), and k2 s1 to nothing else: the unit seeded there
    # reaches the textbook unit and, lacking no more reports than it, is not a finding of its own.
    links = [*LINKS, (("e1", 2), ("k2", 1))]
    orders = {frozenset(_findings(list(p), links)) for p in itertools.permutations(TEXTS)}
    assert len(orders) == 1


def _findings_labelled(links):
    ids = list(TEXTS)
    ctx = _context(ids, [])
    pos = {x: k for k, x in enumerate(ids)}
    for ((a, s), (b, t)), label in links:
        _link(ctx, pos[a], [s], pos[b], [t], label, label)
    return {
        (frozenset((e.article, e.sentence) for e in d.evidence), tuple(sorted(d.absent_from)))
        for d in _fact_findings(ctx)
    }


@pytest.mark.parametrize(("tie", "k1_absent"), [("shared", False), ("partial", True)])
def test_only_a_shared_link_ties_a_unit_to_an_earlier_ones_fact(tie, k1_absent):
    # k1 s0 (the meeting, in every report) seeds first; j1 s0 is tied to e1 s2 (the textbook
    # complaint), which k2 s2 is linked to. Through a shared tie k2 s2's unit is the meeting's fact
    # and says nothing; through a partial one it stands: k1 does not carry it.
    links = [
        ((("k1", 0), ("j1", 0)), "shared"),
        ((("k1", 0), ("e1", 0)), "shared"),
        ((("k1", 0), ("k2", 0)), "shared"),
        ((("j1", 0), ("e1", 2)), tie),
        ((("k2", 2), ("e1", 2)), "shared"),
    ]
    found = _findings_labelled(links)
    assert any(("k2", 2) in ev and gone == ("k1",) for ev, gone in found) is k1_absent


@pytest.mark.parametrize(
    ("lang_a", "single", "lang_b", "merged", "kept"),
    [
        # A merge of the abduction request and the forced-labour exhibition against forced labour only.
        (
            "en",
            "Min asked Japan to reflect the history of forced labour in the exhibition.",
            "ja",
            "小田氏は拉致問題への協力を求めた。閔氏は徴用の歴史を展示に反映するよう求めた。",
            [1],
        ),
        (
            "ja",
            "閔氏は徴用の歴史を展示に反映するよう求めた。",
            "ko",
            "오다 장관은 납치 문제 해결에 협력을 요청했다. 민 장관은 강제징용 역사를 전시에 반영해 달라고 했다.",
            [1],
        ),
        # No topic in the single sentence: nothing to conflict with (link_checks.trim_merged_topics
        # asks the other reports).
        (
            "ko",
            "오다 장관은 한국 측의 요청을 검토하겠다고 답했다.",
            "en",
            "Oda told Min he would review the request. Oda protested a survey near the islets.",
            [0, 1],
        ),
        # Both merged parts share the single sentence's topic: nothing is trimmed.
        (
            "en",
            "Min raised the textbook passages on Dokdo.",
            "ja",
            "閔氏は竹島の記述を取り上げた。小田氏は竹島をめぐる立場を伝えた。",
            [0, 1],
        ),
    ],
)
def test_each_merged_sentence_meets_the_topic_veto_on_its_own(lang_a, single, lang_b, merged, kept):
    arts = [
        prepare_article(RawDocument(text=single, lang=lang_a, id="a"), max_chars=10_000),
        prepare_article(RawDocument(text=merged, lang=lang_b, id="b"), max_chars=10_000),
    ]
    assert len(arts[0].sentences) == 1 and len(arts[1].sentences) == 2
    sizes = [1, 2]
    vecs = np.split(np.eye(3, dtype=np.float32), np.cumsum(sizes)[:-1])
    ctx = build_context(arts, list(vecs), params=None, lexicon=load_lexicon(), checks=False)
    assert topic_trim(ctx, 0, [0], 1, [0, 1]) == ([0], kept)
    assert topic_trim(ctx, 1, [0, 1], 0, [0]) == (kept, [0])


def test_a_one_to_one_link_between_two_topics_is_vetoed():
    arts = [
        prepare_article(
            RawDocument(text="오다 장관은 납치 문제 협력을 요청했다.", lang="ko", id="a"), max_chars=10_000
        ),
        prepare_article(RawDocument(text="閔氏は徴用の歴史に触れた。", lang="ja", id="b"), max_chars=10_000),
    ]
    vecs = [np.eye(2, dtype=np.float32)[:1], np.eye(2, dtype=np.float32)[1:]]
    ctx = build_context(arts, vecs, params=None, lexicon=load_lexicon(), checks=False)
    assert topic_trim(ctx, 0, [0], 1, [0]) is None


@pytest.mark.slow
def test_real_model_findings_do_not_depend_on_order(real_embedder):
    ids = list(TEXTS)
    arts = {a.id: a for a in _articles(ids)}
    vecs = {x: real_embedder.encode([s.text for s in arts[x].sentences]) for x in ids}

    def facts(order):
        r = compare_articles([arts[x] for x in order], vectors=[vecs[x] for x in order])
        return frozenset(
            (frozenset((e.article, e.sentence) for e in d.evidence), tuple(sorted(d.absent_from)))
            for d in r.by_kind("only_one_side")
        )

    assert len({facts(p) for p in itertools.permutations(ids)}) == 1


# ------------------------------------------------------------------ what a report leads with (QA5 W3)

LEADS = {
    "k": (
        "ko",
        "문화장관회담 결과",
        "민하은 장관은 3일 부산에서 오다 겐지 문부과학상과 회담했다. "
        "양 장관은 내년 봄 방일 일정을 조율하기로 했다. "
        "양 장관은 합동 미술전 기금 10억 원을 조성하기로 합의했다.",
    ),
    "j": (
        "ja",
        "日韓文化相会談",
        "小田文部科学相は3日、釜山で閔文化相と会談した。"
        "両氏は北朝鮮による文化財の流出に懸念を示した。"
        "両氏は合同美術展の基金10億ウォンを設けることで合意した。",
    ),
    "e": (
        "en",
        "Seoul and Tokyo set up a joint art fund as culture ministers meet",
        "South Korea and Japan agreed on Wednesday to set up a 1 billion won fund for joint art shows. "
        "Min also discussed a visit to Japan next spring.",
    ),
}
# Each first sentence opens on the meeting except e's, which is the fund: linked to the fund
# sentences deep in k and j, and to one opener.
LEAD_LINKS = [
    (("k", 0), ("j", 0)),
    (("e", 0), ("k", 0)),
    (("e", 0), ("k", 2)),
    (("e", 0), ("j", 2)),
    (("k", 2), ("j", 2)),
]


def _lead_report(ids):
    arts = [
        prepare_article(
            RawDocument(text=t, lang=lang, id=x, title=title, outlet=f"Outlet {x}"), max_chars=10_000
        )
        for x in ids
        for lang, title, t in [LEADS[x]]
    ]
    sizes = [len(a.sentences) for a in arts]
    vecs = np.split(np.eye(sum(sizes), dtype=np.float32), np.cumsum(sizes)[:-1])
    ctx = build_context(arts, list(vecs), params=None, lexicon=load_lexicon(), checks=False)
    pos = {x: k for k, x in enumerate(ids)}
    for (a, s), (b, t) in LEAD_LINKS:
        _link(ctx, pos[a], [s], pos[b], [t], "shared", "shared")
    (found,) = _emphasis_findings(ctx)
    return found


@pytest.mark.parametrize("ids", [["k", "j", "e"], ["e", "j", "k"]])
def test_a_first_sentence_with_its_own_news_is_what_the_report_leads_with(ids):
    found = _lead_report(ids)
    # e's second sentence names a visit to Japan: it does not decide, its first sentence (the fund) does.
    assert found.details["topics"] == {"k": "shuttle_diplomacy", "j": "north_korea", "e": None}
    assert found.details["leads"]["e"] == [0]
    assert "Outlet e (en) leads with its own news (“Seoul and Tokyo set up a joint art fund" in found.summary
    # An opener on the meeting itself lets the second sentence decide; topics read as names.
    assert "Outlet j (ja) leads with North Korea" in found.summary
    assert "Outlet k (ko) leads with shuttle diplomacy" in found.summary
