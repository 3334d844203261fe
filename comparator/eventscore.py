"""Pair evidence for event finding: is this pair of articles two reports of one event?

Pure functions over vectors, anchors and times (comparator.events clusters with them). Every
cosine is read against a background measured on the corpus itself (``Calibration``): what a
cosine means depends on the two languages (same-language cosines run higher with e5-style
models) and on how alike the corpus is, so pairs are scored in standard deviations (z) above the
cosine of unrelated articles in the same two languages. The pair score is a logistic function of:

- the z of the whole-article cosine and of the title+lead cosine;
- the share of sentences with a counterpart on the other side (mutual best match, high z);
- the share of language-independent anchors both sides state alike (25분 / 25分 / 25 minutes),
  and the share they state differently (20 minutes against 25; the 16th against the 9th);
- the days between the two reports beyond the first.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

DAY = 86400.0


@dataclass(frozen=True)
class EventParams:
    """Knobs of event finding. Defaults chosen on the sample corpus (docs/events.md)."""

    window_days: float = 3.0  # articles further apart (both dated) are never one event
    k: int = 8  # nearest articles asked per language for each article
    link: float = 0.5  # average pair score two groups need to merge
    floor: float = 0.2  # lowest pair score allowed inside an event
    # The pair score is a logistic function of calibrated evidence (z = standard deviations above
    # the cosine of unrelated articles in the same two languages).
    w_doc: float = 0.8  # per z of the article cosine
    w_lead: float = 0.4  # per z of the title+lead cosine
    w_cov: float = 3.0  # times the share of sentences with a counterpart
    w_anchor: float = 2.0  # times the share of anchors both sides state alike
    w_conflict: float = 3.0  # times the share of anchors the other side states differently
    w_day: float = 0.5  # subtracted per day apart beyond the first
    bias: float = -2.5
    sentence_z: float = 2.0  # a sentence counterpart is a mutual best match at least this z
    # A pair less alike than the average unrelated pair is not one event: skip its finer evidence.
    min_scored_z: float = 0.0


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


@dataclass(frozen=True)
class PairEvidence:
    """The evidence on one pair; cosines as z (standard deviations above unrelated articles)."""

    doc: float
    lead: float
    coverage: float
    anchors: float
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
    sentences: Callable[[int], np.ndarray],
    *,
    n_pairs: int = 2000,
    seed: int = 0,
) -> Calibration:
    """Cosine background per language pair from random article pairs (nearly all unrelated).

    ``sentences(i)`` gives the sentence vectors of ``infos[i]``; one random sentence of each sampled
    article stands for the sentence background. Seeded, so the same articles give the same numbers.
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
                cos = np.array(
                    [
                        float(np.dot(getattr(infos[i], attr), getattr(infos[j], attr)))
                        for i, j in zip(ia, ib, strict=True)
                    ]
                )
                stats[name] = (float(cos.mean()), max(float(cos.std()), 1e-3))
            m = min(len(ia), 400)
            cos = np.array(
                [
                    float(np.dot(_random_row(sentences(i), rng), _random_row(sentences(j), rng)))
                    for i, j in zip(ia[:m], ib[:m], strict=True)
                ]
            )
            stats["sent"] = (float(cos.mean()), max(float(cos.std()), 1e-3))
            cal.stats[f"{la}|{lb}"] = stats
    return cal


def _random_row(m: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return m[int(rng.integers(len(m)))]


def _z(cos: float, stat: tuple[float, float]) -> float:
    return (cos - stat[0]) / stat[1]


def sentence_coverage(
    sent_a: np.ndarray, sent_b: np.ndarray, stat: tuple[float, float], min_z: float
) -> float:
    """Share of sentences with a counterpart on the other side, for the side with fewer sentences.

    A counterpart is a mutual best match (competitive, like comparator.align's linking) whose
    cosine is at least ``min_z`` standard deviations above that of unrelated sentences in these two
    languages. The shorter side counts because a brief covering one event fully should match the
    long feature on it, while a long feature shares little with a brief on something else.
    """
    if len(sent_a) == 0 or len(sent_b) == 0:
        return 0.0
    sim = np.asarray(sent_a, np.float32) @ np.asarray(sent_b, np.float32).T
    best_b = sim.argmax(axis=1)
    best_a = sim.argmax(axis=0)
    rows = np.arange(len(sent_a))
    mutual = best_a[best_b] == rows
    strong = sim[rows, best_b] >= stat[0] + min_z * stat[1]
    matched = int((mutual & strong).sum())
    return matched / min(len(sent_a), len(sent_b))


def anchor_evidence(anchors_a: Sequence[Any], anchors_b: Sequence[Any]) -> tuple[float, float]:
    """(agreement, conflict) over the informative anchors of the side with fewer of them.

    Agreement is the share the other side states too (25분 = 25分 = 25 minutes); conflict the share
    the other side states differently and nowhere the same (20 minutes against 25; the 16th
    against the 9th), which is what tells two phone calls of the same leaders apart. Both are
    smoothed (+1 in the denominator) so one figure is weak evidence and three are strong. Bare
    numbers are left out: "3" or "2026" alone says little about the event.
    """
    from comparator.anchors import anchors_agree

    a = _informative(anchors_a)
    b = _informative(anchors_b)
    if not a or not b:
        return 0.0, 0.0
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    keys = {y.key() for y in big}
    by_kind: dict[str, list[Any]] = {}
    for y in big:
        by_kind.setdefault(y.kind, []).append(y)
    agree = conflict = 0
    for x in small:
        if x.key() in keys:
            agree += 1
            continue
        verdicts = [anchors_agree(x, y) for y in by_kind.get(x.kind, ())]
        if any(v is True for v in verdicts):
            agree += 1
        elif any(v is False for v in verdicts):
            conflict += 1
    return agree / (len(small) + 1), conflict / (len(small) + 1)


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


def score_pair(
    a: ArticleInfo,
    b: ArticleInfo,
    sent_a: np.ndarray,
    sent_b: np.ndarray,
    anchors_a: Sequence[Any],
    anchors_b: Sequence[Any],
    params: EventParams,
    calibration: Calibration,
) -> PairEvidence:
    """Pair score in [0, 1]: a logistic function of the calibrated cosines, sentence coverage,
    anchor overlap and the time between the two reports."""
    if not within_window(a.time, b.time, params.window_days):
        return PairEvidence(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    p, bg = params, calibration.of(a.lang, b.lang)
    doc = _z(float(np.dot(a.vec, b.vec)), bg["doc"])
    lead = _z(float(np.dot(a.lead, b.lead)), bg["lead"])
    cov = anc = con = 0.0
    if doc >= p.min_scored_z:
        cov = sentence_coverage(sent_a, sent_b, bg["sent"], p.sentence_z)
        anc, con = anchor_evidence(anchors_a, anchors_b)
    days = abs(a.time - b.time) / DAY if a.time is not None and b.time is not None else 0.0
    logit = (
        p.bias
        + p.w_doc * doc
        + p.w_lead * lead
        + p.w_cov * cov
        + p.w_anchor * anc
        - p.w_conflict * con
        - p.w_day * max(0.0, days - 1.0)
    )
    score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
    if is_copy_pair(a, b):
        score = max(score, 0.99)
    return PairEvidence(doc, lead, cov, anc, con, score)
