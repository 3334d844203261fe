"""Pair evidence for event finding: is this pair of articles two reports of one event?

Pure functions over vectors, anchors and times (comparator.events clusters with them). A raw
cosine means little: it depends on the two languages (same-language cosines run higher with
e5-style models) and on how alike the corpus is (all Korea-Japan politics, or everything). So
every cosine is read as a margin over the neighbourhood of both sides, the way cross-lingual
sentence mining does it (CSLS, Conneau et al. 2018; margins, Artetxe & Schwenk 2019):

    margin(a, b) = cos(a, b) - (mean cos of a to its k nearest articles in b's language
                                + mean cos of b to its k nearest articles in a's language) / 2

divided by the spread of cosines of unrelated pairs in those two languages (``Calibration``). The
neighbourhoods come from a reference sample of the corpus (``Reference``). The pair score is a
logistic function of:

- the margin of the whole-article cosine and of the title+lead cosine;
- the share of sentences with a counterpart on the other side: a mutual best match whose
  sentence-level margin (against each sentence's k nearest reference sentences) is positive
  (at least 2 sd within one language), less the share each side reaches with its nearest
  look-alike articles in the other's language;
- the share of language-independent anchors both sides state alike (25분 / 25分 / 25 minutes),
  and the share they state differently (20 minutes against 25; the 16th against the 9th);
- the days between the two reports beyond the first;
- a fixed offset for a pair in one language, which needs more evidence than a pair across two.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from comparator.eventneighbours import (
    Neighbours,
    Reference,
    article_backgrounds,
    background,
    build_reference,
    nearest,
    sentence_neighbours,
)

log = logging.getLogger(__name__)

__all__ = [
    "ArticleDetail",
    "ArticleInfo",
    "Calibration",
    "EventParams",
    "Neighbours",
    "PairEvidence",
    "Reference",
    "anchor_evidence",
    "article_backgrounds",
    "background",
    "build_reference",
    "estimate_calibration",
    "is_copy_pair",
    "nearest",
    "pair_coverage",
    "parse_time",
    "score_pair",
    "sentence_coverage",
    "sentence_neighbours",
    "within_window",
]

DAY = 86400.0


@dataclass(frozen=True)
class EventParams:
    """Knobs of event finding. Defaults chosen on the sample corpus and the dev halves of WMT22
    and FLORES (docs/events.md, "How the parameters were chosen")."""

    window_days: float = 3.0  # articles further apart (both dated) are never one event
    k: int = 8  # nearest articles asked per language for each article (candidates)
    k_lead: int = 4  # and nearest by title + lead
    link: float = 0.5  # average pair score two groups need to merge
    # Lowest pair score allowed inside an event. At 0.2 two look-alike groups (two product ads,
    # two support chats built from the same phrases) merged on two strong same-language pairs
    # while their cross-language pairs scored 0.3; 0.4 keeps them apart.
    floor: float = 0.4
    # Neighbours in an article's background, per language. Fewer than 8 so that a close
    # look-alike weighs on the background; not 1, which would let a second report of the same
    # event in the partner's language cancel the margin of the first.
    k_doc: int = 6
    k_sent: int = 2  # neighbours in a sentence's background, per language
    sentence_margin: float = 0.0  # a counterpart beats both sentences' backgrounds by this (in sd)
    # Within one language the bar is higher. Two texts in one language can share wording that two
    # languages cannot: greetings, closing formulas, template lines, a product description reused
    # across listings. Such a line sits barely above its background across languages but far
    # above it within one, and the sd of unrelated pairs does not capture that tail. Chosen on the
    # dev half of WMT22 (docs/events.md); the sample corpus's same-language reports of one event
    # keep scores of 0.97 and more.
    same_lang_sentence_margin: float = 2.0
    # Sentence coverage is read against the coverage of each side with its k_cov nearest other
    # articles in the partner's language (article vectors), like the cosines: templated texts
    # (support chats, product listings, a ministry's daily briefing) share sentences with all
    # their look-alikes, a report of the same event shares more than they do.
    k_cov: int = 4
    # The pair score is a logistic function of this evidence:
    w_doc: float = 1.0  # per sd of article-cosine margin
    w_lead: float = 1.0  # per sd of title+lead margin
    w_cov: float = 10.0  # times the share of sentences with a counterpart, minus its background
    w_anchor: float = 2.0  # times the share of anchors both sides state alike
    w_date_conflict: float = 4.0  # times the share of dates the other side states differently
    w_conflict: float = 1.0  # times the share of other anchors the other side states differently
    w_day: float = 0.5  # subtracted per day apart beyond the first
    bias: float = -2.5
    # Added for a pair in one language: the same evidence says less there (e5-style embeddings put
    # any two texts of one language closer, and shared wording is possible), so such a pair needs
    # one more unit of logit. Not a rule against several reports per language: the sample
    # corpus's two Korean, Japanese or English reports of one event still score 0.97+.
    same_lang_bias: float = -1.0
    # A pair whose article cosine is below both backgrounds is not one event: skip finer evidence.
    min_scored_margin: float = -1.0


@dataclass
class ArticleInfo:
    """What event finding needs of one article (vectors L2-normalized)."""

    rowid: int
    id: str
    lang: str
    vec: np.ndarray
    lead: np.ndarray  # title + first sentences
    time: float | None = None  # seconds since the epoch, None when undated
    published_at: str | None = None
    outlet: str | None = None
    copy_of: str | None = None
    headline: str = ""  # title, or the first sentence when there is none
    family: int = -1  # the story: near-copies of one wire story share it (the original's rowid)
    # language -> nearest reference articles there, by article vector and by title+lead vector
    neighbours: dict[str, tuple[Neighbours, Neighbours]] = field(default_factory=dict)
    top_k: dict[tuple[str, int, int], tuple[float | None, set[int]]] = field(default_factory=dict, repr=False)


@dataclass
class ArticleDetail:
    """The sentence-level side of an article, loaded only for the pairs that need it."""

    sentences: np.ndarray  # (n, dim), L2-normalized
    neighbours: dict[str, Neighbours]  # language -> each sentence's nearest reference sentences there
    anchors: list[Any]
    top_k: dict[tuple[str, int], tuple[np.ndarray | None, set[int]]] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class PairEvidence:
    """The evidence on one pair; cosines as margins over the neighbourhood, in sd units."""

    doc: float
    lead: float
    coverage: float
    coverage_bg: float  # mean coverage of both sides with their nearest look-alikes
    anchors: float
    date_conflicts: float
    conflicts: float
    score: float

    def to_dict(self) -> dict[str, float]:
        return {k: round(float(v), 4) for k, v in self.__dict__.items()}


def parse_time(value: str | None) -> float | None:
    """Seconds since the epoch of an ISO 8601 date or datetime (naive means UTC); None if unparseable."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        log.warning("published_at %r is not ISO 8601; the article is treated as undated", value)
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def within_window(t1: float | None, t2: float | None, window_days: float) -> bool:
    return t1 is None or t2 is None or abs(t1 - t2) <= window_days * DAY


