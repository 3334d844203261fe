"""One comparison report per multi-source event, written next to the events job's outputs.

``write_event_reports`` writes ``OUT/reports/<event id>.json`` and ``.html`` (comparator.report's
schema and page, each replaced atomically) for every stored event with at least two independent
reports, then rewrites ``OUT/report.html`` so each event links to its comparison. Events whose
articles are all copies of one wire story (``n_independent`` < 2) get no report: a re-published story
is one source, not two sides; copies inside a larger event are left out of its comparison
(comparator.compare.compare_event).

Incremental: ``OUT/reports/manifest.json`` records the articles each report was computed from, and a
report is recomputed only when its event's articles changed (or the report files are missing).
Reports of events that no longer exist in the store (after ``--rebuild``) are removed.

Sentence vectors come from the store (cached at ingest): the model does not run unless an embedder is
given for articles whose vectors are missing; without one such an event is skipped, with the reason.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from comparator.errors import ComparatorError

log = logging.getLogger(__name__)

REPORTS_DIR = "reports"
MANIFEST = "manifest.json"
MANIFEST_VERSION = 1  # bump when reports computed by an older version must be redone
Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class ReportsResult:
    """What ``write_event_reports`` did, for the CLI summary and ``--json``."""

    directory: str = ""
    written: list[str] = field(default_factory=list)  # event ids whose reports were (re)computed
    unchanged: list[str] = field(default_factory=list)  # up to date from an earlier run
    removed: list[str] = field(default_factory=list)  # reports of events no longer in the store
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (event id, reason)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["skipped"] = [{"id": e, "reason": r} for e, r in self.skipped]
        return d


def report_href(event_id: str) -> str:
    """The link from ``OUT/report.html`` to an event's comparison page (ids are quoted for URLs)."""
    return f"{REPORTS_DIR}/{quote(event_id, safe='')}.html"


def report_stem(event_id: str) -> str:
    """File name stem of an event's reports: the quoted id, so no id can leave the folder."""
    return quote(event_id, safe="")


def write_event_reports(
    collection: Any,
    out_dir: Path,
    *,
    embedder: Any = None,
    since: str | None = None,
    until: str | None = None,
    web_url: str | None = None,
    progress: Progress | None = None,
) -> ReportsResult:
    """Write the comparison reports of the stored multi-source events in scope (see module doc) and
    link them from ``OUT/report.html``. ``collection`` is an open comparator.collection.Collection."""
    from comparator.eventjob import list_events

    t0 = time.perf_counter()
    folder = Path(out_dir) / REPORTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    result = ReportsResult(directory=str(folder))
    manifest = _read_manifest(folder)
    events = list_events(collection.store, since=since, until=until)
    multi = [e for e in events if e.n_independent >= 2]
    for done, event in enumerate(multi, 1):
        _one_event(collection, event, folder, manifest, result, embedder)
        if progress is not None:
            progress(done, len(multi))
    _remove_gone(collection.store, folder, manifest, result)
    _write_manifest(folder, manifest)
    links = {e.id: report_href(e.id) for e in multi if e.id in manifest}
    _relink_overview(collection.store, events, Path(out_dir), links, web_url)
    result.seconds = round(time.perf_counter() - t0, 3)
    return result


def link_current_reports(
    collection: Any,
    out_dir: Path,
    *,
    since: str | None = None,
    until: str | None = None,
    web_url: str | None = None,
) -> int:
    """After a job run without reports: link from ``OUT/report.html`` the comparison reports an
    earlier run wrote that still describe their event (same articles); returns how many."""
    from comparator.eventjob import list_events

    folder = Path(out_dir) / REPORTS_DIR
    manifest = _read_manifest(folder)
    if not manifest:
        return 0
    events = list_events(collection.store, since=since, until=until)
    links = {}
    for e in events:
        key = {"articles": sorted(e.article_ids), "version": MANIFEST_VERSION}
        stem = report_stem(e.id)
        if manifest.get(e.id) == key and all((folder / f"{stem}{x}").exists() for x in (".json", ".html")):
            links[e.id] = report_href(e.id)
    if links:
        _relink_overview(collection.store, events, Path(out_dir), links, web_url)
    return len(links)


def _one_event(
    collection: Any,
    event: Any,
    folder: Path,
    manifest: dict[str, Any],
    result: ReportsResult,
    embedder: Any,
) -> None:
    from comparator.atomic import write_text
    from comparator.compare import compare_event

    stem = report_stem(event.id)
    key = {"articles": sorted(event.article_ids), "version": MANIFEST_VERSION}
    files = [folder / f"{stem}.json", folder / f"{stem}.html"]
    if manifest.get(event.id) == key and all(f.exists() for f in files):
        result.unchanged.append(event.id)
        return
    try:
        report = compare_event(collection, event.id, embedder)
    except ComparatorError as exc:  # an event the comparison cannot take is listed, not fatal
        log.warning("event %s: no comparison report: %s", event.id, exc)
        result.skipped.append((event.id, str(exc)))
        manifest.pop(event.id, None)
        for f in files:
            f.unlink(missing_ok=True)  # an older report would no longer describe the event
        return
    write_text(files[0], report.to_json())
    headline = event.titles.get("en") or next(iter(event.titles.values()), event.id)
    write_text(files[1], report.to_html(title=f"{headline} ({event.id})", back="../report.html"))
    manifest[event.id] = key
    result.written.append(event.id)


def _remove_gone(store: Any, folder: Path, manifest: dict[str, Any], result: ReportsResult) -> None:
    """Drop the reports of events the store no longer has (all of them, not only those in scope)."""
    from comparator.eventjob import list_events

    existing = {e.id for e in list_events(store)}
    for event_id in [e for e in manifest if e not in existing]:
        stem = report_stem(event_id)
        for suffix in (".json", ".html"):
            (folder / f"{stem}{suffix}").unlink(missing_ok=True)
        del manifest[event_id]
        result.removed.append(event_id)


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:  # a damaged manifest only costs a recomputation
        log.warning("%s unreadable (%s): every report is recomputed", path, exc)
        return {}
    return data.get("events", {}) if isinstance(data, dict) else {}


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    from comparator.atomic import write_text

    text = json.dumps({"version": MANIFEST_VERSION, "events": manifest}, ensure_ascii=False, indent=1)
    write_text(folder / MANIFEST, text + "\n")


def _relink_overview(
    store: Any, events: list[Any], out_dir: Path, links: dict[str, str], web_url: str | None
) -> None:
    """Rewrite ``OUT/report.html`` (the events job's page) with a link to each comparison."""
    from comparator.atomic import write_text
    from comparator.eventreport import render_report

    html = render_report(store, events, web_url=web_url, comparisons=links)
    write_text(out_dir / "report.html", html)


__all__ = ["ReportsResult", "link_current_reports", "report_href", "report_stem", "write_event_reports"]
