"""Dependencies injected into the routers (tests override ``get_state`` to swap services)."""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request

from comparator.api.errors import FeatureUnavailableError
from comparator.api.state import ApiState
from comparator.errors import InputError

# Engines written as separate stages; the API serves them when they are installed.
OPTIONAL_FEATURES = {
    "events": ("comparator.eventjob", "list_events"),
    "compare": ("comparator.compare", "compare_articles"),
    "quotes": ("comparator.quotes", "extract_quotes"),
}


async def get_state(request: Request) -> ApiState:
    # async: a plain def dependency costs every request a hop through the thread pool.
    state = getattr(request.app.state, "api", None)
    if state is None:  # only when the app is used without its lifespan
        raise FeatureUnavailableError("the API services are not started (the app's lifespan did not run)")
    return state


State = Annotated[ApiState, Depends(get_state)]


def feature(name: str, attr: str | None = None) -> Any:
    """The named function of an optional engine, or FeatureUnavailableError (501) naming it."""
    module_name, default_attr = OPTIONAL_FEATURES[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise FeatureUnavailableError(
                f"{name} is not available: module {module_name} is not installed in this build"
            ) from None
        raise
    fn = getattr(module, attr or default_attr, None)
    if fn is None:
        raise FeatureUnavailableError(f"{name} is not available: {module_name} has no {attr or default_attr}")
    return fn


def has_feature(name: str) -> bool:
    try:
        feature(name)
    except FeatureUnavailableError:
        return False
    return True


def iso_param(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{value!r} is not an ISO 8601 date or datetime (e.g. 2025-09-12)",
            source=f"query parameter '{name}'",
        ) from None
    return value
