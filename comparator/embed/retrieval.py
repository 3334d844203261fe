"""Bitext retrieval accuracy (the Tatoeba figure): pure numpy, no I/O.

Row ``i`` of ``src`` and row ``i`` of ``tgt`` are translations of each other. Accuracy@1 is the
share of sources whose best-scoring target is their own translation, in percent.

Two scores:
- cosine: the plain inner product of L2-normalized vectors;
- ratio margin (Artetxe & Schwenk 2019): ``cos(x, y)`` divided by the mean of the average cosine
  of ``x`` to its k nearest targets and of ``y`` to its k nearest sources. It discounts "hub"
  sentences that are close to everything.
"""

from __future__ import annotations

import numpy as np

from comparator.errors import ComparatorError


def similarity(src: np.ndarray, tgt: np.ndarray) -> np.ndarray:
    if src.ndim != 2 or tgt.ndim != 2 or src.shape[1] != tgt.shape[1]:
        raise ComparatorError(f"vectors of shapes {src.shape} and {tgt.shape} cannot be compared")
    return src.astype(np.float32) @ tgt.astype(np.float32).T


def ratio_margin(sim: np.ndarray, k: int = 4) -> np.ndarray:
    """Ratio-margin scores from a cosine matrix (rows: sources, columns: targets)."""
    k_src = min(k, sim.shape[1])
    k_tgt = min(k, sim.shape[0])
    # mean of the k largest values along each axis (np.partition avoids a full sort)
    src_knn = np.partition(sim, sim.shape[1] - k_src, axis=1)[:, -k_src:].mean(axis=1)
    tgt_knn = np.partition(sim, sim.shape[0] - k_tgt, axis=0)[-k_tgt:, :].mean(axis=0)
    return sim / ((src_knn[:, None] + tgt_knn[None, :]) / 2.0)


def accuracy_at_1(scores: np.ndarray) -> float:
    """Percent of rows whose best column is the diagonal one."""
    if scores.shape[0] != scores.shape[1] or scores.shape[0] == 0:
        raise ComparatorError(f"accuracy@1 needs a non-empty square score matrix, got {scores.shape}")
    hits = scores.argmax(axis=1) == np.arange(scores.shape[0])
    return float(hits.mean() * 100.0)


def bitext_accuracy(src: np.ndarray, tgt: np.ndarray, *, k: int = 4) -> dict[str, dict[str, float]]:
    """Accuracy@1 in both directions with both scores.

    Returns ``{"src->tgt": {"cosine": .., "margin": ..}, "tgt->src": {...}}``.
    """
    sim = similarity(src, tgt)
    margin = ratio_margin(sim, k)
    return {
        "src->tgt": {"cosine": accuracy_at_1(sim), "margin": accuracy_at_1(margin)},
        "tgt->src": {"cosine": accuracy_at_1(sim.T), "margin": accuracy_at_1(margin.T)},
    }
