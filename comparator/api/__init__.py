"""The HTTP API: ``create_app(settings)`` builds a FastAPI app over one index (see docs/api.md)."""

from __future__ import annotations

from comparator.api.app import create_app

__all__ = ["create_app"]
