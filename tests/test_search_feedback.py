"""Search ranking: the query moved toward its nearest reports in the other languages.

A Korean query about a leaders' phone call (통화 is also "currency") must rank the call reports
above the currency stories; a currency query must still find the currency story first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from comparator.collection import Collection
from comparator.search import _with_feedback, search
from tests.fakes import HashEmbedder

CALL_EVENTS = ("call-", "sepcall-")  # the two leaders'-call events of the sample corpus
CURRENCY = ("finance-", "single-ko-rate", "single-ja-boj")


def _open(index: Path) -> Collection:
    return Collection(index, exact_max=1_000_000, create=False)


def _top(index: Path, embedder: Any, query: str, k: int) -> list[str]:
    coll = _open(index)
    try:
        return [h.article.id for h in search(coll, embedder, query, k=k)]
    finally:
        coll.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    "query",
    ["한일 정상 전화 통화", "정상 간 전화 통화", "日韓首脳の電話会談", "leaders' phone call"],
)
def test_call_reports_rank_above_currency_stories(sample_index: Path, real_embedder, query: str) -> None:
    hits = _top(sample_index, real_embedder, query, k=20)
    calls = [i for i, a in enumerate(hits) if a.startswith(CALL_EVENTS)]
    money = [i for i, a in enumerate(hits) if a.startswith(CURRENCY)]
    assert calls and hits[0].startswith(CALL_EVENTS)
    # Korean call reports share the word 통화 with the currency stories: they must still lead.
    ko_calls = [i for i, a in enumerate(hits) if a.startswith(CALL_EVENTS) and "-ko-" in a]
    assert not money or max(ko_calls, default=-1) < min(money), hits


@pytest.mark.slow
@pytest.mark.parametrize(
    "query", ["한일 통화스와프 연장", "日韓の通貨スワップ延長", "currency swap extension"]
)
def test_currency_query_still_finds_the_currency_story(sample_index: Path, real_embedder, query: str) -> None:
    hits = _top(sample_index, real_embedder, query, k=3)
    assert hits[0].startswith("finance-"), hits


def _tiny_index(tmp_path: Path, docs: list[tuple[str, str]]) -> Collection:
    from comparator.config import Settings
    from comparator.pipeline import ingest_paths

    src = tmp_path / "docs.jsonl"
    import json

    src.write_text(
        "\n".join(
            json.dumps({"id": f"d{i}", "title": t, "text": t, "lang": lang}, ensure_ascii=False)
            for i, (lang, t) in enumerate(docs)
        ),
        encoding="utf-8",
    )
    settings = Settings.from_env(index_dir=tmp_path / "idx")
    coll = Collection(tmp_path / "idx", exact_max=1000)
    ingest_paths([src], collection=coll, embedder=HashEmbedder(), settings=settings)
    return coll


def test_feedback_leaves_a_one_language_index_alone(tmp_path: Path) -> None:
    coll = _tiny_index(tmp_path, [("en", "The leaders spoke by phone."), ("en", "The yen fell.")])
    try:
        q = coll.center_query(HashEmbedder().encode(["leaders phone"])[0], "en")
        assert np.array_equal(_with_feedback(coll, q, "en"), q)
        assert np.array_equal(_with_feedback(coll, q, None), q)
    finally:
        coll.close()


def test_feedback_moves_the_query_toward_other_language_reports(tmp_path: Path) -> None:
    docs = [
        ("en", "The leaders spoke by phone."),
        ("ja", "首脳が電話で会談した。"),
        ("ja", "円相場が下落した。"),
    ]
    coll = _tiny_index(tmp_path, docs)
    try:
        q = coll.center_query(HashEmbedder().encode(["leaders phone"])[0], "en")
        moved = _with_feedback(coll, q, "en")
        assert moved.shape == q.shape and abs(float(np.linalg.norm(moved)) - 1.0) < 1e-5
        assert not np.allclose(moved, q)
    finally:
        coll.close()


def test_a_searcher_remembers_moved_queries_until_the_index_grows(tmp_path: Path, monkeypatch) -> None:
    import comparator.search as search_mod
    from comparator.search import ArticleCache

    docs = [("en", "The leaders spoke by phone."), ("ja", "首脳が電話で会談した。")]
    coll = _tiny_index(tmp_path, docs)
    calls: list[int] = []
    real = search_mod._with_feedback

    def counted(collection, qvec, lang):  # type: ignore[no-untyped-def]
        calls.append(collection.article_index.ntotal)
        return real(collection, qvec, lang)

    monkeypatch.setattr(search_mod, "_with_feedback", counted)
    try:
        cache = ArticleCache()
        q = coll.center_query(HashEmbedder().encode(["leaders phone"])[0], "en")
        first = cache.moved_query(coll, q, "en")
        assert np.array_equal(cache.moved_query(coll, q, "en"), first) and calls == [2]
        assert np.array_equal(first, real(coll, q, "en"))
        cache.moved_query(coll, q, "ja")  # another language is another entry
        assert calls == [2, 2]
        from comparator.config import Settings
        from comparator.pipeline import ingest_paths

        more = tmp_path / "more.jsonl"
        more.write_text(
            '{"id": "d9", "title": "Yen", "text": "The yen fell.", "lang": "en"}', encoding="utf-8"
        )
        ingest_paths(
            [more],
            collection=coll,
            embedder=HashEmbedder(),
            settings=Settings.from_env(index_dir=tmp_path / "idx"),
        )
        cache.moved_query(coll, q, "en")  # the index grew: computed again
        assert calls == [2, 2, 3]
    finally:
        coll.close()
