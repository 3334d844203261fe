"""Duplicate and near-copy detection: stable ids, content hashes, MinHash + LSH over character shingles.

Exact duplicates are caught by :func:`article_id` (same normalized url) and :func:`content_hash` (same
normalized text). Near-copies (a wire story re-published with another byline, header line or a few
changed words) are caught by :class:`NearDuplicateIndex`: character k-shingles, so it needs no
tokenizer and works the same for Japanese, Korean and English.

Shingle hashes are computed with numpy (a polynomial rolling hash over code points, then the
splitmix64 finalizer), so they are the same in every process and on every machine; Python's ``hash``
is salted per process and could not be persisted.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from comparator.errors import ComparatorError

logger = logging.getLogger(__name__)

ID_PREFIX = "a_"
ID_HEX_CHARS = 16

# Query parameters that identify a campaign or a click, never the article itself.
TRACKING_PARAM = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl"
    r"|ref_src|ref_url|cmpid|ocid|spm|sr_share|at_medium|at_campaign)$",
    re.IGNORECASE,
)
DEFAULT_PORTS = {"http": 80, "https": 443}

_WS = re.compile(r"\s+")
_U64 = np.uint64
_MASK64 = (1 << 64) - 1
_ROLL_MULT = _U64(0x100000001B3)  # FNV-64 prime: odd, so the rolling hash loses no information mod 2**64
_SHINGLE_CHUNK = 4096  # shingles hashed against all permutations at once (bounds memory on long texts)


def normalize_for_hash(text: str) -> str:
    """NFKC, casefold, and every run of whitespace as one space (stripped at both ends)."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_hash(text: str) -> str:
    """sha256 hex digest of :func:`normalize_for_hash`: equal for texts that differ only in case,
    width (全角/半角) or whitespace."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


def normalize_url(url: str) -> str:
    """Canonical form of a URL for identity: scheme and host lower-cased, default port, fragment,
    tracking parameters (utm_*, fbclid, ...) and the trailing slash dropped, query sorted.

    The path keeps its case: many news sites treat article slugs case-sensitively.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    try:
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:  # a malformed port: keep the authority as written, lower-cased
        host, port = parts.netloc.lower(), None
    netloc = host if port is None or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAM.match(k)]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def article_id(url: str | None, text: str) -> str:
    """Stable short id: from the normalized url when there is one, else from the content hash.

    ``"a_"`` + 16 hex characters (64 bits: a collision is unlikely below billions of articles).
    """
    if url is not None and url.strip():
        digest = hashlib.sha256(normalize_url(url).encode("utf-8")).hexdigest()
    else:
        digest = content_hash(text)
    return ID_PREFIX + digest[:ID_HEX_CHARS]


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer, vectorized: a bijection on uint64 that spreads every input bit."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> _U64(27))) * _U64(0x94D049BB133111EB)
        return x ^ (x >> _U64(31))


def shingle_array(text: str, k: int = 5) -> np.ndarray:
    """Sorted unique uint64 hashes of the character k-shingles of the normalized text.

    Whitespace is removed after normalization, so spacing differences (common between Korean
    re-publications, and irrelevant in Japanese) do not count as changes. A text shorter than ``k``
    characters is one shingle; an empty text has none.
    """
    if k < 1:
        raise ComparatorError(f"shingle size k must be at least 1, got {k}")
    norm = normalize_for_hash(text).replace(" ", "")
    if not norm:
        return np.zeros(0, dtype=_U64)
    cps = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(_U64)
    width = min(k, len(cps))
    count = len(cps) - width + 1
    h = np.zeros(count, dtype=_U64)
    with np.errstate(over="ignore"):
        for j in range(width):
            h = h * _ROLL_MULT + cps[j : j + count]
    return np.unique(_mix64(h))


