"""Links from contested wording: one side's word for a disputed thing ties two sentences together.

``comparator.link_checks`` ties sentences by figures; a claim ("economic retaliation", "a necessary
measure from a security standpoint") carries none, and e5-small gives the claim and everything else
about the event a cosine of 0.82-0.86 across languages. When a report says the claim twice (a lead
that sums it up and the minister's quote), the one-to-one aligner gives the other report's sentence
to one of the two and the other looks like a fact of its own: Korea Business Herald's lead "South
Korea called Japan's decision … 'economic retaliation' … WTO" was the first finding of a six-report
page, "only Korea Business Herald reports", though five of six carry the charge (QA pass 9, S2).

The lexicon's contested concepts (comparator.framing) name the side whose wording a term is
(variant "ko" / "ja"); two sentences giving one side's wording of one concept give the same
claim. Pure functions of a ``comparator.compare.Context``; no model, no I/O.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from comparator.link_checks import FIGURE_LINK_COS, PARTIAL, add_weak_link, link_name, unlink

if TYPE_CHECKING:
    from comparator.compare import Context

log = logging.getLogger(__name__)

# The sentence with the same side's wording must be among the other report's nearest sentences
# by the vectors: QA pass 9's lead finds Asia Trade Wire's quote first (0.907) and 東邦's second;
# METI's "operational review" finds the minister's security remark only third (not taken).
TERM_LINK_RANK = 2
# A sentence about the wording itself (both sides' words, or a neutral one: "replaced 'forced
# abduction' with 'mobilization'") ties to a sentence naming the concept only as its nearest
# sentence by the vectors, at this cosine or more.
WORDING_LINK_COS = 0.85


def _claims(ctx: Context, i: int) -> dict[int, set[tuple[str, str]]]:
    """Sentence -> (concept, side) pairs its contested terms give; neutral wording says no side."""
    out: dict[int, set[tuple[str, str]]] = {}
    for m in ctx.terms[i]:
        s = ctx.sentence_of(i, m.start)
        if s is not None and m.variant in ("ko", "ja"):
            out.setdefault(s, set()).add((m.concept, m.variant))
    return out


def term_link_candidates(ctx: Context) -> list[tuple[int, int, int, int]]:
    """(i, s, j, t): sentence s of article i has no counterpart in article j, and t is its nearest
    sentence there giving the same side's wording of a concept s gives, among s's TERM_LINK_RANK
    nearest sentences of j and at cosine >= FIGURE_LINK_COS. Found on the links as they stand, so
    that the order of the articles does not decide which are made."""
    claims = [_claims(ctx, i) for i in range(len(ctx.articles))]
    out = []
    for i, ci in enumerate(claims):
        for j, cj in enumerate(claims):
            if i == j or not ci or not cj:
                continue
            sim = ctx.vectors[i] @ ctx.vectors[j].T
            for s, said in sorted(ci.items()):
                same = [t for t, other in cj.items() if other & said]
                if ctx.partners[i][s].get(j) or not same:
                    continue
                t = max(same, key=lambda t: (sim[s, t], -t))
                closer = int(np.count_nonzero(sim[s] > sim[s, t]))
                if sim[s, t] >= FIGURE_LINK_COS and closer < TERM_LINK_RANK:
                    out.append((i, s, j, t))
    return out


def _wording(ctx: Context, i: int) -> dict[int, set[str]]:
    """Sentence -> concepts it is about as wording: two sides' terms of one concept, or a neutral one."""
    sides: dict[tuple[int, str], set[str]] = {}
    for m in ctx.terms[i]:
        s = ctx.sentence_of(i, m.start)
        if s is not None:
            sides.setdefault((s, m.concept), set()).add(m.variant)
    out: dict[int, set[str]] = {}
    for (s, concept), variants in sides.items():
        if len(variants) > 1 or "neutral" in variants:
            out.setdefault(s, set()).add(concept)
    return out


