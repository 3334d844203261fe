"""comparator.term_links: one side's wording of a contested concept ties two sentences together.

Fast tests set the cosines by hand (unit vectors on a few axes), so the rule is seen alone. The
texts are invented (port fees in an invented dispute, invented officials). The real model on an
invented event is in the slow test at the end.
"""

from __future__ import annotations

import numpy as np
import pytest

from comparator.align import AlignParams
from comparator.compare import Context, _link, build_context
from comparator.framing import load_lexicon
from comparator.link_checks import PARTIAL
from comparator.pipeline import prepare_article
from comparator.schema import RawDocument
from comparator.term_links import drop_claimless_links, term_link_candidates

NO_LINKS = AlignParams(min_cos=2.0, solo_cos=2.0, near_margin=None)  # the aligner links nothing

LEAD = (
    'South Korea called the new port fees on its ships "economic retaliation" on Monday and said it '
    "would take the case to the World Trade Organization."
)
QUOTE = '"This is clear economic retaliation," Trade Minister Park Ji-won told reporters.'
OTHER_QUOTE = 'Park Ji-won, the trade minister, called the fees "clear economic retaliation".'
JAPAN_SIDE = 'Japan\'s transport minister said the fees were "necessary for security reasons" and "not a countermeasure".'
FILLER = "Shipping lines expect delays at three ports."


def _vec(*parts: tuple[int, float]) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    for axis, x in parts:
        v[axis] = x
    return v / np.linalg.norm(v)


def _ctx(a: list[str], b: list[str], vecs_a: list[np.ndarray], vecs_b: list[np.ndarray]) -> Context:
    arts = [
        prepare_article(
            RawDocument(text=" ".join(t), lang="en", id=f"r{n}", outlet=f"Outlet {n}"), max_chars=10_000
        )
        for n, t in enumerate((a, b))
    ]
    assert [len(x.sentences) for x in arts] == [len(a), len(b)]
    return build_context(arts, [np.stack(vecs_a), np.stack(vecs_b)], params=NO_LINKS, lexicon=load_lexicon())


# The lead and the minister's quote of report 0 both say "retaliation"; report 1's quote is the
# quote's counterpart (cosine 1.0) and the lead's nearest sentence (0.87).
LEAD_V = _vec((0, 0.87), (1, 0.493))
QUOTE_V = _vec((0, 1.0))


def test_a_lead_repeating_a_claim_is_linked_to_the_same_sides_wording():
    ctx = _ctx([LEAD, QUOTE], [OTHER_QUOTE, FILLER], [LEAD_V, QUOTE_V], [_vec((0, 1.0)), _vec((3, 1.0))])
    assert ctx.partners[0][1].get(1) == {0}  # the quote pair (a rescue: the same speaker)
    assert ctx.partners[0][0].get(1) == {0}  # the lead: only report 0 said it before


def test_the_other_sides_wording_is_no_link():
    ctx = _ctx([LEAD, QUOTE], [JAPAN_SIDE, FILLER], [LEAD_V, QUOTE_V], [_vec((0, 1.0)), _vec((3, 1.0))])
    assert {m.variant for m in ctx.terms[1]} == {"ja"} and "ko" in {m.variant for m in ctx.terms[0]}
    assert not ctx.partners[0][0].get(1)
    assert term_link_candidates(ctx) == []


@pytest.mark.parametrize(("closer", "linked"), [(1, True), (2, False)])
def test_the_same_sides_wording_must_be_among_the_nearest_sentences(closer, linked):
    # `closer` filler sentences of report 1 sit nearer the lead than the quote does.
    near = [_vec((0, 0.9), (1, 0.436)) for _ in range(closer)]
    ctx = _ctx([LEAD, QUOTE], [OTHER_QUOTE] + [FILLER] * closer, [LEAD_V, QUOTE_V], [_vec((0, 1.0)), *near])
    assert (0 in ctx.partners[0][0].get(1, set())) is linked


