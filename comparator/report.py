"""The comparison report: typed dataclasses, their JSON form, and Markdown / standalone HTML renderers.

The JSON form (``Report.to_dict``) is the stable, documented interface (docs/report-schema.md) that
the API and the web view consume. Every finding carries ``Evidence``: an article id plus character
offsets into that article's ``text`` (or ``title`` when ``field == "title"``), end exclusive, Python
string indices (code points).

Bump ``SCHEMA_VERSION``'s minor number when fields are added, its major number when a field changes
meaning or goes away.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"

# Difference kinds, in the order of importance the report ranks them by (issue 4).
KIND_ORDER = ("only_one_side", "quote", "wording", "number", "emphasis", "sourcing")
KIND_LABELS = {
    "only_one_side": "Only one side reports this",
    "quote": "Quotes and speakers",
    "wording": "Wording and framing",
    "number": "Numbers",
    "emphasis": "Emphasis",
    "sourcing": "Sourcing",
}


def _plain(obj: Any) -> Any:
    """dataclasses.asdict without copying through deepcopy (faster) and with tuples as lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return round(obj, 4)
    return obj


# ------------------------------------------------------------------ evidence and per-article parts


@dataclass
class Evidence:
    """A span of one article that supports a finding."""

    article: str  # article id
    start: int
    end: int
    text: str
    sentence: int | None = None  # index into that article's ``sentences``; None for the title
    field: str = "text"  # "text" (offsets into Article.text) or "title" (offsets into Article.title)
    note: str | None = None  # what this span is on its side, e.g. "says 35分", "uses 竹島"


@dataclass
class SentenceRef:
    article: str
    sentence: int
    label: str  # "shared" | "partial": how strongly that sentence carries this one


@dataclass
class SentenceReport:
    idx: int
    start: int
    end: int
    text: str
    label: str  # "shared" | "partial" | "unique" (best over all other articles)
    links: list[SentenceRef] = field(default_factory=list)  # counterpart sentences in other articles
    carried_by: list[str] = field(default_factory=list)  # ids of the other articles carrying it


@dataclass
class QuoteReport:
    """A quote as extracted (schema.Quote spans) plus its place in the comparison."""

    id: str  # "<article id>#q<n>", unique in the report
    sentence: int | None
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str | None = None
    speaker_key: str | None = None  # links one speaker across articles and languages
    matches: list[QuoteLink] = field(default_factory=list)


@dataclass
class QuoteLink:
    quote: str  # id of the matching quote in another article
    relation: str  # "verbatim" | "paraphrased" | "diverging" | "different_speaker"
    similarity: float


@dataclass
class TermFlag:
    """A contested term from the curated lexicon, as used by this article."""

    concept: str  # e.g. "dokdo_takeshima"
    variant: str  # whose usage this wording is: "ko" | "ja" | "neutral"
    term: str  # the lexicon entry that matched
    start: int
    end: int
    text: str
    sentence: int | None
    quoted: bool = False  # inside quotation marks: the outlet cites the other side's term


@dataclass
class NumberFlag:
    kind: str  # anchors kind: number, duration, money, date, time, percent, count
    value: Any
    qualifier: str | None
    start: int
    end: int
    text: str
    sentence: int | None
    status: str  # "agrees" | "disagrees" | "mixed" | "alone" (no comparable figure elsewhere)
    group: str | None = None  # id of the NumberGroup this figure belongs to


@dataclass
class DistinctiveTerm:
    term: str  # surface form (lemma for ja/ko)
    z: float  # log-odds z-score against the event's other coverage in the same language
    count: int
    spans: list[tuple[int, int]] = field(default_factory=list)  # occurrences in the article text


@dataclass
class ArticleReport:
    id: str
    title: str
    outlet: str | None
    lang: str
    published_at: str | None
    url: str | None
    text: str
    side: str  # the group this article is compared as (its language by default)
    source_type: str  # "official" (a government readout) | "media"
    sentences: list[SentenceReport] = field(default_factory=list)
    quotes: list[QuoteReport] = field(default_factory=list)
    terms: list[TermFlag] = field(default_factory=list)
    numbers: list[NumberFlag] = field(default_factory=list)
    distinctive: list[DistinctiveTerm] = field(default_factory=list)
    lead: list[int] = field(default_factory=list)  # sentence indices of what the article leads with


# ------------------------------------------------------------------ cross-article parts


@dataclass
class Speaker:
    """One speaker linked across articles and languages."""

    key: str
    names: dict[str, str]  # article id -> the name as that article gives it
    roles: dict[str, str]  # article id -> role, where the article gives one
    quotes: list[str] = field(default_factory=list)  # quote ids
    articles: list[str] = field(default_factory=list)  # ids of the articles quoting this speaker


@dataclass
class NumberGroup:
    """Figures for one quantity across articles: found in aligned sentences, compared with anchors."""

    id: str
    kind: str
    status: str  # "agree" | "disagree"
    values: list[Evidence] = field(default_factory=list)  # one per figure, note = normalized value
    majority: str | None = None  # the value most sources give, when they disagree


@dataclass
class Difference:
    """One ranked finding. ``evidence`` holds spans on every side that has one; ``absent_from`` lists
    the articles that lack it (the other side of an omission)."""

    rank: int  # 1 = most important
    kind: str  # one of KIND_ORDER
    subkind: str
    summary: str  # one English sentence for people
    score: float  # importance within its kind, 0..1
    evidence: list[Evidence] = field(default_factory=list)
    carried_by: list[str] = field(default_factory=list)  # article ids on the side that has it
    absent_from: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    articles: list[ArticleReport]
    differences: list[Difference] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    numbers: list[NumberGroup] = field(default_factory=list)
    sides: dict[str, list[str]] = field(default_factory=dict)  # side -> article ids
    model: str | None = None
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        d = _plain(self)
        d["kinds"] = [{"kind": k, "label": KIND_LABELS[k]} for k in KIND_ORDER]
        return d

    def article(self, article_id: str) -> ArticleReport:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def by_kind(self, kind: str) -> list[Difference]:
        return [d for d in self.differences if d.kind == kind]
