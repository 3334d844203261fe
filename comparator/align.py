"""Sentence alignment of independently written reports: pure numpy, no I/O, no model.

News reports of one event reorder, merge, split and omit, so the alignment is order-free and allows
2-1 / 1-2 links between a sentence and two ADJACENT sentences of the other side. Scores are ratio
margins (Artetxe & Schwenk 2019): a pair's cosine divided by the mean cosine of both sentences' k
nearest neighbours, which cancels the hubness and the compressed cosine range of e5-style models.
Links are chosen by competitive linking (best remaining candidate first, each sentence used once),
then a second pass links pairs just under the threshold when each is the other's clear best.
See docs/alignment.md for the data structures, the labels and the measured figures.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from comparator.errors import InputError

log = logging.getLogger(__name__)

SHARED, PARTIAL, UNIQUE = "shared", "partial", "unique"


@dataclass(frozen=True)
class AlignParams:
    """Thresholds of the aligner. Defaults were tuned for multilingual-e5-small query vectors on the
    dev portions of FLORES and Park (docs/alignment.md); other models may need other cosine floors."""

    k: int = 4  # neighbours in the margin denominator
    background_cos: float | None = 0.82  # stands in for missing neighbours in short articles (None: clip k)
    min_margin: float = 1.02  # a link needs this margin ...
    min_cos: float = 0.80  # ... and this cosine
    mutual_margin: float | None = None  # a mutual best pair needs only this margin
    solo_cos: float = 0.92  # or this cosine alone (tiny articles, where margins carry no information)
    shared_margin: float = 1.035  # links at or above both of these are "shared", weaker ones "partial"
    shared_cos: float = 0.83
    partial_margin: float = 1.05  # an unlinked sentence this close to a taken one is "partial"
    evidence_weight: float = 0.02  # margin added per unit of language-independent pair evidence
    merges: bool = True  # allow 2-1 and 1-2 links of adjacent sentences
    merge_gain: float = 0.03  # a merge must beat its best single-sentence link by this much margin
    merge_part_margin: float = 1.01  # each merged sentence must still resemble the target on its own
    near_margin: float | None = 1.01  # second pass (None: off): an unlinked pair this close still links
    near_gap: float | None = 0.015  # when it beats every rival in its row and column by this much
    near_cos: float = 0.83  # and has this cosine (that of a "shared" link)
    near_local: bool = False  # or (off: measured, see docs) when it sits next to a link, same direction


@dataclass
class SentenceLink:
    """Sentences ``a`` of the first article carry the content of sentences ``b`` of the second."""

    a: list[int]
    b: list[int]
    score: float  # ratio margin of the link (merged vector for 2-1 / 1-2)
    kind: str  # "1-1", "2-1" or "1-2"
    cos: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "score": round(self.score, 4),
            "kind": self.kind,
            "cos": round(self.cos, 4),
        }


@dataclass
class Alignment:
    """Links between two articles plus one label per sentence: "shared", "partial" or "unique"."""

    links: list[SentenceLink]
    labels_a: list[str]
    labels_b: list[str]

    def to_dict(self) -> dict[str, object]:
        return {
            "links": [lk.to_dict() for lk in self.links],
            "labels_a": self.labels_a,
            "labels_b": self.labels_b,
        }

    def partners_a(self, i: int) -> list[int]:
        """Sentences of the second article linked to sentence ``i`` of the first."""
        return [j for lk in self.links if i in lk.a for j in lk.b]

    def partners_b(self, j: int) -> list[int]:
        return [i for lk in self.links if j in lk.b for i in lk.a]


@dataclass
class GroupAlignment:
    """Alignment of the N articles of one event.

    ``pairs[(i, j)]`` (i < j) aligns article i (side a) with article j (side b).
    ``coverage[i][s]`` maps every OTHER article j that carries sentence s of article i to the label
    ("shared" or "partial") sentence s got in that pairwise alignment; an empty dict means no other
    article carries it.
    """

    pairs: dict[tuple[int, int], Alignment]
    coverage: list[list[dict[int, str]]] = field(default_factory=list)

    def carriers(self, article: int, sentence: int) -> list[int]:
        """Other articles that carry this sentence, in article order."""
        return sorted(self.coverage[article][sentence])

    def unique_sentences(self, article: int) -> list[int]:
        """Sentences of ``article`` that no other article carries."""
        return [s for s, cov in enumerate(self.coverage[article]) if not cov]

    def counterparts(self, article: int, sentence: int, other: int) -> list[int]:
        """Sentences of article ``other`` linked to ``sentence`` of ``article``."""
        if article == other:
            return [sentence]
        if article < other:
            return self.pairs[(article, other)].partners_a(sentence)
        return self.pairs[(other, article)].partners_b(sentence)

    def to_dict(self) -> dict[str, object]:
        return {
            "pairs": [{"a": i, "b": j, **al.to_dict()} for (i, j), al in sorted(self.pairs.items())],
            "coverage": [
                [{str(j): lab for j, lab in sorted(cov.items())} for cov in art] for art in self.coverage
            ],
        }


def margin_scores(sim: np.ndarray, k: int = 4) -> np.ndarray:
    """Ratio margin: sim / mean(mean top-k of the row, mean top-k of the column).

    k is clipped to the number of candidates on each side. With a single candidate the margin of a
    pair is 1 whatever its cosine, which is why the aligner also has a cosine-only rule.
    """
    sim = np.asarray(sim, dtype=np.float64)
    if sim.ndim != 2:
        raise InputError(f"similarity matrix must be 2-D, got shape {sim.shape}", source="margin_scores")
    n_a, n_b = sim.shape
    if n_a == 0 or n_b == 0:
        return np.zeros_like(sim)
    return sim / _margin_denominator(_topk_mean(sim, k, axis=1), _topk_mean(sim, k, axis=0))


def _topk_mean(sim: np.ndarray, k: int, axis: int, pad: float | None = None) -> np.ndarray:
    """Mean of the k largest values along ``axis``.

    With fewer than k values, k is clipped, or (``pad`` given) the missing neighbours count as
    ``pad``: a prior for an unrelated sentence's similarity, so that margins in two-sentence articles
    mean what they mean in long ones.
    """
    n = sim.shape[axis]
    kk = max(1, min(int(k), n))
    top = np.partition(sim, n - kk, axis=axis)
    top = top[:, n - kk :] if axis == 1 else top[n - kk :, :]
    total = top.sum(axis=axis)
    if pad is None or kk >= k:
        return total / kk
    return (total + (k - kk) * pad) / k


def _margin_denominator(row: np.ndarray, col: np.ndarray) -> np.ndarray:
    # Ratio margins assume positive neighbourhood similarity (true of e5-style models); the floor
    # keeps models with negative cosines from flipping signs.
    return np.maximum((row[:, None] + col[None, :]) / 2.0, 1e-6)


def _normalize(emb: np.ndarray, name: str) -> np.ndarray:
    emb = np.asarray(emb, dtype=np.float64)
    if emb.ndim == 1 and emb.size == 0:
        emb = emb.reshape(0, 0)
    if emb.ndim != 2:
        raise InputError(
            f"embeddings must be a 2-D array (sentences x dims), got shape {emb.shape}", source=name
        )
    norms = np.linalg.norm(emb, axis=1, keepdims=True)
    return emb / np.where(norms > 0, norms, 1.0)


def _evidence(evidence: np.ndarray | None, n_a: int, n_b: int) -> np.ndarray:
    if evidence is None:
        return np.zeros((n_a, n_b))
    ev = np.asarray(evidence, dtype=np.float64)
    if ev.shape != (n_a, n_b):
        raise InputError(
            f"evidence must be {n_a} x {n_b} (sentences of a x b), got {ev.shape}", source="evidence"
        )
    return ev


def _cosines(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    # einsum, not a BLAS matmul: for article-sized matrices a threaded BLAS spends ~30 ms waking
    # its threads on a busy machine, einsum's plain loop takes under 1 ms.
    return np.einsum("id,jd->ij", x, y)


def _merged(emb: np.ndarray) -> np.ndarray:
    """Normalized sums of adjacent rows: row i stands for sentences i and i+1 together."""
    if len(emb) < 2:
        return np.zeros((0, emb.shape[1]))
    return _normalize(emb[:-1] + emb[1:], "merged")


@dataclass(order=True)
class _Candidate:
    sort_key: float
    a: tuple[int, ...]
    b: tuple[int, ...]
    cos: float


def _accept(margin: np.ndarray, cos: np.ndarray, p: AlignParams) -> np.ndarray:
    return ((margin >= p.min_margin) & (cos >= p.min_cos)) | (cos >= p.solo_cos)


def _single_candidates(sim: np.ndarray, marg: np.ndarray, p: AlignParams) -> list[_Candidate]:
    ok = _accept(marg, sim, p)
    if p.mutual_margin is not None:
        mutual = (marg == marg.max(axis=1, keepdims=True)) & (marg == marg.max(axis=0, keepdims=True))
        ok |= mutual & (marg >= p.mutual_margin) & (sim >= p.min_cos)
    return [
        _Candidate(float(marg[i, j]), (int(i),), (int(j),), float(sim[i, j]))
        for i, j in zip(*np.nonzero(ok), strict=True)
    ]


def _merge_candidates(
    sim: np.ndarray,
    marg: np.ndarray,
    merged_sim: np.ndarray,
    row_den: np.ndarray,
    col_den: np.ndarray,
    bonus: np.ndarray,
    p: AlignParams,
    swap: bool,
) -> list[_Candidate]:
    """2-1 candidates: row i of ``merged_sim`` is sentences (i, i+1) of one side against the other side.

    ``sim``/``marg``/``row_den`` are oriented the same way (merged side first); ``swap`` turns the
    result into 1-2. The merged vector's margin uses the mean of its parts' neighbourhoods: a sum of
    two sentences sits closer to everything (its own neighbourhood would under-rate it). Both parts
    must resemble the target on their own, which keeps a sentence from being glued to a true pair.
    """
    if merged_sim.size == 0:
        return []
    mmarg = merged_sim / _margin_denominator((row_den[:-1] + row_den[1:]) / 2.0, col_den)
    mmarg += np.maximum(bonus[:-1], bonus[1:])
    ok = (
        _accept(mmarg, merged_sim, p)
        & (mmarg >= np.maximum(marg[:-1], marg[1:]) + p.merge_gain)
        & (np.minimum(marg[:-1], marg[1:]) >= p.merge_part_margin)
    )
    out = []
    for i, j in zip(*np.nonzero(ok), strict=True):
        pair, one = (int(i), int(i) + 1), (int(j),)
        a, b = (one, pair) if swap else (pair, one)
        out.append(_Candidate(float(mmarg[i, j]), a, b, float(merged_sim[i, j])))
    return out


def _link_competitively(cands: list[_Candidate]) -> list[_Candidate]:
    """Best candidate first; a candidate is kept only if none of its sentences is taken yet."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    kept = []
    for c in sorted(cands, key=lambda c: (-c.sort_key, c.a, c.b)):
        if used_a.isdisjoint(c.a) and used_b.isdisjoint(c.b):
            kept.append(c)
            used_a.update(c.a)
            used_b.update(c.b)
    return kept


