"""The web view in Debian's chromium (Playwright, sync API) against a live server on 127.0.0.1.

Never runs ``playwright install``: it drives /usr/bin/chromium (apt-get install chromium
fonts-noto-cjk) and skips when that is absent. Every request the page makes to anything other
than the test server is refused and recorded, so a CDN dependency would fail the tests.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]

XSS_TITLE = 'Harbor notice <img src=x onerror="window.__xss=1"> <b>bold</b>'
XSS_SCRIPT = "<script>window.__xss=2</script>"
XSS_IMG = '<img src=x onerror="window.__xss=3">'
XSS_TEXT = (
    "Residents of the harbor town said the ferry alarm sounded at noon on Friday. "
    f"A reader sent the newsroom a note that read {XSS_SCRIPT} and nothing else. "
    f"Another message contained the markup {XSS_IMG} in its first line. "
    "The harbor office said it would review the ferry schedule."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=300) as r:
        return json.loads(r.read().decode("utf-8"))


def _post(url: str, payload: Any) -> Any:
    req = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"content-type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(req, timeout=300) as r:
        return json.loads(r.read().decode("utf-8"))


@pytest.fixture(scope="module")
def live_index(sample_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample index with the events batch job run on it (when the job exists)."""
    index = tmp_path_factory.mktemp("web") / "index"
    shutil.copytree(sample_index, index)
    try:
        from comparator.eventjob import run_job
    except ImportError:
        return index
    from comparator.store import Store

    store = Store(index / "store.sqlite")
    try:
        run_job(store)
    finally:
        store.close()
    return index


@pytest.fixture(scope="module")
def server(live_index: Path, real_embedder: Any) -> Iterator[str]:
    import uvicorn

    from comparator.api import create_app
    from comparator.config import Settings
    from comparator.services import open_services

    settings = Settings.from_env(index_dir=live_index)
    services = open_services(settings, embedder=real_embedder)
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, services=services), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    # One search through the API first: the first query in a process loads langdetect's profiles and
    # runs the model's first call in a worker thread; the page tests should not time that.
    _get(url + "/api/search?q=" + urllib.request.quote("북한 미사일") + "&k=1")
    try:
        yield url
    finally:
        srv.should_exit = True
        thread.join(timeout=30)
        services.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="ko-KR")
    pg = context.new_page()
    pg.set_default_timeout(120_000)  # the first comparison may run the model on a busy machine
    outside: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(server):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.outside_requests = outside  # type: ignore[attr-defined]
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert not outside, f"the page asked for something outside the server: {outside}"
    assert not errors, f"JavaScript errors: {errors}"


def test_search_in_korean_finds_the_japanese_report(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.fill("#q", "북한 탄도미사일 발사")
    page.press("#q", "Enter")
    page.wait_for_selector("#results li.hit")
    ja = page.locator("#results li.hit[data-lang='ja']")
    assert ja.count() >= 1
    assert ja.first.get_attribute("data-id") == "missile-ja-tsuho"
    # The search has a permalink, and the language filter narrows it to Japanese only.
    page.goto(server + "/?q=" + urllib.request.quote("북한 탄도미사일 발사") + "&lang=ja")
    page.wait_for_selector("#results li.hit")
    langs = page.locator("#results li.hit").evaluate_all("els => els.map(e => e.dataset.lang)")
    assert set(langs) == {"ja"}
    assert page.locator("#results li.hit").first.get_attribute("data-id") == "missile-ja-tsuho"
    assert "ミサイル" in page.locator("#results li.hit").first.inner_text()


def test_a_query_typed_before_the_script_loads_is_kept(page: Any, server: str) -> None:
    # The start page's module loads after the page; on a busy machine a reader (or a test) types
    # first. The module used to reset the box to the URL's query, wiping the typed text, and the
    # Enter that followed submitted an empty required field: nothing happened.
    held: list[Any] = []
    page.route("**/static/search.js", lambda route: held.append(route))  # held until released
    page.goto(server + "/", wait_until="domcontentloaded")
    page.fill("#q", "북한 탄도미사일 발사")
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the start page never asked for its module"
    held[0].continue_()
    page.wait_for_selector("#event-list li")  # the module has started
    assert page.input_value("#q") == "북한 탄도미사일 발사"
    page.press("#q", "Enter")
    page.wait_for_selector("#results li.hit")
    assert page.locator("#results li.hit[data-lang='ja']").count() >= 1


def test_result_checkboxes_keep_their_size_when_a_snippet_wraps(page: Any, server: str) -> None:
    # A flex item shrinks by default: a hit whose snippet wrapped squeezed its checkbox.
    page.set_viewport_size({"width": 700, "height": 900})
    page.goto(server + "/?q=" + urllib.request.quote("Takeshima Day protest"))
    page.wait_for_selector("#results li.hit")
    widths = page.locator("#results .pick").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().width))"
    )
    assert len(widths) >= 2
    assert len(set(widths)) == 1, widths


