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

from comparator.link_checks import FIGURE_LINK_COS, PARTIAL, check_link

if TYPE_CHECKING:
    from comparator.compare import Context

log = logging.getLogger(__name__)

# The sentence with the same side's wording must be among the other report's nearest sentences
# by the vectors: QA pass 9's lead finds Asia Trade Wire's quote first (0.907) and 東邦's second;
# METI's "operational review" finds the minister's security remark only third (not taken).
TERM_LINK_RANK = 2


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


def add_term_links(ctx: Context, link: Callable[..., None]) -> list[tuple[int, int, int, int]]:
    """Link ("partial") each of ``term_link_candidates`` that passes the speaker and figure checks of
    a weak link (``link_checks.check_link``). ``link`` is ``comparator.compare._link``."""
    made = []
    for i, s, j, t in term_link_candidates(ctx):
        if ctx.partners[i][s].get(j) and t in ctx.partners[i][s][j]:
            continue  # made from the other side already
        if check_link(ctx, i, [s], j, [t], strong=False) is None:
            continue
        link(ctx, i, [s], j, [t], PARTIAL, PARTIAL)
        made.append((i, s, j, t))
        log.debug("term link %s[%d] - %s[%d]", ctx.articles[i].id, s, ctx.articles[j].id, t)
    return made
