"""GET /api/search's two paths through the real app: a new query (worker thread, model) and a repeated
one (event loop) give the same answer, and a repeated query never blocks the event loop on an ingest."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from tests.api_support import api_client

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(sample_index: Path, real_embedder: Any):
    with api_client(sample_index, real_embedder) as c:
        yield c


@pytest.mark.parametrize(
    "params",
    [
        {"q": "여객선 침몰 구조", "k": 5},
        {"q": "北朝鮮 弾道ミサイル 発射", "k": 3, "offset": 2},
        {"q": "textbook screening", "k": 4, "lang": "ko"},
    ],
)
def test_repeated_query_answers_exactly_as_the_first_time(client, params: dict[str, Any]):
    before = client.get("/api/health").json()["query_cache"]
    first = client.get("/api/search", params=params)
    second = client.get("/api/search", params=params)
    after = client.get("/api/health").json()["query_cache"]
    assert first.status_code == second.status_code == 200
    assert first.headers["content-type"] == "application/json"
    assert first.json()["count"] > 0
    assert second.content == first.content
    assert after["misses"] - before["misses"] <= 1  # the repeat did not run the model
    assert after["hits"] > before["hits"]


def test_a_cached_search_waits_for_an_ingest_without_blocking_other_requests(client):
    params = {"q": "harbor ferry rescue", "k": 3}
    expected = client.get("/api/search", params=params).content  # now cached
    lock = client.app.state.api.store_lock
    holding, release = threading.Event(), threading.Event()
    answers: list[Any] = []

    def ingest_stand_in() -> None:
        with lock.write():
            holding.set()
            release.wait(30)

    def search() -> None:
        answers.append(client.get("/api/search", params=params))

    cache = client.app.state.api.query_vectors
    writer = threading.Thread(target=ingest_stand_in)
    writer.start()
    assert holding.wait(30)
    hits = cache.hits
    reader = threading.Thread(target=search)
    reader.start()
    try:
        # The handler looked the vector up (peek) and so did its worker thread: it is now waiting.
        for _ in range(3000):
            if cache.hits >= hits + 2 or answers:
                break
            threading.Event().wait(0.01)
        # The event loop keeps serving while the search waits for the store in a worker thread.
        assert client.get("/openapi.json").status_code == 200
        assert not answers  # a search never reads the store while an ingest holds it
    finally:
        release.set()
        writer.join(30)
        reader.join(60)
    assert len(answers) == 1 and answers[0].status_code == 200
    assert answers[0].content == expected