def test_compare_bar_appears_only_once_a_report_is_picked(page: Any, server: str) -> None:
    # .compare-bar is display: flex, which beat its hidden attribute: an empty bar sat on the page.
    page.goto(server + "/")
    page.wait_for_selector("#event-list li.event")
    bar = page.locator("#compare-bar")
    assert not bar.is_visible()
    page.goto(server + "/?q=" + urllib.request.quote("북한 탄도미사일 발사"))
    page.wait_for_selector("#results li.hit")
    assert not bar.is_visible()
    page.locator("#results .pick").first.check()
    assert bar.is_visible()
    assert "1 selected" in bar.inner_text()
    page.locator("#results .pick").first.uncheck()
    assert not bar.is_visible()


def test_counts_take_the_right_number(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.wait_for_selector("#event-list li.event")
    metas = page.locator("#event-list li.event > p.meta").all_inner_texts()
    sizes = [len(e["article_ids"]) for e in _get(server + "/api/events?limit=100")["data"]]
    assert sum(" 1 report · " in m for m in metas) == sizes.count(1)
    assert not any(" 1 reports" in m for m in metas), metas


def test_article_page_shows_the_article_and_its_quotes_without_an_error(page: Any, server: str) -> None:
    # The article page has no differences panel; rendering one used to throw after the text was shown.
    page.goto(server + "/articles/call-en-tokyoledger")
    page.wait_for_selector(".column .sent")
    page.wait_for_function("document.getElementById('article-status').textContent !== 'Loading…'")
    status = page.locator("#article-status")
    assert "Could not load" not in status.inner_text()
    assert status.get_attribute("data-kind") != "error"
    assert page.locator(".column .chip.speaker").count() >= 1


def _best_event(server: str) -> dict[str, Any]:
    try:
        events = _get(server + "/api/events?limit=100")["data"]
    except urllib.error.HTTPError as exc:
        pytest.skip(f"events are not available: {exc.read().decode()}")
    multi = [e for e in events if len(e["article_ids"]) >= 2]
    if not multi:
        pytest.skip("the events job found no event with two or more reports")
    return max(multi, key=lambda e: (len(e["langs"]), len(e["article_ids"])))


def test_event_page_shows_columns_and_lights_up_counterparts(page: Any, server: str) -> None:
    event = _best_event(server)
    page.goto(f"{server}/events/{event['id']}")
    page.wait_for_selector(".column .sent")
    columns = page.locator(".column")
    n = columns.count()
    assert 2 <= n <= 4
    assert n == min(len(event["article_ids"]), max(len(event["langs"]), 3), 4)
    langs = columns.evaluate_all("els => els.map(e => e.querySelector('.article-text').lang)")
    assert set(langs) == set(event["langs"]) or len(set(langs)) == min(len(event["langs"]), n)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "event-page.png"), full_page=True)
    if not _get(server + "/api/health")["features"]["compare"]:
        pytest.skip("columns shown; sentence links need the comparison engine, not installed yet")
    _check_linked_highlight(page)


def _check_linked_highlight(page: Any) -> None:
    linked = page.locator(".sent:not([data-links='0'])")
    assert linked.count() > 0, "no sentence is linked to another report"
    first = linked.first
    col = first.get_attribute("data-col")
    first.hover()
    lit = page.locator(".sent.lit")
    assert lit.count() >= 1
    assert col not in set(lit.evaluate_all("els => els.map(e => e.dataset.col)"))
    assert "lit-source" in (first.get_attribute("class") or "")
    # Click pins the selection: it stays lit when the pointer leaves; Escape clears it.
    first.click()
    page.mouse.move(0, 0)
    assert page.locator(".sent.lit").count() >= 1
    first.press("Escape")
    assert page.locator(".sent.lit").count() == 0
    # Keyboard alone: focusing a linked sentence lights its counterparts too.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    first.focus()
    assert page.locator(".sent.lit").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "event-page-highlight.png"), full_page=True)


