import json

import numpy as np
import pytest

from comparator.errors import IndexFormatError
from comparator.index import VectorIndex


def _vecs(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_flat_search_finds_itself(tmp_path):
    idx = VectorIndex(tmp_path / "a.faiss", 16, exact_max=100)
    v = _vecs(20)
    idx.add(np.arange(100, 120), v)
    scores, ids = idx.search(v[3], 2)
    assert ids[0, 0] == 103
    assert scores[0, 0] == pytest.approx(1.0, abs=1e-5)
    assert idx.kind == "flat"


def test_switches_to_hnsw_above_threshold_and_keeps_ids(tmp_path):
    idx = VectorIndex(tmp_path / "a.faiss", 16, exact_max=50)
    v = _vecs(80)
    idx.add(np.arange(40), v[:40])
    assert idx.kind == "flat"
    idx.add(np.arange(40, 80), v[40:])
    assert idx.kind == "hnsw"
    assert idx.ntotal == 80
    _, ids = idx.search(v[[5, 60]], 1)
    assert ids[:, 0].tolist() == [5, 60]


def test_save_load_round_trip_and_sidecar(tmp_path):
    idx = VectorIndex(tmp_path / "a.faiss", 16, exact_max=100)
    idx.add(np.arange(10), _vecs(10))
    idx.save()
    meta = json.loads((tmp_path / "a.faiss.json").read_text())
    assert meta == {"ntotal": 10, "dim": 16, "kind": "flat"}
    again = VectorIndex(tmp_path / "a.faiss", 16, exact_max=100)
    assert again.load() is True
    assert again.ntotal == 10
    assert not list(tmp_path.glob("*.tmp"))


def test_corrupt_file_is_a_clear_error(tmp_path):
    (tmp_path / "a.faiss").write_bytes(b"not faiss at all")
    with pytest.raises(IndexFormatError, match="a.faiss"):
        VectorIndex(tmp_path / "a.faiss", 16, exact_max=100).load()


def test_dimension_mismatch_is_a_clear_error(tmp_path):
    idx = VectorIndex(tmp_path / "a.faiss", 16, exact_max=100)
    idx.add(np.arange(3), _vecs(3))
    idx.save()
    with pytest.raises(IndexFormatError, match="16-dim"):
        VectorIndex(tmp_path / "a.faiss", 32, exact_max=100).load()


def test_empty_index_search(tmp_path):
    idx = VectorIndex(tmp_path / "a.faiss", 16, exact_max=100)
    scores, ids = idx.search(_vecs(1), 5)
    assert ids.shape == (1, 0)
