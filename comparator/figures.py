"""Numbers, dates, durations and money compared across articles (difference kind 4).

Figures are the anchors of comparator.anchors, found per sentence. Two figures are compared only when
their sentences are counterparts (aligned, or each other's nearest neighbour) and the figures are of
the same kind; within such a pair of sentences, agreeing figures pair first, and a disagreement is
only claimed between the single remaining figure of that kind on each side whose values are of the
same order (25 vs 35 minutes, not 25 minutes vs 6 months). Paired figures are joined into groups (one
quantity across the event); a group disagrees when any pair in it does, and its majority value is the
one given by the most articles.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from comparator.anchors import Anchor, anchors_agree, extract_anchors
from comparator.schema import Article

log = logging.getLogger(__name__)

MAX_RATIO = 3.0  # values further apart than this are taken to be different quantities
APPROX_MINUTES = 10  # "7시 40분께" and "7時39分ごろ" agree: both are approximate clock times
_APPROX_TIME_AFTER = re.compile(r"^\s?(?:께|경|쯤|ごろ|頃|前後)")
_APPROX_TIME_BEFORE = re.compile(r"(?i)(?:about|around|approximately|shortly (?:before|after))\s$")


@dataclass(frozen=True)
class Figure:
    article: int  # index of the article in the comparison
    sentence: int
    anchor: Anchor  # offsets index the article text

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.article, self.anchor.start, self.anchor.end)


@dataclass
class FigureGroup:
    figures: list[Figure]
    disagree: bool  # more than one cluster
    clusters: list[list[Figure]] = field(default_factory=list)  # figures that agree with each other
    majority: int | None = None  # index into clusters of the value most articles give


def article_figures(article: Article, article_index: int) -> list[Figure]:
    """Anchors of every sentence of ``article``, with offsets into the article text."""
    out: list[Figure] = []
    for s in article.sentences:
        for a in extract_anchors(s.text, article.lang):
            a = Anchor(a.kind, a.value, a.start + s.start, a.end + s.start, a.text, a.qualifier)
            out.append(Figure(article_index, s.idx, _time_qualified(a, article.text)))
    return out


def _time_qualified(a: Anchor, text: str) -> Anchor:
    if a.kind != "time" or a.qualifier:
        return a
    if _APPROX_TIME_AFTER.match(text[a.end : a.end + 4]) or _APPROX_TIME_BEFORE.search(
        text[max(0, a.start - 20) : a.start]
    ):
        return Anchor(a.kind, a.value, a.start, a.end, a.text, "approx")
    return a


def agree(a: Anchor, b: Anchor) -> bool | None:
    """anchors_agree, with two changes: approximate clock times agree up to APPROX_MINUTES apart, and
    two approximate figures of different values ("about 800 km" / "about 750 km") are two different
    estimates, not one fact, although their +-10 % intervals meet."""
    if a.kind == b.kind == "time" and (a.qualifier == "approx" or b.qualifier == "approx"):
        ma, mb = (_minutes(x.value) for x in (a, b))
        return min(abs(ma - mb), 12 * 60 - abs(ma - mb)) <= APPROX_MINUTES
    verdict = anchors_agree(a, b)
    if verdict and a.qualifier == b.qualifier == "approx" and a.kind in _AMOUNTS:
        va, vb = (float(x.value[0] if isinstance(x.value, tuple) else x.value) for x in (a, b))
        return abs(va - vb) <= 0.01 * max(abs(va), abs(vb))
    return verdict


_AMOUNTS = {"number", "duration", "money", "percent", "count"}


def _minutes(hhmm: str) -> int:
    h, m = map(int, hhmm.split(":"))
    return (h % 12) * 60 + m


def _same_order(a: Anchor, b: Anchor) -> bool:
    """Whether two comparable figures plausibly measure the same quantity."""
    if a.kind == "date":
        # "7일" (day of month only) beside "March 9" is as often another event's date (the launch
        # two days before the call) as an error; only dates with a month on both sides are compared.
        return all(re.match(r"^(\d{4})?--?\d{2}-\d{2}$|^\d{4}-\d{2}-\d{2}$", x.value) for x in (a, b))
    va, vb = a.value, b.value
    if a.kind in {"money", "count"}:
        va, vb = va[0], vb[0]
    if not isinstance(va, int | float) or not isinstance(vb, int | float):
        return True  # dates and times: comparability is already decided by anchors_agree
    lo, hi = sorted((abs(float(va)), abs(float(vb))))
    return lo > 0 and hi / lo <= MAX_RATIO


COMPARED_KINDS = ("duration", "money", "date", "time", "percent", "count")  # bare numbers say too little


def pair_figures(
    left: Sequence[Figure], right: Sequence[Figure], *, disagreements: bool = True
) -> list[tuple[Figure, Figure, bool]]:
    """(figure, figure, agrees) for the figures of two counterpart sentences (see module doc)."""
    pairs: list[tuple[Figure, Figure, bool]] = []
    kinds = {f.anchor.kind for f in left} & {f.anchor.kind for f in right} & set(COMPARED_KINDS)
    for kind in sorted(kinds):
        a_left = [f for f in left if f.anchor.kind == kind]
        b_left = [f for f in right if f.anchor.kind == kind]
        for fa in list(a_left):
            match = next((fb for fb in b_left if agree(fa.anchor, fb.anchor)), None)
            if match is not None:
                pairs.append((fa, match, True))
                a_left.remove(fa)
                b_left.remove(match)
        if disagreements and len(a_left) == 1 and len(b_left) == 1:
            fa, fb = a_left[0], b_left[0]
            if agree(fa.anchor, fb.anchor) is False and _same_order(fa.anchor, fb.anchor):
                pairs.append((fa, fb, False))
    return pairs


def group_figures(
    figures: Sequence[Sequence[Figure]], sentence_pairs: Iterable[tuple[int, list[int], int, list[int], str]]
) -> list[FigureGroup]:
    """Groups of paired figures. ``sentence_pairs`` holds (article i, its sentences, article j, its
    sentences, link label) for every pair of counterpart sentence sets; ``figures[i]`` lists article
    i's figures. Only "shared" links (the same content) can pair disagreeing figures: a "partial" link
    may put two different facts side by side."""
    by_sentence: dict[tuple[int, int], list[Figure]] = defaultdict(list)
    for figs in figures:
        for f in figs:
            by_sentence[(f.article, f.sentence)].append(f)
    parent: dict[tuple[int, int, int], tuple[int, int, int]] = {}
    fig_of: dict[tuple[int, int, int], Figure] = {}

    def find(k: tuple[int, int, int]) -> tuple[int, int, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, sents_i, j, sents_j, label in sentence_pairs:
        left = [f for s in sents_i for f in by_sentence.get((i, s), [])]
        right = [f for s in sents_j for f in by_sentence.get((j, s), [])]
        for fa, fb, _ in pair_figures(left, right, disagreements=label == "shared"):
            for f in (fa, fb):
                fig_of[f.key] = f
                parent.setdefault(f.key, f.key)
            parent[find(fa.key)] = find(fb.key)
    members: dict[tuple[int, int, int], list[Figure]] = defaultdict(list)
    for k, f in fig_of.items():
        members[find(k)].append(f)
    groups = []
    for figs in members.values():
        figs.sort(key=lambda f: (f.article, f.anchor.start))
        groups.append(_clustered(FigureGroup(figs, False)))
    return sorted(groups, key=lambda g: (not g.disagree, g.figures[0].article, g.figures[0].anchor.start))


def _clustered(group: FigureGroup) -> FigureGroup:
    """Split a group into clusters of mutually agreeing figures and find the majority cluster."""
    clusters: list[list[Figure]] = []
    for f in group.figures:
        home = next((c for c in clusters if all(agree(f.anchor, g.anchor) for g in c)), None)
        if home is None:
            clusters.append([f])
        else:
            home.append(f)
    support = [len({f.article for f in c}) for c in clusters]
    best = max(support)
    group.clusters = clusters
    group.majority = support.index(best) if support.count(best) == 1 else None
    # Any two figures that do not agree make a disagreement, also when an "approx" figure bridges them.
    group.disagree = len(clusters) > 1
    return group


def describe(anchor: Anchor) -> str:
    """A normalized, readable value: "25 min", "10000000000 USD", "2026-03-09"."""
    v: Any = anchor.value
    approx = (
        "~"
        if anchor.qualifier == "approx"
        else ">="
        if anchor.qualifier == "over"
        else "<="
        if anchor.qualifier == "under"
        else ""
    )
    if anchor.kind == "duration":
        return approx + _duration(float(v))
    if anchor.kind == "count" and v[1] == "m" and v[0] >= 1000:
        return f"{approx}{_num(v[0] / 1000)} km"
    if anchor.kind in {"money", "count"}:
        return f"{approx}{_num(v[0])} {v[1]}"
    if anchor.kind == "percent":
        return f"{approx}{_num(v)}%"
    if anchor.kind == "number":
        return approx + _num(v)
    return str(v)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _duration(seconds: float) -> str:
    for unit, size in (("years", 365 * 86400), ("days", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size and (seconds / size).is_integer():
            return f"{_num(seconds / size)} {unit}"
    return f"{_num(seconds)} s"
