"""Links added from figures: a sentence with no counterpart in another report is tied to one there
by the quantities both give, where the vectors cannot (docs/comparison.md, stage 3). Moved out of
``comparator.link_checks`` (the checks on the aligner's links) to keep both modules small; they
share its thresholds and checks.

- ``add_figure_links``: a sentence with no counterpart in a report is linked ("partial") to its
  nearest sentence there when the two share two quantities, one of them agreeing (a lead sentence
  summing up what the other report says over several sentences);
- ``add_unique_figure_links``: two sentences that give the one agreeing value of a quantity that
  each report gives only once (50分間 / 50분간, the meeting's length) are linked ("partial") when
  exactly one has a counterpart in the other report, or a third report's sentence linked to one of
  them gives the value too, and they are close (cosine >= FIGURE_LINK_COS).

Pure functions of a ``comparator.compare.Context``; no model, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from comparator.anchors import is_specific
from comparator.figures import COMPARED_KINDS, Figure, agree, comparable
from comparator.link_checks import FIGURE_LINK_COS, _quantities_in_common, add_weak_link

if TYPE_CHECKING:
    from comparator.compare import Context


def add_figure_links(ctx: Context, link: Callable[..., None]) -> list[tuple[int, int, int, int]]:
    """Link ("partial") a sentence that has no counterpart in another report to its nearest sentence
    there (cosine >= FIGURE_LINK_COS), when the two give MIN_SHARED_QUANTITIES quantities in common,
    one of them with the same value (the other may be linked already). A lead that sums up the event
    ("…선원 10명 중 8명이 구조되고…") is said by other reports over two sentences, each of which the
    one-to-one aligner gives to a closer sentence; 10 crew and 8 rescued tie it to its counterpart
    where the vectors cannot. ``link`` is ``comparator.compare._link``.
    """
    made = []
    n = len(ctx.articles)
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            sim = ctx.vectors[i] @ ctx.vectors[j].T
            if sim.size == 0:
                continue
            for s in range(len(sim)):
                if ctx.partners[i][s].get(j):
                    continue
                t = int(np.argmax(sim[s]))
                if sim[s, t] < FIGURE_LINK_COS or not _quantities_in_common(ctx, i, [s], j, [t]):
                    continue
                if add_weak_link(ctx, link, i, s, j, t):
                    made.append((i, s, j, t))
    return made


def _pinned(f: Figure) -> bool:
    """A specific figure of one value, exact or approximate: "more than a year" agrees with "3년"
    (the Pacific Times' won at a one-year low against a 3-year swap extension) but pins nothing."""
    a = f.anchor
    return a.kind in COMPARED_KINDS and is_specific(a) and a.qualifier in (None, "approx")


def _same_bound(fa: Figure, fb: Figure) -> bool:
    """The same bound on the same value: "up to 90 days" and 최장 90일 / 最長90日 (a review's longest
    length, QA pass 9) say one thing, where "more than a year" and 3년 only do not contradict."""
    a, b = fa.anchor, fb.anchor
    return a.qualifier is not None and a.qualifier == b.qualifier and a.value == b.value and is_specific(a)


def _unique_agreement(fa: Figure, right: list[Figure], left: list[Figure]) -> Figure | None:
    """The one figure of ``right`` that agrees with ``fa``, when ``fa`` is also the one figure of
    ``left`` that agrees with it, and the two pin one value (both exact or approximate, or the same
    bound on it); None otherwise."""
    if not (_pinned(fa) or _distinctive(fa)) and fa.anchor.qualifier in (None, "approx"):
        return None
    matches = [g for g in right if _agreeing(fa, g)]
    if len(matches) != 1 or not (
        _pinned(fa) and _pinned(matches[0]) or _same_bound(fa, matches[0]) or _distinctive(fa)
    ):
        return None
    fb = matches[0]
    back = [g for g in left if _agreeing(g, fb)]
    return fb if back == [fa] else None


def _distinctive(f: Figure) -> bool:
    """A bare number too specific to recur by chance: three digits or more, exact, not a year and
    not round ("238点が合格した" / "approved 238 textbooks": a count whose noun no table knows; a
    "1,000th stamp" and "1,000枚以上" are two facts). Used only to link two sentences, never to claim
    a disagreement."""
    a = f.anchor
    value = a.value if isinstance(a.value, float) else None
    return (
        a.kind == "number"
        and a.qualifier is None
        and value is not None
        and value >= 100
        and not (value.is_integer() and 1900 <= value <= 2100)
        and value % 100 != 0
    )


def _agreeing(a: Figure, b: Figure) -> bool:
    if _distinctive(a) or _distinctive(b):
        return _distinctive(a) and _distinctive(b) and a.anchor.value == b.anchor.value
    return comparable(a.anchor, b.anchor) and bool(agree(a.anchor, b.anchor))


def add_unique_figure_links(ctx: Context, link: Callable[..., None]) -> list[tuple[int, int, int, int]]:
    """Link ("partial") two sentences that give the only agreeing value of one quantity in their two
    reports, when exactly one of them has a counterpart in the other report and their cosine is at
    least FIGURE_LINK_COS: "会談は約50分間で…" was nearest, by the vectors, to another sentence than
    외교부's lead ("… 50분간 … 회담을 개최하였다", cosine 0.85; QA pass 5, A1). Between two sentences
    that both lack a counterpart, the one link this made on WMT22 joined a headline to a body
    sentence that is not its translation (docs/comparison.md), unless a third report's sentence
    linked to one of them gives the value too (日本ビジネス日報's "韓国の自給率は15%にとどまる" and
    한결경제's "국산화율은 … 15%로", with Korea Business Herald's "covers 15% of demand" linked to
    the latter: QA pass 9, A3).
    """
    made = []
    n = len(ctx.articles)
    before = [[{k: set(v) for k, v in d.items()} for d in art] for art in ctx.partners]
    for i in range(n):
        for j in range(i + 1, n):
            for fa in ctx.figures[i]:
                fb = _unique_agreement(fa, ctx.figures[j], ctx.figures[i])
                if fb is None or fa.sentence is None or fb.sentence is None:
                    continue
                s, t = fa.sentence, fb.sentence
                has_s, has_t = bool(ctx.partners[i][s].get(j)), bool(ctx.partners[j][t].get(i))
                if has_s and has_t:
                    continue
                if not has_s and not has_t and not _third_report_gives(ctx, before, (i, s), (j, t), fa):
                    continue  # neither has a counterpart (see the docstring)
                if float(ctx.vectors[i][s] @ ctx.vectors[j][t]) < FIGURE_LINK_COS:
                    continue
                if add_weak_link(ctx, link, i, s, j, t):
                    made.append((i, s, j, t))
    return made


def _third_report_gives(
    ctx: Context,
    partners: list[list[dict[int, set[int]]]],
    a: tuple[int, int],
    b: tuple[int, int],
    fa: Figure,
) -> bool:
    """Whether a sentence of a third report, linked to sentence a or b, gives a value agreeing with fa."""
    for k in range(len(ctx.articles)):
        if k in (a[0], b[0]):
            continue
        linked = partners[a[0]][a[1]].get(k, set()) | partners[b[0]][b[1]].get(k, set())
        if any(
            g.sentence in linked and comparable(fa.anchor, g.anchor) and agree(fa.anchor, g.anchor)
            for g in ctx.figures[k]
        ):
            return True
    return False
