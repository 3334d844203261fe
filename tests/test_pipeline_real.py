"""The pipeline on the real default model and real FAISS/SQLite, over the shipped sample corpus."""

import importlib.util
import json
from importlib import resources
from pathlib import Path

import pytest

from comparator.collection import Collection
from comparator.search import SearchFilters, search

pytestmark = pytest.mark.slow
GOLD = json.loads((resources.files("comparator") / "data" / "sample" / "gold.json").read_text("utf-8"))
CALL_EVENTS = {e["id"]: set(e["articles"]) for e in GOLD["events"] if e["id"].startswith("leaders-call")}


@pytest.fixture(scope="module")
def coll(sample_index):
    c = Collection(sample_index, exact_max=200_000, create=False)
    yield c
    c.close()


def test_every_sample_article_is_stored_with_sentences(coll):
    n_gold = sum(len(e["articles"]) for e in GOLD["events"])
    stats = coll.store.stats()
    assert stats["articles"] == n_gold
    assert stats["by_lang"].keys() == {"ko", "ja", "en"}
    assert coll.article_index.ntotal == n_gold
    assert coll.sentence_index.ntotal == stats["sentences"]


def test_gold_copies_are_recorded_as_copies(coll):
    for copy_id, original_id in GOLD["copies"]:
        assert coll.get(copy_id, with_sentences=False).article.copy_of == original_id


def test_korean_query_finds_japanese_and_english_reports_of_the_call(coll, real_embedder):
    hits = search(coll, real_embedder, "한일 정상 전화 통화", k=10)
    call_articles = set().union(*CALL_EVENTS.values())
    langs = {h.article.lang for h in hits if h.article.id in call_articles}
    assert {"ja", "en"} <= langs, [(h.article.id, round(h.score, 3)) for h in hits]
    best = hits[0].sentence
    assert best is not None and coll.get(hits[0].article.id).article.text[best.start : best.end] == best.text


def test_language_filter_and_paging(coll, real_embedder):
    ja = search(coll, real_embedder, "한일 정상 전화 통화", k=3, filters=SearchFilters(lang="ja"))
    assert len(ja) == 3 and all(h.article.lang == "ja" for h in ja)
    page2 = search(
        coll, real_embedder, "한일 정상 전화 통화", k=3, offset=3, filters=SearchFilters(lang="ja")
    )
    assert not {h.article.id for h in ja} & {h.article.id for h in page2}


def test_date_filter(coll, real_embedder):
    hits = search(
        coll, real_embedder, "정상 통화", k=50, filters=SearchFilters(since="2026-03-01", until="2026-03-31")
    )
    assert hits and all("2026-03-01" <= h.article.published_at[:10] <= "2026-03-31" for h in hits)


def test_title_queries_find_other_languages_gate(coll, real_embedder):
    """Quality gate: share of titles whose top 6 hold every other language of their event."""
    spec = importlib.util.spec_from_file_location(
        "eval_search", Path(__file__).parents[1] / "scripts" / "eval_search.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    result = mod.evaluate(coll, real_embedder, GOLD, k=6)
    baseline = json.loads((Path(__file__).parent / "eval_baseline.json").read_text())["search"][
        "all_langs_at_6"
    ]
    assert result["all_langs_at_k"] >= baseline - 0.03, result
