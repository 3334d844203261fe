"""GET /api/events and GET /api/events/{id}: events found by the batch job (``comparator align``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from comparator.api.deps import State, feature, iso_param
from comparator.api.models import (
    ArticleSummaryOut,
    EventDetailOut,
    EventOut,
    Lang,
    ListOut,
    event_out,
    summary_out,
)
from comparator.errors import InputError, NotFoundError

router = APIRouter(tags=["events"])


@router.get("/api/events", response_model=ListOut[EventOut])
def list_events(
    state: State,
    since: Annotated[str | None, Query(description="Events that end on or after this ISO date.")] = None,
    until: Annotated[str | None, Query(description="Events that start on or before this ISO date.")] = None,
    lang: Annotated[Lang | None, Query(description="Events with a report in this language.")] = None,
    outlet: Annotated[str | None, Query(description="Events with a report from this outlet.")] = None,
    limit: Annotated[int, Query(ge=1, description="Events per page (at most the api_max_k setting).")] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ListOut[EventOut]:
    """Events found by the batch job (`comparator align`), newest first."""
    if limit > state.settings.api_max_k:
        raise InputError(
            f"limit={limit} is above the limit of {state.settings.api_max_k} (setting COMPARATOR_API_MAX_K)",
            source="query parameter 'limit'",
        )
    list_fn = feature("events", "list_events")
    with state.store_lock.read():
        events = list_fn(
            state.services.collection.store,
            since=iso_param(since, "since"),
            until=iso_param(until, "until"),
            lang=lang,
            outlet=outlet or None,
        )
    data = [event_out(e) for e in events[offset : offset + limit]]
    return ListOut[EventOut](data=data, count=len(data))


@router.get("/api/events/{event_id}", response_model=EventDetailOut)
def get_event(
    state: State, event_id: Annotated[str, Path(min_length=1, max_length=256, description="Event id.")]
) -> EventDetailOut:
    """One event with a summary of each of its reports."""
    get_fn = feature("events", "get_event")
    with state.store_lock.read():
        event = get_fn(state.services.collection.store, event_id)
        articles: list[ArticleSummaryOut] = []
        for aid in event.article_ids:
            try:
                articles.append(summary_out(state.services.collection.get(aid, with_sentences=False).article))
            except NotFoundError:
                continue  # an article removed after the batch job ran; the event still lists its id
    return EventDetailOut(**event_out(event).model_dump(), articles=articles)
