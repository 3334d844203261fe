"""What the API keeps for the life of the process: the services, the locks and the query-vector cache.

The store is one SQLite connection (serialized mode: statements from several threads are safe) and
FAISS indexes that are appended to in place. Reads (search, articles, events) share ``store_lock``
and run in parallel; an ingest takes it exclusively, so no reader sees a half-added batch. The
model is loaded under its own ``encode_lock``: a search whose query vector is cached never waits for
another request's model call, and a model call never holds the store. A model that can run several
calls at once (the int8 OpenVINO model: one per CPU stream) is called from several threads; any
other model runs one call at a time under ``encode_lock``.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from comparator.search import ArticleCache
from comparator.services import Services
from comparator.store import text_hash

log = logging.getLogger(__name__)

QUERY_CACHE_SIZE = 4096
# Most new queries embedded in one model call. 16 short queries cost about as much per query as 32
# (int8 model, measured); fewer distinct batch shapes also means fewer OpenVINO shape-cache entries.
MAX_QUERY_BATCH = 16
# While one model call runs, a second one starts only for at least this many waiting queries: a
# call of one or two queries costs nearly what a call of eight does per call, and on the 100k bench
# (2 cores, 20 clients, new queries) 4 gave the best throughput of 1, 4 and 8 (docs/api.md).
MIN_EXTRA_BATCH = 4
_thread = threading.local()


def one_faiss_thread() -> None:
    """Make FAISS searches in the calling thread single-threaded.

    The server already runs requests in parallel threads; a FAISS OpenMP team per one-query search
    only adds hand-offs and, with 20 requests in flight on 2 cores, dozens of spinning threads.
    OpenMP keeps this setting per thread, so each request thread sets it once (setting it in the
    lifespan would only cover the event-loop thread).
    """
    if getattr(_thread, "faiss_single", False):
        return
    try:
        import faiss
    except ImportError:  # the collection reports the missing dependency itself
        return
    faiss.omp_set_num_threads(1)
    _thread.faiss_single = True


class ReadWriteLock:
    """Many readers or one writer; a waiting writer holds off new readers so ingests are not starved."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._writers_waiting = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    def try_read(self) -> bool:
        """Take a read hold only if that needs no wait (no writer holds or wants the lock); the caller
        releases it with ``release_read``. Lets the event loop read without ever blocking on an ingest."""
        with self._cond:
            if self._writer or self._writers_waiting:
                return False
            self._readers += 1
            return True

    def release_read(self) -> None:
        with self._cond:
            self._readers -= 1
            if not self._readers:
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._writers_waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class LockedEmbedder:
    """The services' embedder, loaded once; one call at a time unless the model declares
    ``concurrency`` > 1 (then that many calls may run at once from different threads)."""

    def __init__(self, services: Services, lock: threading.Lock) -> None:
        self._services = services
        self._lock = lock

    @property
    def inner(self) -> Any:
        if self._services._embedder is None:
            with self._lock:  # the first use loads the model, once
                return self._services.embedder
        return self._services.embedder

    @property
    def concurrency(self) -> int:
        return max(1, int(getattr(self.inner, "concurrency", 1)))

    @property
    def dim(self) -> int:
        return int(self.inner.dim)

    @property
    def name(self) -> str:
        return str(self.inner.name)

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        model = self.inner
        if self.concurrency > 1:
            return np.asarray(model.encode(list(texts)), dtype=np.float32)
        with self._lock:
            return np.asarray(model.encode(list(texts)), dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return list(self.inner.count_tokens(texts))


@dataclass
class _EncodeJob:
    texts: list[str]
    vectors: np.ndarray | None = None
    error: BaseException | None = None
    taken: bool = False


class BatchingEncoder:
    """Concurrent model calls merged into one: texts that arrive while a call runs go in the next.

    A caller that finds a model slot free runs the model for every text waiting at that moment (up
    to ``max_texts``); the others wait for their vectors. No timer: a lone query is embedded at
    once, and under load the batch is whatever queued during the running calls. One batched call
    costs far less than the same queries one by one (the int8 model, measured under load: 16 short
    queries in ~5x the time of one), so the throughput of new queries grows with the load instead
    of queuing behind the model. There are as many slots as the model runs calls at once
    (``LockedEmbedder.concurrency``: one per CPU stream for the int8 model, else one).
    """

    def __init__(
        self,
        embedder: LockedEmbedder,
        *,
        max_texts: int = MAX_QUERY_BATCH,
        slots: int | None = None,
        min_extra: int = MIN_EXTRA_BATCH,
    ) -> None:
        self.embedder = embedder
        self.max_texts = max_texts
        self._slots = slots  # read from the model on first use (that loads it)
        self.min_extra = min_extra
        self._cond = threading.Condition()
        self._waiting: list[_EncodeJob] = []
        self._running = 0
        self.calls = 0
        self.texts = 0

    @property
    def slots(self) -> int:
        if self._slots is None:
            self._slots = max(1, int(getattr(self.embedder, "concurrency", 1)))
        return self._slots

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        job = _EncodeJob(list(texts))
        slots = self.slots
        with self._cond:
            self._waiting.append(job)
            while job.vectors is None and job.error is None:
                # A job another caller has taken is already running: wait for it, take no slot.
                if job.taken or not self._may_start(slots):
                    self._cond.wait()
                    continue
                self._running += 1
                batch = self._take()
                self._cond.release()
                try:
                    self._run(batch)
                finally:
                    self._cond.acquire()
                    self._running -= 1
                    self._cond.notify_all()
        if job.error is not None:
            raise job.error
        return job.vectors

    def _may_start(self, slots: int) -> bool:
        """A free slot is taken at once when the model is idle; while another call runs, only for
        enough waiting texts to make a batch worth its fixed cost (``min_extra``)."""
        if self._running >= slots:
            return False
        return self._running == 0 or sum(len(j.texts) for j in self._waiting) >= self.min_extra

    def _take(self) -> list[_EncodeJob]:
        """Waiting jobs in arrival order, as many as fit in ``max_texts`` (always at least one)."""
        n = 0
        for i, job in enumerate(self._waiting):
            n += len(job.texts)
            if i and n > self.max_texts:
                break
        else:
            i = len(self._waiting)
        batch, self._waiting = self._waiting[:i], self._waiting[i:]
        for job in batch:
            job.taken = True
        return batch

    def _run(self, batch: list[_EncodeJob]) -> None:
        unique = list(dict.fromkeys(t for job in batch for t in job.texts))
        try:
            vectors = dict(zip(unique, self.embedder.encode(unique), strict=True))
        except BaseException as exc:  # each waiting caller gets the error, in its own thread
            for job in batch:
                job.error = exc
            return
        with self._cond:  # several slots may finish at once
            self.calls += 1
            self.texts += len(unique)
        for job in batch:
            job.vectors = np.stack([vectors[t] for t in job.texts])


class QueryVectorCache:
    """An LRU of query vectors: a repeated query skips the model, which dominates search latency.

    Misses go through a BatchingEncoder, so new queries that arrive together share one model call.
    """

    def __init__(self, embedder: LockedEmbedder, size: int = QUERY_CACHE_SIZE) -> None:
        self.embedder = embedder
        self.batcher = BatchingEncoder(embedder)
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def dim(self) -> int:
        return self.embedder.dim

    @property
    def name(self) -> str:
        return self.embedder.name

    def peek(self, text: str) -> np.ndarray | None:
        """The cached vector of ``text`` (counted as a hit), or None; never calls the model."""
        with self._lock:
            v = self._vectors.get(text)
            if v is not None:
                self._vectors.move_to_end(text)
                self.hits += 1
        return v

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        out: list[np.ndarray | None] = []
        with self._lock:
            for t in texts:
                v = self._vectors.get(t)
                if v is not None:
                    self._vectors.move_to_end(t)
                    self.hits += 1
                out.append(v)
        missing = [t for t, v in zip(texts, out, strict=True) if v is None]
        if missing:
            fresh = dict(zip(missing, self.batcher.encode(missing), strict=True))
            with self._lock:
                self.misses += len(missing)
                for t, v in fresh.items():
                    self._vectors[t] = v
                    self._vectors.move_to_end(t)
                while len(self._vectors) > self.size:
                    self._vectors.popitem(last=False)
            out = [fresh[t] if v is None else v for t, v in zip(texts, out, strict=True)]
        return np.stack([np.asarray(v, dtype=np.float32) for v in out]) if out else np.zeros((0, self.dim))

    def stats(self) -> dict[str, int]:
        return {
            "size": len(self._vectors),
            "capacity": self.size,
            "hits": self.hits,
            "misses": self.misses,
            "model_calls": self.batcher.calls,
        }


class StoreCachedEmbedder:
    """Embeds texts from the store's embedding cache where it holds them, the model otherwise.

    A comparison of stored articles then runs without the model: their sentences were embedded
    at ingest, with the same model, keyed by text hash.
    """

    def __init__(self, state: ApiState) -> None:
        self.state = state

    @property
    def dim(self) -> int:
        return self.state.embedder.dim

    @property
    def name(self) -> str:
        return self.state.embedder.name

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        hashes = [text_hash(t) for t in texts]
        model = self.state.services.settings.model
        with self.state.store_lock.read():
            cached = self.state.services.collection.store.cached_vectors(model, hashes)
        missing = list(dict.fromkeys(t for t, h in zip(texts, hashes, strict=True) if h not in cached))
        if missing:
            for t, v in zip(missing, self.state.embedder.encode(missing), strict=True):
                cached[text_hash(t)] = v
        return np.stack([cached[h] for h in hashes]).astype(np.float32)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.state.embedder.count_tokens(texts)


@dataclass
class ApiState:
    services: Services
    query_cache_size: int = QUERY_CACHE_SIZE
    store_lock: ReadWriteLock = field(default_factory=ReadWriteLock)
    encode_lock: threading.Lock = field(default_factory=threading.Lock)
    _ingestor: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.embedder = LockedEmbedder(self.services, self.encode_lock)
        self.query_vectors = QueryVectorCache(self.embedder, self.query_cache_size)
        self.articles = ArticleCache()

    @property
    def settings(self) -> Any:
        return self.services.settings

    @property
    def model_loaded(self) -> bool:
        return self.services._embedder is not None

    def ingestor(self) -> Any:
        """One Ingestor for the process (call under store_lock.write()): building one reads every stored
        near-copy signature, too slow to repeat per request on a large index."""
        if self._ingestor is None:
            from comparator.pipeline import Ingestor

            self._ingestor = Ingestor(self.services.collection, self.embedder, self.settings)
        return self._ingestor
