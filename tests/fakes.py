"""A deterministic fake embedder for unit tests of storage and maths (never for quality claims)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np


class HashEmbedder:
    """Bag of character trigrams hashed into ``dim`` buckets: same text, same vector; similar text, near."""

    name = "fake-hash"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.calls = 0
        self.texts_seen = 0

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        self.calls += 1
        self.texts_seen += len(texts)
        out = np.zeros((len(texts), self.dim), np.float32)
        for row, text in enumerate(texts):
            t = f"  {text.casefold()}  "
            for i in range(len(t) - 2):
                h = int.from_bytes(hashlib.md5(t[i : i + 3].encode()).digest()[:4], "little")
                out[row, h % self.dim] += 1.0
            out[row] /= np.linalg.norm(out[row]) or 1.0
        return out

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) for t in texts]