def _runner_up(marg: np.ndarray, axis: int) -> np.ndarray:
    """Second-largest value along ``axis`` (-inf when there is only one)."""
    n = marg.shape[axis]
    if n < 2:
        return np.full(marg.shape[1 - axis], -np.inf)
    return np.partition(marg, n - 2, axis=axis).take(n - 2, axis=axis)


def _near_threshold_links(
    sim: np.ndarray, marg: np.ndarray, kept: list[_Candidate], p: AlignParams
) -> list[_Candidate]:
    """Second pass: two sentences both left unlinked, whose margin falls just under ``min_margin``.

    Facts worded apart across languages (일본 측 요청으로 / 日本側の呼びかけで) score 1.01-1.02. Near the
    threshold, pairs of related but different sentences score the same, so the margin alone cannot
    tell them apart; what does is that a true pair is each sentence's clear best: the pair beats
    every other sentence in its row and column by ``near_gap`` (second-best-ratio test) and has the
    cosine of a shared link. ``near_local`` (off; docs/alignment.md) also accepts a pair next to a
    link in the same direction on both sides. Runs only when both articles have more than k
    sentences (see the caller). Links made here score under ``shared_margin``: labelled "partial".
    """
    used_a = {i for c in kept for i in c.a}
    used_b = {j for c in kept for j in c.b}
    one_to_one = {(c.a[0], c.b[0]) for c in kept if len(c.a) == 1 and len(c.b) == 1}
    best_row, best_col = marg.max(axis=1), marg.max(axis=0)
    second_row, second_col = _runner_up(marg, 1), _runner_up(marg, 0)
    cands = []
    ok = (marg >= p.near_margin) & (sim >= p.near_cos)
    for i, j in zip(*np.nonzero(ok), strict=True):
        i, j = int(i), int(j)
        if i in used_a or j in used_b:
            continue
        m = marg[i, j]
        clear = (
            p.near_gap is not None
            and m >= best_row[i]
            and m >= best_col[j]
            and m - max(second_row[i], second_col[j]) >= p.near_gap
        )
        local = p.near_local and ((i - 1, j - 1) in one_to_one or (i + 1, j + 1) in one_to_one)
        if clear or local:
            cands.append(_Candidate(float(m), (i,), (j,), float(sim[i, j])))
    return _link_competitively(cands)


