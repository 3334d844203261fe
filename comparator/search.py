"""Cross-lingual article search over a collection: the query in any language, filters, paging."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np

from comparator.centering import center
from comparator.collection import Collection
from comparator.errors import InputError
from comparator.schema import Article, Sentence
from comparator.store import StoredArticle

MAX_QUERY_CHARS = 2_000
# Articles whose rows and sentence vectors a long-lived searcher keeps (~20 KB each: ~80 MB).
ARTICLE_CACHE_SIZE = 4096
# Query feedback (see _with_feedback): the nearest FEEDBACK_HITS articles in other languages than
# the query's, among its FEEDBACK_POOL nearest, their score-weighted mean added with this weight.
FEEDBACK_HITS = 3
FEEDBACK_POOL = 32
FEEDBACK_WEIGHT = 0.5


@dataclass
class SearchHit:
    article: Article  # without sentences
    score: float
    sentence: Sentence | None  # the sentence of the article closest to the query
    sentence_score: float | None

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "lang": a.lang,
            "published_at": a.published_at,
            "url": a.url,
            "copy_of": a.copy_of,
            "score": round(self.score, 4),
            # Spelled out: Sentence.to_dict (dataclasses.asdict) deep-copies, ~30 us a hit.
            "sentence": None
            if self.sentence is None
            else {
                "idx": self.sentence.idx,
                "start": self.sentence.start,
                "end": self.sentence.end,
                "text": self.sentence.text,
                "score": round(self.sentence_score or 0.0, 4),
            },
        }


@dataclass(frozen=True)
class SearchFilters:
    lang: str | None = None
    outlet: str | None = None
    since: str | None = None  # ISO date or datetime, inclusive
    until: str | None = None  # ISO date or datetime, inclusive (a bare date covers the whole day)

    def active(self) -> bool:
        return any((self.lang, self.outlet, self.since, self.until))

    def accepts(self, a: Article) -> bool:
        if self.lang and a.lang != self.lang:
            return False
        if self.outlet and (a.outlet or "").casefold() != self.outlet.casefold():
            return False
        if self.since or self.until:
            if not a.published_at:
                return False
            day = a.published_at[:10]
            if self.since and (a.published_at if len(self.since) > 10 else day) < self.since:
                return False
            if self.until and (a.published_at if len(self.until) > 10 else day) > self.until:
                return False
        return True


def search(
    collection: Collection,
    embedder: Any,
    query: str,
    *,
    k: int = 10,
    offset: int = 0,
    filters: SearchFilters | None = None,
    cache: ArticleCache | None = None,
) -> list[SearchHit]:
    """Top-k articles for a query, best first, after ``offset`` filtered hits. A long-lived caller
    (the API) passes an ArticleCache so that articles found again are not read again."""
    query = (query or "").strip()
    if not query:
        raise InputError("empty query", source="query")
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"query has {len(query)} characters; the limit is {MAX_QUERY_CHARS}", source="query")
    if k < 1 or offset < 0:
        raise InputError(f"k must be >= 1 and offset >= 0 (got k={k}, offset={offset})", source="query")
    filters = filters or SearchFilters()
    index = collection.article_index
    if index is None or index.ntotal == 0:
        return []
    raw_qvec = np.asarray(embedder.encode([query]), dtype=np.float32)[0]
    lang = _query_lang(query)
    qvec = collection.center_query(raw_qvec, lang)
    qvec = cache.moved_query(collection, qvec, lang) if cache else _with_feedback(collection, qvec, lang)
    want = offset + k
    fetch = want * (8 if filters.active() else 1)
    while True:
        scores, ids = index.search(qvec[None, :], min(fetch, index.ntotal))
        pairs = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
        rowids = [i for i, _ in pairs]
        found = (
            cache.articles(collection, rowids) if cache else collection.store.get_articles_by_rowid(rowids)
        )
        hits = [(found[i], s) for i, s in pairs if i in found and filters.accepts(found[i].article)]
        if len(hits) >= want or fetch >= index.ntotal:
            break
        fetch *= 4
    page = hits[offset:want]
    return _with_best_sentences(collection, raw_qvec, page, cache)


def _with_feedback(collection: Collection, qvec: np.ndarray, lang: str | None) -> np.ndarray:
    """The query vector moved toward its nearest articles in the other languages (pseudo-relevance
    feedback, Rocchio style), normalized.

    A word can mean two things in one language only: 통화 is a phone call or a currency, 정상 a
    summit or "normal". Same-language articles that share the word score high on its spelling
    alone; reports in another language share no spelling with the query, so the nearest of them
    reflect what the query means as a whole, its other words included. On the sample corpus,
    "한일 정상 전화 통화" then ranks the leaders'-call reports above the currency-swap story
    (average precision 0.75 -> 0.99), and titles as queries find their event's other reports
    better (mean average precision 0.62 -> 0.69). Like any pseudo-relevance feedback it can drift
    when the nearest other-language reports are off the query's topic: on the sample, "추도식 광산"
    (average precision 0.63 -> 0.52) and "다케시마의 날" (0.82 -> 0.73) lose a little.
    """
    index = collection.article_index
    if lang is None or index is None or index.ntotal == 0:
        return qvec
    scores, ids = index.search(qvec[None, :], min(FEEDBACK_POOL, index.ntotal))
    score_of = {int(i): float(s) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0}
    # Languages and vectors only (one small read): loading the pool's articles whole cost more than
    # the rest of a new query's search at 100k articles.
    rows = collection.store.article_langs_vectors(list(score_of))
    others = [(r, row_lang, vec) for r, row_lang, vec in rows if row_lang != lang][:FEEDBACK_HITS]
    if not others:
        return qvec  # a one-language index: nothing to learn the query's meaning from
    # Weighted by their scores: a far third report (another event by the same outlet) pulls little.
    weights = np.array([max(score_of[r], 0.0) for r, _, _ in others], np.float32)
    if not weights.sum():
        return qvec
    vecs = center(
        np.stack([v for _, _, v in others]), [row_lang for _, row_lang, _ in others], collection.lang_means
    )
    moved = qvec + FEEDBACK_WEIGHT * (weights / weights.sum()) @ vecs
    norm = float(np.linalg.norm(moved))
    return (moved / norm).astype(np.float32) if norm > 0 else qvec


def _with_best_sentences(
    collection: Collection, qvec: np.ndarray, page: list[Any], cache: ArticleCache | None = None
) -> list[SearchHit]:
    """Each hit with its sentence closest to the (raw) query vector: one store read for the page."""
    if not page:
        return []
    rowids = [sa.rowid for sa, _ in page]
    arts, spans, vecs = cache.sentences(collection, rowids) if cache else collection.sentence_spans(rowids)
    sims = vecs @ qvec if len(arts) else np.zeros(0, np.float32)
    out = []
    for sa, score in page:
        sent, sscore = None, None
        rows = np.flatnonzero(arts == sa.rowid)
        if len(rows):
            best = int(rows[np.argmax(sims[rows])])
            idx, start, end = (int(x) for x in spans[best])
            sent = Sentence(idx=idx, start=start, end=end, text=sa.article.text[start:end])
            sscore = float(sims[best])
        out.append(SearchHit(article=sa.article, score=score, sentence=sent, sentence_score=sscore))
    return out


class ArticleCache:
    """An LRU of what a search reads per article (the row, its sentences' offsets and vectors).

    Stored articles never change (an ingest only adds rows, under new rowids), so an entry never
    goes stale. Thread-safe: the API searches from the event loop and from worker threads.
    """

    def __init__(self, size: int = ARTICLE_CACHE_SIZE) -> None:
        self.size = size
        self._rows: OrderedDict[int, StoredArticle] = OrderedDict()
        self._sents: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        # Query vectors after feedback, per (query vector, language, index size): a repeated query
        # skips the feedback search; an ingest changes the size, so no entry outlives the index it
        # was computed on.
        self._moved: OrderedDict[tuple[bytes, str | None, int], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def moved_query(self, collection: Collection, qvec: np.ndarray, lang: str | None) -> np.ndarray:
        """``_with_feedback(collection, qvec, lang)``, remembered."""
        index = collection.article_index
        key = (qvec.tobytes(), lang, index.ntotal if index is not None else 0)
        with self._lock:
            hit = self._moved.get(key)
            if hit is not None:
                self._moved.move_to_end(key)
                return hit
        moved = _with_feedback(collection, qvec, lang)
        with self._lock:
            self._moved[key] = moved
            while len(self._moved) > self.size:
                self._moved.popitem(last=False)
        return moved

    def articles(self, collection: Collection, rowids: list[int]) -> dict[int, StoredArticle]:
        with self._lock:
            out = {r: self._rows[r] for r in rowids if r in self._rows}
            for r in out:
                self._rows.move_to_end(r)
        missing = [r for r in rowids if r not in out]
        if missing:
            fresh = collection.store.get_articles_by_rowid(missing)
            out.update(fresh)
            with self._lock:
                self._rows.update(fresh)
                while len(self._rows) > self.size:
                    self._rows.popitem(last=False)
        return out

    def sentences(
        self, collection: Collection, rowids: list[int]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The same (article rowids, spans, vectors) as ``Collection.sentence_spans``."""
        with self._lock:
            got = {r: self._sents[r] for r in rowids if r in self._sents}
            for r in got:
                self._sents.move_to_end(r)
        missing = [r for r in rowids if r not in got]
        if missing:
            arts, spans, vecs = collection.sentence_spans(missing)
            fresh = {r: (spans[arts == r], vecs[arts == r]) for r in missing}
            got.update(fresh)
            with self._lock:
                self._sents.update(fresh)
                while len(self._sents) > self.size:
                    self._sents.popitem(last=False)
        order = [r for r in dict.fromkeys(rowids) if len(got[r][0])]
        if not order:
            return collection.sentence_spans([])
        arts = np.concatenate([np.full(len(got[r][0]), r, np.int64) for r in order])
        return arts, np.concatenate([got[r][0] for r in order]), np.concatenate([got[r][1] for r in order])


@functools.lru_cache(maxsize=4096)
def _query_lang(query: str) -> str | None:
    """The query's language for centering; None (no centering) when it cannot be told.

    Queries are ja / ko / en (the languages the index centers), so a query written only in Latin
    letters is centered as English without langdetect: on a few words langdetect is unreliable
    ("Tom grabbed his bag." reads as Danish) and it costs 5 to 60 ms per new query, serialized.
    """
    from comparator.errors import UnsupportedLanguageError
    from comparator.langid import count_scripts, detect_language

    counts = count_scripts(query)
    if counts.latin and not counts.cjk and not counts.other:
        return "en"
    try:
        return detect_language(query)
    except UnsupportedLanguageError:
        return None
