"""The events batch job on a fake embedder: tables, outputs, incremental runs, crash safety, CLI.

Cross-lingual grouping quality needs the real model: tests/test_events_real.py. Here the fake
(character trigrams) only links same-language paraphrases, which is enough to exercise the job.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from comparator.collection import Collection
from comparator.config import Settings
from comparator.errors import InputError, NotFoundError, StoreError
from comparator.eventjob import get_event, list_events, run_job
from comparator.pipeline import ingest_paths
from comparator.store import Store
from tests.fakes import HashEmbedder

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "comparator" / "data" / "sample" / "articles.jsonl"
SPLIT = "2026-02-01"  # first run: the articles before; second run: the rest


def _records():
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _ingest(index: Path, src: Path) -> None:
    settings = Settings(index_dir=index, model="fake-hash")
    coll = Collection(index, exact_max=1000)
    try:
        ingest_paths([src], collection=coll, embedder=HashEmbedder(), settings=settings)
    finally:
        coll.close()


def _run(index: Path, out: Path | None = None, **kw):
    store = Store(index / "store.sqlite", create=False)
    try:
        return run_job(store, out_dir=out, **kw)
    finally:
        store.close()


def _events(index: Path) -> list[dict]:
    store = Store(index / "store.sqlite", create=False)
    try:
        return sorted((e.to_dict() for e in list_events(store)), key=lambda e: e["id"])
    finally:
        store.close()


@pytest.fixture(scope="module")
def fake_index(tmp_path_factory) -> Path:
    """The sample corpus ingested with the fake embedder (no events yet)."""
    index = tmp_path_factory.mktemp("fake") / "index"
    _ingest(index, SAMPLE)
    return index


@pytest.fixture
def index_copy(fake_index: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "index"
    shutil.copytree(fake_index, dest)
    return dest


@pytest.fixture(scope="module")
def clean_events(fake_index: Path, tmp_path_factory) -> list[dict]:
    dest = tmp_path_factory.mktemp("clean") / "index"
    shutil.copytree(fake_index, dest)
    _run(dest)
    return _events(dest)


def test_every_article_in_exactly_one_event(index_copy: Path, tmp_path: Path):
    report = _run(index_copy, tmp_path / "out")
    lines = (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    ids = [a for e in events for a in e["article_ids"]]
    assert sorted(ids) == sorted(r["id"] for r in _records())
    assert len({e["id"] for e in events}) == len(events) == report.events
    assert report.pending == report.in_scope == len(ids)
    # The two wire stories re-published by a second site are one event, counted as one source.
    by_article = {a: e for e in events for a in e["article_ids"]}
    wire = by_article["trilat-en-pacifictimes"]
    assert "trilat-en-asiawire" in wire["article_ids"]
    assert wire["n_independent"] == len(wire["article_ids"]) - 1
    for e in events:
        assert set(e) == {
            "id", "article_ids", "outlets", "langs", "start", "end", "titles", "cohesion", "n_independent"
        }  # fmt: skip
        assert 0.0 <= e["cohesion"] <= 1.0


def test_second_run_changes_nothing(index_copy: Path, tmp_path: Path, clean_events):
    _run(index_copy, tmp_path / "out")
    first = (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8")
    report = _run(index_copy, tmp_path / "out")
    assert report.pending == 0 and report.pairs == 0 and report.new_events == 0
    assert (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8") == first
    assert _events(index_copy) == clean_events


def test_incremental_run_keeps_ids_and_places_new_articles(tmp_path: Path):
    recs = _records()
    early = [r for r in recs if r["published_at"][:10] < SPLIT]
    late = [r for r in recs if r["published_at"][:10] >= SPLIT]
    # A copy of an early wire story arrives with the late batch: it must join the stored event.
    copy = dict(next(r for r in early if r["id"] == "mine24-ko-kna"))
    copy.update(id="mine24-ko-copy", outlet="재전송일보", url="https://copy.example/mine24")
    copy["text"] = copy["text"].replace("。", "。 ") + " 재전송."
    index = tmp_path / "index"
    _ingest(index, _write(tmp_path / "early.jsonl", early))
    _run(index)
    before = {e["id"]: e for e in _events(index)}
    _ingest(index, _write(tmp_path / "late.jsonl", [*late, copy]))
    report = _run(index, tmp_path / "out")
    after = {e["id"]: e for e in _events(index)}
    assert report.pending == len(late) + 1
    assert set(before) <= set(after)  # no stored event lost or renamed
    grown = [eid for eid in before if after[eid]["article_ids"] != before[eid]["article_ids"]]
    assert len(grown) == report.grown_events == 1
    assert "mine24-ko-copy" in after[grown[0]]["article_ids"]
    placed = [a for e in after.values() for a in e["article_ids"]]
    assert sorted(placed) == sorted([r["id"] for r in recs] + ["mine24-ko-copy"])


def test_since_until_scope(index_copy: Path):
    report = _run(index_copy, since="2026-03-01", until="2026-03-09")
    store = Store(index_copy / "store.sqlite", create=False)
    try:
        events = list_events(store)
        placed = {a for e in events for a in e.article_ids}
        assert placed and all(aid.startswith(("call-", "missile-", "single-")) for aid in placed)
        assert report.in_scope == len(placed)
        assert list_events(store, since="2026-03-09", until="2026-03-09")
        assert all("ko" in e.langs for e in list_events(store, lang="ko"))
        assert list_events(store, outlet="KNA 코리아뉴스통신")
        assert list_events(store, since="2030-01-01") == []
        with pytest.raises(InputError, match="ISO 8601"):
            list_events(store, since="last week")
    finally:
        store.close()


def test_get_event_and_not_found(index_copy: Path):
    _run(index_copy)
    store = Store(index_copy / "store.sqlite", create=False)
    try:
        first = list_events(store)[0]
        assert get_event(store, first.id) == first
        with pytest.raises(NotFoundError, match="no event"):
            get_event(store, "ev-missing")
    finally:
        store.close()


def test_list_events_before_any_run(index_copy: Path):
    store = Store(index_copy / "store.sqlite", create=False)
    try:
        assert list_events(store) == []
        with pytest.raises(NotFoundError, match="comparator align"):
            get_event(store, "ev-x")
    finally:
        store.close()


def test_changed_parameters_need_rebuild(index_copy: Path):
    from comparator.events import EventParams

    _run(index_copy)
    with pytest.raises(StoreError, match="--rebuild"):
        _run(index_copy, params=EventParams(window_days=1.0))
    report = _run(index_copy, params=EventParams(window_days=1.0), rebuild=True)
    assert report.pending == report.in_scope


def test_report_is_escaped(tmp_path: Path):
    recs = _records()[:12]
    evil = dict(recs[0])
    evil.update(
        id="evil",
        url="javascript:alert(1)",
        title='<script>alert("x")</script> & <img src=x onerror=alert(1)>',
        outlet="<b>Outlet</b>",
        text=evil["text"] + " 추가 문장입니다.",
    )
    index = tmp_path / "index"
    _ingest(index, _write(tmp_path / "in.jsonl", [*recs, evil]))
    _run(index, tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Outlet" not in html
    assert "&lt;script&gt;alert(" in html
    assert 'href="javascript:' not in html
    assert 'href="https://' in html  # the sample's own article URLs are links


# --------------------------------------------------------------------------- crash safety

# Runs the job in a child process that SIGKILLs itself at one point of the run.
DRIVER = r"""
import os, signal, sys
from contextlib import contextmanager
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import comparator.eventjob as job
from comparator.store import Store

