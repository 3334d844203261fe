"""One comparison report per multi-source event (comparator.event_reports, `comparator align --reports`),
on the sample corpus ingested with the real default model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from comparator.collection import Collection
from comparator.config import Settings
from comparator.event_reports import MANIFEST, REPORTS_DIR, report_href, write_event_reports
from comparator.eventjob import list_events, run_job

pytestmark = pytest.mark.slow


def _open(index: Path) -> Collection:
    return Collection(index, exact_max=Settings.from_env(index_dir=index).exact_index_max, create=False)


@pytest.fixture(scope="module")
def job(sample_index: Path, tmp_path_factory) -> tuple[Path, Path]:
    """A private copy of the sample index, grouped into events; returns (index, out)."""
    root = tmp_path_factory.mktemp("event_reports")
    index, out = root / "index", root / "out"
    shutil.copytree(sample_index, index)
    coll = _open(index)
    try:
        run_job(coll.store, out_dir=out)
    finally:
        coll.close()
    return index, out


@pytest.fixture(scope="module")
def first_run(job):
    index, out = job
    coll = _open(index)
    try:
        return write_event_reports(coll, out), list_events(coll.store)
    finally:
        coll.close()


def test_one_report_per_multi_source_event(job, first_run):
    _, out = job
    result, events = first_run
    multi = {e.id for e in events if e.n_independent >= 2}
    assert multi and set(result.written) == multi and not result.skipped
    for e in events:
        stem = report_href(e.id).split("/")[-1][: -len(".html")]
        present = (out / REPORTS_DIR / f"{stem}.json").exists(), (out / REPORTS_DIR / f"{stem}.html").exists()
        assert present == ((True, True) if e.id in multi else (False, False)), e.id


def test_single_source_and_copy_only_events_get_none(first_run):
    _, events = first_run
    by_article = {a: e for e in events for a in e.article_ids}
    # The orchestra story has one report; no comparison is written for it.
    assert by_article["single-en-orchestra"].id not in first_run[0].written


def test_reports_leave_copies_out_and_find_the_missile_range(job, first_run):
    _, out = job
    _, events = first_run
    missile = next(e for e in events if "missile-ko-kna" in e.article_ids)
    data = json.loads((out / report_href(missile.id).replace(".html", ".json")).read_text(encoding="utf-8"))
    ids = {a["id"] for a in data["articles"]}
    assert "missile-ko-seoulecon" not in ids  # a copy of KNA's story: not a second side
    ranges = [d for d in data["differences"] if d["kind"] == "number" and d["subkind"] == "disagree"]
    assert len(ranges) == 1 and ranges[0]["details"]["kind"] == "count"


def test_overview_links_each_comparison(job, first_run):
    _, out = job
    result, _ = first_run
    html = (out / "report.html").read_text(encoding="utf-8")
    for eid in result.written:
        assert f'href="{report_href(eid)}"' in html
    page = (out / report_href(result.written[0])).read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")


def test_second_run_recomputes_nothing_and_rebuild_removes_old_reports(job, first_run):
    index, out = job
    result, _ = first_run
    coll = _open(index)
    try:
        again = write_event_reports(coll, out)
        assert again.written == [] and sorted(again.unchanged) == sorted(result.written)
        run_job(coll.store, out_dir=out, rebuild=True)  # new event ids
        fresh = write_event_reports(coll, out)
    finally:
        coll.close()
    manifest = json.loads((out / REPORTS_DIR / MANIFEST).read_text(encoding="utf-8"))["events"]
    assert set(manifest) == set(fresh.written) | set(fresh.unchanged)
    gone = set(result.written) - set(manifest)
    assert set(fresh.removed) == gone
    for eid in gone:
        assert not (out / report_href(eid)).exists()
    assert not list((out / REPORTS_DIR).glob("*.tmp"))


def test_align_cli_writes_reports(sample_index: Path, tmp_path: Path):
    from typer.testing import CliRunner

    from comparator.cli import app, compare, corpus, demo, events, serve  # noqa: F401  (as main() does)

    index, out = tmp_path / "index", tmp_path / "out"
    shutil.copytree(sample_index, index)
    res = CliRunner().invoke(app, ["align", "--index", str(index), "--out", str(out), "--reports", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["outputs"]["reports"] == str(out / REPORTS_DIR)
    assert data["comparisons"]["written"] and not data["comparisons"]["skipped"]
    res = CliRunner().invoke(app, ["align", "--index", str(index), "--out", str(out), "--json"])
    assert res.exit_code == 0 and "comparisons" not in json.loads(res.stdout)


def test_demo_links_its_per_event_comparisons(tmp_path: Path):
    from typer.testing import CliRunner

    from comparator.cli import app, compare, corpus, demo, events, serve  # noqa: F401  (as main() does)

    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["demo", "--index", str(tmp_path / "demo"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "comparison reports:" in res.output
    html = (out / "report.html").read_text(encoding="utf-8")
    linked = [p for p in (out / REPORTS_DIR).glob("*.html") if f'href="{REPORTS_DIR}/{p.name}"' in html]
    assert len(linked) >= 5  # the sample has eleven multi-report events
