"""Bitext retrieval maths on small hand-made vectors."""

from __future__ import annotations

import numpy as np
import pytest

from comparator.embed.retrieval import accuracy_at_1, bitext_accuracy, ratio_margin, similarity
from comparator.errors import ComparatorError


def _unit(rows):
    m = np.asarray(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_perfect_pairs_score_100_both_ways():
    vecs = _unit(np.eye(5) + 0.01)
    acc = bitext_accuracy(vecs, vecs, k=2)
    assert acc == {
        "src->tgt": {"cosine": 100.0, "margin": 100.0},
        "tgt->src": {"cosine": 100.0, "margin": 100.0},
    }


def test_accuracy_counts_the_diagonal():
    scores = np.array([[0.9, 0.1, 0.0], [0.8, 0.2, 0.1], [0.0, 0.1, 0.7]])
    assert accuracy_at_1(scores) == pytest.approx(200 / 3)


def test_margin_discounts_a_hub_target():
    # target 0 is a "hub": close to every source; cosine sends source 1 to it, margin does not.
    sim = np.array(
        [
            [0.90, 0.40, 0.30, 0.20],
            [0.86, 0.85, 0.30, 0.20],
            [0.84, 0.35, 0.80, 0.20],
            [0.83, 0.30, 0.25, 0.80],
        ]
    )
    assert accuracy_at_1(sim) == 25.0
    assert accuracy_at_1(ratio_margin(sim, k=2)) == 100.0


def test_ratio_margin_matches_the_formula():
    rng = np.random.default_rng(3)
    sim = rng.uniform(-0.2, 0.9, size=(6, 6))
    k = 3
    got = ratio_margin(sim, k)
    for i in range(6):
        for j in range(6):
            src_knn = np.sort(sim[i])[-k:].mean()
            tgt_knn = np.sort(sim[:, j])[-k:].mean()
            assert got[i, j] == pytest.approx(sim[i, j] / ((src_knn + tgt_knn) / 2))


def test_shape_errors():
    with pytest.raises(ComparatorError, match="cannot be compared"):
        similarity(np.zeros((2, 3)), np.zeros((2, 4)))
    with pytest.raises(ComparatorError, match="square"):
        accuracy_at_1(np.zeros((2, 3)))
