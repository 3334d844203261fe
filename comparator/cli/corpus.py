"""ingest, search, stats: building and querying a collection."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from comparator.cli._app import (
    IndexOpt,
    JsonOpt,
    ModelOpt,
    PrecisionOpt,
    app,
    console,
    err_console,
    handle_errors,
    print_json,
    progress_bar,
    settings_from,
)
from comparator.errors import InputError, NotFoundError
from comparator.pipeline import IngestReport, ingest_paths
from comparator.search import SearchFilters, search
from comparator.services import open_services


@app.command()
@handle_errors
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="JSONL files, HTML/text files, scraped pages or folders.")
    ],
    index: IndexOpt = None,
    model: ModelOpt = None,
    precision: PrecisionOpt = None,
    on_error: Annotated[
        str, typer.Option("--on-error", help="skip (default; listed at the end) or raise.")
    ] = "skip",
    crawl_time: Annotated[
        str | None,
        typer.Option("--crawl-time", help="ISO time the pages were fetched; resolves '27 minutes ago'."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Ingest articles into an index (re-running skips what is already stored)."""
    if on_error not in ("skip", "raise"):
        raise InputError(f"--on-error must be 'skip' or 'raise', not {on_error!r}", source="--on-error")
    crawl = _parse_time(crawl_time) if crawl_time else None
    settings = settings_from(index, model, precision)
    services = open_services(settings, create=True)
    report = run_ingest(services, paths, on_error=on_error, crawl_time=crawl, quiet=as_json)
    if as_json:
        print_json(report.to_dict())
    else:
        print_ingest_report(report, settings.index_dir, store=services.collection.store)
    if report.skipped and not report.added and not report.already_stored:
        # Every input failed: a script calling ingest must see it, not only a person reading.
        err_console.print("[red]error:[/] nothing was ingested: every input was skipped (listed above)")
        raise typer.Exit(code=1)


def run_ingest(services, paths, *, on_error="skip", crawl_time=None, quiet=False) -> IngestReport:  # type: ignore[no-untyped-def]
    embedder = services.embedder
    with progress_bar(quiet) as bar:
        task = bar.add_task("ingest", total=None)
        return ingest_paths(
            paths,
            collection=services.collection,
            embedder=embedder,
            settings=services.settings,
            on_error=on_error,
            crawl_time=crawl_time,
            progress=lambda n: bar.advance(task, n),
        )


def print_ingest_report(report: IngestReport, index_dir: Path, store: Any = None) -> None:
    """The summary line, then each exact copy, near-copy and skipped input by name.

    ``store`` (optional) names the outlet of the stored article a copy repeats."""
    rerun = len(report.already_stored) - len(report.exact_copies)
    console.print(
        f"added {len(report.added)} article(s) to {index_dir}"
        f" ({', '.join(f'{k}: {v}' for k, v in sorted(report.by_lang.items())) or 'none'});"
        f" {rerun} already stored, {len(report.exact_copies)} exact copies skipped,"
        f" {len(report.copies)} near-copies, {report.embedded_texts} texts embedded"
    )
    if report.exact_copies:
        console.print(f"exact copies of a stored article (not stored again): {len(report.exact_copies)}")
        for source, original, outlet in report.exact_copies:
            by = f" ({escape(outlet)})" if outlet else ""
            console.print(f"  {escape(source)}{by} = {_named(original, store)}", highlight=False)
    if report.copies:
        console.print(f"near-copies stored and marked: {len(report.copies)}")
        for copy_id, original in report.copies:
            console.print(f"  {escape(copy_id)} copy of {_named(original, store)}", highlight=False)
    if report.skipped:
        console.print(f"[yellow]skipped {len(report.skipped)} input(s):[/]")
        for source, reason in report.skipped:
            console.print(f"  {escape(source)}: {escape(reason)}", highlight=False)


def _named(article_id: str, store: Any) -> str:
    """'chip-en-atw (Asia Trade Wire)': the id with its stored outlet when the store can tell."""
    if store is None:
        return escape(article_id)
    try:
        outlet = store.get_article(article_id, with_sentences=False).article.outlet
    except NotFoundError:  # stored earlier in this run's batch, or removed meanwhile: the id alone
        outlet = None
    return escape(f"{article_id} ({outlet})" if outlet else article_id)


def _parse_time(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"not an ISO 8601 time: {value!r}", source="--crawl-time") from None


@app.command("search")
@handle_errors
def search_cmd(
    query: Annotated[str, typer.Argument(help="Query in any language.")],
    index: IndexOpt = None,
    model: ModelOpt = None,
    precision: PrecisionOpt = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Only articles in this language (ko, ja, en, ...).")
    ] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Published on or after (ISO date).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Published on or before (ISO date).")] = None,
    k: Annotated[int, typer.Option("--k", help="Number of results.", min=1, max=1000)] = 10,
    as_json: JsonOpt = False,
) -> None:
    """Cross-lingual article search: a Korean query finds the Japanese and English reports."""
    since, until = _iso_option(since, "--since"), _iso_option(until, "--until")
    services = open_services(settings_from(index, model, precision))
    hits = search(
        services.collection,
        services.embedder,
        query,
        k=k,
        filters=SearchFilters(lang=lang, outlet=outlet, since=since, until=until),
    )
    if as_json:
        data = [h.to_dict() for h in hits]
        print_json({"data": data, "count": len(data)})
        return
    print_hits(hits)


def _iso_option(value: str | None, flag: str) -> str | None:
    # The filters compare ISO strings, so a malformed date would silently match nothing.
    if value is None:
        return None
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            f"{value!r} is not an ISO 8601 date or datetime (e.g. 2025-09-12)", source=flag
        ) from None
    return value.strip()


def print_hits(hits) -> None:  # type: ignore[no-untyped-def]
    table = Table(show_lines=True)
    for col in ("score", "lang", "outlet", "date", "title / best sentence"):
        table.add_column(col)
    for h in hits:
        a = h.article
        best = f"\n[dim]{escape(h.sentence.text)}[/]" if h.sentence else ""
        table.add_row(
            f"{h.score:.3f}",
            a.lang,
            escape(a.outlet or ""),
            (a.published_at or "")[:10],
            f"{escape(a.title or a.id)}{best}",
        )
    console.print(table if hits else "no results")


@app.command()
@handle_errors
def stats(index: IndexOpt = None, as_json: JsonOpt = False) -> None:
    """Counts of articles and sentences, by language and outlet."""
    services = open_services(settings_from(index))
    data = services.collection.store.stats()
    if as_json:
        print_json(data)
        return
    console.print(f"{data['articles']} articles, {data['sentences']} sentences, {data['copies']} near-copies")
    if data["embedders"]:
        console.print("vectors from: " + escape(", ".join(data["embedders"])))
    for key in ("by_lang", "by_outlet"):
        table = Table(key.replace("_", " "))
        table.add_column("count", justify="right")
        for name, n in data[key].items():
            table.add_row(escape(str(name)), str(n))
        console.print(table)
