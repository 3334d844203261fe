"""comparator compare: the comparison report of stored articles and/or files given directly."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer

from comparator.cli._app import (
    IndexOpt,
    ModelOpt,
    PrecisionOpt,
    app,
    err_console,
    handle_errors,
    settings_from,
)
from comparator.config import Settings
from comparator.errors import ComparatorError, InputError
from comparator.schema import Article


class LazyEmbedder:
    """Loads the model on the first ``encode``: a comparison of stored articles never needs it."""

    def __init__(self, settings: Settings, services: Any = None) -> None:
        self.settings = settings
        self.services = services
        self.name = settings.model
        self._inner: Any = None

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        if self._inner is None:
            err_console.print(f"loading model {self.settings.model} to embed {len(texts)} sentences…")
            if self.services is not None:
                self._inner = self.services.embedder
            else:
                from comparator.embed import load_embedder

                self._inner = load_embedder(self.settings)
        return np.asarray(self._inner.encode(list(texts)), dtype=np.float32)


@app.command("compare")
@handle_errors
def compare_cmd(
    inputs: Annotated[
        list[str], typer.Argument(help="Two or more article ids (in --index) or files (ingested on the fly).")
    ],
    index: IndexOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the report as Markdown (default).")
    ] = False,
    as_html: Annotated[bool, typer.Option("--html", help="Print a standalone HTML page.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write the report to this file.")] = None,
    model: ModelOpt = None,
    precision: PrecisionOpt = None,
) -> None:
    """Compare reports: what is shared, what only one side says, quotes, wording and numbers."""
    from comparator.compare import compare_articles
    from comparator.copies import fold_copies

    if sum((as_json, as_markdown, as_html)) > 1:
        raise InputError("give at most one of --json, --markdown, --html")
    settings = settings_from(index, model, precision)
    articles, vectors, services = resolve_inputs(inputs, settings)
    articles, vectors, folded = fold_copies(articles, vectors)
    for f in folded:
        # a re-published wire story is one source with its original, not a second outlet
        err_console.print(f"{f['id']} is a copy of {f['copy_of']}: compared once, as {f['copy_of']}")
    try:
        report = compare_articles(articles, embedder=LazyEmbedder(settings, services), vectors=vectors)
    finally:
        if services is not None:
            services.close()
    text = report.to_json() if as_json else report.to_html() if as_html else report.to_markdown()
    if out is None:
        typer.echo(text)
        return
    try:
        out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise ComparatorError(f"{out}: cannot write the report ({exc.strerror})") from exc
    err_console.print(f"report written to {out}")


def resolve_inputs(
    inputs: Sequence[str], settings: Settings
) -> tuple[list[Article], list[np.ndarray | None], Any]:
    """Existing files are read and prepared (not stored); anything else is an article id in the index.

    Returns the articles, their cached vectors (None for files: embedded later) and the opened
    services (None when no id was given, so a comparison of files needs no index).
    """
    from comparator.compare import load_stored
    from comparator.services import open_services

    files = [x for x in inputs if Path(x).is_file()]
    ids = [x for x in inputs if x not in files]
    services = open_services(settings, create=False) if ids else None
    stored, stored_vecs = load_stored(services.collection, ids) if services is not None else ([], [])
    by_id = dict(zip([a.id for a in stored], zip(stored, stored_vecs, strict=True), strict=True))
    articles: list[Article] = []
    vectors: list[np.ndarray | None] = []
    for x in inputs:
        if x in files:
            for art in read_file(Path(x), settings):
                articles.append(art)
                vectors.append(None)
        elif x in by_id:
            articles.append(by_id[x][0])
            vectors.append(by_id[x][1])
    return articles, vectors, services


def read_file(path: Path, settings: Settings) -> list[Article]:
    """Every article in a file (a JSONL file may hold several), identified and split into sentences."""
    from comparator.ingest import iter_documents
    from comparator.pipeline import prepare_article

    docs = []
    for doc in iter_documents([path]):
        if isinstance(doc, InputError):
            raise doc
        docs.append(doc)
    out = []
    for n, doc in enumerate(docs, 1):
        if doc.id is None:
            # Name a text with no id of its own after its file, so the report reads "seoul.txt (ko)"
            # rather than a content hash.
            doc = dataclasses.replace(doc, id=str(path) if len(docs) == 1 else f"{path}:{n}")
        out.append(prepare_article(doc, max_chars=settings.max_text_chars))
    if not out:
        raise InputError("no article found in this file", source=str(path))
    return out
