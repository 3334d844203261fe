"""The FastAPI app: services built once in the lifespan, one router per resource, one error handler."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from comparator import __version__
from comparator.api.errors import install_error_handlers
from comparator.api.limits import BodySizeLimitMiddleware
from comparator.api.state import QUERY_CACHE_SIZE, ApiState
from comparator.config import Settings
from comparator.services import Services, open_services

log = logging.getLogger(__name__)

# Pages and API answers may only use what this server serves: no CDN, no inline script.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
NO_CACHE = [(b"cache-control", b"no-cache")]


def create_app(
    settings: Settings,
    *,
    services: Services | None = None,
    warm: bool = True,
    query_cache_size: int = QUERY_CACHE_SIZE,
) -> FastAPI:
    """The app for one index. ``services`` given by the caller are used as they are and not closed;
    otherwise they are opened (not created: the index must exist) at startup and closed at shutdown.
    ``warm`` loads the model at startup so the first search does not pay for it."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = services is None
        svc = services if services is not None else open_services(settings, create=False)
        state = ApiState(svc, query_cache_size=query_cache_size)
        if warm:
            await run_in_threadpool(lambda: state.embedder.encode(["warm-up"]))
        app.state.api = state
        log.info("serving %s (%d articles)", svc.settings.index_dir, svc.collection.store.count("articles"))
        try:
            yield
        finally:
            app.state.api = None
            if owned:
                svc.close()

    app = FastAPI(
        title="comparator",
        version=__version__,
        description="Search Korean, Japanese and English news across languages, and compare reports of one event.",
        lifespan=lifespan,
        docs_url=None,  # the bundled docs page (comparator.web) serves /docs without any CDN
        redoc_url=None,
    )
    install_error_handlers(app)
    _include_routers(app)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.api_max_body_bytes)
    app.add_middleware(_SecurityHeadersMiddleware)
    return app


def _include_routers(app: FastAPI) -> None:
    from comparator.api.models import ERROR_RESPONSES
    from comparator.api.routers import articles, compare, events, health, search
    from comparator.web import mount_web

    for module in (search, articles, events, compare, health):
        app.include_router(module.router, responses=ERROR_RESPONSES)
    mount_web(app)


class _SecurityHeadersMiddleware:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        # Static files are revalidated on every load (cheap 304s), so an upgrade never runs stale JS.
        extra = [*SECURITY_HEADERS, *(NO_CACHE if scope["path"].startswith("/static/") else [])]

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