def test_comparison_permalink_links_sentences_across_languages(page: Any, server: str) -> None:
    if not _get(server + "/api/health")["features"]["compare"]:
        pytest.skip("the comparison engine is not installed yet")
    page.goto(f"{server}/compare?ids=call-ko-office,call-ja-mofa,call-en-asiawire")
    page.wait_for_selector(".column .sent")
    assert page.locator(".column").count() == 3
    _check_linked_highlight(page)
    assert page.locator("#differences li").count() > 0


def test_markup_in_an_article_is_shown_as_text_and_never_runs(page: Any, server: str) -> None:
    added = _post(
        server + "/api/articles",
        {
            "id": "xss-probe",
            "title": XSS_TITLE,
            "text": XSS_TEXT,
            "lang": "en",
            "outlet": "Probe <i>Daily</i>",
        },
    )
    assert added["ids"] == ["xss-probe"] or added["already_stored"] == 1
    pages = [
        "/articles/xss-probe",
        "/?q=" + urllib.request.quote("harbor ferry alarm note newsroom markup"),
        "/compare?ids=xss-probe,missile-en-khp",
    ]
    for path in pages:
        page.goto(server + path)
        page.wait_for_selector(".column .sent, #results li.hit")
        page.wait_for_timeout(300)  # let any payload that did get in fire
        assert page.evaluate("window.__xss") is None, path
        body = page.locator("main").inner_text()
        assert "onerror" in body and ("<img" in body or "<b>" in body), path
        assert page.locator("main img, main script:not([src]), main b").count() == 0, path
    # The article page shows the text exactly as given, markup included.
    page.goto(server + "/articles/xss-probe")
    page.wait_for_selector(".column .sent")
    text = page.locator(".article-text").inner_text()
    assert XSS_SCRIPT in text and XSS_IMG in text


def _tab_until(page: Any, condition: str, limit: int = 80) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return True
    return False


def test_keyboard_alone_can_search_and_pick_reports(page: Any, server: str) -> None:
    page.goto(server + "/")
    assert _tab_until(page, "document.activeElement.id === 'q'")
    page.keyboard.type("竹島の日 式典")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results li.hit")
    for _ in range(2):
        assert _tab_until(page, "document.activeElement.classList.contains('pick')")
        page.keyboard.press("Space")
    assert page.locator("#compare-bar").is_visible()
    assert _tab_until(page, "document.activeElement.id === 'compare-link'")
    href = page.get_attribute("#compare-link", "href") or ""
    assert href.startswith("/compare?ids=") and len(href.split("=", 1)[1].split(",")) == 2
    page.keyboard.press("Enter")
    page.wait_for_selector(".column .sent")
    assert page.locator(".column").count() == 2


def test_difference_evidence_shows_what_each_report_says(page: Any, server: str) -> None:
    # QA pass 4: a speaker's two quotes in one report were listed as two identical links
    # ("한결신문 (한국어): 윤재혁", twice); each link now carries the start of its own evidence.
    if not _get(server + "/api/health")["features"]["compare"]:
        pytest.skip("the comparison engine is not installed yet")
    page.goto(f"{server}/compare?ids=call-ko-office,call-ja-mofa,call-en-asiawire")
    page.wait_for_selector("#differences li")
    jumps = page.locator("#differences .jump").evaluate_all(
        "els => els.map(e => [e.textContent, e.getAttribute('title') || ''])"
    )
    assert jumps
    for text, title in jumps:
        said = " ".join(title.strip("“”").split())
        assert said[:12] in " ".join(text.split()), (text, title)


def test_event_heading_is_the_english_title_as_in_the_events_report(page: Any, server: str) -> None:
    # QA pass 4: the heading was the first title of the event (the earliest report's language), while
    # OUT/report.html heads the event with its English title; the event list does the same.
    event = _best_event(server)
    if "en" not in event["titles"]:
        pytest.skip("the best event has no English title")
    page.goto(f"{server}/events/{event['id']}")
    page.wait_for_selector(".column .sent")
    assert page.locator("#event-title").inner_text() == event["titles"]["en"]
    page.goto(f"{server}/")
    page.wait_for_selector(".event-title")
    heads = page.locator(".event-title").all_inner_texts()
    assert event["titles"]["en"] in heads


