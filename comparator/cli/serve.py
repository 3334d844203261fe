"""comparator serve: the search API and the side-by-side web view over one index."""

from __future__ import annotations

from typing import Annotated

import typer

from comparator.cli._app import IndexOpt, ModelOpt, PrecisionOpt, app, console, handle_errors, settings_from
from comparator.errors import InputError


@app.command()
@handle_errors
def serve(
    index: IndexOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    model: ModelOpt = None,
    precision: PrecisionOpt = None,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
) -> None:
    """Serve the API (/api, docs at /docs) and the web view (/) for an index built by ingest or demo."""
    import uvicorn

    from comparator.api import create_app
    from comparator.services import open_services

    if not 0 < port < 65536:
        raise InputError(f"--port must be between 1 and 65535, not {port}", source="--port")
    settings = settings_from(index, model, precision)
    # Open the index here, before the server starts, so a missing index is one clear error line.
    services = open_services(settings, create=False)
    console.print(f"serving {settings.index_dir} on http://{host}:{port}/  (API docs: /docs; Ctrl+C stops)")
    try:
        uvicorn.run(create_app(settings, services=services), host=host, port=port, log_level=log_level)
    finally:
        services.close()
