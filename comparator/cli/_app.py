"""The Typer app, shared options and the error boundary of every command."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from comparator.config import DEFAULT_MODEL, Settings
from comparator.errors import ComparatorError

app = typer.Typer(
    name="comparator",
    help="Line up Korean, Japanese and English news coverage of the same event and show what differs.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)

IndexOpt = Annotated[Path | None, typer.Option("--index", help="Index folder (default: indexes/default).")]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help=f"Embedding model (default: {DEFAULT_MODEL}, bundled); any sentence-transformers name/path.",
    ),
]
PrecisionOpt = Annotated[str | None, typer.Option("--precision", help="auto | int8 | fp32.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

F = TypeVar("F", bound=Callable[..., Any])


def progress_bar(quiet: bool) -> Progress:
    """The progress bar every long command shows on stderr (off with --json), gone when done."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet,
        transient=True,
    )


def print_json(data: Any) -> None:
    """JSON on stdout, unwrapped and unstyled, so it pipes into other tools."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def settings_from(
    index: Path | None = None, model: str | None = None, precision: str | None = None
) -> Settings:
    return Settings.from_env(index_dir=index, model=model, precision=precision)


def handle_errors(fn: F) -> F:
    """Turn ComparatorError into one clear line on stderr and exit code 1 (no traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        try:
            return fn(*args, **kwargs)
        except ComparatorError as exc:
            err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err_console.print("interrupted: everything committed so far is kept; re-run to finish")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]