# QA pass 5 (W1, W4, W5): layout at a laptop's width, and dates with their zone.
SIX_REPORTS = [
    (
        "harbor-en-1",
        "en",
        "The harbor office closed the north pier for 25 minutes on Friday after a crane fault.",
    ),
    (
        "harbor-en-2",
        "en",
        "Port workers said the north pier was shut for about half an hour while engineers checked a crane.",
    ),
    ("harbor-ko-1", "ko", "항만사무소는 금요일 크레인 고장으로 북쪽 부두를 25분간 폐쇄했다."),
    ("harbor-ko-2", "ko", "북쪽 부두가 크레인 점검으로 한때 폐쇄됐다고 항만 노동자들이 전했다."),
    ("harbor-ja-1", "ja", "港湾事務所は金曜日、クレーンの故障で北側の埠頭を25分間閉鎖した。"),
    ("harbor-ja-2", "ja", "北埠頭はクレーン点検のため一時閉鎖されたと港湾労働者が話した。"),
]


def test_the_standalone_report_of_six_reports_stays_within_a_1280_px_window(browser: Any) -> None:
    from comparator.compare import compare_articles
    from comparator.pipeline import prepare_article
    from comparator.report import to_html
    from comparator.schema import RawDocument
    from tests.fakes import HashEmbedder

    arts = [
        prepare_article(RawDocument(text=t, lang=lang, id=i, outlet=i, title=i), max_chars=5000)
        for i, lang, t in SIX_REPORTS
    ]
    page_html = to_html(compare_articles(arts, embedder=HashEmbedder(dim=256)))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        pg = context.new_page()
        pg.set_content(page_html)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 1280
        lefts = pg.evaluate(
            "[...document.querySelectorAll('main > article')].map(a => a.getBoundingClientRect().right)"
        )
        assert len(lefts) == 6 and max(lefts) <= 1280
    finally:
        context.close()


def test_a_long_speaker_chip_stays_inside_its_column(page: Any, server: str) -> None:
    page.goto(f"{server}/compare?ids=call-ko-office,call-ja-mofa,call-en-asiawire")
    page.wait_for_selector(".column .sent")
    overflow = page.evaluate(
        """() => {
          const text = document.querySelector('.column .article-text');
          const chip = document.createElement('button');
          chip.className = 'chip speaker';
          chip.textContent = 'The foreign ministers of the three harbor towns and their deputies';
          text.prepend(chip);
          const col = text.closest('.column');
          return [col.scrollWidth - col.clientWidth, text.scrollWidth - text.clientWidth,
                  chip.getBoundingClientRect().right - col.getBoundingClientRect().right];
        }"""
    )
    assert overflow[0] <= 0 and overflow[1] <= 0 and overflow[2] <= 0, overflow


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("2026-11-26T11:52:00Z", "2026-11-26 11:52 UTC"),
        ("2026-11-26T21:05:00+09:00", "2026-11-26 21:05 UTC+9"),
        ("2026-11-26T06:52:00-05:00", "2026-11-26 06:52 UTC-5"),
        ("2026-11-26T17:22:00+05:30", "2026-11-26 17:22 UTC+5:30"),
        ("2026-11-26T21:05", "2026-11-26 21:05"),
        ("2026-11-26", "2026-11-26"),
    ],
)
def test_dates_are_shown_with_their_zone(page: Any, server: str, iso: str, shown: str) -> None:
    page.goto(server + "/")
    got = page.evaluate("async (iso) => (await import('/static/dom.js')).formatDate(iso)", iso)
    assert got == shown


def test_a_near_copy_is_listed_as_a_copy_not_offered_as_a_source(page: Any, server: str) -> None:
    """QA9 S6: the event answers with one more article, a near-copy of its first report (as the
    ingest marks a re-published wire story); the page counts it apart and offers no tick box for it."""
    event = _best_event(server)
    detail = _get(f"{server}/api/events/{event['id']}")
    original = detail["articles"][0]
    copy = {**original, "id": "copy-of-first", "outlet": "Reprint Daily", "copy_of": original["id"]}
    detail["articles"].append(copy)
    detail["article_ids"].append(copy["id"])
    detail["outlets"].append(copy["outlet"])
    page.route(f"{server}/api/events/{event['id']}", lambda r: r.fulfill(json=detail))
    page.goto(f"{server}/events/{event['id']}")
    page.wait_for_selector(".column .sent")
    n = len(detail["articles"]) - 1
    assert page.inner_text("#event-meta").startswith(f"{n} reports + 1 copy ·")
    assert page.locator("#picker-options input[value='copy-of-first']").count() == 0
    listed = page.inner_text("#picker-copies")
    assert "Reprint Daily" in listed and f"copy of {original['outlet']}" in listed
    shown = page.locator(".column").evaluate_all("els => els.map(e => e.dataset.id)")
    assert "copy-of-first" not in shown
    page.screenshot(path=str(ARTIFACTS / "event-page-copy.png"), full_page=False)
