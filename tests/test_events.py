"""The events core on synthetic scores and a fake embedder: candidates, linkage, hard negatives, ids."""

from __future__ import annotations

import numpy as np
import pytest

from comparator.events import (
    DAY,
    ArticleInfo,
    EventParams,
    anchor_evidence,
    candidate_pairs,
    cluster_articles,
    event_id,
    make_event,
    parse_time,
    sentence_coverage,
)
from comparator.eventscore import background, nearest
from tests.fakes import HashEmbedder

P = EventParams(link=0.5, floor=0.25)


def _cluster(n, scores, times=None, fixed=(), params=P):
    times = times or [0.0] * n

    def score(i, j):
        return scores.get((i, j), 0.0)

    cands = {k: v for k, v in scores.items() if v > 0}
    return [c.members for c in cluster_articles(times, cands, score, params, fixed=fixed)]


def test_connected_but_not_cohesive_groups_stay_apart():
    # 0-1-2 is one story, 3-4 another; a single strong link 2-3 (a follow-up quoting the original)
    # would chain them under connected components.
    s = {(0, 1): 0.9, (0, 2): 0.85, (1, 2): 0.8, (3, 4): 0.9, (2, 3): 0.7}
    assert _cluster(5, s) == [[0, 1, 2], [3, 4]]


def test_average_linkage_needs_most_pairs():
    # 3 resembles 0 strongly but 1 and 2 not at all: average over its pairs is below link.
    s = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9, (0, 3): 0.85}
    assert _cluster(4, s) == [[0, 1, 2], [3]]


def test_floor_blocks_a_pair_that_averages_well():
    # avg of (0,2),(1,2) = (0.9 + 0.2) / 2 = 0.55 >= link, but 0.2 < floor.
    s = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.2}
    assert _cluster(3, s) == [[0, 1], [2]]


def test_time_span_limit():
    # Every pair scores high, but 0 and 2 are five days apart: one event cannot hold both.
    s = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9}
    out = _cluster(3, s, times=[0.0, 2 * DAY, 5 * DAY])
    assert sorted(map(len, out)) == [1, 2]


def test_singletons_are_events():
    assert _cluster(3, {}) == [[0], [1], [2]]


def test_fixed_groups_absorb_but_never_merge():
    s = {(0, 1): 0.9, (0, 2): 0.8, (1, 2): 0.8, (2, 3): 0.9, (3, 4): 0.9}
    out = cluster_articles(
        [0.0] * 5,
        {k: v for k, v in s.items()},
        lambda i, j: s.get((i, j), 0.0),
        P,
        fixed=[[0, 1], [3, 4]],
    )
    groups = {tuple(c.members): c.seed for c in out}
    # 2 joins one of the stored events; the two stored events stay apart.
    assert set(groups.values()) == {0, 1}
    assert len(out) == 2


def test_cohesion_is_mean_pair_score():
    s = {(0, 1): 0.9, (0, 2): 0.8, (1, 2): 0.7}
    out = cluster_articles([0.0] * 3, s, lambda i, j: s[(i, j)], P)
    assert len(out) == 1
    assert out[0].cohesion == pytest.approx(0.8)


def test_missing_pairs_are_scored_on_demand():
    calls = []
    s = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9}

    def score(i, j):
        calls.append((i, j))
        return s[(i, j)]

    # Only two candidate pairs; the third is asked for when the groups are compared.
    out = cluster_articles([0.0] * 3, {(0, 1): 0.9, (0, 2): 0.9}, score, P)
    assert [c.members for c in out] == [[0, 1, 2]]
    assert (1, 2) in calls


def _info(rowid, lang, text, emb, t=0.0, title=""):
    v = emb.encode([title + " " + text])[0]
    return ArticleInfo(
        rowid, f"a{rowid}", lang, v, v, t, None, f"outlet{rowid}", None, title or text[:20], rowid
    )


