"""Neighbourhoods for event finding: the reference sample every background is measured on, and the
nearest reference articles / sentences of each article, one per story.

Every cosine of a pair is read against these (comparator.eventscore): a translation or a second
report of one event stands out from an article's nearest look-alikes, not from random text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from comparator.eventscore import ArticleInfo


@dataclass
class Reference:
    """A deterministic sample of the corpus, per language: every background is measured on it."""

    ids: dict[str, np.ndarray]  # language -> story of each article (ArticleInfo.family)
    docs: dict[str, np.ndarray]  # language -> article vectors (rows as in ids)
    leads: dict[str, np.ndarray]
    sent_owner: dict[str, np.ndarray]  # language -> story of each reference sentence's article
    sents: dict[str, np.ndarray]


def build_reference(
    infos: Sequence[ArticleInfo],
    sentences: Callable[[Sequence[int]], list[np.ndarray]],
    *,
    max_articles: int = 4000,
    max_sentences: int = 12000,
    seed: int = 0,
) -> Reference:
    """Up to ``max_articles`` articles (and ``max_sentences`` of their sentences) per language,
    drawn with a fixed seed: the same scope gives the same reference. ``sentences(positions)``
    returns the sentence vectors of those positions of ``infos``."""
    rng = np.random.default_rng(seed)
    ref = Reference({}, {}, {}, {}, {})
    for lang in sorted({a.lang for a in infos}):
        pos = np.array([i for i, a in enumerate(infos) if a.lang == lang])
        if len(pos) > max_articles:
            pos = np.sort(rng.choice(pos, max_articles, replace=False))
        ref.ids[lang] = np.array([infos[i].family for i in pos], dtype=np.int64)
        ref.docs[lang] = np.stack([infos[i].vec for i in pos]).astype(np.float32)
        ref.leads[lang] = np.stack([infos[i].lead for i in pos]).astype(np.float32)
        mats = sentences([int(i) for i in pos])
        owner = np.concatenate(
            [np.full(len(m), infos[i].family, np.int64) for i, m in zip(pos, mats, strict=True)]
        )
        vecs = np.vstack([m for m in mats if len(m)]).astype(np.float32)
        if len(owner) > max_sentences:
            keep = np.sort(rng.choice(len(owner), max_sentences, replace=False))
            owner, vecs = owner[keep], vecs[keep]
        ref.sent_owner[lang], ref.sents[lang] = owner, vecs
    return ref


@dataclass
class Neighbours:
    """The nearest reference items of each of n vectors, best first: cosines and their stories.

    ``k + spare`` are kept so that a pair's margin can leave the partner article out of the
    background (a translation should not be compared with itself).
    """

    values: np.ndarray  # (n, m) float32, descending per row
    owners: np.ndarray  # (n, m) int64 stories (ArticleInfo.family), -1 where there was no item


def nearest(sim: np.ndarray, ref_owners: np.ndarray, own: int | np.ndarray, m: int) -> Neighbours:
    """The ``m`` best columns of each row of ``sim``, one per owner (a story's near-copies are one
    neighbour, not m); items of the row's own story (``own``, one id or one per row) are left out."""
    n, total = sim.shape
    own_rows = np.broadcast_to(np.asarray(own, dtype=np.int64).reshape(-1, 1), (n, 1))
    sim = np.where(ref_owners[None, :] == own_rows, -np.inf, sim)
    mm = min(3 * m, total)  # room for a few copies of one story among the best
    if mm == 0:
        return Neighbours(np.full((n, m), -np.inf, np.float32), np.full((n, m), -1, np.int64))
    idx = np.argpartition(-sim, mm - 1, axis=1)[:, :mm]
    vals = np.take_along_axis(sim, idx, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    idx, vals = np.take_along_axis(idx, order, axis=1), np.take_along_axis(vals, order, axis=1)
    owners = np.where(np.isfinite(vals), ref_owners[idx], -1)
    # Keep the first (best) item of each owner: a later item repeats an owner seen before it.
    same = owners[:, :, None] == owners[:, None, :]
    repeat = np.triu(same, k=1).any(axis=1) | ~np.isfinite(vals)
    keep = np.argsort(repeat, axis=1, kind="stable")[:, : min(m, mm)]
    vals = np.where(np.take_along_axis(repeat, keep, axis=1), -np.inf, np.take_along_axis(vals, keep, axis=1))
    owners = np.where(np.isfinite(vals), np.take_along_axis(owners, keep, axis=1), -1)
    pad = m - vals.shape[1]
    if pad:
        vals = np.hstack([vals, np.full((n, pad), -np.inf)])
        owners = np.hstack([owners, np.full((n, pad), -1)])
    return Neighbours(vals.astype(np.float32), owners.astype(np.int64))


def background(nb: Neighbours, exclude: int, k: int, pad: float) -> np.ndarray:
    """Per row, the mean cosine of the k nearest items not of story ``exclude`` (padded with
    ``pad``, the unrelated-pair mean, where fewer exist)."""
    ok = (nb.owners != exclude) & np.isfinite(nb.values)
    rank = np.cumsum(ok, axis=1)
    take = ok & (rank <= k)
    got = take.sum(axis=1)
    return (np.where(take, nb.values, 0.0).sum(axis=1) + (k - got) * pad) / k


def article_backgrounds(
    infos: Sequence[ArticleInfo], ref: Reference, k: int, *, spare: int = 4, chunk: int = 1024
) -> None:
    """Set ``neighbours`` on every article: per language, its k + spare nearest reference articles
    there (itself left out), by article vector and by title+lead vector."""
    for c in range(0, len(infos), chunk):
        part = infos[c : c + chunk]
        ids = np.array([a.family for a in part], dtype=np.int64)
        docs = np.stack([a.vec for a in part]).astype(np.float32)
        leads = np.stack([a.lead for a in part]).astype(np.float32)
        for lang in ref.ids:
            by_doc = nearest(docs @ ref.docs[lang].T, ref.ids[lang], ids, k + spare)
            by_lead = nearest(leads @ ref.leads[lang].T, ref.ids[lang], ids, k + spare)
            for row, a in enumerate(part):
                a.neighbours[lang] = (_row(by_doc, row), _row(by_lead, row))


def _row(nb: Neighbours, row: int) -> Neighbours:
    return Neighbours(nb.values[row : row + 1], nb.owners[row : row + 1])


def sentence_neighbours(
    families: Sequence[int],
    sents: Sequence[np.ndarray],
    ref: Reference,
    k: int,
    *,
    spare: int = 12,
    rows_per_product: int = 2048,
) -> list[dict[str, Neighbours]]:
    """For each article (story, sentence vectors), per language, each sentence's k + spare nearest
    reference sentences (its own article's left out). One matrix product per language."""
    counts = [len(m) for m in sents]
    if not sum(counts):
        return [
            {lang: nearest(np.zeros((0, 0)), np.zeros(0, np.int64), 0, k + spare) for lang in ref.sents}
            for _ in sents
        ]
    allv = np.vstack([m for m in sents if len(m)]).astype(np.float32)
    owner = np.repeat(np.asarray(families, dtype=np.int64), counts)
    bounds = np.concatenate([[0], np.cumsum(counts)])
    out: list[dict[str, Neighbours]] = [{} for _ in sents]
    for lang, vecs in ref.sents.items():
        parts = []
        for c in range(0, len(allv), rows_per_product):  # bounds the similarity matrix in memory
            sim = allv[c : c + rows_per_product] @ vecs.T
            parts.append(nearest(sim, ref.sent_owner[lang], owner[c : c + rows_per_product], k + spare))
        nb = Neighbours(np.vstack([x.values for x in parts]), np.vstack([x.owners for x in parts]))
        for i in range(len(sents)):
            lo, hi = bounds[i], bounds[i + 1]
            out[i][lang] = Neighbours(nb.values[lo:hi], nb.owners[lo:hi])
    return out
