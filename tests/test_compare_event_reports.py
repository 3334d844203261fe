"""comparator.event_reports on the fake HashEmbedder: which events get a report, skips, the manifest,
atomic files and the links from report.html. The real model and the sample corpus are exercised in
tests/test_compare_events.py (slow)."""

from __future__ import annotations

import json

import pytest

from comparator.collection import Collection
from comparator.config import Settings
from comparator.event_reports import MANIFEST, REPORTS_DIR, report_href, report_stem, write_event_reports
from comparator.pipeline import ingest_paths
from comparator.schema import Event
from tests.fakes import HashEmbedder
from tests.test_compare import A, B


def _event(eid: str, ids: list[str], independent: int) -> Event:
    return Event(eid, ids, [], ["en"], "2026-03-09", "2026-03-09", {"en": eid}, 1.0, independent)


@pytest.fixture
def setup(tmp_path, monkeypatch):
    import comparator.eventjob

    rows = [("a", A), ("b", B), ("a2", A.replace("on Monday.", "on Monday, the agency reported."))]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t, "lang": "en"}) + "\n" for i, t in rows), "utf-8")
    settings = Settings(index_dir=tmp_path / "idx", model="fake-hash")
    coll = Collection(settings.index_dir, exact_max=1000)
    ingest_paths([path], collection=coll, embedder=HashEmbedder(), settings=settings)
    events = [
        _event("ev/two sides", ["a", "b"], 2),  # a "/" in an id must not leave the folder
        _event("ev-wire", ["a", "a2"], 1),  # all copies of one wire story
        _event("ev-single", ["b"], 1),
        _event("ev-bad", ["a", "a2"], 2),  # says two sources, but a2 is a copy of a: skipped with reason
    ]
    monkeypatch.setattr(
        comparator.eventjob, "list_events", lambda store, since=None, until=None: list(events)
    )
    monkeypatch.setattr(
        comparator.eventjob, "get_event", lambda store, eid: next(e for e in events if e.id == eid)
    )
    yield coll, tmp_path / "out", events
    coll.close()


def test_only_multi_source_events_get_reports(setup):
    coll, out, _ = setup
    result = write_event_reports(coll, out)
    assert result.written == ["ev/two sides"]
    assert [e for e, _ in result.skipped] == ["ev-bad"] and "independent" in result.skipped[0][1]
    files = sorted(p.name for p in (out / REPORTS_DIR).iterdir())
    stem = report_stem("ev/two sides")
    assert "/" not in stem and files == sorted([f"{stem}.json", f"{stem}.html", MANIFEST])
    data = json.loads((out / REPORTS_DIR / f"{stem}.json").read_text("utf-8"))
    assert [a["id"] for a in data["articles"]] == ["a", "b"]
    html = (out / "report.html").read_text("utf-8")
    assert f'href="{report_href("ev/two sides")}"' in html and html.count("comparison report") == 1
    page = (out / report_href("ev/two sides")).read_text("utf-8")
    assert 'href="../report.html"' in page and "<title>ev/two sides (ev/two sides)</title>" in page


def test_unchanged_events_are_not_recomputed_and_gone_ones_removed(setup):
    coll, out, events = setup
    write_event_reports(coll, out)
    again = write_event_reports(coll, out)
    assert again.written == [] and again.unchanged == ["ev/two sides"]
    events[0].article_ids = ["b", "a"]  # same articles, other order: still up to date
    assert write_event_reports(coll, out).unchanged == ["ev/two sides"]
    events[0] = _event("ev-new", ["a", "b"], 2)  # the old id is gone (a rebuild)
    fresh = write_event_reports(coll, out)
    assert fresh.written == ["ev-new"] and fresh.removed == ["ev/two sides"]
    assert not (out / report_href("ev/two sides")).exists()
    assert not list((out / REPORTS_DIR).glob("*.tmp"))


def test_missing_report_files_are_written_again(setup):
    coll, out, _ = setup
    write_event_reports(coll, out)
    (out / report_href("ev/two sides")).unlink()
    assert write_event_reports(coll, out).written == ["ev/two sides"]
    (out / REPORTS_DIR / MANIFEST).write_text("{not json", "utf-8")  # a damaged manifest: recompute
    assert write_event_reports(coll, out).written == ["ev/two sides"]


def test_a_run_without_reports_keeps_the_links_that_still_fit(setup):
    from comparator.event_reports import link_current_reports
    from comparator.eventreport import write_outputs

    coll, out, events = setup
    write_event_reports(coll, out)
    write_outputs(coll.store, events, out)  # what a later job run without --reports writes
    assert "comparison report" not in (out / "report.html").read_text("utf-8")
    assert link_current_reports(coll, out) == 1
    assert f'href="{report_href("ev/two sides")}"' in (out / "report.html").read_text("utf-8")
    events[0] = _event("ev/two sides", ["a", "b", "a2"], 2)  # the event grew: its report is stale
    write_outputs(coll.store, events, out)
    assert link_current_reports(coll, out) == 0
    assert "comparison report" not in (out / "report.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("2026-11-26T21:05:00+09:00", "2026-11-26 21:05 UTC+9"),
        ("2026-11-26T11:52:00Z", "2026-11-26 11:52 UTC"),
        ("2026-11-26T11:52:00+00:00", "2026-11-26 11:52 UTC"),
        ("2026-11-26T06:20:00-10:00", "2026-11-26 06:20 UTC-10"),
        ("2026-11-26T17:35:00+05:30", "2026-11-26 17:35 UTC+5:30"),
        ("2026-11-26T09:00:00", "2026-11-26 09:00"),
        ("2026-11-26", "2026-11-26"),
        (None, ""),
    ],
)
def test_publication_times_keep_their_zone(iso, shown):
    from comparator.eventreport import shown_time

    assert shown_time(iso) == shown