def test_candidates_respect_the_window_and_ask_every_language():
    emb = HashEmbedder(dim=32)
    infos = [
        _info(0, "en", "leaders talk by phone about trade", emb, t=0.0),
        _info(1, "en", "leaders talk by phone about trade", emb, t=10 * DAY),
        _info(2, "ja", "首脳が電話会談", emb, t=1 * DAY),
        _info(3, "en", "leaders talk by phone about trade and more", emb, t=0.5 * DAY),
    ]
    pairs = candidate_pairs(infos, range(4), EventParams(k=2, window_days=3.0))
    assert (0, 1) not in pairs  # identical text, ten days apart
    assert (0, 3) in pairs
    assert (0, 2) in pairs  # only one Japanese article: it is a candidate of each English one
    assert all(i < j for i, j in pairs)


def test_candidates_only_for_queries():
    emb = HashEmbedder(dim=32)
    infos = [_info(i, "en", f"story number {i}", emb) for i in range(6)]
    pairs = candidate_pairs(infos, [5], EventParams(k=2))
    assert pairs and all(5 in ij for ij in pairs)


def test_sentence_coverage_of_the_shorter_side():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(6, 16)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    short = base[:2]
    other = rng.normal(size=(4, 16)).astype(np.float32)
    other /= np.linalg.norm(other, axis=1, keepdims=True)
    bg = np.full(6, 0.7)  # every sentence's neighbourhood: cosine 0.7
    assert sentence_coverage(short, base, bg[:2], bg, 0.2, 0.4) == 1.0
    assert sentence_coverage(short, other, bg[:2], bg[:4], 0.2, 0.4) == 0.0
    assert sentence_coverage(np.zeros((0, 16)), base, bg[:0], bg, 0.2, 0.4) == 0.0
    # A sentence whose neighbourhood is as close as its match (boilerplate) is no evidence.
    assert sentence_coverage(short, base, np.ones(2), np.ones(6), 0.2, 0.4) == 0.0


def test_neighbours_leave_out_the_partner():
    sim = np.array([[0.9, 0.8, 0.7, 0.6]], np.float32)
    owners = np.array([1, 2, 3, 4])
    nb = nearest(sim, owners, own=99, m=4)
    assert nb.owners.tolist() == [[1, 2, 3, 4]]
    assert background(nb, exclude=-1, k=2, pad=0.0)[0] == pytest.approx(0.85)
    assert background(nb, exclude=1, k=2, pad=0.0)[0] == pytest.approx(0.75)  # partner 1 left out
    assert background(nb, exclude=1, k=5, pad=0.5)[0] == pytest.approx((0.8 + 0.7 + 0.6 + 0.5 + 0.5) / 5)
    own = nearest(sim, owners, own=1, m=4)  # the article's own items are never its neighbours
    assert 1 not in own.owners[0].tolist() and own.owners[0].tolist()[-1] == -1
    copies = nearest(sim, np.array([1, 1, 3, 4]), own=99, m=3)  # two copies of story 1: one neighbour
    assert copies.owners.tolist() == [[1, 3, 4]]
    assert copies.values[0].tolist() == pytest.approx([0.9, 0.7, 0.6])


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "agrees", "conflicts"),
    [
        (
            "정상은 25분간 통화했다. 3월 9일 오후였다.",
            "ko",
            "首脳は25分間電話した。3月9日午後だった。",
            "ja",
            True,
            False,
        ),
        (
            "The talks lasted 25 minutes on March 9.",
            "en",
            "首脳は25分間電話した。3月9日午後だった。",
            "ja",
            True,
            False,
        ),
        (
            "The talks lasted 20 minutes on September 16.",
            "en",
            "정상은 25분간 통화했다. 3월 9일 오후였다.",
            "ko",
            False,
            True,
        ),
        ("No figures here at all.", "en", "정상은 25분간 통화했다.", "ko", False, False),
    ],
)
def test_anchor_evidence_across_languages(a, la, b, lb, agrees, conflicts):
    from comparator.anchors import extract_anchors

    agree, date_conflict, other_conflict = anchor_evidence(extract_anchors(a, la), extract_anchors(b, lb))
    assert (agree > 0.3) is agrees, agree
    assert (date_conflict + other_conflict > 0.3) is conflicts, (date_conflict, other_conflict)
    if conflicts:
        assert date_conflict > 0 and other_conflict > 0  # the 16th vs the 9th; 20 vs 25 minutes


