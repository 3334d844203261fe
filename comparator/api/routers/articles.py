"""GET /api/articles/{id} and POST /api/articles (ingest one record or a batch)."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Response

from comparator.api.deps import State, feature
from comparator.api.errors import FeatureUnavailableError
from comparator.api.models import ArticleIn, ArticleOut, IngestOut, article_out
from comparator.errors import InputError
from comparator.schema import Article, Quote

log = logging.getLogger(__name__)
router = APIRouter(tags=["articles"])

ArticleId = Annotated[str, Path(min_length=1, max_length=512, description="Article id.")]


@router.get("/api/articles/{article_id}", response_model=ArticleOut)
def get_article(state: State, article_id: ArticleId) -> ArticleOut:
    """The stored article: text, sentences with offsets, and quotes with their speakers."""
    with state.store_lock.read():
        article = state.services.collection.get(article_id, with_sentences=True).article
    return article_out(article, quotes_of(article))


def quotes_of(article: Article) -> list[Quote] | None:
    """The article's quotes, or None when quote extraction is not part of this installation."""
    try:
        extract = feature("quotes")
    except FeatureUnavailableError:
        return None
    return list(extract(article))


@router.post(
    "/api/articles",
    response_model=IngestOut,
    status_code=201,
    responses={200: {"description": "Nothing new was added (all already stored or skipped)."}},
)
def ingest_articles(
    state: State,
    response: Response,
    body: Annotated[
        ArticleIn | list[ArticleIn],
        Body(description="One record, or an array of records (same fields as a JSONL line for the CLI)."),
    ],
) -> IngestOut:
    """A single record is all-or-nothing (422 on a bad record); in a batch, bad records are skipped
    and listed in ``skipped`` while the others are stored."""
    from comparator.ingest.jsonl import document_from_record

    single = not isinstance(body, list)
    records = [body] if isinstance(body, ArticleIn) else body
    _check_batch(records, state.settings.api_max_batch, state.settings.max_text_chars, single=single)
    items: list[Any] = []
    for i, rec in enumerate(records):
        source = "body" if single else f"body[{i}]"
        try:
            items.append(document_from_record(_record(rec), source=source))
        except InputError as exc:
            items.append(exc)
    with state.store_lock.write():
        report = state.ingestor().ingest(items, on_error="raise" if single else "skip")
    if not report.added:
        response.status_code = 200
    return IngestOut.model_validate(report.to_dict())


def _record(rec: ArticleIn) -> dict[str, Any]:
    d = rec.model_dump(exclude_none=True)
    if "id" in d:
        d["id"] = str(d["id"])
    return d


def _check_batch(records: list[ArticleIn], max_batch: int, max_chars: int, *, single: bool) -> None:
    """Limits that reject the whole request (422) before any work is done."""
    if not records:
        raise InputError("the batch is empty", source="body")
    if len(records) > max_batch:
        raise InputError(
            f"{len(records)} records in one request; the limit is {max_batch} (setting COMPARATOR_API_MAX_BATCH)",
            source="body",
        )
    for i, rec in enumerate(records):
        for name in ("text", "html"):
            value = getattr(rec, name)
            # html carries markup around the text, so it may be a few times longer than the text.
            limit = max_chars if name == "text" else 4 * max_chars
            if value is not None and len(value) > limit:
                raise InputError(
                    f"field '{name}' has {len(value):,} characters; the limit is {limit:,} "
                    "(setting COMPARATOR_MAX_TEXT_CHARS)",
                    source="body" if single else f"body[{i}]",
                )
