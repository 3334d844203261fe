"""comparator demo: the README's main job."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from comparator.cli._app import ModelOpt, PrecisionOpt, app, console, handle_errors, settings_from
from comparator.cli.corpus import print_hits, print_ingest_report, run_ingest
from comparator.demo import DEMO_QUERIES, sample_corpus_path
from comparator.search import search
from comparator.services import open_services


@app.command()
@handle_errors
def demo(
    index: Annotated[Path, typer.Option("--index", help="Where to build the demo index.")] = Path(
        "indexes/demo"
    ),
    model: ModelOpt = None,
    precision: PrecisionOpt = None,
    out: Annotated[Path, typer.Option("--out", help="Where to write events.jsonl and report.html.")] = Path(
        "out/demo"
    ),
) -> None:
    """Ingest the bundled sample corpus (ko/ja/en), search it across languages, group it into events."""
    settings = settings_from(index, model, precision)
    services = open_services(settings, create=True)
    corpus = sample_corpus_path()
    console.print(f"[bold]1. ingest[/] {corpus}")
    print_ingest_report(run_ingest(services, [corpus]), settings.index_dir)
    for lang, query in DEMO_QUERIES:
        console.print(f"\n[bold]2. search[/] ({lang}) {query}")
        print_hits(search(services.collection, services.embedder, query, k=8))
    _demo_events(services, settings, out)


def _demo_events(services, settings, out: Path) -> None:  # type: ignore[no-untyped-def]
    import importlib.util

    from comparator.cli.events import DEFAULT_WEB_URL, add_event_reports, print_align_report, run_align_on

    console.print("\n[bold]3. events[/] grouping the reports of each event across outlets and languages")
    # rebuild: the demo index is small, and a fresh grouping never trips over older parameters
    report = run_align_on(services.collection.store, settings, out, rebuild=True)
    # One comparison per multi-source event (a second or two on the sample), linked from report.html.
    add_event_reports(report, services.collection, out, embedder=services.embedder)
    print_align_report(report)
    console.print(f"\nOpen the report: {Path(report.outputs['report']).resolve().as_uri()}", highlight=False)
    if importlib.util.find_spec("comparator.cli.serve") is not None:
        console.print(
            f"Web view: comparator serve --index {settings.index_dir}, then {DEFAULT_WEB_URL}/",
            highlight=False,
        )
