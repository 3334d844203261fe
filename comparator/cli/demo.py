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
) -> None:
    """Ingest the bundled sample corpus (ko/ja/en) and run a cross-lingual search on it."""
    settings = settings_from(index, model, precision)
    services = open_services(settings, create=True)
    corpus = sample_corpus_path()
    console.print(f"[bold]1. ingest[/] {corpus}")
    print_ingest_report(run_ingest(services, [corpus]), settings.index_dir)
    for lang, query in DEMO_QUERIES:
        console.print(f"\n[bold]2. search[/] ({lang}) {query}")
        print_hits(search(services.collection, services.embedder, query, k=8))
