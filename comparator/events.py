"""Cross-source event alignment: candidate pairs, pair scores and clustering (the batch job's core).

Pure functions over vectors, times and anchors; no SQLite and no model (comparator.eventjob feeds
them from the store). The flow for a set of articles:

1. ``candidate_pairs``: each article asks FAISS for its k nearest articles *in every language*
   (asking per language keeps same-language neighbours from crowding out the translations), only
   among articles dated within ``window_days`` of it. Never all pairs.
2. ``score_pair``: a pair score in [0, 1] from four pieces of evidence: whole-article cosine,
   title+lead cosine, the share of sentences that have a cross-lingual counterpart (ratio-margin
   scored, comparator.align), and shared language-independent anchors (dates, durations, money,
   counts: 25분 / 25分 / 25 minutes).
3. ``cluster_articles``: average-linkage agglomeration with a complete-linkage floor and a time
   span limit. Two groups merge only if their pairs score ``link`` on average AND no pair scores
   below ``floor`` AND the merged group spans at most ``window_days``. That is what keeps hard
   negatives apart: a follow-up that resembles one report of the original story cannot pull the
   whole story in (plain connected components would chain them).
4. ``make_event``: an Event with a stable id derived from its earliest article.

See docs/events.md for the measured figures.
"""

from __future__ import annotations

import hashlib
import heapq
import logging
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from comparator.schema import LANGS, Event

log = logging.getLogger(__name__)

DAY = 86400.0


@dataclass(frozen=True)
class EventParams:
    """Knobs of event finding. Defaults chosen on the sample corpus (docs/events.md)."""

    window_days: float = 3.0  # articles further apart (both dated) are never one event
    k: int = 8  # nearest articles asked per language for each article
    link: float = 0.5  # average pair score two groups need to merge
    floor: float = 0.2  # lowest pair score allowed inside an event
    # The pair score is a logistic function of calibrated evidence (z = standard deviations above
    # the cosine of unrelated articles in the same two languages).
    w_doc: float = 0.8  # per z of the article cosine
    w_lead: float = 0.4  # per z of the title+lead cosine
    w_cov: float = 3.0  # times the share of sentences with a counterpart
    w_anchor: float = 2.0  # times the share of anchors both sides state alike
    w_conflict: float = 3.0  # times the share of anchors the other side states differently
    w_day: float = 0.5  # subtracted per day apart beyond the first
    bias: float = -2.5
    sentence_z: float = 2.0  # a sentence counterpart is a mutual best match at least this z
    # A pair less alike than the average unrelated pair is not one event: skip its finer evidence.
    min_scored_z: float = 0.0


@dataclass
class ArticleInfo:
    """What event finding needs of one article (vectors L2-normalized)."""

    rowid: int
    id: str
    lang: str
    vec: np.ndarray
    lead: np.ndarray  # title + first sentences
    time: float | None = None  # seconds since the epoch, None when undated
    published_at: str | None = None
    outlet: str | None = None
    copy_of: str | None = None
    headline: str = ""  # title, or the first sentence when there is none


@dataclass(frozen=True)
class PairEvidence:
    """The evidence on one pair; cosines as z (standard deviations above unrelated articles)."""

    doc: float
    lead: float
    coverage: float
    anchors: float
    conflicts: float
    score: float

    def to_dict(self) -> dict[str, float]:
        return {k: round(float(v), 4) for k, v in self.__dict__.items()}


def parse_time(value: str | None) -> float | None:
    """Seconds since the epoch of an ISO 8601 date or datetime (naive means UTC); None if unparseable."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        log.warning("published_at %r is not ISO 8601; the article is treated as undated", value)
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def within_window(t1: float | None, t2: float | None, window_days: float) -> bool:
    return t1 is None or t2 is None or abs(t1 - t2) <= window_days * DAY


# --------------------------------------------------------------------------- candidates


def candidate_pairs(
    infos: Sequence[ArticleInfo], queries: Iterable[int], params: EventParams
) -> dict[tuple[int, int], float]:
    """Candidate pairs (i < j, positions in ``infos``) with their article cosine.

    Each query asks, per language, for its k nearest articles dated within the window. Dated
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

    qvecs = np.stack([infos[i].vec for i in queries]).astype(np.float32)
    for lang in sorted({infos[i].lang for i in pool}):
        members = np.array([i for i in pool if infos[i].lang == lang], dtype=np.int64)
        index = faiss.IndexFlatIP(qvecs.shape[1])
        index.add(np.stack([infos[i].vec for i in members]).astype(np.float32))
        k = min(params.k + 1, len(members))  # +1: the query itself when it is in this language
        scores, found = index.search(qvecs, k)
        for row, q in enumerate(queries):
            for s, pos in zip(scores[row], found[row], strict=True):
                if pos < 0:
                    continue
                j = int(members[pos])
                if j == q or not within_window(infos[q].time, infos[j].time, params.window_days):
                    continue
                out[(min(q, j), max(q, j))] = float(s)


