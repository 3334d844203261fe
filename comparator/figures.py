"""Numbers, dates, durations and money compared across articles (difference kind 4).

Figures are the anchors of comparator.anchors, found per sentence. Two figures are compared only when
their sentences are counterparts (aligned, or each other's nearest neighbour) and the figures are
comparable: the same kind, the same unit or currency, values of the same order (25 vs 35 minutes,
not 25 minutes vs 6 months; never a date and a count). Within such a pair of sentences, agreeing
figures pair first; a disagreement is then claimed between two left-over figures that are each
other's only candidate (no other figure of the unit within AMBIGUOUS_RATIO), and across a "partial"
link only when they are also each other's only candidate in the two whole articles; never between
counts of known, different kinds, nor when both sentences hold further unmatched figures of the kind
(they count different things). Two totals of one counted noun ("乗組員11人のうち" / "승선원 10명 중"),
each its article's only one, disagree whatever parts stand beside them. Paired figures are joined
into groups (one quantity across the event), agreements first; a disagreement joins two groups only
when no article gives both values. A group disagrees when any pair in it does, and its majority
value is the one given by the most articles.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from comparator.anchors import Anchor, anchors_agree, extract_anchors
from comparator.figure_subjects import (
    Subject,
    count_role,
    counted_noun,
    figure_subject,
    resolve_anaphor,
    subjects_relation,
)
from comparator.figure_text import describe
from comparator.schema import Article

__all__ = [
    "Figure",
    "FigureGroup",
    "agree",
    "article_figures",
    "comparable",
    "describe",
    "group_figures",
    "pair_figures",
]

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
    noun: str | None = None  # what a count counts (a COUNTED_NOUNS class), when the text says
    subject: Subject | None = None  # what a percentage is about (figure_subjects), when the text says
    role: str | None = None  # "total": the whole a part is taken of ("乗組員10人のうち"), when the text says

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
        floor = 0  # the end of the sentence's previous percentage: a subject is named after it
        for a in extract_anchors(s.text, article.lang):
            subject = None
            if _is_share(a):
                subject, floor = figure_subject(s.text, article.lang, a.start, floor), a.end
            a = replace(a, start=a.start + s.start, end=a.end + s.start)
            subject = resolve_anaphor(subject, article.text, article.lang, a.start)
            noun = counted_noun(article.text, article.lang, a)
            role = count_role(article.text, article.lang, a.start, a.end, a.kind)
            out.append(Figure(article_index, s.idx, _time_qualified(a, article.text), noun, subject, role))
    return out


def _is_share(a: Anchor) -> bool:
    """A percentage or a percentage-point change: the figures a subject (index, company) owns."""
    return a.kind == "percent" or (a.kind == "count" and a.value[1] == "pp")


def _time_qualified(a: Anchor, text: str) -> Anchor:
    if a.kind != "time" or a.qualifier:
        return a
    if _APPROX_TIME_AFTER.match(text[a.end : a.end + 4]) or _APPROX_TIME_BEFORE.search(
        text[max(0, a.start - 20) : a.start]
    ):
        return replace(a, qualifier="approx")
    return a


def agree(a: Anchor, b: Anchor) -> bool | None:
    """anchors_agree, with two changes: approximate clock times agree up to APPROX_MINUTES apart, and
    two approximate figures of different values ("about 800 km" / "about 750 km") are two different
    estimates, not one fact, although their +-10 % intervals meet."""
    if a.kind == b.kind == "time" and a.zone != b.zone:
        return None  # a time in one zone says nothing about a time in another (or in none)
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
    if a.kind == "time":
        return True  # clock times: comparability is already decided by anchors_agree
    return _ratio(a, b) <= MAX_RATIO


def _ratio(a: Anchor, b: Anchor) -> float:
    """Larger over smaller value of two amounts (inf when one is zero or they are not amounts)."""
    va, vb = a.value, b.value
    if a.kind in {"money", "count"}:
        va, vb = va[0], vb[0]
    if not isinstance(va, int | float) or not isinstance(vb, int | float):
        return math.inf
    lo, hi = sorted((abs(float(va)), abs(float(vb))))
    return hi / lo if lo > 0 else math.inf


COMPARED_KINDS = ("duration", "money", "date", "time", "percent", "count")  # bare numbers say too little
AMBIGUOUS_RATIO = 10.0  # another figure of the unit within this ratio makes the pairing a guess


def comparable(a: Anchor, b: Anchor) -> bool:
    """Whether two figures could state one quantity: a compared kind, the same unit or currency
    (anchors_agree is not None), and values of the same order (_same_order). A date and a count, 25
    minutes and 25 people, won 5억 and $5 million are never comparable."""
    return (
        a.kind == b.kind
        and a.kind in COMPARED_KINDS
        and anchors_agree(a, b) is not None
        and _same_order(a, b)
    )


def _near(a: Anchor, b: Anchor) -> bool:
    """Comparable, or close enough in value (AMBIGUOUS_RATIO) that a reader could take one for the other."""
    if a.kind != b.kind or anchors_agree(a, b) is None:
        return False
    if a.kind in {"date", "time"}:
        return _same_order(a, b)
    return _ratio(a, b) <= AMBIGUOUS_RATIO


def pair_figures(
    left: Sequence[Figure],
    right: Sequence[Figure],
    *,
    disagreements: bool = True,
    left_article: Sequence[Figure] | None = None,
    right_article: Sequence[Figure] | None = None,
    whole: tuple[Sequence[Figure], Sequence[Figure]] | None = None,
) -> list[tuple[Figure, Figure, bool]]:
    """(figure, figure, agrees) for the figures of two counterpart sentences.

    Agreeing figures pair first (equal values before overlapping intervals). A disagreement is then
    claimed between two left-over comparable figures that are each other's only candidate: no other
    left-over figure of the unit is within AMBIGUOUS_RATIO of either ("about 750 km" beside "around
    50 km" altitude is still a single candidate for "800 km"; "25 minutes after a 10-minute delay"
    against "40 minutes" is a guess). With ``left_article`` / ``right_article`` (all figures of the
    two articles) the candidates must also be unique across the whole articles: used for "partial"
    links, which may put two different facts side by side. ``whole`` gives the two articles' figures
    for a "shared" link, for percentages whose subjects cannot be matched (see _unsure).
    """
    pairs: list[tuple[Figure, Figure, bool]] = []
    a_left = [f for f in left if f.anchor.kind in COMPARED_KINDS]
    b_left = [f for f in right if f.anchor.kind in COMPARED_KINDS]
    for exact in (True, False):
        for fa in list(a_left):
            match = next(
                (fb for fb in b_left if _agreeing(fa.anchor, fb.anchor, exact) and _same_thing(fa, fb)), None
            )
            if match is not None:
                pairs.append((fa, match, True))
                a_left.remove(fa)
                b_left.remove(match)
    if not disagreements:
        return pairs
    for fa in a_left:
        fb = _only_candidate(fa, b_left)
        if fb is None or _only_candidate(fb, a_left) is not fa or agree(fa.anchor, fb.anchor) is not False:
            continue
        if _different_things(fa, fb, a_left, b_left):
            continue
        partial = left_article is not None and right_article is not None
        articles = (left_article or (), right_article or ()) if partial else whole
        if _unsure(fa, fb, partial, articles):
            continue
        if (
            not partial
            or _unique_in_articles(fa, fb, left_article or (), right_article or ())
            or _unique_by_noun(fa, fb, left_article or (), right_article or ())
        ):
            pairs.append((fa, fb, False))
    articles = (
        (left_article, right_article) if left_article is not None and right_article is not None else whole
    )
    return pairs + _total_disagreements(a_left, b_left, pairs, articles)


def _total_disagreements(
    left: Sequence[Figure],
    right: Sequence[Figure],
    pairs: Sequence[tuple[Figure, Figure, bool]],
    articles: tuple[Sequence[Figure], Sequence[Figure]] | None,
) -> list[tuple[Figure, Figure, bool]]:
    """Two totals of one counted noun ("乗組員11人のうち" / "승선원 10명 중") left over in linked
    sentences state one quantity, when each is its whole article's only total of that noun: the
    parts beside them (8 rescued, 3 missing) no longer make the pairing a guess (QA pass 4, N1b)."""
    if articles is None:
        return []
    used = {id(f) for p in pairs for f in p[:2]}

    def totals(figs: Sequence[Figure], noun: str) -> list[Figure]:
        return [g for g in figs if g.role == "total" and g.noun == noun and id(g) not in used]

    out: list[tuple[Figure, Figure, bool]] = []
    for fa in left:
        if fa.role != "total" or fa.noun is None or id(fa) in used:
            continue
        mine, theirs = totals(left, fa.noun), totals(right, fa.noun)
        whole_a, whole_b = totals(articles[0], fa.noun), totals(articles[1], fa.noun)
        if len(mine) == len(theirs) == len(whole_a) == len(whole_b) == 1 and whole_a[0] is fa:
            fb = theirs[0]
            if whole_b[0] is fb and comparable(fa.anchor, fb.anchor) and agree(fa.anchor, fb.anchor) is False:
                out.append((fa, fb, False))
    return out


def _different_things(fa: Figure, fb: Figure, left: Sequence[Figure], right: Sequence[Figure]) -> bool:
    """Whether two left-over figures more likely state different things than one differently:
    their counted nouns are known and differ ("two fisheries guidance ships" / "three patrol
    vessels"), or both sentences hold further figures that nothing matched ("경비함정 3척과 항공기
    1대" / "巡視船4隻と航空機2機": two coast guards' fleets, not 1 aircraft against 2; "오전 4시 20분께
    약 150㎞" / "이날 오전 10시 15분께 … 약 20㎞": a distress call and a body found the next day).
    ``left`` / ``right`` are the sentences' figures that no agreement took."""
    if fa.noun is not None and fb.noun is not None and fa.noun != fb.noun:
        return True
    if not _same_thing(fa, fb):
        return True
    return any(g is not fa for g in left) and any(g is not fb for g in right)


def _unsure(
    fa: Figure, fb: Figure, partial: bool, articles: tuple[Sequence[Figure], Sequence[Figure]] | None
) -> bool:
    """Disagreements too doubtful to claim. A percentage whose subject is unknown on one side (同社の
    株価 / 한빛반도체 주가; 한빛반도체 / Towa in two scripts): only across a "shared" link, between
    figures that are each other's only candidate in the whole articles (QA pass 9, S5). Across a
    "partial" link, a bound and a plain figure ("最長90日" review, "약 4개월" of stock) state two things."""
    if subjects_relation(fa.subject, fb.subject) == "unknown":
        return partial or articles is None or not _unique_in_articles(fa, fb, *articles)
    bound = {"over", "under"}
    return partial and (fa.anchor.qualifier in bound) != (fb.anchor.qualifier in bound)


def _same_thing(fa: Figure, fb: Figure) -> bool:
    """False for two percentages of different known subjects: the KOSPI's 1.3 % fall and Towa's
    2.1 %, Hanbit's 4.2 % and the Nikkei's (QA pass 9, S4/S5), whatever their values."""
    return subjects_relation(fa.subject, fb.subject) != "different"


def _unique_in_articles(fa: Figure, fb: Figure, left: Sequence[Figure], right: Sequence[Figure]) -> bool:
    return _only_candidate(fa, right) is fb and _only_candidate(fb, left) is fa


def _unique_by_noun(fa: Figure, fb: Figure, left: Sequence[Figure], right: Sequence[Figure]) -> bool:
    """Two counts of one kind of thing (the same counted noun) that are each other's only candidate
    once counts of other known kinds are set aside: "경비함 3척" / "警備艦2隻" across a partial link,
    although "측량선 1척" / "測量船1隻" are also ship counts. Counts whose noun is unknown still count
    as candidates, so an unnamed "2隻" elsewhere keeps the pairing a guess."""
    if fa.noun is None or fa.noun != fb.noun:
        return False
    same = (None, fa.noun)
    return _unique_in_articles(
        fa, fb, [g for g in left if g.noun in same], [g for g in right if g.noun in same]
    )


def _agreeing(a: Anchor, b: Anchor, exact: bool) -> bool:
    if exact:
        return a.kind == b.kind and a.value == b.value and a.qualifier == b.qualifier and bool(agree(a, b))
    return bool(agree(a, b))


def _only_candidate(f: Figure, others: Sequence[Figure]) -> Figure | None:
    """The one figure of ``others`` comparable with ``f``, when no other one is near it."""
    near = [g for g in others if _near(f.anchor, g.anchor)]
    if len(near) != 1 or not comparable(f.anchor, near[0].anchor):
        return None
    return near[0]


def group_figures(
    figures: Sequence[Sequence[Figure]], sentence_pairs: Iterable[tuple[int, list[int], int, list[int], str]]
) -> list[FigureGroup]:
    """Groups of paired figures. ``sentence_pairs`` holds (article i, its sentences, article j, its
    sentences, link label) for every pair of counterpart sentence sets; ``figures[i]`` lists article
    i's figures. A "shared" link (the same content) pairs disagreeing figures that are each other's
    only candidate in the two sentences; a "partial" link only when they are also each other's only
    candidate in the two whole articles (the 800 km / 750 km range of one missile, reported in
    sentences the aligner found only partly alike)."""
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

    pairs: list[tuple[Figure, Figure, bool]] = []
    for i, sents_i, j, sents_j, label in sentence_pairs:
        left = [f for s in sents_i for f in by_sentence.get((i, s), [])]
        right = [f for s in sents_j for f in by_sentence.get((j, s), [])]
        whole = {"whole": (figures[i], figures[j])} if label == "shared" else {
            "left_article": figures[i], "right_article": figures[j]}  # fmt: skip
        pairs += pair_figures(left, right, **whole)
    # Agreements first: a disagreement then joins two groups only when no article gives both values.
    for fa, fb, agrees in sorted(pairs, key=lambda p: not p[2]):
        for f in (fa, fb):
            fig_of[f.key] = f
            parent.setdefault(f.key, f.key)
        if agrees or not _both_given(fig_of, find, find(fa.key), find(fb.key)):
            parent[find(fa.key)] = find(fb.key)
    members: dict[tuple[int, int, int], list[Figure]] = defaultdict(list)
    for k, f in fig_of.items():
        members[find(k)].append(f)
    groups = [_clustered(FigureGroup(figs, False)) for figs in members.values()]
    groups = _drop_restated_dates(_join_split_groups(groups, figures))
    return sorted(groups, key=lambda g: (not g.disagree, g.figures[0].article, g.figures[0].anchor.start))


def _drop_restated_dates(groups: list[FigureGroup]) -> list[FigureGroup]:
    """Leave out an agreeing group of dates that only restates a larger agreeing group: "25일" /
    "25日" for the day two share prices fell, beside all reports agreeing on Nov. 25 (QA pass 9, N4)."""

    def restates(g: FigureGroup, h: FigureGroup) -> bool:
        return (
            g is not h
            and (len(h.figures) > len(g.figures) or _vaguer(g, h))
            and {f.article for f in g.figures} <= {f.article for f in h.figures}
            and all(any(agree(f.anchor, x.anchor) for x in h.figures) for f in g.figures)
        )

    dates = [g for g in groups if not g.disagree and g.figures[0].anchor.kind == "date"]
    return [g for g in groups if g not in dates or not any(restates(g, h) for h in dates)]


def _vaguer(g: FigureGroup, h: FigureGroup) -> bool:
    """Whether g's dates are days alone ("12일") and h's are not ("2026년 3월 12일")."""
    day = re.compile(r"---\d\d")
    return all(day.fullmatch(str(f.anchor.value)) for f in g.figures) and not any(
        day.fullmatch(str(f.anchor.value)) for f in h.figures
    )


def _join_split_groups(groups: list[FigureGroup], figures: Sequence[Sequence[Figure]]) -> list[FigureGroup]:
    """Join groups that state one quantity but were paired through different sentence links: 朝陽
    "約50分間" against 새한일보 "70분간" in one group, 외교부 "50분간" and APD "50-minute" in another,
    left the disagreement without its majority (QA pass 5, A3). Two groups join when no article is in
    both, a value of one agrees with a value of the other, all their figures are comparable, and each
    figure is the only one of its article near that quantity (so the article names it once). Two
    agreeing groups never join into a disagreement."""
    groups = list(groups)
    merged = True
    while merged:
        merged = False
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                joined = _joined(groups[a], groups[b], figures)
                if joined is not None:
                    groups[a] = joined
                    del groups[b]
                    merged = True
                    break
            if merged:
                break
    return groups


def _joined(g: FigureGroup, h: FigureGroup, figures: Sequence[Sequence[Figure]]) -> FigureGroup | None:
    if {f.article for f in g.figures} & {f.article for f in h.figures}:
        return None
    if not any(agree(x.anchor, y.anchor) for x in g.figures for y in h.figures):
        return None
    both = g.figures + h.figures
    if not all(comparable(x.anchor, y.anchor) for x in g.figures for y in h.figures):
        return None
    if len({f.noun for f in both} - {None}) > 1 or not all(_same_thing(x, y) for x in both for y in both):
        return None  # patrol ships and fishing boats, the KOSPI and a company: two quantities
    keys = {f.key for f in both}
    for f in both:
        if any(o.key not in keys and _near(f.anchor, o.anchor) for o in figures[f.article]):
            return None  # the article gives another figure like it: which one is meant is a guess
    out = _clustered(FigureGroup(sorted(both, key=lambda f: (f.article, f.anchor.start)), False))
    return None if out.disagree and not (g.disagree or h.disagree) else out


def _both_given(
    fig_of: dict[tuple[int, int, int], Figure],
    find: Any,
    root_a: tuple[int, int, int],
    root_b: tuple[int, int, int],
) -> bool:
    """Whether one article gives a value of group a and a disagreeing value of group b: then the
    two are two quantities (10 crew aboard, 8 rescued: "선원 10명 중 8명"), not one given
    differently, however alike the sentences that paired them ("Eight crew members were rescued" /
    "rescued eight of its 10 crew members", where "eight" was missed)."""
    if root_a == root_b:
        return False
    in_a: dict[int, list[Figure]] = defaultdict(list)
    for k, f in fig_of.items():
        if find(k) == root_a:
            in_a[f.article].append(f)
    return any(
        agree(f.anchor, g.anchor) is False
        for k, g in fig_of.items()
        if find(k) == root_b
        for f in in_a.get(g.article, [])
    )


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