def test_event_fields_and_stable_id():
    emb = HashEmbedder(dim=16)
    t0 = parse_time("2026-03-09T18:40:00+09:00")
    a = _info(1, "ko", "가", emb, t=t0, title="한일 정상 통화")
    b = _info(2, "ja", "あ", emb, t=t0 + 3600, title="日韓首脳が電話会談")
    c = _info(3, "en", "x", emb, t=t0 + 7200, title="Leaders hold call")
    d = _info(4, "en", "x", emb, t=t0 + 9000, title="Leaders hold call (wire copy)")
    a.published_at, b.published_at = "2026-03-09T18:40:00+09:00", "2026-03-09T19:40:00+09:00"
    c.published_at, d.published_at = "2026-03-09T20:40:00+09:00", "2026-03-09T21:10:00+09:00"
    d.copy_of = c.id
    ev = make_event([d, c, b, a], 0.71)
    assert ev.article_ids == ["a1", "a2", "a3", "a4"]
    assert ev.langs == ["ja", "ko", "en"]
    assert ev.titles == {"ja": "日韓首脳が電話会談", "ko": "한일 정상 통화", "en": "Leaders hold call"}
    assert ev.n_independent == 3  # the wire copy counts once
    assert ev.start == a.published_at and ev.end == d.published_at
    assert ev.id == event_id(a) == make_event([a, b], 0.5).id
    assert ev.id.startswith("ev-20260309-")
    assert make_event([b, c], 0.5).id != ev.id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-09T00:00:00+09:00", parse_time("2026-03-08T15:00:00Z")),
        ("2026-03-09", parse_time("2026-03-09T00:00:00+00:00")),
        ("yesterday", None),
        (None, None),
    ],
)
def test_parse_time(value, expected):
    assert parse_time(value) == expected


def test_clustering_by_connected_group_equals_one_pass():
    from comparator.events import connected_groups

    rng = np.random.default_rng(7)
    n = 60
    scores = {}
    for _ in range(150):
        i, j = sorted(rng.choice(n, 2, replace=False).tolist())
        scores[(i, j)] = float(rng.uniform(0.1, 1.0))
    times = [float(rng.uniform(0, 5 * DAY)) for _ in range(n)]

    def score(i, j):
        return scores.get((min(i, j), max(i, j)), 0.05)

    cands = {k: v for k, v in scores.items() if v >= P.floor}
    whole = sorted(c.members for c in cluster_articles(times, cands, score, P))
    parts = []
    for comp in connected_groups(n, cands):
        sub = {m: x for x, m in enumerate(comp)}
        sub_c = {(sub[i], sub[j]): s for (i, j), s in cands.items() if i in sub and j in sub}
        for c in cluster_articles(
            [times[m] for m in comp], sub_c, lambda i, j, c_=comp: score(c_[i], c_[j]), P
        ):
            parts.append(sorted(comp[m] for m in c.members))
    assert whole == sorted(parts)
    assert any(len(c) > 1 for c in whole)


def _unit(v):
    v = np.asarray(v, np.float32)
    return v / np.linalg.norm(v)


def test_candidates_also_come_from_the_title_and_lead():
    # 1 is far from 0 as a whole article (its body is padded with other talk) but its title+lead
    # matches; 2 and 3 are closer wholes. By article vector alone (k=1) 1 is no candidate of 0.
    vecs = [[1, 0, 0], [0.2, 1, 0], [0.9, 0.1, 0.4], [0.9, 0.4, 0.1]]
    leads = [[0, 0, 1], [0, 0.1, 1], [1, 0, 0], [0, 1, 0]]
    infos = [
        ArticleInfo(i, f"a{i}", "en" if i == 0 else "ja", _unit(v), _unit(ld), 0.0, None, None, None, "", i)
        for i, (v, ld) in enumerate(zip(vecs, leads, strict=True))
    ]
    by_doc_only = candidate_pairs(infos, [0], EventParams(k=1, k_lead=0))
    both = candidate_pairs(infos, [0], EventParams(k=1, k_lead=1))
    assert (0, 1) not in by_doc_only
    assert (0, 1) in both
    assert both[(0, 1)] == pytest.approx(float(np.dot(infos[0].vec, infos[1].vec)))