def test_a_weak_link_to_a_sentence_without_the_claim_goes_when_its_counterpart_has_it():
    # Report 1 gives Japan's security reason (the lead's counterpart) and a plan of its own; the
    # lead was near the plan as well.
    reason = "Tokyo said the curbs were not a countermeasure."
    plan = "Officials said there is no plan to extend the step to other goods."
    ctx = _ctx(
        [reason, FILLER],
        [JAPAN_SIDE, plan],
        [_vec((0, 1.0)), _vec((3, 1.0))],
        [_vec((5, 1.0)), _vec((6, 1.0))],
    )
    assert {m.variant for m in ctx.terms[0]} == {"ja"}
    _link(ctx, 0, [0], 1, [1], PARTIAL, PARTIAL)  # the lead near the plan (as the aligner's 1.022)
    _link(ctx, 0, [0], 1, [0], PARTIAL, PARTIAL)  # and its counterpart, giving the same side's claim
    assert drop_claimless_links(ctx) == [(0, [0], 1, [1])]
    assert ctx.partners[0][0][1] == {0} and not ctx.partners[1][1].get(0)


def test_a_weak_link_to_a_sentence_without_the_claim_stays_when_nothing_else_has_it():
    reason = "Tokyo said the curbs were not a countermeasure."
    plan = "Officials said there is no plan to extend the step to other goods."
    ctx = _ctx(
        [reason, FILLER], [FILLER, plan], [_vec((0, 1.0)), _vec((3, 1.0))], [_vec((5, 1.0)), _vec((6, 1.0))]
    )
    _link(ctx, 0, [0], 1, [1], PARTIAL, PARTIAL)
    assert drop_claimless_links(ctx) == []
    assert ctx.partners[0][0][1] == {1}


def _three(texts: list[list[str]]) -> Context:
    arts = [
        prepare_article(
            RawDocument(text=" ".join(t), lang="en", id=f"r{n}", outlet=f"Outlet {n}"), max_chars=10_000
        )
        for n, t in enumerate(texts)
    ]
    axes = iter(range(8))
    vecs = [np.stack([_vec((next(axes), 1.0)) for _ in a.sentences]) for a in arts]
    return build_context(arts, vecs, params=NO_LINKS, lexicon=load_lexicon())


REGRET = "The trade ministry said in a statement that it deeply regretted the one-sided step."


@pytest.mark.parametrize(("apart", "dropped"), [(True, True), (False, False)])
def test_a_third_report_giving_the_claim_and_the_other_fact_apart_drops_the_link(apart, dropped):
    ctx = _three([[QUOTE], [REGRET], [OTHER_QUOTE, REGRET]])
    _link(ctx, 0, [0], 1, [0], PARTIAL, PARTIAL)  # the minister's charge near the ministry's regret
    _link(ctx, 0, [0], 2, [0], PARTIAL, PARTIAL)  # the third report's charge
    if apart:
        _link(ctx, 1, [0], 2, [1], PARTIAL, PARTIAL)  # and its regret, another sentence
    assert (drop_claimless_links(ctx) == [(0, [0], 1, [0])]) is dropped
    assert (not ctx.partners[0][0].get(1)) is dropped


# A sentence about the wording itself ties to its nearest sentence when that one is about the same
# concept's wording too (the sample textbook event: "replaced 'forced abduction' with 'mobilization'"
# against 「強制連行」としていた記述を「動員」に修正した, left to stand as a fact of its own).
REWORDED = 'One textbook replaced "forced abduction" with "mobilization" for the wartime labor of Koreans.'
RENAMED = "The new guide speaks of workers from the Korean Peninsula instead of forced labor."
CLAIMED = "Seoul said the wartime forced labor must be taught."


@pytest.mark.parametrize(
    ("other", "cos", "linked"),
    [
        (RENAMED, 0.86, True),
        (RENAMED, 0.80, False),  # not near enough
        (CLAIMED, 0.86, False),  # one side's word only: a claim, not a sentence about the wording
        (FILLER, 0.86, False),  # no wording at all
    ],
)
def test_a_sentence_about_the_wording_links_its_nearest_sentence_about_it(other, cos, linked):
    near = _vec((0, cos), (1, float(np.sqrt(1 - cos * cos))))
    ctx = _ctx([REWORDED, FILLER], [other, FILLER], [_vec((0, 1.0)), _vec((3, 1.0))], [near, _vec((4, 1.0))])
    assert (0 in ctx.partners[0][0].get(1, set())) is linked
