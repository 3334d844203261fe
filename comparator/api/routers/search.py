"""GET /api/search: cross-lingual article search (the query in Korean, Japanese or English)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from comparator.api.deps import State, iso_param
from comparator.api.models import Lang, ListOut, SearchHitOut
from comparator.api.state import ApiState, one_faiss_thread
from comparator.errors import InputError
from comparator.search import MAX_QUERY_CHARS, SearchFilters, search

router = APIRouter(tags=["search"])

SearchOut = ListOut[SearchHitOut]
MAX_OFFSET = 10_000  # deep pages cost a FAISS fetch of offset + k vectors each


@router.get("/api/search", response_model=SearchOut)
async def search_articles(
    state: State,
    q: Annotated[str, Query(description="The query, in any of ja / ko / en.", max_length=MAX_QUERY_CHARS)],
    lang: Annotated[Lang | None, Query(description="Only articles in this language.")] = None,
    outlet: Annotated[str | None, Query(description="Only this outlet (case-insensitive).")] = None,
    since: Annotated[str | None, Query(description="ISO date or datetime, inclusive.")] = None,
    until: Annotated[
        str | None, Query(description="ISO date or datetime, inclusive (a date covers the day).")
    ] = None,
    k: Annotated[int, Query(ge=1, description="Results per page (at most the api_max_k setting).")] = 10,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Results to skip.")] = 0,
) -> Response:
    """Articles closest to the query in the multilingual space, best first, each with the sentence
    that matches the query best (offsets into the article text)."""
    limit = state.settings.api_max_k
    if k > limit:
        raise InputError(
            f"k={k} is above the limit of {limit} (setting COMPARATOR_API_MAX_K)",
            source="query parameter 'k'",
        )
    query = q.strip()
    if not query:
        raise InputError("empty query", source="query parameter 'q'")
    filters = SearchFilters(
        lang=lang, outlet=outlet or None, since=iso_param(since, "since"), until=iso_param(until, "until")
    )
    # Fast path, on the event loop: the query vector is cached and no ingest holds or awaits the
    # store, so the search is ~1-2 ms of index and SQLite reads; two thread-pool hops and 20 threads
    # contending for the GIL would cost more than the work. Anything that could wait (a model call,
    # an ingest) goes to a worker thread.
    if state.query_vectors.peek(query) is not None and state.store_lock.try_read():
        try:
            body = _search_json(state, query, k, offset, filters)
        finally:
            state.store_lock.release_read()
    else:
        body = await run_in_threadpool(_search_waiting, state, query, k, offset, filters)
    return Response(content=body, media_type="application/json")


def _search_waiting(state: ApiState, query: str, k: int, offset: int, filters: SearchFilters) -> str:
    """In a worker thread: embed (outside the store lock), then search under a read hold."""
    state.query_vectors.encode([query])
    with state.store_lock.read():
        return _search_json(state, query, k, offset, filters)


def _search_json(state: ApiState, query: str, k: int, offset: int, filters: SearchFilters) -> str:
    one_faiss_thread()
    hits = search(
        state.services.collection,
        state.query_vectors,
        query,
        k=k,
        offset=offset,
        filters=filters,
        cache=state.articles,
    )
    # Validated and serialized here, once: returned as a model, FastAPI would dump it, validate it
    # again against the response_model and encode it. The response_model still documents the shape.
    return SearchOut.model_validate(
        {"data": [h.to_dict() for h in hits], "count": len(hits)}
    ).model_dump_json()