def wording_link_candidates(ctx: Context) -> list[tuple[int, int, int, int]]:
    """(i, s, j, t): sentence s of article i is about a concept's wording and has no counterpart in
    article j; t is its nearest sentence there (cosine >= WORDING_LINK_COS) and is about the same
    concept's wording too. Korea Herald Post's "Another replaced 'forced abduction' with
    'mobilization' …" stood as its own fact beside 東都新聞's "「強制連行」としていた記述を「動員」に修正
    した教科書もあった" (cosine 0.86, its nearest), which the one-to-one aligner had given to the lead."""
    wording = [_wording(ctx, i) for i in range(len(ctx.articles))]
    out = []
    for i, wi in enumerate(wording):
        for j, wj in enumerate(wording):
            if i == j or not wi or not wj or not len(ctx.articles[j].sentences):
                continue
            sim = ctx.vectors[i] @ ctx.vectors[j].T
            for s, concepts in sorted(wi.items()):
                if ctx.partners[i][s].get(j):
                    continue
                t = int(np.argmax(sim[s]))
                if sim[s, t] >= WORDING_LINK_COS and wj.get(t, set()) & concepts:
                    out.append((i, s, j, t))
    return out


def add_term_links(ctx: Context, link: Callable[..., None]) -> list[tuple[int, int, int, int]]:
    """Link ("partial") each of ``term_link_candidates`` and ``wording_link_candidates`` that passes
    the speaker and figure checks of a weak link (``link_checks.check_link``). ``link`` is
    ``comparator.compare._link``."""
    made = []
    for i, s, j, t in term_link_candidates(ctx) + wording_link_candidates(ctx):
        if ctx.partners[i][s].get(j) and t in ctx.partners[i][s][j]:
            continue  # made from the other side already
        if add_weak_link(ctx, link, i, s, j, t):
            made.append((i, s, j, t))
    return made


def drop_claimless_links(ctx: Context) -> list[tuple[int, list[int], int, list[int]]]:
    """Drop a "partial" 1-1 link between a sentence giving one side's wording of a concept and a
    sentence giving none, when the first is also linked to a sentence of that report with the same
    wording: that one is its counterpart, and the other was only near it.

    한결경제's "일본 측은 이번 조치가 안보상 필요에 따른 것이라고 설명했다" was linked (margin 1.022) to
    東邦's "同様の措置を他の品目に広げる予定は現時点でない" (no plan to extend the step), which made
    한결경제 and 서울데일리뉴스 carriers of a fact only 東邦 reports (QA pass 9, A1 #5); 東邦's
    "安全保障上の観点から必要な措置" is its counterpart. Returns the dropped links.
    """
    claims = [_claims(ctx, i) for i in range(len(ctx.articles))]
    wording = [_wording(ctx, i) for i in range(len(ctx.articles))]
    dropped = []
    for i, ss, j, ts, label in list(ctx.link_pairs):
        if label != PARTIAL or len(ss) != 1 or len(ts) != 1:
            continue
        for (a, x), (b, y) in (((i, ss[0]), (j, ts[0])), ((j, ts[0]), (i, ss[0]))):
            said = claims[a].get(x, set())
            if not said or claims[b].get(y):
                continue
            if wording[b].get(y, set()) & {concept for concept, _ in said}:
                continue  # a neutral sentence about the same wording is no claimless sentence
            if any(claims[b].get(z, set()) & said for z in ctx.partners[a][x].get(b, ()) if z != y):
                dropped.append((i, ss, j, ts))
                break
            if _put_apart(ctx, claims, (a, x), (b, y), said):
                dropped.append((i, ss, j, ts))
                break
    for lk in dropped:
        log.debug("claimless link dropped: %s", link_name(ctx, *lk))
        unlink(ctx, *lk)
    return dropped


def _put_apart(
    ctx: Context,
    claims: list[dict[int, set[tuple[str, str]]]],
    a: tuple[int, int],
    b: tuple[int, int],
    said: set[tuple[str, str]],
) -> bool:
    """Whether a third report links sentence a (which gives ``said``) to a sentence of its own with
    the same wording and sentence b to another of its own, reaching neither's: 東邦's 「明白な経済報復だ」
    was linked (margin 1.023) to 日本ビジネス日報's MOTIE statement of "deep regret", which
    서울데일리뉴스 gives apart from its minister's "보복 조치" (QA pass 9, A1 #2)."""
    for k in range(len(ctx.articles)):
        if k in (a[0], b[0]):
            continue
        u = {z for z in ctx.partners[a[0]][a[1]].get(k, ()) if claims[k].get(z, set()) & said}
        v = ctx.partners[b[0]][b[1]].get(k, set())
        if u and v and not u & v:
            return True
    return False
