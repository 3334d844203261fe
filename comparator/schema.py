"""The data that flows between stages. Plain dataclasses, JSON-serializable through ``to_dict``.

Offsets are character offsets into ``Article.text`` (Python string indices), end exclusive.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

LANGS = ("ja", "ko", "en")


@dataclass
class Sentence:
    idx: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Article:
    """One report as ingested. ``text`` is the body; ``title`` is kept apart from it."""

    id: str
    text: str
    title: str = ""
    url: str | None = None
    outlet: str | None = None
    published_at: str | None = None  # ISO 8601, as given or resolved from a relative time
    lang: str = ""
    source: str | None = None  # file (and line) the article came from
    copy_of: str | None = None  # id of the first article this one is a near-copy of
    sentences: list[Sentence] = field(default_factory=list)

    def to_dict(self, *, with_sentences: bool = True) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        if not with_sentences:
            d.pop("sentences")
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        sents = [Sentence(**s) for s in d.get("sentences") or []]
        known = {f.name for f in dataclasses.fields(cls)} - {"sentences"}
        return cls(**{k: v for k, v in d.items() if k in known}, sentences=sents)


@dataclass
class RawDocument:
    """What a reader yields before language id, segmentation and embedding."""

    text: str
    title: str = ""
    url: str | None = None
    outlet: str | None = None
    published_at: str | None = None
    lang: str | None = None  # as declared by the input, checked later
    id: str | None = None
    source: str = ""  # "path" or "path:line", for error messages


@dataclass
class Quote:
    """A direct or indirect quote with its cue and speaker, all as spans of the article text."""

    article_id: str
    start: int  # content span
    end: int
    text: str
    kind: str  # "direct" | "indirect"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None  # the speaker as resolved (full name or body), in the article's language
    speaker_start: int | None = None  # the mention span in this sentence
    speaker_end: int | None = None
    speaker_role: str | None = None
    speaker_key: str | None = None  # language-independent key used to link speakers across sources

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Event:
    id: str
    article_ids: list[str]
    outlets: list[str]
    langs: list[str]
    start: str | None
    end: str | None
    titles: dict[str, str]
    cohesion: float
    n_independent: int

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})
