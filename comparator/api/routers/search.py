"""GET /api/search: cross-lingual article search (the query in Korean, Japanese or English)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from comparator.api.deps import State, iso_param
from comparator.api.models import Lang, ListOut, SearchHitOut, hit_out
from comparator.api.state import one_faiss_thread
from comparator.errors import InputError
from comparator.search import MAX_QUERY_CHARS, SearchFilters, search

router = APIRouter(tags=["search"])

MAX_OFFSET = 10_000  # deep pages cost a FAISS fetch of offset + k vectors each


@router.get("/api/search", response_model=ListOut[SearchHitOut])
def search_articles(
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
) -> ListOut[SearchHitOut]:
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
    # Embed first, outside the store lock; search() below then finds the vector in the cache.
    state.query_vectors.encode([query])
    one_faiss_thread()
    with state.store_lock.read():
        hits = search(
            state.services.collection, state.query_vectors, query, k=k, offset=offset, filters=filters
        )
    data = [hit_out(h.to_dict()) for h in hits]
    return ListOut[SearchHitOut](data=data, count=len(data))
