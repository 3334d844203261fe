"""Cross-source event alignment: candidate pairs, clustering and events (the batch job's core).

Pure functions over vectors and times; no SQLite and no model (comparator.eventjob feeds them
from the store). The flow for a set of articles:

1. ``candidate_pairs``: each article asks FAISS for its k nearest articles *in every language*
   (asking per language keeps same-language neighbours from crowding out the translations), by
   article vector and by title+lead vector, only among articles dated within ``window_days`` of
   it. Never all pairs.
2. ``score_pair`` (comparator.eventscore): a pair score in [0, 1] from calibrated article and
   title+lead cosines, the share of sentences with a cross-lingual counterpart, anchors stated
   alike or differently (25분 / 25分 / 25 minutes), and the time between the reports.
3. ``cluster_articles``: average-linkage agglomeration with a complete-linkage floor and a time
   span limit. Two groups merge only if their pairs score ``link`` on average AND no pair scores
   below ``floor`` AND the merged group spans at most ``window_days``. That is what keeps hard
   negatives apart: a follow-up that resembles one report of the original story cannot pull the
   whole story in (plain connected components would chain them).
4. ``make_event``: an Event with a stable id derived from its earliest article.

See docs/events.md for the design and the measured figures.
"""

from __future__ import annotations

import hashlib
import heapq
import logging
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from comparator.eventscore import (
    DAY,
    ArticleDetail,
    ArticleInfo,
    Calibration,
    EventParams,
    PairEvidence,
    anchor_evidence,
    estimate_calibration,
    is_copy_pair,
    parse_time,
    score_pair,
    sentence_coverage,
    within_window,
)
from comparator.schema import LANGS, Event

log = logging.getLogger(__name__)

__all__ = [
    "DAY",
    "ArticleDetail",
    "ArticleInfo",
    "Calibration",
    "Cluster",
    "EventParams",
    "PairEvidence",
    "anchor_evidence",
    "candidate_pairs",
    "cluster_articles",
    "connected_groups",
    "earliest",
    "estimate_calibration",
    "event_id",
    "is_copy_pair",
    "make_event",
    "parse_time",
    "score_pair",
    "sentence_coverage",
    "within_window",
]


# --------------------------------------------------------------------------- candidates


