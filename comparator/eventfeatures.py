"""What the events job reads of each article: vectors, neighbourhoods, sentence-level details.

``load_infos`` reads the articles in scope (article vector, title+lead vector, time, outlet,
near-copy family); ``Features`` adds, lazily and per time block, what the pair scores need: the
neighbourhood each cosine is read against and, for the articles being scored, their sentence
vectors, sentence neighbourhoods and anchors (kept for the most recently used articles).
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

from comparator.errors import InputError, OnError
from comparator.eventneighbours import Reference, article_backgrounds, build_reference, sentence_neighbours
from comparator.events import (
    DAY,
    ArticleDetail,
    ArticleInfo,
    Calibration,
    EventParams,
    parse_time,
    score_pair,
)
from comparator.eventscore import pair_coverage
from comparator.store import Store, text_hash

log = logging.getLogger(__name__)

LEAD_SENTENCES = 2
DETAIL_CACHE = 4096  # articles whose sentence-level details stay in memory


class Features:
    """Article infos of the scope plus lazily loaded sentence-level details (sentence vectors,
    their neighbourhood backgrounds, anchors), kept for the most recently used articles."""

    def __init__(self, store: Store, infos: list[ArticleInfo], params: EventParams) -> None:
        self.store = store
        self.model = store.get_meta("model") or ""
        self.infos = infos
        self.params = params
        self.calibration = Calibration()
        self._refs: OrderedDict[int | None, Reference] = OrderedDict()
        self._blocks: list[int | None] = []
        self.pos = {a.rowid: i for i, a in enumerate(infos)}
        self._details: OrderedDict[int, ArticleDetail] = OrderedDict()
        self._anchors: dict[int, list[Any]] = {}
        # (position, language) -> (story, coverage) of the article's nearest articles there
        self._look_alikes: dict[tuple[int, str], list[tuple[int, float]]] = {}

    def load_sentences(self, positions: Sequence[int]) -> list[np.ndarray]:
        """Sentence vectors of these articles, read in chunks (not cached)."""
        out: list[np.ndarray] = []
        for c in range(0, len(positions), 500):
            rowids = [self.infos[p].rowid for p in positions[c : c + 500]]
            _, owners, vecs = self.store.sentence_vectors(self.model, rowids)
            dim = vecs.shape[1] if vecs.ndim == 2 and vecs.shape[1] else len(self.infos[0].vec)
            # Rows come ordered by article: slice each article's run instead of masking per article.
            starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]]) if len(owners) else []
            runs = {int(owners[a]): (a, b) for a, b in zip(starts, [*starts[1:], len(owners)], strict=True)}
            empty = np.zeros((0, dim), np.float32)
            out.extend(vecs[runs[r][0] : runs[r][1]] if r in runs else empty for r in rowids)
        return out

    def _block(self, p: int) -> int | None:
        t = self.infos[p].time
        return None if t is None else math.floor(t / (self.params.window_days * DAY))

    def reference_for(self, block: int | None) -> Reference:
        """The neighbourhood of articles in time block ``block``: the articles of that block and
        the two beside it (so within about a window), undated ones included; all for undated."""
        if block not in self._refs:
            near = None if block is None else {block - 1, block, block + 1}
            pool = [
                p
                for p in range(len(self.infos))
                if near is None or self._blocks[p] in near or self._blocks[p] is None
            ]
            self._refs[block] = build_reference(
                [self.infos[p] for p in pool], lambda ps: self.load_sentences([pool[i] for i in ps])
            )
            while len(self._refs) > 4:
                self._refs.popitem(last=False)
        self._refs.move_to_end(block)
        return self._refs[block]

    def _by_block(self, positions: Sequence[int]) -> dict[int | None, list[int]]:
        groups: dict[int | None, list[int]] = {}
        for p in positions:
            groups.setdefault(self._blocks[p], []).append(p)
        return dict(sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))

    def prepare(self) -> None:
        """Measure the neighbourhood every article's cosines are read against: the articles
        published around the same time, so yesterday's look-alike does not count against today's."""
        self._blocks = [self._block(p) for p in range(len(self.infos))]
        for block, members in self._by_block(range(len(self.infos))).items():
            article_backgrounds(
                [self.infos[p] for p in members], self.reference_for(block), self.params.k_doc
            )

    def prefetch(self, positions: Sequence[int]) -> None:
        """Load the details of these articles in a few queries."""
        todo = [p for p in sorted(set(positions)) if self.infos[p].rowid not in self._details]
        if not todo:
            return
        texts = self.store.get_articles_by_rowid(
            [self.infos[p].rowid for p in todo if self.infos[p].rowid not in self._anchors]
        )
        for block, members in self._by_block(todo).items():
            sents = self.load_sentences(members)
            families = [self.infos[p].family for p in members]
            neighbours = sentence_neighbours(families, sents, self.reference_for(block), self.params.k_sent)
            for p, sv, nb in zip(members, sents, neighbours, strict=True):
                rowid = self.infos[p].rowid
                if rowid not in self._anchors:  # small, kept for the whole run (details are evicted)
                    art = texts[rowid].article
                    self._anchors[rowid] = _anchors_of(art.text, art.lang)
                self._details[rowid] = ArticleDetail(sv, nb, self._anchors[rowid])
        while len(self._details) > max(DETAIL_CACHE, len(todo)):
            self._details.popitem(last=False)

    def detail(self, p: int) -> ArticleDetail:
        rowid = self.infos[p].rowid
        if rowid not in self._details:
            self.prefetch([p])
        self._details.move_to_end(rowid)
        return self._details[rowid]

    def look_alikes(self, positions: Sequence[int]) -> list[int]:
        """Positions of the nearest articles (per language, by article vector) whose coverage
        makes the coverage background of these articles, for prefetching."""
        m = self.params.k_cov + 1
        out = set()
        for p in positions:
            for by_doc, _ in self.infos[p].neighbours.values():
                out.update(self.pos[int(f)] for f in by_doc.owners[0, :m] if int(f) in self.pos)
        return sorted(out)

    def coverage_background(self, p: int, lang: str, exclude: int) -> float:
        """Mean sentence coverage of article ``p`` with its ``k_cov`` nearest articles in ``lang``
        (stories other than ``exclude``, the partner's), 0 where the window holds fewer."""
        k = self.params.k_cov
        key = (p, lang)
        if key not in self._look_alikes:
            a = self.infos[p]
            nbs = a.neighbours.get(lang)
            found: list[tuple[int, float]] = []
            if nbs is not None:
                for fam in nbs[0].owners[0, : k + 1].tolist():
                    q = self.pos.get(int(fam))
                    if q is None or fam == a.family:
                        continue
                    cov = pair_coverage(
                        a, self.infos[q], self.detail(p), self.detail(q), self.params, self.calibration
                    )
                    found.append((int(fam), cov))
            self._look_alikes[key] = found
        covs = [c for fam, c in self._look_alikes[key] if fam != exclude][:k]
        return sum(covs) / k if k else 0.0

    def score(self, i: int, j: int) -> tuple[float, dict[str, float]]:
        a, b = self.infos[i], self.infos[j]

        def coverage_bg() -> float:
            return (
                self.coverage_background(i, b.lang, b.family) + self.coverage_background(j, a.lang, a.family)
            ) / 2.0

        ev = score_pair(a, b, self.detail(i), self.detail(j), self.params, self.calibration, coverage_bg)
        return ev.score, ev.to_dict()


def _anchors_of(text: str, lang: str) -> list[Any]:
    from comparator.anchors import extract_anchors
    from comparator.errors import UnsupportedLanguageError

    try:
        return extract_anchors(text, lang)
    except UnsupportedLanguageError:
        return []  # other languages: no anchors, the cosines and sentences still count


def load_infos(
    store: Store, *, since: str | None, until: str | None, on_error: OnError, skipped: list[tuple[str, str]]
) -> list[ArticleInfo]:
    """Every article in scope with its article vector and title+lead vector."""
    model = store.get_meta("model") or ""
    lo, hi = bound(since, end=False), bound(until, end=True)
    rows = store.db.execute(
        "SELECT rowid, id, lang, outlet, published_at, copy_of, title, vector FROM articles ORDER BY rowid"
    ).fetchall()
    infos: list[ArticleInfo] = []
    for i in range(0, len(rows), 500):
        chunk = rows[i : i + 500]
        in_scope = []
        for row in chunk:
            t = parse_time(row[4])
            if (lo is not None or hi is not None) and (
                t is None or (lo is not None and t < lo) or (hi is not None and t > hi)
            ):
                continue
            in_scope.append((row, t))
        infos.extend(_infos_of_chunk(store, model, in_scope, on_error, skipped))
    _assign_families(infos)
    return infos


def _assign_families(infos: list[ArticleInfo]) -> None:
    """Near-copies of one story share a family: the rowid of its first article in scope."""
    first: dict[str, int] = {}
    for a in infos:  # in rowid order: an original comes before its copies
        root = a.copy_of or a.id
        a.family = first.setdefault(root, a.rowid)


def _infos_of_chunk(
    store: Store,
    model: str,
    rows: list[tuple[Any, float | None]],
    on_error: OnError,
    skipped: list[tuple[str, str]],
) -> list[ArticleInfo]:
    if not rows:
        return []
    rowids = [r[0][0] for r in rows]
    _, owners, svecs = store.sentence_vectors(model, rowids)
    titles = store.cached_vectors(model, [text_hash(r[0][6]) for r in rows if r[0][6]])
    first_sentence = _first_sentences(store, rowids)
    out = []
    for (rowid, aid, lang, outlet, published, copy_of, title, blob), t in rows:
        sv = svecs[owners == rowid] if len(owners) else np.zeros((0, 0), np.float32)
        if len(sv) == 0:
            err = InputError(f"no sentence vectors for model '{model}'; re-ingest it", source=aid)
            if on_error == "raise":
                raise err
            skipped.append((aid, err.reason))
            continue
        lead = _unit(sv[:LEAD_SENTENCES].mean(axis=0))
        tv = titles.get(text_hash(title)) if title else None
        if tv is not None:
            lead = _unit(lead + _unit(tv))
        vec = np.frombuffer(blob, dtype=np.float32)
        headline = title or first_sentence.get(rowid, "")[:160]
        out.append(ArticleInfo(rowid, aid, lang, vec, lead, t, published, outlet, copy_of, headline))
    return out


def _first_sentences(store: Store, rowids: list[int]) -> dict[int, str]:
    q = (
        "SELECT a.rowid, substr(a.text, s.start + 1, s.end - s.start) FROM articles a JOIN sentences s"
        f" ON s.article_rowid = a.rowid AND s.idx = 0 WHERE a.rowid IN ({','.join('?' * len(rowids))})"
    )
    return {int(r): str(t) for r, t in store.db.execute(q, rowids)}


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / (np.linalg.norm(v) or 1.0)).astype(np.float32)


def bound(value: str | None, *, end: bool) -> float | None:
    """An ISO date or datetime as seconds; a bare date as the end of that day when ``end``."""
    if value is None or not value.strip():
        return None
    t = parse_time(value)
    if t is None:
        raise InputError(
            f"not an ISO 8601 date or datetime: {value!r}", source="--until" if end else "--since"
        )
    if end and len(value.strip()) <= 10:
        t += DAY - 1e-3
    return t
