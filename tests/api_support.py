"""Helpers for the API and browser tests: an app (and a TestClient) over an index folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from comparator.config import Settings
from comparator.services import open_services

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "api" / "articles.jsonl"


def fixture_records() -> list[dict[str, Any]]:
    """Our own invented ko/ja/en reports (three events, three languages each)."""
    import json

    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


@contextmanager
def api_client(index_dir: Path, embedder: Any, **overrides: Any) -> Iterator[Any]:
    """A TestClient over the real app (lifespan included) on ``index_dir``."""
    from fastapi.testclient import TestClient

    from comparator.api import create_app

    settings = Settings.from_env(index_dir=index_dir, **overrides)
    services = open_services(settings, create=False, embedder=embedder)
    try:
        with TestClient(create_app(settings, services=services)) as client:
            yield client
    finally:
        services.close()


@contextmanager
def fake_app(index_dir: Path, **overrides: Any) -> Iterator[Any]:
    """(app, settings): the real app over a new, empty index and the deterministic fake embedder."""
    from comparator.api import create_app
    from tests.fakes import HashEmbedder

    settings = Settings(index_dir=index_dir, model="fake-hash", **overrides)
    services = open_services(settings, create=True, embedder=HashEmbedder())
    services.collection.bind_model("fake-hash", 64)
    try:
        yield create_app(settings, services=services), settings
    finally:
        services.close()


def raised_through(app: Any, exc: BaseException) -> Any:
    """The response ``app`` gives when one of its routes raises ``exc``."""
    from fastapi.testclient import TestClient

    @app.get("/boom")
    def boom() -> None:
        raise exc

    with TestClient(app, raise_server_exceptions=False) as client:
        return client.get("/boom")