def candidate_pairs(
    infos: Sequence[ArticleInfo], queries: Iterable[int], params: EventParams
) -> dict[tuple[int, int], float]:
    """Candidate pairs (i < j, positions in ``infos``) with their article cosine.

    Each query asks, per language, for its k nearest articles dated within the window, once by
    article vector and once by title+lead vector; the value is the article cosine. Dated
    articles are grouped in time blocks of ``window_days``; a block searches a flat FAISS index of
    its own and both neighbouring blocks, so the cost grows with n times the articles per window,
    not n squared. Undated articles are searched against, and searched by, everything.
    """
    qset = sorted(set(queries))
    if not qset or len(infos) < 2:
        return {}
    width = params.window_days * DAY
    block_of = {i: (math.floor(a.time / width) if a.time is not None else None) for i, a in enumerate(infos)}
    by_block: dict[int | None, list[int]] = {}
    for i in qset:
        by_block.setdefault(block_of[i], []).append(i)
    undated = [i for i, b in block_of.items() if b is None]
    pairs: dict[tuple[int, int], float] = {}
    for block, members in sorted(by_block.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
        if block is None:
            pool = list(range(len(infos)))
        else:
            near = {block - 1, block, block + 1}
            pool = [i for i, b in block_of.items() if b in near] + undated
        _knn_into(infos, members, pool, params, pairs)
    return pairs


def _knn_into(
    infos: Sequence[ArticleInfo],
    queries: list[int],
    pool: list[int],
    params: EventParams,
    out: dict[tuple[int, int], float],
) -> None:
    import faiss

    # Asked twice: by the whole article and by its title + lead. A short report and its long
    # counterpart, or two chats padded with different small talk, can be far apart as wholes
    # while their openings match.
    for attr, k_asked in (("vec", params.k), ("lead", params.k_lead)):
        if k_asked <= 0:
            continue
        qvecs = np.stack([getattr(infos[i], attr) for i in queries]).astype(np.float32)
        for lang in sorted({infos[i].lang for i in pool}):
            members = np.array([i for i in pool if infos[i].lang == lang], dtype=np.int64)
            index = faiss.IndexFlatIP(qvecs.shape[1])
            index.add(np.stack([getattr(infos[i], attr) for i in members]).astype(np.float32))
            k = min(k_asked + 1, len(members))  # +1: the query itself when it is in this language
            _, found = index.search(qvecs, k)
            for row, q in enumerate(queries):
                for pos in found[row]:
                    if pos < 0:
                        continue
                    j = int(members[pos])
                    if j == q or not within_window(infos[q].time, infos[j].time, params.window_days):
                        continue
                    out[(min(q, j), max(q, j))] = float(np.dot(infos[q].vec, infos[j].vec))


# --------------------------------------------------------------------------- clustering


@dataclass
class _Group:
    members: list[int]
    fixed: bool  # an event stored by an earlier run: it takes new articles, never merges with another
    t_min: float | None
    t_max: float | None
    internal: float = 0.0  # sum of pair scores inside
    version: int = 0


@dataclass
class Cluster:
    members: list[int]  # positions in the input, sorted
    cohesion: float  # mean pair score inside (1.0 for a single article)
    seed: int | None = None  # index of the fixed group it grew from, if any


@dataclass
class _Linkage:
    total: float
    low: float


def cluster_articles(
    times: Sequence[float | None],
    candidates: Mapping[tuple[int, int], float],
    score: Callable[[int, int], float],
    params: EventParams,
    fixed: Sequence[Sequence[int]] = (),
) -> list[Cluster]:
    """Average-linkage clustering of ``len(times)`` articles with a complete-linkage floor.

    ``candidates`` are the pairs (i < j) worth considering; two groups are compared only when a
    candidate pair joins them, and then on ALL their pairs (``score`` is called for pairs not
    scored yet). ``fixed`` groups (events of an earlier run) keep their members and may absorb new
    articles, but never merge with each other, so their ids stay meaningful.
    """
    scores: dict[tuple[int, int], float] = {}

    def pair(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in scores:
            scores[key] = score(*key)
        return scores[key]

    groups, owner = _initial_groups(times, fixed, pair)
    links: dict[int, dict[int, _Linkage]] = {g: {} for g in groups}
    heap: list[tuple[float, int, int, int, int]] = []
    for i, j in sorted(candidates):
        gi, gj = owner[i], owner[j]
        if gi != gj and gj not in links[gi]:
            _consider(groups, links, heap, gi, gj, pair, params)
    while heap:
        neg_avg, gi, gj, vi, vj = heapq.heappop(heap)
        if gi not in groups or gj not in groups or groups[gi].version != vi or groups[gj].version != vj:
            continue
        _merge(groups, links, owner, heap, gi, gj, pair, params)
    return _clusters(groups, fixed)


def _initial_groups(
    times: Sequence[float | None], fixed: Sequence[Sequence[int]], pair: Callable[[int, int], float]
) -> tuple[dict[int, _Group], dict[int, int]]:
    groups: dict[int, _Group] = {}
    owner: dict[int, int] = {}
    taken: set[int] = set()
    for g, members in enumerate(fixed):
        ms = sorted(members)
        ts = [times[m] for m in ms if times[m] is not None]
        internal = sum(pair(a, b) for x, a in enumerate(ms) for b in ms[x + 1 :])
        groups[g] = _Group(ms, True, min(ts, default=None), max(ts, default=None), internal)
        for m in ms:
            owner[m] = g
        taken.update(ms)
    next_id = len(fixed)
    for i, t in enumerate(times):
        if i not in taken:
            groups[next_id] = _Group([i], False, t, t)
            owner[i] = next_id
            next_id += 1
    return groups, owner


def _linkage(a: _Group, b: _Group, pair: Callable[[int, int], float]) -> _Linkage:
    vals = [pair(i, j) for i in a.members for j in b.members]
    return _Linkage(sum(vals), min(vals))


def _span_ok(a: _Group, b: _Group, params: EventParams) -> bool:
    ts = [t for t in (a.t_min, a.t_max, b.t_min, b.t_max) if t is not None]
    return not ts or max(ts) - min(ts) <= params.window_days * DAY


def _consider(
    groups: dict[int, _Group],
    links: dict[int, dict[int, _Linkage]],
    heap: list[tuple[float, int, int, int, int]],
    gi: int,
    gj: int,
    pair: Callable[[int, int], float],
    params: EventParams,
) -> None:
    a, b = groups[gi], groups[gj]
    if a.fixed and b.fixed:
        return
    lk = links[gi].get(gj)
    if lk is None:
        lk = _linkage(a, b, pair)
        links[gi][gj] = links[gj][gi] = lk
    avg = lk.total / (len(a.members) * len(b.members))
    if avg >= params.link and lk.low >= params.floor and _span_ok(a, b, params):
        lo, hi = min(gi, gj), max(gi, gj)
        heapq.heappush(heap, (-avg, lo, hi, groups[lo].version, groups[hi].version))


def _merge(
    groups: dict[int, _Group],
    links: dict[int, dict[int, _Linkage]],
    owner: dict[int, int],
    heap: list[tuple[float, int, int, int, int]],
    gi: int,
    gj: int,
    pair: Callable[[int, int], float],
    params: EventParams,
) -> None:
    # The fixed group (if any) survives, so an event of an earlier run keeps its identity.
    keep, gone = (gj, gi) if groups[gj].fixed else (gi, gj)
    a, b = groups[keep], groups.pop(gone)
    before = _Group(list(a.members), a.fixed, a.t_min, a.t_max)
    between = links[keep][gone]
    ts = [t for t in (a.t_min, a.t_max, b.t_min, b.t_max) if t is not None]
    a.members = sorted(a.members + b.members)
    a.internal += b.internal + between.total
    a.t_min, a.t_max = (min(ts), max(ts)) if ts else (None, None)
    a.version += 1
    for m in b.members:
        owner[m] = keep
    old_keep, old_gone = links.pop(keep), links.pop(gone)
    old_keep.pop(gone, None)
    old_gone.pop(keep, None)
    links[keep] = {}
    for x in sorted(set(old_keep) | set(old_gone)):
        links[x].pop(keep, None)
        links[x].pop(gone, None)
        # Linkage is additive over members: (a + b, x) = (a, x) + (b, x); score the missing side.
        la = old_keep.get(x) or _linkage(before, groups[x], pair)
        lb = old_gone.get(x) or _linkage(b, groups[x], pair)
        links[keep][x] = links[x][keep] = _Linkage(la.total + lb.total, min(la.low, lb.low))
        _consider(groups, links, heap, keep, x, pair, params)


def _clusters(groups: dict[int, _Group], fixed: Sequence[Sequence[int]]) -> list[Cluster]:
    out = []
    for g, grp in groups.items():
        n = len(grp.members)
        npairs = n * (n - 1) / 2
        cohesion = grp.internal / npairs if npairs else 1.0
        out.append(Cluster(grp.members, float(cohesion), g if g < len(fixed) else None))
    out.sort(key=lambda c: c.members[0])
    return out


def connected_groups(
    n: int, candidates: Iterable[tuple[int, int]], fixed: Sequence[Sequence[int]] = ()
) -> list[list[int]]:
    """The connected components of ``n`` items under the candidate pairs (and the fixed groups),
    each sorted; clustering never merges across them, so they can be clustered one by one."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = [tuple(ij) for ij in candidates] + [(g[0], m) for g in fixed for m in g[1:]]
    for i, j in links:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    comps: dict[int, list[int]] = {}
    for x in range(n):
        comps.setdefault(find(x), []).append(x)
    return sorted(comps.values())


# --------------------------------------------------------------------------- events


def event_id(first: ArticleInfo) -> str:
    """``ev-YYYYMMDD-<8 hex>`` from the earliest article: same earliest article, same id."""
    day = datetime.fromtimestamp(first.time, UTC).strftime("%Y%m%d") if first.time is not None else "undated"
    return f"ev-{day}-{hashlib.sha1(first.id.encode('utf-8')).hexdigest()[:8]}"


def earliest(members: Sequence[ArticleInfo]) -> ArticleInfo:
    return min(members, key=lambda a: (a.time is None, a.time or 0.0, a.id))


def make_event(
    members: Sequence[ArticleInfo],
    cohesion: float,
    *,
    centrality: Mapping[int, float] | None = None,
    event_id_: str | None = None,
) -> Event:
    """An Event of ``members``; ``centrality`` (by rowid) picks each language's title."""
    ordered = sorted(members, key=lambda a: (a.time is None, a.time or 0.0, a.id))
    dated = [a for a in ordered if a.time is not None]
    titles: dict[str, str] = {}
    cent = centrality or {}
    for lang in _lang_order({a.lang for a in ordered}):
        same = [a for a in ordered if a.lang == lang and a.headline]
        if same:
            best = max(same, key=lambda a: (a.copy_of is None, cent.get(a.rowid, 0.0), -ordered.index(a)))
            titles[lang] = best.headline
    roots = {a.copy_of or a.id for a in ordered}
    return Event(
        id=event_id_ or event_id(earliest(ordered)),
        article_ids=[a.id for a in ordered],
        outlets=sorted({a.outlet for a in ordered if a.outlet}),
        langs=_lang_order({a.lang for a in ordered}),
        start=dated[0].published_at if dated else None,
        end=dated[-1].published_at if dated else None,
        titles=titles,
        cohesion=round(float(cohesion), 4),
        n_independent=len(roots),
    )


def _lang_order(langs: Iterable[str]) -> list[str]:
    rank = {lang: i for i, lang in enumerate(LANGS)}
    return sorted(set(langs), key=lambda x: (rank.get(x, len(rank)), x))
