"""comparator align: the events batch job (group the reports of one event across outlets and languages)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from comparator.cli._app import (
    IndexOpt,
    JsonOpt,
    app,
    console,
    handle_errors,
    print_json,
    progress_bar,
)
from comparator.config import Settings
from comparator.errors import InputError

STAGES = {"score": "score candidate pairs", "cluster": "cluster into events"}
DEFAULT_WEB_URL = "http://127.0.0.1:8000"


@app.command()
@handle_errors
def align(
    out: Annotated[Path, typer.Option("--out", help="Folder for events.jsonl and report.html.")],
    index: IndexOpt = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only articles published on or after (ISO date).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only articles published on or before (ISO date).")
    ] = None,
    on_error: Annotated[
        str, typer.Option("--on-error", help="skip (default; listed at the end) or raise.")
    ] = "skip",
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget the stored events and find them all again.")
    ] = False,
    web_url: Annotated[
        str, typer.Option("--web-url", help="Base URL of the web view the report links to.")
    ] = DEFAULT_WEB_URL,
    reports: Annotated[
        bool,
        typer.Option(
            "--reports/--no-reports",
            help="Also write OUT/reports/<event id>.json and .html: one comparison per multi-source event.",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Group the index's articles into events; write OUT/events.jsonl and OUT/report.html.

    Incremental (a second run only places new articles) and resumable (re-run after a crash).
    With --reports, each event with two or more independent sources also gets a comparison report
    (recomputed only when its articles changed), linked from report.html.
    """
    if on_error not in ("skip", "raise"):
        raise InputError(f"--on-error must be 'skip' or 'raise', not {on_error!r}", source="--on-error")
    settings = Settings.from_env(index_dir=index)
    report = run_align(
        settings,
        out,
        since=since,
        until=until,
        on_error=on_error,
        rebuild=rebuild,
        web_url=web_url,
        quiet=as_json,
        reports=reports,
    )
    if as_json:
        print_json(_job_dict(report))
    else:
        print_align_report(report)


def run_align(
    settings: Settings,
    out: Path,
    *,
    since: str | None = None,
    until: str | None = None,
    on_error: str = "skip",
    rebuild: bool = False,
    web_url: str | None = DEFAULT_WEB_URL,
    quiet: bool = False,
    reports: bool = False,
) -> Any:
    """Open the index and run the job on it; returns its JobReport (with ``comparisons``, the
    comparator.event_reports.ReportsResult, when ``reports``)."""
    from comparator.collection import Collection

    collection = Collection(settings.index_dir, exact_max=settings.exact_index_max, create=False)
    try:
        report = run_align_on(
            collection.store,
            settings,
            out,
            since=since,
            until=until,
            on_error=on_error,
            rebuild=rebuild,
            web_url=web_url,
            quiet=quiet,
        )
        if reports:
            add_event_reports(report, collection, out, since=since, until=until, web_url=web_url, quiet=quiet)
        else:
            from comparator.event_reports import link_current_reports

            # Reports from an earlier --reports run stay linked while they still fit their event.
            link_current_reports(collection, out, since=since, until=until, web_url=web_url)
        return report
    finally:
        collection.close()


def add_event_reports(
    report: Any,
    collection: Any,
    out: Path,
    *,
    embedder: Any = None,
    since: str | None = None,
    until: str | None = None,
    web_url: str | None = DEFAULT_WEB_URL,
    quiet: bool = False,
) -> Any:
    """Write one comparison report per multi-source event (comparator.event_reports) after the job,
    and record it on the job's report (``outputs["reports"]``, ``comparisons``)."""
    from comparator.event_reports import write_event_reports

    with progress_bar(quiet) as bar:
        task = bar.add_task("compare each event", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        result = write_event_reports(
            collection, out, embedder=embedder, since=since, until=until, web_url=web_url, progress=progress
        )
    report.outputs["reports"] = result.directory
    report.comparisons = result
    return result


def run_align_on(
    store: Any,
    settings: Settings,
    out: Path,
    *,
    since: str | None = None,
    until: str | None = None,
    on_error: str = "skip",
    rebuild: bool = False,
    web_url: str | None = DEFAULT_WEB_URL,
    quiet: bool = False,
) -> Any:
    """The job on an open store, with a progress bar per stage (on stderr)."""
    from comparator.eventjob import run_job
    from comparator.events import EventParams

    with progress_bar(quiet) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, advance: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
            elif total is not None:
                bar.update(tasks[stage], total=total)
            bar.advance(tasks[stage], advance)

        return run_job(
            store,
            out_dir=out,
            since=since,
            until=until,
            params=EventParams(window_days=settings.event_window_days),
            on_error=on_error,  # type: ignore[arg-type]
            rebuild=rebuild,
            progress=progress,
            web_url=web_url,
        )


def _job_dict(report: Any) -> dict[str, Any]:
    d = report.to_dict()
    comparisons = getattr(report, "comparisons", None)
    if comparisons is not None:
        d["comparisons"] = comparisons.to_dict()
    return d


def print_align_report(report: Any) -> None:
    console.print(
        f"{report.events} event(s), {report.multi_source} with more than one independent source,"
        f" from {report.in_scope} article(s) in scope; this run placed {report.pending} new article(s)"
        f" ({report.new_events} new event(s), {report.grown_events} grown), scored {report.pairs} pair(s)"
    )
    for name, path in report.outputs.items():
        console.print(f"  {name}: {escape(path)}", highlight=False)
    comparisons = getattr(report, "comparisons", None)
    if comparisons is not None:
        console.print(
            f"comparison reports: {len(comparisons.written)} written, {len(comparisons.unchanged)} unchanged,"
            f" {len(comparisons.removed)} removed, {len(comparisons.skipped)} skipped ({comparisons.seconds:.1f} s)"
        )
        for eid, reason in comparisons.skipped:
            console.print(f"  {escape(eid)}: {escape(reason)}", highlight=False)
    if report.skipped:
        console.print(f"[yellow]skipped {len(report.skipped)} article(s):[/]")
        for aid, reason in report.skipped:
            console.print(f"  {escape(aid)}: {escape(reason)}", highlight=False)