def align_sentences(
    emb_a: np.ndarray,
    emb_b: np.ndarray,
    *,
    params: AlignParams | None = None,
    evidence: np.ndarray | None = None,
) -> Alignment:
    """Align the sentences of two articles from their sentence vectors (rows, L2-normalized).

    Order-free; merges of adjacent sentences allowed. Every sentence gets a label: "shared" when it is
    in a strong link, "partial" when in a weaker link or when it passes the link thresholds against a
    sentence already taken by a better link, "unique" otherwise.
    """
    p = params or AlignParams()
    a, b = _normalize(emb_a, "emb_a"), _normalize(emb_b, "emb_b")
    n_a, n_b = len(a), len(b)
    if n_a == 0 or n_b == 0:
        return Alignment([], [UNIQUE] * n_a, [UNIQUE] * n_b)
    if a.shape[1] != b.shape[1]:
        raise InputError(f"embedding sizes differ: {a.shape[1]} vs {b.shape[1]}", source="align_sentences")
    sim = _cosines(a, b)
    row_den = _topk_mean(sim, p.k, axis=1, pad=p.background_cos)
    col_den = _topk_mean(sim, p.k, axis=0, pad=p.background_cos)
    bonus = p.evidence_weight * _evidence(evidence, n_a, n_b)
    marg = sim / _margin_denominator(row_den, col_den) + bonus
    cands = _single_candidates(sim, marg, p)
    if p.merges:
        cands += _merge_candidates(sim, marg, _cosines(_merged(a), b), row_den, col_den, bonus, p, swap=False)
        cands += _merge_candidates(
            sim.T, marg.T, _cosines(_merged(b), a), col_den, row_den, bonus.T, p, swap=True
        )
    kept = _link_competitively(cands)
    # In articles of k sentences or fewer the margins are padded with background_cos and a
    # runner-up says little (on FLORES such pairs were right half of the time).
    if p.near_margin is not None and min(n_a, n_b) > p.k:
        kept += _near_threshold_links(sim, marg, kept, p)
    links = [
        SentenceLink(list(c.a), list(c.b), c.sort_key, f"{len(c.a)}-{len(c.b)}", c.cos)
        for c in sorted(kept, key=lambda c: (c.a, c.b))
    ]
    labels_a, labels_b = _labels(links, n_a, n_b, sim, marg, p)
    return Alignment(links, labels_a, labels_b)


