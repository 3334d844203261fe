"""The OpenVINO backend: an exported (usually int8) encoder behind the :class:`Embedder` protocol.

Serving needs only openvino, tokenizers and numpy. Everything around the model is the fp32 path's
own code (:mod:`comparator.embed.encoder`): the same tokenizer and prefix, the same windows for long
inputs with their token-weighted mean, the same grouping of windows by token count into batches of
``batch_size``. Pooling (mean over all tokens, ``<s>`` and ``</s>`` included, or the first token)
and the final L2 normalization are done in numpy.

Batches go through an asynchronous queue with one request per CPU stream, so that while one batch
is pooled in Python the next one already runs; two streams on two cores keep both busy on the
small matrices of short sentences, which one stream with two threads does not. A call that fits in
one batch (a search query, a few queries batched by the API) takes one request from a pool of one
per stream, so that as many such calls as there are streams run at once (``concurrency``): the API
keeps both cores on new queries instead of one.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from comparator.embed.encoder import (
    LONG_RUN_WINDOWS,
    TextTokenizer,
    TokenizedEmbedder,
    Window,
    _progress,
    pad_batch,
    token_batches,
    window_mean,
)
from comparator.errors import MissingDependencyError, ModelError

log = logging.getLogger(__name__)

MODEL_XML = "openvino_model.xml"
TOKENIZER_FILE = "tokenizer.json"
INFO_FILE = "comparator_model.json"
POOLINGS = ("mean", "cls")


# OpenVINO compiles kernels for every input shape it meets and keeps them (5,000 shapes by
# default): a server embedding queries of every length grew by 1.2 GB over 2,000 queries. Lengths
# are padded to a multiple of SHAPE_STEP tokens (at most 7 pad tokens, masked out) so shapes repeat,
# and the kernel cache holds RUNTIME_CACHE shapes (measured in docs/int8.md).
SHAPE_STEP = 8
RUNTIME_CACHE = 256
# What one more call costs, in token slots: a call of one 16-token query costs about what 30 tokens
# of a full batch do (scripts/bench_api.py --costs, docs/api.md). A one-batch call of queries of
# very different lengths is cut into calls of similar lengths when the padding saved is worth more.
CALL_COST_TOKENS = 24


class OpenVINOEmbedder(TokenizedEmbedder):
    """An :class:`comparator.embed.Embedder` over an OpenVINO IR folder written by :mod:`.int8`."""

    def __init__(
        self,
        folder: Path,
        *,
        name: str,
        batch_size: int = 32,
        num_threads: int = 0,
        streams: int = 0,
    ) -> None:
        if batch_size < 1:
            raise ModelError(f"batch_size must be at least 1, got {batch_size}")
        self.folder = Path(folder)
        info = read_model_info(self.folder)
        self.name = name
        self.batch_size = batch_size
        self.dim = int(info["dim"])
        self.pooling = str(info["pooling"])
        self.tokenizer = _tokenizer(self.folder, info)
        self._compiled = compile_model(self.folder / MODEL_XML, num_threads=num_threads, streams=streams)
        self._jobs = max(1, int(self._compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS")))
        # One-batch calls borrow a request from this pool (one per stream), so up to ``concurrency``
        # of them run at once from different threads; a request is never shared by two calls.
        self._requests: queue.SimpleQueue[Any] = queue.SimpleQueue()
        for _ in range(self._jobs):
            self._requests.put(self._compiled.create_infer_request())
        self._queue: Any = None
        # Calls of several batches share the asynchronous queue: one at a time.
        self._lock = threading.Lock()

    @property
    def concurrency(self) -> int:
        """How many one-batch ``encode`` calls can usefully run at once (the CPU streams)."""
        return self._jobs

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """float32 (n, dim), L2-normalized; windows grouped by token count into batches."""
        windows = self.tokenizer.windows(texts)
        batches = token_batches(windows, self.batch_size)
        long_run = show_progress and len(windows) > LONG_RUN_WINDOWS
        pooled: list[np.ndarray] = []
        if len(batches) == 1:
            batches = length_groups([len(windows[k].ids) for k in batches[0]], batches[0])
            pooled = self._run_sync(windows, batches)
        elif batches:
            with self._lock, _progress(long_run, len(windows)) as advance:
                pooled = self._run_async(windows, batches, advance)
        return window_mean(windows, batches, pooled, n_texts=len(texts), dim=self.dim)

    def _run_sync(self, windows: Sequence[Window], batches: list[list[int]]) -> list[np.ndarray]:
        """The batches one after another on one borrowed request (a call of a few texts)."""
        request = self._requests.get()
        try:
            out = []
            for batch in batches:
                ids, mask = pad_batch(
                    [windows[k].ids for k in batch], self.tokenizer.pad_id, multiple=SHAPE_STEP
                )
                request.infer({"input_ids": ids, "attention_mask": mask})
                out.append(pool(request.get_output_tensor(0).data, mask, self.pooling))
            return out
        finally:
            self._requests.put(request)

    def _run_async(
        self, windows: Sequence[Window], batches: list[list[int]], advance: Any
    ) -> list[np.ndarray]:
        from openvino import AsyncInferQueue

        if self._queue is None:
            self._queue = AsyncInferQueue(self._compiled, self._jobs)
        results: list[np.ndarray | None] = [None] * len(batches)
        masks: dict[int, np.ndarray] = {}
        errors: list[BaseException] = []

        def finished(request: Any, idx: int) -> None:
            # Runs on an OpenVINO thread while the request's output is still valid: pool it now.
            try:
                results[idx] = pool(request.get_output_tensor(0).data, masks.pop(idx), self.pooling)
                advance(len(batches[idx]))
            except BaseException as exc:  # re-raised in the caller's thread below
                errors.append(exc)

        self._queue.set_callback(finished)
        for idx, batch in enumerate(batches):
            ids, mask = pad_batch([windows[k].ids for k in batch], self.tokenizer.pad_id, multiple=SHAPE_STEP)
            masks[idx] = mask
            self._queue.start_async({"input_ids": ids, "attention_mask": mask}, idx)
        self._queue.wait_all()
        if errors:
            raise ModelError(f"{self.folder}: inference failed: {errors[0]}") from errors[0]
        return [r for r in results if r is not None]


def length_groups(lengths: Sequence[int], batch: list[int]) -> list[list[int]]:
    """``batch`` (window indices, longest first, ``lengths`` theirs) cut into runs of similar
    length so that padding plus ``CALL_COST_TOKENS`` per call is least (dynamic programming over
    the cut points; a batch is at most a few dozen windows)."""
    padded = [-(-n // SHAPE_STEP) * SHAPE_STEP for n in lengths]
    n = len(batch)
    best = [0.0] + [float("inf")] * n  # best[j]: cost of the first j windows
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        for i in range(j):  # windows i..j-1 in one call, padded to the longest, padded[i]
            cost = best[i] + CALL_COST_TOKENS + (j - i) * padded[i]
            if cost < best[j]:
                best[j], cut[j] = cost, i
    groups = []
    j = n
    while j:
        groups.append(batch[cut[j] : j])
        j = cut[j]
    return groups[::-1]


def pool(hidden: np.ndarray, mask: np.ndarray, pooling: str) -> np.ndarray:
    """(batch, dim) float64 from the last hidden states: masked mean, or the first token."""
    if pooling == "cls":
        return hidden[:, 0, :].astype(np.float64)
    weights = mask.astype(np.float32)[:, :, None]
    summed = (hidden * weights).sum(axis=1, dtype=np.float64)
    return summed / np.maximum(weights.sum(axis=1), 1e-9)


def compile_model(xml: Path, *, num_threads: int = 0, streams: int = 0) -> Any:
    """The IR compiled for the CPU in fp32 arithmetic around its int8 layers.

    OpenVINO would pick bf16 on CPUs that have it, which is both slower (no AMX here) and not
    the precision the int8 model was checked in.
    """
    try:
        import openvino as ov
    except ImportError as exc:
        raise MissingDependencyError("openvino", "The int8 embedding path") from exc
    config: dict[str, Any] = {"INFERENCE_PRECISION_HINT": "f32", "CPU_RUNTIME_CACHE_CAPACITY": RUNTIME_CACHE}
    if streams > 0:
        config["NUM_STREAMS"] = streams
    else:
        config["PERFORMANCE_HINT"] = "THROUGHPUT"
    if num_threads > 0:
        config["INFERENCE_NUM_THREADS"] = num_threads
    try:
        return ov.Core().compile_model(str(xml), "CPU", config)
    except Exception as exc:  # openvino raises RuntimeError subclasses with the reason
        raise ModelError(f"{xml}: cannot compile the OpenVINO model: {exc}") from exc


def read_model_info(folder: Path) -> dict[str, Any]:
    """The folder's description (dim, pooling, max_length, pad_id, prefix, ...), or a ModelError."""
    path = Path(folder) / INFO_FILE
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read the model description: {exc}") from exc
    if info.get("pooling") not in POOLINGS:
        raise ModelError(f"{path}: pooling {info.get('pooling')!r} is not one of {', '.join(POOLINGS)}")
    return info


def _tokenizer(folder: Path, info: dict[str, Any]) -> TextTokenizer:
    from tokenizers import Tokenizer

    try:
        backend = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
    except Exception as exc:  # tokenizers raises a bare Exception on a bad file
        raise ModelError(f"{folder / TOKENIZER_FILE}: cannot read the tokenizer: {exc}") from exc
    return TextTokenizer(
        backend,
        prefix=str(info["prefix"]),
        max_length=int(info["max_length"]),
        pad_id=int(info["pad_id"]),
        split_unknown=bool(info["split_unknown"]),
        copy=False,
    )
