"""What the API keeps for the life of the process: the services, the locks and the query-vector cache.

The store is one SQLite connection and FAISS indexes that are appended to in place, so every call
that touches the collection runs under ``store_lock``. The model runs under its own
``encode_lock``: a search whose query vector is cached never waits for another request's model
call, and a model call never blocks the store for longer than it needs.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from comparator.services import Services
from comparator.store import text_hash

log = logging.getLogger(__name__)

QUERY_CACHE_SIZE = 4096


class LockedEmbedder:
    """The services' embedder, one model call at a time."""

    def __init__(self, services: Services, lock: threading.Lock) -> None:
        self._services = services
        self._lock = lock

    @property
    def inner(self) -> Any:
        return self._services.embedder

    @property
    def dim(self) -> int:
        return int(self.inner.dim)

    @property
    def name(self) -> str:
        return str(self.inner.name)

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        with self._lock:  # also makes the first-use model load happen once
            return np.asarray(self._services.embedder.encode(list(texts)), dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return list(self.inner.count_tokens(texts))


class QueryVectorCache:
    """An LRU of query vectors: a repeated query skips the model, which dominates search latency."""

    def __init__(self, embedder: LockedEmbedder, size: int = QUERY_CACHE_SIZE) -> None:
        self.embedder = embedder
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
            fresh = dict(zip(missing, self.embedder.encode(missing), strict=True))
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
        return {"size": len(self._vectors), "capacity": self.size, "hits": self.hits, "misses": self.misses}


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
        with self.state.store_lock:
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
    store_lock: threading.RLock = field(default_factory=threading.RLock)
    encode_lock: threading.Lock = field(default_factory=threading.Lock)
    _ingestor: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.embedder = LockedEmbedder(self.services, self.encode_lock)
        self.query_vectors = QueryVectorCache(self.embedder, self.query_cache_size)

    @property
    def settings(self) -> Any:
        return self.services.settings

    @property
    def model_loaded(self) -> bool:
        return self.services._embedder is not None

    def ingestor(self) -> Any:
        """One Ingestor for the process (call under store_lock): building one reads every stored
        near-copy signature, too slow to repeat per request on a large index."""
        if self._ingestor is None:
            from comparator.pipeline import Ingestor

            self._ingestor = Ingestor(self.services.collection, self.embedder, self.settings)
        return self._ingestor