point = sys.argv[2]
job.SCORE_CHUNK = 5  # several scoring commits
state = {"tx": 0, "armed": False}
real_tx = Store.transaction

def die():
    os.kill(os.getpid(), signal.SIGKILL)

@contextmanager
def tx(self):
    state["tx"] += 1
    with real_tx(self) as db:
        yield db
        if state["armed"]:
            die()  # the body ran, COMMIT did not
        if point == "scoring" and state["tx"] == 6:
            die()  # two scoring chunks committed, the third not

Store.transaction = tx
if point == "clustering":
    job.cluster_articles = lambda *a, **k: die()
elif point == "writing":
    real_cluster = job.cluster_articles
    def arm(*a, **k):
        out = real_cluster(*a, **k)
        state["armed"] = True  # the next transaction writes the events
        return out
    job.cluster_articles = arm
elif point == "outputs":
    real_replace = os.replace
    def rep(src, dst):
        if str(dst).endswith("report.html"):
            die()  # events.jsonl replaced, report.html only in its temp file
        return real_replace(src, dst)
    import comparator.atomic as atomic_module
    atomic_module.os.replace = rep

store = Store(Path(sys.argv[1]) / "store.sqlite", create=False)
job.run_job(store, out_dir=Path(sys.argv[1]).parent / "out")
"""


@pytest.mark.parametrize("point", ["scoring", "clustering", "writing", "outputs"])
def test_killed_job_resumes_to_the_clean_result(index_copy: Path, tmp_path: Path, clean_events, point):
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(driver), str(index_copy), point, str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    if point in ("scoring", "clustering", "writing"):
        assert _events(index_copy) == [], "nothing may be half-written"
    report = _run(index_copy, tmp_path / "out")
    assert _events(index_copy) == clean_events
    if point == "scoring":
        assert 0 < report.scored < report.pending  # resumed: the committed chunks were not redone
    lines = (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(x)["id"] for x in lines) == sorted(e["id"] for e in clean_events)
    assert not list((tmp_path / "out").glob("*.tmp"))


# --------------------------------------------------------------------------- CLI


def test_cli_align(index_copy: Path, tmp_path: Path, monkeypatch):
    from typer.testing import CliRunner

    from comparator.cli import app, compare, corpus, demo, events, serve  # noqa: F401  (as main() does)

    monkeypatch.setenv("COMPARATOR_MODEL", "fake-hash")
    runner = CliRunner()
    out = tmp_path / "out"
    res = runner.invoke(app, ["align", "--index", str(index_copy), "--out", str(out), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["events"] == len(out.joinpath("events.jsonl").read_text(encoding="utf-8").splitlines())
    res = runner.invoke(app, ["align", "--index", str(index_copy), "--out", str(out)])
    assert res.exit_code == 0 and "report.html" in res.output
    res = runner.invoke(app, ["align", "--index", str(index_copy), "--out", str(out), "--on-error", "x"])
    assert res.exit_code == 1 and "--on-error" in res.output
    res = runner.invoke(app, ["align", "--index", str(tmp_path / "nothing"), "--out", str(out)])
    assert res.exit_code == 1 and "no index" in res.output


def test_empty_and_single_article_indexes(tmp_path: Path):
    index = tmp_path / "index"
    Store(index / "store.sqlite").close()  # an index with nothing ingested yet
    report = _run(index, tmp_path / "out0")
    assert report.in_scope == 0 and report.events == 0
    assert (tmp_path / "out0" / "events.jsonl").read_text(encoding="utf-8") == ""
    _ingest(index, _write(tmp_path / "one.jsonl", _records()[:1]))
    report = _run(index, tmp_path / "out1")
    events = [
        json.loads(x) for x in (tmp_path / "out1" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert report.new_events == 1 and len(events) == 1
    assert events[0]["article_ids"] == [_records()[0]["id"]] and events[0]["cohesion"] == 1.0


def test_bad_scope_dates_are_input_errors(index_copy: Path):
    with pytest.raises(InputError, match="ISO 8601"):
        _run(index_copy, since="yesterday")