def _scored(coverage_background):
    from comparator.eventscore import ArticleDetail, Calibration, score_pair

    sents = np.eye(4, 8, dtype=np.float32)
    a = ArticleInfo(0, "a", "en", _unit([1, 0, 0]), _unit([1, 0, 0]), 0.0, None, None, None, "", 0)
    b = ArticleInfo(1, "b", "ja", _unit([1, 0.2, 0]), _unit([1, 0.2, 0]), 0.0, None, None, None, "", 1)
    da, db = ArticleDetail(sents, {}, []), ArticleDetail(sents.copy(), {}, [])
    return score_pair(a, b, da, db, EventParams(), Calibration(), coverage_background)


def test_coverage_is_read_against_the_look_alikes():
    # Both sides share every sentence (coverage 1). If each also shares most of them with its
    # nearest look-alikes (templated text), that coverage says less: the score falls.
    alone, templated = _scored(None), _scored(lambda: 0.75)
    assert alone.coverage == templated.coverage == 1.0
    assert alone.coverage_bg == 0.0 and templated.coverage_bg == 0.75
    assert templated.score < alone.score
    assert _scored(lambda: 0.0).score == pytest.approx(alone.score)


def _cal_alike():
    """A calibration that reads every language pair alike, so only the same-language rules differ."""
    from comparator.eventscore import Calibration

    stats = {"doc": (0.8, 0.05), "lead": (0.8, 0.05), "sent": (0.8, 0.05)}
    return Calibration({"en|en": stats, "en|ja": stats}, 100)


def _pair_with_sentence_cosine(lang_b, cos):
    """Two-sentence articles whose sentences match one to one at cosine ``cos``."""
    from comparator.eventscore import ArticleDetail

    s = float(np.sqrt(1.0 - cos * cos))
    sa = np.eye(2, 4, dtype=np.float32)
    sb = np.array([[cos, 0, s, 0], [0, cos, 0, s]], dtype=np.float32)
    a = ArticleInfo(0, "a", "en", _unit([1, 0, 0]), _unit([1, 0, 0]), 0.0, None, None, None, "", 0)
    b = ArticleInfo(1, "b", lang_b, _unit([1, 0.2, 0]), _unit([1, 0.2, 0]), 0.0, None, None, None, "", 1)
    return a, b, ArticleDetail(sa, {}, []), ArticleDetail(sb, {}, [])


@pytest.mark.parametrize(
    ("lang_b", "cos", "expected"),
    [
        ("ja", 0.85, 1.0),  # 1 sd above the background: a counterpart across languages
        ("en", 0.85, 0.0),  # ... but within one language a formula or template line does that
        ("en", 0.95, 1.0),  # 3 sd: a counterpart in either case
        ("ja", 0.95, 1.0),
        ("ja", 0.78, 0.0),  # below the background: never
        ("en", 0.78, 0.0),
    ],
)
def test_a_same_language_counterpart_needs_a_wider_margin(lang_b, cos, expected):
    from comparator.eventscore import pair_coverage

    a, b, da, db = _pair_with_sentence_cosine(lang_b, cos)
    assert pair_coverage(a, b, da, db, EventParams(), _cal_alike()) == expected


def test_a_pair_in_one_language_needs_more_evidence():
    import math

    from comparator.eventscore import score_pair

    def logit(p, lang_b):
        a, b, da, db = _pair_with_sentence_cosine(lang_b, 0.95)
        s = score_pair(a, b, da, db, p, _cal_alike()).score
        return math.log(s / (1 - s))

    p = EventParams()
    # Identical evidence (calibration alike, coverage 1 both ways): only the offset differs.
    assert logit(p, "en") - logit(p, "ja") == pytest.approx(p.same_lang_bias, abs=1e-6)
    assert p.same_lang_bias < 0
    neutral = EventParams(same_lang_bias=0.0)
    assert logit(neutral, "en") == pytest.approx(logit(neutral, "ja"), abs=1e-6)
