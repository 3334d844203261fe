"""API models: the JSON the API promises, kept apart from the library's dataclasses.

Converters (``*_out``) build them from internal types, so a change inside the library does not
silently change the API.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from comparator.schema import Article, Event, Quote, Sentence

T = TypeVar("T")
Lang = Literal["ja", "ko", "en"]


class ListOut(BaseModel, Generic[T]):
    """Every list the API returns: the items and how many there are in ``data``."""

    data: list[T]
    count: int


class ErrorOut(BaseModel):
    """Every error: the error's type and a message naming the input and what is wrong with it."""

    error: str = Field(description="InputError, NotFoundError, PayloadTooLarge, StoreError, ...")
    message: str
    details: list[dict[str, Any]] | None = Field(None, description="Per-field problems of a 422.")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown article or event id."},
    413: {"model": ErrorOut, "description": "Request body over the size limit."},
    422: {"model": ErrorOut, "description": "Bad parameter or record; the message names it."},
    501: {"model": ErrorOut, "description": "An optional engine is not part of this installation."},
    503: {"model": ErrorOut, "description": "The store or the model is unavailable."},
}


class SentenceOut(BaseModel):
    idx: int
    start: int = Field(description="Character offset into the article text (Python string index).")
    end: int = Field(description="End offset, exclusive.")
    text: str


class SentenceMatchOut(SentenceOut):
    score: float = Field(description="Cosine similarity of this sentence to the query.")


class SearchHitOut(BaseModel):
    id: str
    title: str
    outlet: str | None
    lang: str
    published_at: str | None
    url: str | None
    copy_of: str | None = Field(description="Id of the article this one is a near-copy of, if any.")
    score: float = Field(description="Cosine similarity of the article vector to the query.")
    sentence: SentenceMatchOut | None = Field(description="The article's sentence closest to the query.")


class QuoteOut(BaseModel):
    start: int
    end: int
    text: str
    kind: str = Field(description="direct | indirect")
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str | None = None
    speaker_key: str | None = Field(
        None, description="Language-independent key linking one speaker across sources."
    )


class ArticleSummaryOut(BaseModel):
    id: str
    title: str
    outlet: str | None
    lang: str
    published_at: str | None
    url: str | None
    copy_of: str | None = Field(None, description="Id of the article this one is a near-copy of, if any.")


class ArticleOut(ArticleSummaryOut):
    text: str
    sentences: list[SentenceOut]
    quotes: list[QuoteOut] | None = Field(
        description="Quotes with speakers; null when quote extraction is not available in this installation."
    )


class EventOut(BaseModel):
    id: str
    article_ids: list[str]
    outlets: list[str]
    langs: list[str]
    start: str | None
    end: str | None
    titles: dict[str, str]
    cohesion: float
    n_independent: int = Field(description="Reports that are not near-copies of another in the event.")


class EventDetailOut(EventOut):
    articles: list[ArticleSummaryOut]


class IngestCopyOut(BaseModel):
    id: str
    copy_of: str


class IngestExactCopyOut(BaseModel):
    source: str = Field(description="The input (file, file:line or body[i]) that was not stored again.")
    copy_of: str = Field(description="Id of the stored article with the same text.")
    outlet: str | None = Field(description="Outlet the input names, e.g. the site that re-published it.")


class IngestSkipOut(BaseModel):
    source: str
    reason: str


class IngestOut(BaseModel):
    added: int
    already_stored: int
    copies: list[IngestCopyOut]
    exact_copies: list[IngestExactCopyOut] = Field(
        default_factory=list,
        description="Inputs counted in already_stored whose text is another stored article's (a re-publication).",
    )
    skipped: list[IngestSkipOut]
    by_lang: dict[str, int]
    embedded_texts: int = Field(description="Texts the model ran on (the others came from the cache).")
    ids: list[str] = Field(description="Ids of the articles added.")


class ArticleIn(BaseModel):
    """One record, as in a JSONL line for ``comparator ingest``: ``text`` or ``html`` is required."""

    model_config = ConfigDict(extra="allow")
    id: str | int | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published_at: str | None = Field(None, description="ISO 8601, e.g. 2025-09-12T11:20:00+09:00")
    lang: str | None = Field(None, description="ja, ko or en; detected when absent")
    text: str | None = None
    html: str | None = None


class CompareIn(BaseModel):
    articles: list[ArticleIn] = Field(description="2 to 4 texts to compare; they are not stored.")


class HealthOut(BaseModel):
    status: Literal["ok"]
    articles: int
    sentences: int
    model: str | None = Field(description="Model the index was built with.")
    model_loaded: bool
    query_cache: dict[str, int]
    features: dict[str, bool] = Field(description="Optional engines present in this installation.")


def sentence_out(s: Sentence) -> SentenceOut:
    return SentenceOut(idx=s.idx, start=s.start, end=s.end, text=s.text)


def summary_out(a: Article) -> ArticleSummaryOut:
    return ArticleSummaryOut(
        id=a.id,
        title=a.title,
        outlet=a.outlet,
        lang=a.lang,
        published_at=a.published_at,
        url=a.url,
        copy_of=a.copy_of,
    )


def article_out(a: Article, quotes: list[Quote] | None) -> ArticleOut:
    return ArticleOut(
        **summary_out(a).model_dump(),
        text=a.text,
        sentences=[sentence_out(s) for s in a.sentences],
        quotes=None if quotes is None else [quote_out(q) for q in quotes],
    )


def quote_out(q: Quote) -> QuoteOut:
    d = q.to_dict()
    return QuoteOut(**{k: v for k, v in d.items() if k in QuoteOut.model_fields})


def event_out(e: Event) -> EventOut:
    return EventOut(**{k: v for k, v in e.to_dict().items() if k in EventOut.model_fields})


def hit_out(d: dict[str, Any]) -> SearchHitOut:
    return SearchHitOut.model_validate(d)