def shingles(text: str, k: int = 5) -> set[int]:
    """Character k-shingles of the normalized text, as stable 64-bit integer hashes."""
    return {int(v) for v in shingle_array(text, k)}


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique shingle arrays (0.0 when both are empty)."""
    if len(a) == 0 and len(b) == 0:
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def lsh_bands(threshold: float, num_perm: int, min_recall: float = 0.99) -> tuple[int, int]:
    """(bands, rows) for LSH: the most rows per band (fewest spurious candidates) such that a pair at
    exactly ``threshold`` still shares a bucket with probability >= ``min_recall``.

    A missed pair loses a near-copy for good, while a spurious candidate only costs one exact Jaccard
    check, so recall at the threshold is what is fixed. At 0.8 and 64 permutations: 12 bands of 5.
    """
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1.0 - (1.0 - threshold**rows) ** bands >= min_recall:
            return bands, rows
    return num_perm, 1


class NearDuplicateIndex:
    """Incremental MinHash + LSH index of character shingles, pure numpy.

    ``find`` answers the id of the first added document whose Jaccard similarity with the text is at
    least ``threshold``. Candidates come from LSH buckets and are verified with the exact Jaccard of
    their shingles when those are held (documents added with :meth:`add`), else with the MinHash
    estimate (documents restored with :meth:`add_signature`, whose estimate has a standard error of
    about 0.05 at 64 permutations). Exact verification keeps about 8 bytes per character of text.

    Signatures are uint32 arrays of length ``num_perm``; persist them with ``sig.tobytes()`` and
    restore with ``np.frombuffer(blob, dtype=np.uint32)``. They are only comparable between indexes
    built with the same ``num_perm``, ``seed`` and ``k``.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 64, seed: int = 1, k: int = 5) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ComparatorError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        if num_perm < 1:
            raise ComparatorError(f"num_perm must be at least 1, got {num_perm}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.seed = seed
        self.k = k
        rng = np.random.default_rng(seed)
        self._perm_keys = rng.integers(0, _MASK64, size=num_perm, dtype=_U64, endpoint=True)
        self.bands, self.rows = lsh_bands(threshold, num_perm)
        self._buckets: list[dict[bytes, list[int]]] = [{} for _ in range(self.bands)]
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._sigs: list[np.ndarray] = []
        self._shingles: list[np.ndarray | None] = []
        self._cache: tuple[str, np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._pos

    def signature(self, text: str) -> np.ndarray:
        """MinHash signature of the text's shingles: uint32[num_perm]."""
        return self._features(text)[1]

    def add(self, doc_id: str, text: str) -> None:
        """Index a document (its shingles are kept for exact verification). Re-adding an id is a no-op."""
        sh, sig = self._features(text)
        self._insert(doc_id, sig, sh)

    def add_signature(self, doc_id: str, sig: np.ndarray) -> None:
        """Index a document from a stored signature (e.g. when reopening a store). Re-adding is a no-op."""
        arr = np.asarray(sig)
        if arr.shape != (self.num_perm,):
            raise ComparatorError(
                f"signature for {doc_id!r} has shape {arr.shape}, this index expects ({self.num_perm},)"
            )
        if arr.dtype != np.uint32:
            if arr.size and (arr.min() < 0 or arr.max() > 0xFFFFFFFF):
                raise ComparatorError(f"signature for {doc_id!r} has values outside uint32")
            arr = arr.astype(np.uint32)
        self._insert(doc_id, arr, None)

    def find(self, text: str) -> str | None:
        """Id of the first added document with Jaccard >= threshold to ``text``, else None."""
        sh, sig = self._features(text)
        if len(sh) == 0:
            return None
        for pos in self._candidates(sig):
            held = self._shingles[pos]
            # exact Jaccard when the shingles are held; the MinHash estimate for restored signatures
            score = jaccard(sh, held) if held is not None else float(np.mean(self._sigs[pos] == sig))
            if score >= self.threshold:
                return self._ids[pos]
        return None

    def _candidates(self, sig: np.ndarray) -> list[int]:
        found: set[int] = set()
        for band, table in enumerate(self._buckets):
            found.update(table.get(self._band_key(sig, band), ()))
        return sorted(found)  # insertion order: the first added copy wins

    def _band_key(self, sig: np.ndarray, band: int) -> bytes:
        return sig[band * self.rows : (band + 1) * self.rows].tobytes()

    def _insert(self, doc_id: str, sig: np.ndarray, sh: np.ndarray | None) -> None:
        if doc_id in self._pos:
            logger.debug("near-duplicate index already holds %s; not added again", doc_id)
            return
        pos = len(self._ids)
        self._ids.append(doc_id)
        self._pos[doc_id] = pos
        self._sigs.append(sig)
        self._shingles.append(sh)
        if sh is not None and len(sh) == 0:
            return  # an empty text is similar to nothing; keep it out of the buckets
        for band, table in enumerate(self._buckets):
            table.setdefault(self._band_key(sig, band), []).append(pos)

    def _features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        # find(text) is usually followed by add(id, text): remember the last text to hash it once.
        if self._cache is not None and self._cache[0] == text:
            return self._cache[1], self._cache[2]
        sh = shingle_array(text, self.k)
        sig = self._minhash(sh)
        self._cache = (text, sh, sig)
        return sh, sig

    def _minhash(self, sh: np.ndarray) -> np.ndarray:
        # One hash function per permutation: splitmix64(x XOR key_i); keep the top 32 bits of the minimum.
        mins = np.full(self.num_perm, _MASK64, dtype=_U64)
        for start in range(0, len(sh), _SHINGLE_CHUNK):
            chunk = sh[start : start + _SHINGLE_CHUNK]
            hashed = _mix64(chunk[:, None] ^ self._perm_keys[None, :])
            np.minimum(mins, hashed.min(axis=0), out=mins)
        return (mins >> _U64(32)).astype(np.uint32)