# Cosines of unrelated articles / sentences (mean, sd) with multilingual-e5-small, measured on the
# sample corpus: the fallback for a language pair the corpus holds too few articles of to measure.
_SAME_LANG = {"doc": (0.93, 0.022), "lead": (0.88, 0.028), "sent": (0.82, 0.028)}
_CROSS_LANG = {"doc": (0.90, 0.018), "lead": (0.85, 0.023), "sent": (0.79, 0.025)}
MIN_CALIBRATION_ARTICLES = 8  # per language, to measure a language pair


@dataclass
class Calibration:
    """Mean and spread of the cosine of unrelated articles (and sentences), per language pair.

    What a cosine means depends on the two languages (same-language cosines run higher with
    e5-style models) and on how alike the corpus is (all Korea-Japan politics, or everything);
    pairs are scored in standard deviations above this background.
    """

    stats: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    n_articles: int = 0

    def of(self, la: str, lb: str) -> dict[str, tuple[float, float]]:
        key = "|".join(sorted((la, lb)))
        if key in self.stats:
            return self.stats[key]
        return _SAME_LANG if la == lb else _CROSS_LANG

    def to_dict(self) -> dict[str, Any]:
        return {
            "stats": {k: {f: list(v) for f, v in d.items()} for k, d in self.stats.items()},
            "n_articles": self.n_articles,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Calibration:
        stats = {k: {f: (float(v[0]), float(v[1])) for f, v in fs.items()} for k, fs in d["stats"].items()}
        return cls(stats, int(d["n_articles"]))


def estimate_calibration(
    infos: Sequence[ArticleInfo],
    sentences: Callable[[Sequence[int]], list[np.ndarray]],
    *,
    n_pairs: int = 2000,
    n_sentence_pairs: int = 400,
    seed: int = 0,
) -> Calibration:
    """Cosine background per language pair from random article pairs (nearly all unrelated).

    ``sentences(positions)`` gives the sentence vectors of those positions of ``infos``; one
    random sentence of each sampled article stands for the sentence background. Seeded, so the
    same articles give the same numbers.
    """
    rng = np.random.default_rng(seed)
    by_lang: dict[str, np.ndarray] = {}
    for lang in sorted({a.lang for a in infos}):
        members = np.array([i for i, a in enumerate(infos) if a.lang == lang])
        if len(members) >= MIN_CALIBRATION_ARTICLES:
            by_lang[lang] = members
    cal = Calibration({}, len(infos))
    langs = sorted(by_lang)
    for x, la in enumerate(langs):
        for lb in langs[x:]:
            ia = rng.choice(by_lang[la], n_pairs)
            ib = rng.choice(by_lang[lb], n_pairs)
            keep = ia != ib
            ia, ib = ia[keep], ib[keep]
            stats = {}
            for name, attr in (("doc", "vec"), ("lead", "lead")):
                va = np.stack([getattr(infos[i], attr) for i in ia])
                vb = np.stack([getattr(infos[j], attr) for j in ib])
                cos = (va * vb).sum(axis=1)
                stats[name] = (float(cos.mean()), max(float(cos.std()), 1e-3))
            m = min(len(ia), n_sentence_pairs)
            sa, sb = sentences([int(i) for i in ia[:m]]), sentences([int(j) for j in ib[:m]])
            cos = np.array(
                [
                    float(np.dot(_random_row(x_, rng), _random_row(y_, rng)))
                    for x_, y_ in zip(sa, sb, strict=True)
                ]
            )
            stats["sent"] = (float(cos.mean()), max(float(cos.std()), 1e-3))
            cal.stats[f"{la}|{lb}"] = stats
    return cal


def _random_row(m: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return m[int(rng.integers(len(m)))]


# --------------------------------------------------------------------------- evidence


def _article_background(a: ArticleInfo, b: ArticleInfo, cal: Calibration, k: int, which: int) -> float:
    """Mean cosine of a's k nearest articles in b's language, b's story left out."""
    nbs = a.neighbours.get(b.lang)
    pad = cal.of(a.lang, b.lang)["doc" if which == 0 else "lead"][0]
    if nbs is None:
        return pad
    key = (b.lang, which, k)
    fast = a.top_k.get(key)
    if fast is None:  # the mean of the k nearest and who they are, computed once per article
        nb = nbs[which]
        full = bool(np.isfinite(nb.values[0, k - 1])) if nb.values.shape[1] >= k else False
        fast = a.top_k[key] = (
            float(nb.values[0, :k].mean()) if full else None,
            set(nb.owners[0, :k].tolist()),
        )
    if fast[0] is not None and b.family not in fast[1]:
        return fast[0]  # the common case: b is not among a's k nearest
    return float(background(nbs[which], b.family, k, pad)[0])


def sentence_coverage(
    sent_a: np.ndarray,
    sent_b: np.ndarray,
    bg_a: np.ndarray,
    bg_b: np.ndarray,
    sd: float,
    min_margin: float,
) -> float:
    """Share of sentences with a counterpart on the other side, for the side with fewer sentences.

    ``bg_a``: each sentence of a's mean cosine to its nearest sentences in b's language, b's own
    left out (and ``bg_b`` the reverse). A counterpart is a mutual best match by margin
    (competitive, like comparator.align's linking) whose margin is at least ``min_margin`` sd. The
    shorter side counts because a brief covering one event fully should match the long feature
    on it, while a long feature shares little with a brief on something else.
    """
    if len(sent_a) == 0 or len(sent_b) == 0:
        return 0.0
    sim = np.asarray(sent_a, np.float32) @ np.asarray(sent_b, np.float32).T
    margin = (sim - (np.asarray(bg_a)[:, None] + np.asarray(bg_b)[None, :]) / 2.0) / sd
    best_b = margin.argmax(axis=1)
    best_a = margin.argmax(axis=0)
    rows = np.arange(len(sent_a))
    mutual = best_a[best_b] == rows
    strong = margin[rows, best_b] >= min_margin
    return int((mutual & strong).sum()) / min(len(sent_a), len(sent_b))


def anchor_evidence(anchors_a: Sequence[Any], anchors_b: Sequence[Any]) -> tuple[float, float, float]:
    """(agreement, date conflict, other conflict) over the informative anchors of the side with fewer.

    Agreement is the share the other side states too (25분 = 25分 = 25 minutes); a conflict is an
    anchor the other side states differently and nowhere the same. Dates and clock times are kept
    apart (the 16th against the 9th says "another day, another event"; 20 minutes against 25 may
    be one outlet's error). All three are smoothed (+1 in the denominator) so one figure is weak
    evidence and three are strong. Bare numbers are left out: "3" or "2026" alone says little.
    """
    from comparator.anchors import anchors_agree

    a = _informative(anchors_a)
    b = _informative(anchors_b)
    if not a or not b:
        return 0.0, 0.0, 0.0
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    keys = {y.key() for y in big}
    by_kind: dict[str, list[Any]] = {}
    for y in big:
        by_kind.setdefault(y.kind, []).append(y)
    agree = dates = other = 0
    for x in small:
        if x.key() in keys:
            agree += 1
            continue
        verdicts = [anchors_agree(x, y) for y in by_kind.get(x.kind, ())]
        if any(v is True for v in verdicts):
            agree += 1
        elif any(v is False for v in verdicts):
            if x.kind in ("date", "time"):
                dates += 1
            else:
                other += 1
    n = len(small) + 1
    return agree / n, dates / n, other / n


def _informative(anchors: Sequence[Any]) -> list[Any]:
    seen: dict[tuple[str, Any], Any] = {}
    for a in anchors:
        if a.kind == "number":
            continue
        seen.setdefault(a.key(), a)
    return list(seen.values())


def is_copy_pair(a: ArticleInfo, b: ArticleInfo) -> bool:
    """Near-copies of one wire story (found at ingest) are one event whatever else they say."""
    return a.copy_of == b.id or b.copy_of == a.id or (a.copy_of is not None and a.copy_of == b.copy_of)


def _sentence_background(d: ArticleDetail, other: ArticleInfo, pad: float, k: int) -> np.ndarray:
    nb = d.neighbours.get(other.lang)
    if nb is None:
        return np.full(len(d.sentences), pad)
    return background(nb, other.family, k, pad)


def pair_coverage(
    a: ArticleInfo,
    b: ArticleInfo,
    da: ArticleDetail,
    db: ArticleDetail,
    params: EventParams,
    calibration: Calibration,
) -> float:
    """Share of the shorter side's sentences with a counterpart on the other (``sentence_coverage``),
    each sentence read against its nearest reference sentences in the other side's language; a
    counterpart in the same language must clear ``same_lang_sentence_margin``."""
    sd = calibration.of(a.lang, b.lang)["sent"]
    bg_a = _sentence_background(da, b, sd[0], params.k_sent)
    bg_b = _sentence_background(db, a, sd[0], params.k_sent)
    min_margin = params.same_lang_sentence_margin if a.lang == b.lang else params.sentence_margin
    return sentence_coverage(da.sentences, db.sentences, bg_a, bg_b, sd[1], min_margin)


def score_pair(
    a: ArticleInfo,
    b: ArticleInfo,
    da: ArticleDetail,
    db: ArticleDetail,
    params: EventParams,
    calibration: Calibration,
    coverage_background: Callable[[], float] | None = None,
) -> PairEvidence:
    """Pair score in [0, 1]: a logistic function of the cosine margins, sentence coverage (minus
    ``coverage_background()``, the coverage both sides reach with their look-alikes; 0 if None),
    anchors stated alike or differently, the time between the two reports, and whether the two
    are in one language (``same_lang_bias``)."""
    if not within_window(a.time, b.time, params.window_days):
        return PairEvidence(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    p, cal = params, calibration
    sd = cal.of(a.lang, b.lang)
    k = p.k_doc
    doc_bg = (_article_background(a, b, cal, k, 0) + _article_background(b, a, cal, k, 0)) / 2.0
    lead_bg = (_article_background(a, b, cal, k, 1) + _article_background(b, a, cal, k, 1)) / 2.0
    doc = (float(np.dot(a.vec, b.vec)) - doc_bg) / sd["doc"][1]
    lead = (float(np.dot(a.lead, b.lead)) - lead_bg) / sd["lead"][1]
    cov = cov_bg = anc = con_date = con = 0.0
    if doc >= p.min_scored_margin:
        cov = pair_coverage(a, b, da, db, p, cal)
        cov_bg = coverage_background() if coverage_background is not None else 0.0
        anc, con_date, con = anchor_evidence(da.anchors, db.anchors)
    days = abs(a.time - b.time) / DAY if a.time is not None and b.time is not None else 0.0
    logit = (
        p.bias
        + p.w_doc * doc
        + p.w_lead * lead
        + p.w_cov * (cov - cov_bg)
        + p.w_anchor * anc
        - p.w_date_conflict * con_date
        - p.w_conflict * con
        - p.w_day * max(0.0, days - 1.0)
        + (p.same_lang_bias if a.lang == b.lang else 0.0)
    )
    score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
    if is_copy_pair(a, b):
        score = max(score, 0.99)
    return PairEvidence(doc, lead, cov, cov_bg, anc, con_date, con, score)
