"""The search serving path: batched query embedding, the non-blocking read hold, the query language
for centering, and the one-read best-sentence assembly (checked against the article-by-article way)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from comparator.api.state import BatchingEncoder, QueryVectorCache, ReadWriteLock
from comparator.search import _query_lang


class GatedEmbedder:
    """Vectors derived from the text; the first call waits for ``gate`` so others can queue behind it."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.fail = fail
        self.dim = 4
        self.name = "gated"

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        self.entered.set()
        self.gate.wait(10)
        if self.fail:
            raise RuntimeError("model broke")
        return np.array([[len(t), ord(t[0]), ord(t[-1]), 1.0] for t in texts], np.float32)


def _run_concurrently(batcher: BatchingEncoder, emb: GatedEmbedder, groups: list[list[str]]) -> list[Any]:
    """The first group starts the model; the rest arrive while it runs; then the gate opens."""
    results: list[Any] = [None] * len(groups)

    def call(i: int) -> None:
        try:
            results[i] = batcher.encode(groups[i])
        except Exception as exc:  # compared by the test
            results[i] = exc

    first = threading.Thread(target=call, args=(0,))
    first.start()
    assert emb.entered.wait(10)
    others = [threading.Thread(target=call, args=(i,)) for i in range(1, len(groups))]
    for t in others:
        t.start()
    # Every other caller is queued (waiting on the condition) before the model is released.
    for _ in range(1000):
        with batcher._cond:
            if sum(len(j.texts) for j in batcher._waiting) == sum(len(g) for g in groups[1:]):
                break
        threading.Event().wait(0.005)
    emb.gate.set()
    for t in [first, *others]:
        t.join(10)
    return results


def test_queries_arriving_during_a_model_call_share_the_next_one():
    emb = GatedEmbedder()
    batcher = BatchingEncoder(emb, max_texts=32)  # type: ignore[arg-type]
    groups = [["first"], ["b"], ["ccc", "dd"], ["b"], ["eeee"]]
    results = _run_concurrently(batcher, emb, groups)
    assert len(emb.calls) == 2
    assert emb.calls[0] == ["first"]
    assert sorted(emb.calls[1]) == ["b", "ccc", "dd", "eeee"]  # the repeated "b" embedded once
    for group, vecs in zip(groups, results, strict=True):
        assert vecs.shape == (len(group), 4)
        for text, v in zip(group, vecs, strict=True):
            assert v[0] == len(text) and v[1] == ord(text[0]) and v[2] == ord(text[-1])


def test_a_batch_is_capped_and_the_rest_go_in_the_call_after():
    emb = GatedEmbedder()
    batcher = BatchingEncoder(emb, max_texts=3)  # type: ignore[arg-type]
    groups = [["a0"], ["b1", "b2"], ["c1", "c2"], ["d1"]]
    results = _run_concurrently(batcher, emb, groups)
    assert all(len(call) <= 3 for call in emb.calls)
    assert sorted(t for call in emb.calls for t in call) == ["a0", "b1", "b2", "c1", "c2", "d1"]
    assert all(r.shape == (len(g), 4) for g, r in zip(groups, results, strict=True))


def test_a_model_error_reaches_every_caller_of_that_call():
    emb = GatedEmbedder(fail=True)
    batcher = BatchingEncoder(emb, max_texts=32)  # type: ignore[arg-type]
    results = _run_concurrently(batcher, emb, [["x"], ["y"], ["z"]])
    assert all(isinstance(r, RuntimeError) and "model broke" in str(r) for r in results)
    emb.fail = False
    assert batcher.encode(["again"]).shape == (1, 4)  # the batcher is not left busy


def test_peek_answers_from_the_cache_only():
    emb = GatedEmbedder()
    emb.gate.set()
    cache = QueryVectorCache(emb)  # type: ignore[arg-type]
    assert cache.peek("new query") is None
    assert emb.calls == []
    cache.encode(["new query"])
    v = cache.peek("new query")
    assert v is not None and v[0] == len("new query")
    assert len(emb.calls) == 1 and cache.stats()["model_calls"] == 1


def test_try_read_never_waits_for_a_writer():
    lock = ReadWriteLock()
    assert lock.try_read()
    assert lock.try_read()
    lock.release_read()
    lock.release_read()
    holding = threading.Event()
    release = threading.Event()

    def writer() -> None:
        with lock.write():
            holding.set()
            release.wait(10)

    t = threading.Thread(target=writer)
    t.start()
    assert holding.wait(10)
    assert not lock.try_read()  # an ingest holds the store: the caller takes the waiting path
    release.set()
    t.join(10)
    assert lock.try_read()
    lock.release_read()


@pytest.mark.parametrize(
    "query, lang",
    [
        ("독도 영유권 주장", "ko"),
        ("竹島の領有権を主張", "ja"),
        ("Tom grabbed his bag.", "en"),  # langdetect calls this Danish
        ("ferry", "en"),
        ("Dokdo", "en"),
        ("12:30", None),  # no letters: no centering
    ],
)
def test_query_language_for_centering(query: str, lang: str | None):
    assert _query_lang(query) == lang