def _labels(
    links: list[SentenceLink], n_a: int, n_b: int, sim: np.ndarray, marg: np.ndarray, p: AlignParams
) -> tuple[list[str], list[str]]:
    labels_a, labels_b = [UNIQUE] * n_a, [UNIQUE] * n_b
    for lk in links:
        strong = (lk.score >= p.shared_margin and lk.cos >= p.shared_cos) or lk.cos >= p.solo_cos
        for i in lk.a:
            labels_a[i] = SHARED if strong else PARTIAL
        for j in lk.b:
            labels_b[j] = SHARED if strong else PARTIAL
    ok = (marg >= p.partial_margin) & (sim >= p.min_cos)
    for i in range(n_a):
        if labels_a[i] == UNIQUE and ok[i].any():
            labels_a[i] = PARTIAL
    for j in range(n_b):
        if labels_b[j] == UNIQUE and ok[:, j].any():
            labels_b[j] = PARTIAL
    return labels_a, labels_b


def align_group(embs: Sequence[np.ndarray], *, params: AlignParams | None = None) -> GroupAlignment:
    """Pairwise alignments of N articles and, for every sentence, which other articles carry it."""
    pairs: dict[tuple[int, int], Alignment] = {}
    coverage: list[list[dict[int, str]]] = [[{} for _ in range(len(e))] for e in embs]
    for i in range(len(embs)):
        for j in range(i + 1, len(embs)):
            al = align_sentences(embs[i], embs[j], params=params)
            pairs[(i, j)] = al
            for s, lab in enumerate(al.labels_a):
                if lab != UNIQUE:
                    coverage[i][s][j] = lab
            for s, lab in enumerate(al.labels_b):
                if lab != UNIQUE:
                    coverage[j][s][i] = lab
    return GroupAlignment(pairs, coverage)
