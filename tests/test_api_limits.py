"""Fast checks of the API's plumbing on a fake embedder: error mapping, body limit, lifespan, serve CLI.

The behaviour of every endpoint on the real model is in test_api.py; these tests only cover what
does not depend on the model, so they run in the quick suite too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from comparator.api import create_app
from comparator.api.errors import FeatureUnavailableError
from comparator.config import Settings
from comparator.errors import (
    ComparatorError,
    IndexFormatError,
    InputError,
    MissingDependencyError,
    ModelError,
    NotFoundError,
    StoreError,
    UnsupportedLanguageError,
)
from tests.api_support import fake_app, raised_through

RECORD = {"text": "The harbor office reopened the pier on Monday. Ferries resumed at noon.", "lang": "en"}


@pytest.fixture
def app_and_settings(tmp_path: Path) -> Iterator[tuple[Any, Settings]]:
    with fake_app(tmp_path / "index", api_max_body_bytes=4_000) as app_settings:
        yield app_settings


@pytest.fixture
def client(app_and_settings: tuple[Any, Settings]) -> Iterator[TestClient]:
    with TestClient(app_and_settings[0], raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (InputError("bad", source="x"), 422),
        (UnsupportedLanguageError("no language", source="x"), 422),
        (NotFoundError("no such thing"), 404),
        (StoreError("database is locked"), 503),
        (IndexFormatError("articles.faiss is corrupt"), 500),
        (ModelError("cannot load"), 503),
        (MissingDependencyError("faiss-cpu", "Search"), 501),
        (FeatureUnavailableError("not built"), 501),
        (ComparatorError("something else"), 500),
    ],
)
def test_comparator_errors_map_to_http(app_and_settings, exc, status):
    r = raised_through(app_and_settings[0], exc)
    assert r.status_code == status
    assert r.json() == {"error": type(exc).__name__, "message": str(exc)}


def test_unexpected_errors_are_500_without_a_traceback(app_and_settings):
    r = raised_through(app_and_settings[0], RuntimeError("secret internal detail"))
    assert r.status_code == 500
    assert r.json()["error"] == "InternalError"
    assert "secret" not in r.text and "Traceback" not in r.text


def test_declared_body_over_the_limit_is_413_before_reading(client):
    r = client.post("/api/articles", content=b"x" * 5_000, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"] == "PayloadTooLarge"
    assert "4,000 bytes" in r.json()["message"]


def test_chunked_body_over_the_limit_is_413(client):
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"y" * 1_000

    r = client.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_body_under_the_limit_reaches_the_handler(client):
    r = client.post("/api/articles", json=RECORD)
    assert r.status_code == 201, r.text
    assert r.json()["added"] == 1


def test_empty_index_searches_to_an_empty_list(client):
    r = client.get("/api/search", params={"q": "pier"})
    assert r.status_code == 200
    assert r.json() == {"data": [], "count": 0}


def test_app_without_services_opens_the_index_in_its_lifespan(tmp_path: Path):
    settings = Settings(index_dir=tmp_path / "missing")
    with pytest.raises(StoreError, match="no index at"), TestClient(create_app(settings, warm=False)):
        pass


def test_serve_refuses_a_missing_index_with_one_clear_line(tmp_path: Path):
    from typer.testing import CliRunner

    from comparator.cli import app, corpus, serve  # noqa: F401  (importing registers the commands)

    r = CliRunner().invoke(app, ["serve", "--index", str(tmp_path / "nothing-here"), "--port", "0"])
    assert r.exit_code == 1
    assert "--port" in r.output
    r = CliRunner().invoke(app, ["serve", "--index", str(tmp_path / "nothing-here")])
    assert r.exit_code == 1
    assert "no index at" in r.output
    assert not (tmp_path / "nothing-here").exists()  # serve never creates an index


def test_store_lock_lets_readers_overlap_and_keeps_writers_alone():
    import threading

    from comparator.api.state import ReadWriteLock

    lock = ReadWriteLock()
    both_inside = threading.Barrier(2, timeout=10)
    events: list[str] = []

    def reader(name: str) -> None:
        with lock.read():
            both_inside.wait()  # only passes if the two readers hold the lock at the same time
            events.append(f"{name} read")

    def writer() -> None:
        with lock.write():
            events.append("write")

    with lock.read():  # a writer arriving now must wait for this reader
        w = threading.Thread(target=writer)
        w.start()
        w.join(timeout=0.2)
        assert w.is_alive() and events == []
    w.join(timeout=10)
    assert events == ["write"]
    readers = [threading.Thread(target=reader, args=(n,)) for n in ("a", "b")]
    for t in readers:
        t.start()
    for t in readers:
        t.join(timeout=10)
    assert sorted(events[1:]) == ["a read", "b read"]