# --------------------------------------------------------------------------- pair scores

# Cosines of unrelated articles / sentences (mean, sd) with multilingual-e5-small, measured on the
# sample corpus: the fallback for a language pair the corpus holds too few articles of to measure.
_SAME_LANG = {"doc": (0.93, 0.022), "lead": (0.88, 0.028), "sent": (0.82, 0.028)}
_CROSS_LANG = {"doc": (0.90, 0.018), "lead": (0.85, 0.023), "sent": (0.79, 0.025)}
MIN_CALIBRATION_ARTICLES = 8  # per language, to measure a language pair


@dataclass
class Calibration:
    """Mean and spread of the cosine of unrelated articles (and sentences), per language pair.

    What a cosine means depends on the two languages (same-language cosines run higher with
    e5-style models) and on how alike the corpus is (all Korea-Japan politics, or everything);
    pairs are scored in standard deviations above this background.
    """

    stats: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    n_articles: int = 0

    def of(self, la: str, lb: str) -> dict[str, tuple[float, float]]:
        key = "|".join(sorted((la, lb)))
        if key in self.stats:
            return self.stats[key]
        return _SAME_LANG if la == lb else _CROSS_LANG

    def to_dict(self) -> dict[str, Any]:
        return {
            "stats": {k: {f: list(v) for f, v in d.items()} for k, d in self.stats.items()},
            "n_articles": self.n_articles,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Calibration:
        stats = {k: {f: (float(v[0]), float(v[1])) for f, v in fs.items()} for k, fs in d["stats"].items()}
        return cls(stats, int(d["n_articles"]))


def estimate_calibration(
    infos: Sequence[ArticleInfo],
    sentences: Callable[[int], np.ndarray],
    *,
    n_pairs: int = 2000,
    seed: int = 0,
) -> Calibration:
    """Cosine background per language pair from random article pairs (nearly all unrelated).

    ``sentences(i)`` gives the sentence vectors of ``infos[i]``; one random sentence of each sampled
    article stands for the sentence background. Seeded, so the same articles give the same numbers.
    """
    rng = np.random.default_rng(seed)
    by_lang: dict[str, np.ndarray] = {}
    for lang in sorted({a.lang for a in infos}):
        members = np.array([i for i, a in enumerate(infos) if a.lang == lang])
        if len(members) >= MIN_CALIBRATION_ARTICLES:
            by_lang[lang] = members
    cal = Calibration({}, len(infos))
    langs = sorted(by_lang)
    for x, la in enumerate(langs):
        for lb in langs[x:]:
            ia = rng.choice(by_lang[la], n_pairs)
            ib = rng.choice(by_lang[lb], n_pairs)
            keep = ia != ib
            ia, ib = ia[keep], ib[keep]
            stats = {}
            for name, attr in (("doc", "vec"), ("lead", "lead")):
                cos = np.array(
                    [
                        float(np.dot(getattr(infos[i], attr), getattr(infos[j], attr)))
                        for i, j in zip(ia, ib, strict=True)
                    ]
                )
                stats[name] = (float(cos.mean()), max(float(cos.std()), 1e-3))
            m = min(len(ia), 400)
            cos = np.array(
                [
                    float(np.dot(_random_row(sentences(i), rng), _random_row(sentences(j), rng)))
                    for i, j in zip(ia[:m], ib[:m], strict=True)
                ]
            )
            stats["sent"] = (float(cos.mean()), max(float(cos.std()), 1e-3))
            cal.stats[f"{la}|{lb}"] = stats
    return cal


def _random_row(m: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return m[int(rng.integers(len(m)))]


def _z(cos: float, stat: tuple[float, float]) -> float:
    return (cos - stat[0]) / stat[1]


def sentence_coverage(
    sent_a: np.ndarray, sent_b: np.ndarray, stat: tuple[float, float], min_z: float
) -> float:
    """Share of sentences with a counterpart on the other side, for the side with fewer sentences.

    A counterpart is a mutual best match (competitive, like comparator.align's linking) whose
    cosine is at least ``min_z`` standard deviations above that of unrelated sentences in these two
    languages. The shorter side counts because a brief covering one event fully should match the
    long feature on it, while a long feature shares little with a brief on something else.
    """
    if len(sent_a) == 0 or len(sent_b) == 0:
        return 0.0
    sim = np.asarray(sent_a, np.float32) @ np.asarray(sent_b, np.float32).T
    best_b = sim.argmax(axis=1)
    best_a = sim.argmax(axis=0)
    rows = np.arange(len(sent_a))
    mutual = best_a[best_b] == rows
    strong = sim[rows, best_b] >= stat[0] + min_z * stat[1]
    matched = int((mutual & strong).sum())
    return matched / min(len(sent_a), len(sent_b))


def anchor_evidence(anchors_a: Sequence[Any], anchors_b: Sequence[Any]) -> tuple[float, float]:
    """(agreement, conflict) over the informative anchors of the side with fewer of them.

    Agreement is the share the other side states too (25분 = 25分 = 25 minutes); conflict the share
    the other side states differently and nowhere the same (20 minutes against 25; the 16th
    against the 9th), which is what tells two phone calls of the same leaders apart. Both are
    smoothed (+1 in the denominator) so one figure is weak evidence and three are strong. Bare
    numbers are left out: "3" or "2026" alone says little about the event.
    """
    from comparator.anchors import anchors_agree

    a = _informative(anchors_a)
    b = _informative(anchors_b)
    if not a or not b:
        return 0.0, 0.0
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    keys = {y.key() for y in big}
    by_kind: dict[str, list[Any]] = {}
    for y in big:
        by_kind.setdefault(y.kind, []).append(y)
    agree = conflict = 0
    for x in small:
        if x.key() in keys:
            agree += 1
            continue
        verdicts = [anchors_agree(x, y) for y in by_kind.get(x.kind, ())]
        if any(v is True for v in verdicts):
            agree += 1
        elif any(v is False for v in verdicts):
            conflict += 1
    return agree / (len(small) + 1), conflict / (len(small) + 1)


def _informative(anchors: Sequence[Any]) -> list[Any]:
    seen: dict[tuple[str, Any], Any] = {}
    for a in anchors:
        if a.kind == "number":
            continue
        seen.setdefault(a.key(), a)
    return list(seen.values())


def is_copy_pair(a: ArticleInfo, b: ArticleInfo) -> bool:
    """Near-copies of one wire story (found at ingest) are one event whatever else they say."""
    return a.copy_of == b.id or b.copy_of == a.id or (a.copy_of is not None and a.copy_of == b.copy_of)


def score_pair(
    a: ArticleInfo,
    b: ArticleInfo,
    sent_a: np.ndarray,
    sent_b: np.ndarray,
    anchors_a: Sequence[Any],
    anchors_b: Sequence[Any],
    params: EventParams,
    calibration: Calibration,
) -> PairEvidence:
    """Pair score in [0, 1]: a logistic function of the calibrated cosines, sentence coverage,
    anchor overlap and the time between the two reports."""
    if not within_window(a.time, b.time, params.window_days):
        return PairEvidence(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    p, bg = params, calibration.of(a.lang, b.lang)
    doc = _z(float(np.dot(a.vec, b.vec)), bg["doc"])
    lead = _z(float(np.dot(a.lead, b.lead)), bg["lead"])
    cov = anc = con = 0.0
    if doc >= p.min_scored_z:
        cov = sentence_coverage(sent_a, sent_b, bg["sent"], p.sentence_z)
        anc, con = anchor_evidence(anchors_a, anchors_b)
    days = abs(a.time - b.time) / DAY if a.time is not None and b.time is not None else 0.0
    logit = (
        p.bias
        + p.w_doc * doc
        + p.w_lead * lead
        + p.w_cov * cov
        + p.w_anchor * anc
        - p.w_conflict * con
        - p.w_day * max(0.0, days - 1.0)
    )
    score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
    if is_copy_pair(a, b):
        score = max(score, 0.99)
    return PairEvidence(doc, lead, cov, anc, con, score)


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


@dataclass
class ClusterStats:
    """Counts for the job's summary."""

    articles: int = 0
    candidates: int = 0
    scored: int = 0
    events: int = 0
    singletons: int = 0
    by_size: dict[int, int] = field(default_factory=dict)
