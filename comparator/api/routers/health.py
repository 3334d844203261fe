"""GET /api/health: is the index readable, and what does this installation serve."""

from __future__ import annotations

from fastapi import APIRouter

from comparator.api.deps import OPTIONAL_FEATURES, State, has_feature
from comparator.api.models import HealthOut

router = APIRouter(tags=["health"])


@router.get("/api/health", response_model=HealthOut)
def health(state: State) -> HealthOut:
    """Counts, the index's model and which optional engines this installation has."""
    with state.store_lock.read():
        store = state.services.collection.store
        articles, sentences, model = (
            store.count("articles"),
            store.count("sentences"),
            store.get_meta("model"),
        )
    return HealthOut(
        status="ok",
        articles=articles,
        sentences=sentences,
        model=model,
        model_loaded=state.model_loaded,
        query_cache=state.query_vectors.stats(),
        features={name: has_feature(name) for name in OPTIONAL_FEATURES},
    )
