"""The ``comparator`` command: a thin Typer app over the library.

Each command group lives in its own module and registers itself on ``app``; commands parse
arguments, call one library function and print its result.
"""

from __future__ import annotations

from comparator.cli._app import app


def main() -> None:
    # Importing the command modules registers their commands; they import heavy libraries lazily.
    from comparator.cli import compare, corpus, demo, events, serve  # noqa: F401

    app()


__all__ = ["app", "main"]
