"""Build an int8 OpenVINO copy of a sentence-transformers encoder, once, on first use.

Recipe (see docs/int8.md for the measurements behind it):

1. the fp32 encoder (eager attention) is converted to OpenVINO straight from torch, with dynamic
   batch and sequence axes; its output is the last hidden state (pooling stays in numpy);
2. NNCF post-training quantization, transformer preset, SmoothQuant with alpha 0.9 on the
   matmuls (without it the FFN output matmul loses accuracy; 0.9 agreed better with fp32 than
   0.95 or 0.85), calibrated on text the project ships or writes itself in Japanese, Korean and
   English, news and everyday short sentences (the sample corpus and data/calibration/), never on
   evaluation sets;
3. a check in a fresh process: the saved folder must load on its own and give vectors close to
   the fp32 model's on a few calibration texts, one of them longer than the model's window.

The folder is written into a temporary directory beside the target and renamed into place with a
manifest written last (like the fp32 build), so a killed build is never reused. NNCF is needed
only here; serving the result needs openvino, tokenizers and numpy.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import logging
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from comparator.atomic import staged_dir
from comparator.embed.build import _build_lock
from comparator.embed.openvino_backend import INFO_FILE, MODEL_XML, POOLINGS, TOKENIZER_FILE
from comparator.errors import ComparatorError, MissingDependencyError, ModelError

if TYPE_CHECKING:
    from comparator.embed.encoder import SentenceTransformerEmbedder

log = logging.getLogger(__name__)

# Bump when the recipe or the folder layout changes, so older builds are rebuilt.
INT8_FORMAT = 1
MANIFEST = "comparator_int8.json"
SMOOTH_QUANT_ALPHA = 0.9
# Calibration inputs of equal token count go through NNCF together (no padding in the statistics).
CALIBRATION_BATCH = 16
# Accepted agreement with the fp32 model in the fresh-process check. It catches a broken export
# or quantization (cosines near 0.5 or below), not a slightly worse one: the tests ask for more on
# real sentences, and an English-only model such as all-MiniLM-L6-v2 scores ~0.99 here on the
# Japanese and Korean check texts that it cannot read anyway.
CHECK_MEAN, CHECK_MIN = 0.98, 0.95
_DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE_CORPUS = _DATA / "sample" / "articles.jsonl"
CALIBRATION_DIR = _DATA / "calibration"
_ALLOWED_MODULES = {"Transformer", "Pooling", "Normalize"}


def calibration_texts() -> list[str]:
    """Japanese, Korean and English text the project ships: the sample corpus (titles and lines)
    and data/calibration/*.txt, written for this purpose. About 800 texts."""
    texts: list[str] = []
    for line in SAMPLE_CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            texts.append(record.get("title") or "")
            texts.extend(record.get("text", "").split("\n"))
    for path in sorted(CALIBRATION_DIR.glob("*.txt")):
        texts.extend(path.read_text(encoding="utf-8").splitlines())
    return [t.strip() for t in texts if t.strip()]


def int8_folder(models_dir: Path, model_id: str, *, default_dirname: str | None = None) -> Path:
    """Where the int8 copy of ``model_id`` lives: ``<default>-int8`` beside the rebuilt default
    model, else ``int8/<name>-<hash>`` (a hash of the full id keeps two ``model`` folders apart)."""
    models_dir = Path(models_dir).expanduser()
    if default_dirname:
        return models_dir / f"{default_dirname}-int8"
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(model_id.rstrip("/")).name or "model")[:60]
    digest = hashlib.sha1(model_id.encode("utf-8")).hexdigest()[:10]
    return models_dir / "int8" / f"{stem}-{digest}"


def source_fingerprint(model_id: str) -> dict[str, Any]:
    """What identifies the fp32 weights: a local folder's files (names, sizes, times), else the name."""
    path = Path(model_id)
    if not path.is_dir():
        return {"model": model_id}
    files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    listing = [(str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns) for p in files]
    return {"model": model_id, "files": hashlib.sha1(repr(listing).encode()).hexdigest()}


def expected_manifest(source: dict[str, Any], texts: Sequence[str]) -> dict[str, Any]:
    """The manifest a current build carries; any difference means rebuild."""
    return {
        "int8_format": INT8_FORMAT,
        "source": source,
        "smooth_quant_alpha": SMOOTH_QUANT_ALPHA,
        "calibration_sha1": hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest(),
        "openvino": _version("openvino"),
    }


def is_current(folder: Path, expected: dict[str, Any]) -> bool:
    """True when ``folder`` holds a finished build made for ``expected``."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return all(manifest.get(k) == v for k, v in expected.items())


def build_int8_model(
    load_fp32: Callable[[], SentenceTransformerEmbedder],
    target: Path,
    *,
    source: dict[str, Any],
    texts: Sequence[str] | None = None,
    force: bool = False,
) -> Path:
    """Build (or reuse) the int8 folder ``target`` from the fp32 model ``load_fp32()`` returns.

    ``load_fp32`` is only called when a build is needed. Any failure is a ModelError (or a
    MissingDependencyError when NNCF is absent) naming the model and the stage that failed.
    """
    texts = list(texts) if texts is not None else calibration_texts()
    expected = expected_manifest(source, texts)
    target = Path(target)
    if not force and is_current(target, expected):
        return target
    _require("nncf")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"{target.parent}: cannot create the models folder: {exc}") from exc
    with _build_lock(target.parent / f".{target.name}.lock"):
        if not force and is_current(target, expected):
            return target  # another process built it while this one waited
        with staged_dir(target) as tmp:
            manifest = _build_into(load_fp32(), tmp, texts, expected)
            (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return target


def _build_into(
    fp32: SentenceTransformerEmbedder, folder: Path, texts: list[str], expected: dict[str, Any]
) -> dict[str, Any]:
    """Export, quantize, save and check; returns the manifest with the build's figures."""
    started = time.perf_counter()
    log.info("building the int8 model for %s from %d calibration texts", fp32.name, len(texts))
    info = model_info(fp32)
    try:
        # NNCF draws progress bars on stdout, where scripts print their JSON: send them to stderr.
        with contextlib.redirect_stdout(sys.stderr):
            exported = export_openvino(fp32.model)
            exported_at = time.perf_counter()
            quantized = quantize(exported, calibration_batches(fp32.tokenizer, texts))
            quantized_at = time.perf_counter()
        _save(quantized, fp32, info, folder)
    except ComparatorError:
        raise
    except Exception as exc:  # torch, openvino and nncf raise many types; name the model
        raise ModelError(f"cannot build the int8 model for {fp32.name}: {exc}") from exc
    check = check_in_fresh_process(folder, fp32, check_texts(texts, fp32.tokenizer.window))
    seconds = time.perf_counter() - started
    log.info("int8 model for %s built in %.0f s (%s)", fp32.name, seconds, check)
    return {
        **expected,
        "nncf": _version("nncf"),
        "calibration_texts": len(texts),
        "check": check,
        "seconds": {
            "export": round(exported_at - started, 1),
            "quantize": round(quantized_at - exported_at, 1),
            "total": round(seconds, 1),
        },
    }


def model_info(fp32: SentenceTransformerEmbedder) -> dict[str, Any]:
    """What the OpenVINO embedder needs besides the IR; a ModelError for unsupported pipelines."""
    names = [type(module).__name__ for module in fp32.model]
    if not names or names[0] != "Transformer" or not set(names) <= _ALLOWED_MODULES:
        raise ModelError(
            f"{fp32.name}: int8 supports Transformer + Pooling (+ Normalize) pipelines, "
            f"not {' + '.join(names)}; use --precision fp32"
        )
    pooling = "mean"
    for module in fp32.model:
        if type(module).__name__ == "Pooling":
            pooling = str(module.get_config_dict().get("pooling_mode"))
    if pooling not in POOLINGS:
        raise ModelError(f"{fp32.name}: int8 supports {' or '.join(POOLINGS)} pooling, not {pooling!r}")
    tok = fp32.tokenizer
    return {
        "dim": fp32.dim,
        "pooling": pooling,
        "prefix": tok.prefix,
        "max_length": tok.window + len(tok.head) + len(tok.tail),
        "pad_id": tok.pad_id,
        "split_unknown": tok._unk_id is not None,
    }


def export_openvino(st_model: Any) -> Any:
    """The sentence-transformers model's encoder as an OpenVINO model: (input_ids, attention_mask)
    of any batch and length -> last hidden state. Eager attention converts to plain matmuls that
    NNCF knows how to quantize."""
    import openvino as ov
    import torch

    encoder = st_model[0].auto_model
    if hasattr(encoder, "set_attn_implementation"):
        encoder.set_attn_implementation("eager")

    class _Hidden(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    example = {
        "input_ids": torch.ones((2, 16), dtype=torch.long),
        "attention_mask": torch.ones((2, 16), dtype=torch.long),
    }
    shapes = [("input_ids", [-1, -1], ov.Type.i64), ("attention_mask", [-1, -1], ov.Type.i64)]
    wrapper = _Hidden(encoder).eval()
    with torch.inference_mode(False), torch.no_grad(), _quiet_tracing():
        return ov.convert_model(wrapper, example_input=example, input=shapes)


def calibration_batches(tokenizer: Any, texts: Sequence[str]) -> list[dict[str, np.ndarray]]:
    """Model inputs for NNCF: the texts' windows, those of equal token count stacked (no padding)."""
    by_length: dict[int, list[list[int]]] = defaultdict(list)
    for window in tokenizer.windows(texts):
        by_length[len(window.ids)].append(window.ids)
    batches = []
    for _, rows in sorted(by_length.items()):
        for i in range(0, len(rows), CALIBRATION_BATCH):
            ids = np.array(rows[i : i + CALIBRATION_BATCH], dtype=np.int64)
            batches.append({"input_ids": ids, "attention_mask": np.ones_like(ids)})
    return batches


def quantize(ov_model: Any, batches: list[dict[str, np.ndarray]]) -> Any:
    """NNCF post-training int8 quantization with SmoothQuant, statistics over every batch."""
    import nncf
    from nncf.quantization.advanced_parameters import (
        AdvancedQuantizationParameters,
        AdvancedSmoothQuantParameters,
    )

    advanced = AdvancedQuantizationParameters(
        batchwise_statistics=True,
        smooth_quant_alphas=AdvancedSmoothQuantParameters(matmul=SMOOTH_QUANT_ALPHA),
    )
    nncf_log = logging.getLogger("nncf")
    old_level = nncf_log.level
    nncf_log.setLevel(logging.ERROR)  # "dataset smaller than subset_size" is expected: all batches
    try:
        return nncf.quantize(
            ov_model,
            nncf.Dataset(batches),
            model_type=nncf.ModelType.TRANSFORMER,
            subset_size=sum(len(b["input_ids"]) for b in batches),
            advanced_parameters=advanced,
        )
    finally:
        nncf_log.setLevel(old_level)


def _save(quantized: Any, fp32: SentenceTransformerEmbedder, info: dict[str, Any], folder: Path) -> None:
    import openvino as ov

    ov.save_model(quantized, str(folder / MODEL_XML), compress_to_fp16=False)
    (folder / TOKENIZER_FILE).write_text(fp32.model.tokenizer.backend_tokenizer.to_str(), encoding="utf-8")
    (folder / INFO_FILE).write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def check_texts(texts: Sequence[str], window: int) -> list[str]:
    """A few calibration texts of different lengths (padding inside a batch) and one text
    longer than the model's window (several windows)."""
    picked = sorted(texts, key=len)[:: max(1, len(texts) // 12)][:12]
    long_text = " ".join(texts)[: window * 6]
    return [*picked, long_text]


def check_in_fresh_process(
    folder: Path, fp32: SentenceTransformerEmbedder, texts: list[str]
) -> dict[str, Any]:
    """Load ``folder`` in a new interpreter (nothing inherited from the export) and compare its
    vectors with the fp32 model's; a ModelError when they disagree or the folder does not load."""
    reference = fp32.encode(texts)
    with tempfile.TemporaryDirectory(prefix="comparator-int8-check-") as tmp:
        ref_path = Path(tmp) / "reference.npz"
        np.savez(ref_path, vectors=reference, texts=np.array(texts, dtype=object))
        done = subprocess.run(
            [sys.executable, "-m", "comparator.embed.int8", "check", str(folder), str(ref_path)],
            capture_output=True,
            text=True,
            timeout=600,
        )
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ModelError(f"{folder}: the int8 model failed its check in a fresh process: {detail}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["mean"] < CHECK_MEAN or result["min"] < CHECK_MIN:
        raise ModelError(
            f"{folder}: int8 vectors disagree with fp32 (cosine mean {result['mean']:.4f}, "
            f"min {result['min']:.4f}; need {CHECK_MEAN} and {CHECK_MIN})"
        )
    return result


def _check_main(folder: str, reference: str) -> int:
    """Child side of :func:`check_in_fresh_process`: prints ``{"mean": .., "min": .., "texts": n}``."""
    from comparator.embed.openvino_backend import OpenVINOEmbedder

    data = np.load(reference, allow_pickle=True)
    texts = [str(t) for t in data["texts"]]
    embedder = OpenVINOEmbedder(Path(folder), name="int8-check", batch_size=4)
    # Twice, in a different order: the second run reuses compiled shapes and must agree.
    first = embedder.encode(texts)
    again = embedder.encode(texts[::-1])[::-1]
    cosines = (first * data["vectors"]).sum(axis=1)
    drift = float(np.abs(first - again).max())
    print(
        json.dumps(
            {
                "mean": round(float(cosines.mean()), 6),
                "min": round(float(cosines.min()), 6),
                "texts": len(texts),
                "rerun_max_diff": drift,
            }
        )
    )
    return 0 if drift < 1e-3 else 1


def _require(package: str) -> None:
    import importlib.util

    if importlib.util.find_spec(package) is None:
        raise MissingDependencyError(package, "Building the int8 embedding model")


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


class _quiet_tracing:
    """Hide torch's tracer warnings (they concern branches the export does not take here)."""

    def __enter__(self) -> None:
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc: object) -> None:
        self._catch.__exit__(*exc)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(_check_main(sys.argv[2], sys.argv[3]))
    sys.exit("usage: python -m comparator.embed.int8 check FOLDER REFERENCE.npz")
