"""FAISS vector indexes: the only module that knows their file format.

An index maps SQLite rowids to L2-normalized vectors (inner product = cosine). Up to
``exact_max`` vectors it is exact (``IndexFlatIP``); above that it is HNSW (M=32, efSearch=128),
which keeps search sub-linear at the cost of a slightly approximate top-k. Files are written
atomically (temp file + fsync + rename). A sidecar JSON records how many vectors the file holds so
that a file that fell behind its store (a crash between the SQLite commit and the FAISS save) is
detected and rebuilt from the store.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from comparator.atomic import write_bytes
from comparator.errors import IndexFormatError

log = logging.getLogger(__name__)

HNSW_M = 32
HNSW_EF_SEARCH = 128
HNSW_EF_CONSTRUCTION = 80


def _faiss() -> Any:
    import faiss

    return faiss


class VectorIndex:
    """One FAISS index file plus its sidecar, keyed by int64 ids."""

    def __init__(self, path: Path, dim: int, *, exact_max: int) -> None:
        self.path = Path(path)
        self.dim = dim
        self.exact_max = exact_max
        self._index = self._new(kind="flat")

    # --- construction ---------------------------------------------------------------------------
    def _new(self, kind: str) -> Any:
        faiss = _faiss()
        if kind == "flat":
            inner = faiss.IndexFlatIP(self.dim)
        else:
            inner = faiss.IndexHNSWFlat(self.dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            inner.hnsw.efSearch = HNSW_EF_SEARCH
        return faiss.IndexIDMap2(inner)

    @property
    def kind(self) -> str:
        inner = _faiss().downcast_index(self._index.index)
        return "hnsw" if "HNSW" in type(inner).__name__ else "flat"

    @property
    def ntotal(self) -> int:
        return int(self._index.ntotal)

    def rebuild(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        kind = "hnsw" if len(ids) > self.exact_max else "flat"
        self._index = self._new(kind)
        if len(ids):
            self._add(ids, vectors)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids) == 0:
            return
        if self.kind == "flat" and self.ntotal + len(ids) > self.exact_max:
            # Crossing the threshold: move everything into HNSW once.
            old_ids, old_vecs = self._all()
            self._index = self._new("hnsw")
            if len(old_ids):
                self._add(old_ids, old_vecs)
        self._add(ids, vectors)

    def _add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        vecs = np.ascontiguousarray(vectors, dtype=np.float32)
        if vecs.ndim != 2 or vecs.shape[1] != self.dim:
            raise IndexFormatError(
                f"{self.path}: vectors of shape {vecs.shape} do not fit an index of {self.dim} dims"
            )
        self._index.add_with_ids(vecs, np.ascontiguousarray(ids, dtype=np.int64))

    def _all(self) -> tuple[np.ndarray, np.ndarray]:
        n = self.ntotal
        ids = _faiss().vector_to_array(self._index.id_map).astype(np.int64)
        vecs = (
            np.vstack([self._index.reconstruct(int(i)) for i in ids])
            if n
            else np.zeros((0, self.dim), np.float32)
        )
        return ids, vecs

    # --- search ---------------------------------------------------------------------------------
    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids), each (n_queries, k'); ids are -1 where fewer than k vectors exist."""
        q = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = max(1, min(k, self.ntotal)) if self.ntotal else 1
        if self.ntotal == 0:
            return np.zeros((len(q), 0), np.float32), np.zeros((len(q), 0), np.int64)
        scores, ids = self._index.search(q, k)
        return scores, ids

    # --- files ----------------------------------------------------------------------------------
    @property
    def sidecar(self) -> Path:
        return self.path.with_suffix(self.path.suffix + ".json")

    def save(self) -> None:
        faiss = _faiss()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(self.path, faiss.serialize_index(self._index).tobytes())
        meta = {"ntotal": self.ntotal, "dim": self.dim, "kind": self.kind}
        write_bytes(self.sidecar, json.dumps(meta).encode())

    def load(self) -> bool:
        """Load from disk. False when there is no file yet; IndexFormatError when it is unreadable."""
        if not self.path.exists():
            return False
        faiss = _faiss()
        try:
            data = np.fromfile(self.path, dtype=np.uint8)
            index = faiss.deserialize_index(data)
        except Exception as exc:  # faiss raises RuntimeError with C++ text
            raise IndexFormatError(f"{self.path} is not a readable FAISS index: {exc}") from exc
        if index.d != self.dim:
            raise IndexFormatError(f"{self.path} holds {index.d}-dim vectors; the model gives {self.dim}")
        inner = faiss.downcast_index(index.index)
        if hasattr(inner, "hnsw"):
            inner.hnsw.efSearch = HNSW_EF_SEARCH
        self._index = index
        return True