@pytest.mark.slow
@pytest.mark.parametrize(
    "query", ["북한 탄도미사일 발사", "北朝鮮 弾道ミサイル 発射", "ferry capsized near the port"]
)
def test_best_sentences_match_the_article_by_article_computation(
    sample_index: Path, real_embedder: Any, query: str
):
    """The one-read assembly picks the same sentence (idx, offsets, text, score) as loading each
    article with its sentences and scoring every stored sentence vector."""
    from comparator.collection import Collection
    from comparator.search import ArticleCache, _with_best_sentences

    coll = Collection(sample_index, exact_max=1_000_000, create=False)
    try:
        q = np.asarray(real_embedder.encode([query]), np.float32)[0]
        rowids, _ = coll.store.article_vectors()
        page_ids = [int(r) for r in rowids[:12]]
        found = coll.store.get_articles_by_rowid(page_ids)
        page = [(found[r], 0.5) for r in page_ids]
        hits = _with_best_sentences(coll, q, page)
        cache = ArticleCache(size=8)  # smaller than the page: entries are evicted on the way
        assert _with_best_sentences(coll, q, page, cache) == hits
        assert _with_best_sentences(coll, q, page, cache) == hits  # now partly from the cache
        assert cache.articles(coll, page_ids) == found
        _, arts, vecs = coll.store.sentence_vectors(coll.model or "", page_ids)
        assert len(hits) == len(page)
        for (sa, _), hit in zip(page, hits, strict=True):
            full = coll.store.get_article(sa.article.id, with_sentences=True).article
            sims = vecs[arts == sa.rowid] @ q
            best = int(np.argmax(sims))
            assert hit.sentence == full.sentences[best]
            assert hit.sentence_score == pytest.approx(float(sims[best]), abs=1e-5)
    finally:
        coll.close()


class SlottedEmbedder:
    """A model that runs ``concurrency`` calls at once; records how many overlapped."""

    def __init__(self, concurrency: int) -> None:
        self.concurrency = concurrency
        self.dim = 4
        self.name = "slotted"
        self.active = 0
        self.most_active = 0
        self.both_in = threading.Barrier(concurrency, timeout=10)
        self._lock = threading.Lock()
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            self.calls.append(list(texts))
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        try:
            # The first `concurrency` calls meet here: this fails (BrokenBarrierError) unless they
            # really run at the same time.
            if len(self.calls) <= self.concurrency:
                self.both_in.wait()
            return np.array([[len(t), ord(t[0]), ord(t[-1]), 1.0] for t in texts], np.float32)
        finally:
            with self._lock:
                self.active -= 1


def test_a_model_with_two_streams_runs_two_batches_at_once():
    emb = SlottedEmbedder(concurrency=2)
    batcher = BatchingEncoder(emb)  # type: ignore[arg-type]
    assert batcher.slots == 2
    texts = [f"query {i}" for i in range(40)]
    results: dict[str, np.ndarray] = {}

    def call(text: str) -> None:
        results[text] = batcher.encode([text])

    threads = [threading.Thread(target=call, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert emb.most_active == 2
    assert sorted(t for c in emb.calls for t in c) == sorted(texts)  # each text embedded once
    for text in texts:
        assert results[text][0, 0] == len(text)


def test_a_model_without_concurrency_gets_one_slot():
    emb = GatedEmbedder()
    assert BatchingEncoder(emb).slots == 1  # type: ignore[arg-type]


def test_a_second_call_waits_for_enough_queries():
    emb = GatedEmbedder()
    emb.concurrency = 2  # type: ignore[attr-defined]
    batcher = BatchingEncoder(emb, min_extra=4)  # type: ignore[arg-type]
    done: list[Any] = []

    def call(text: str) -> None:
        done.append(batcher.encode([text]))

    def waiting() -> int:
        with batcher._cond:
            return sum(len(j.texts) for j in batcher._waiting)

    def settle(n: int) -> None:
        for _ in range(1000):
            if waiting() == n:
                return
            threading.Event().wait(0.005)

    threads = [threading.Thread(target=call, args=("first",))]
    threads[0].start()
    assert emb.entered.wait(10)
    for text in ("a", "b", "c"):
        threads.append(threading.Thread(target=call, args=(text,)))
        threads[-1].start()
    settle(3)
    assert len(emb.calls) == 1  # three waiting queries do not start a second call
    threads.append(threading.Thread(target=call, args=("d",)))
    threads[-1].start()
    for _ in range(1000):
        if len(emb.calls) == 2:
            break
        threading.Event().wait(0.005)
    assert sorted(emb.calls[1]) == ["a", "b", "c", "d"]  # the fourth one did, for all four
    emb.gate.set()
    for t in threads:
        t.join(10)
    assert len(done) == 5
