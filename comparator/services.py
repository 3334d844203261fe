"""Services built once per process (CLI command or API app): settings, collection, embedder."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from comparator.collection import Collection
from comparator.config import Settings

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    collection: Collection
    _embedder: Any = field(default=None, repr=False)

    @property
    def embedder(self) -> Any:
        """The embedding model, loaded on first use (stats and listing never load it)."""
        if self._embedder is None:
            from comparator.embed import load_embedder

            self._embedder = load_embedder(self.settings)
            stored = self.collection.model
            if stored is not None:
                self.collection.bind_model(self.settings.model, int(self._embedder.dim))
        return self._embedder

    def close(self) -> None:
        self.collection.close()


def open_services(settings: Settings, *, create: bool = False, embedder: Any = None) -> Services:
    collection = Collection(settings.index_dir, exact_max=settings.exact_index_max, create=create)
    return Services(settings=settings, collection=collection, _embedder=embedder)
