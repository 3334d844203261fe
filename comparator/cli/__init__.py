"""The ``comparator`` command: a thin Typer app over the library.

Each command group lives in its own module and registers itself on ``app``; commands parse
arguments, call one library function and print its result.
"""

from __future__ import annotations

from comparator.cli._app import app


def main() -> None:
    from comparator.cli import corpus, demo  # noqa: F401  (registers commands)

    _load_optional_commands()
    app()


def _load_optional_commands() -> None:
    import importlib

    for name in ("events", "compare", "serve"):
        try:
            importlib.import_module(f"comparator.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"comparator.cli.{name}":
                raise


__all__ = ["app", "main"]
