"""Language centering: remove each language's mean vector before comparing across languages.

Multilingual sentence encoders put a language-identity component into every vector, so a Korean query
ranks unrelated Korean articles above the Japanese report of the same event. Subtracting the mean
vector of each language and renormalizing removes most of it (Libovický et al., 2020, "On the Language
Neutrality of Pre-trained Multilingual Representations"). The means are computed once per model from
sentences the project ships (the sample corpus), cached on disk, and frozen into each index's store so
the vectors of one index stay comparable as it grows. Languages without a mean are left as they are.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from comparator.atomic import write_text

log = logging.getLogger(__name__)

REFERENCE_LANGS = ("ja", "ko", "en")
SENTENCES_PER_LANG = 300


def reference_sentences(per_lang: int = SENTENCES_PER_LANG) -> dict[str, list[str]]:
    """Sentences of the shipped sample corpus, by language (deterministic order)."""
    from comparator.demo import sample_corpus_path
    from comparator.segment import split_sentences

    out: dict[str, list[str]] = {lang: [] for lang in REFERENCE_LANGS}
    with open(sample_corpus_path(), encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            lang = rec.get("lang")
            if lang in out and len(out[lang]) < per_lang:
                out[lang].extend(s.text for s in split_sentences(rec["text"], lang))
    return {lang: sents[:per_lang] for lang, sents in out.items()}


def language_means(embedder: Any, cache_dir: Path | None = None) -> dict[str, np.ndarray]:
    """Mean sentence vector per language for this embedder, cached in ``cache_dir`` by embedder name."""
    cache = None
    if cache_dir is not None:
        key = hashlib.sha1(str(embedder.name).encode()).hexdigest()[:16]
        cache = Path(cache_dir) / "language-means" / f"{key}.json"
        if cache.exists():
            data = json.loads(cache.read_text())
            return {lang: np.asarray(v, dtype=np.float32) for lang, v in data["means"].items()}
    means = {
        lang: np.asarray(embedder.encode(sents), dtype=np.float32).mean(axis=0)
        for lang, sents in reference_sentences().items()
        if sents
    }
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        payload = {"embedder": embedder.name, "means": {k: v.tolist() for k, v in means.items()}}
        write_text(cache, json.dumps(payload))
    return means


def center(vectors: np.ndarray, langs: Sequence[str], means: Mapping[str, np.ndarray]) -> np.ndarray:
    """Subtract each row's language mean and L2-normalize (rows of unknown languages only normalized)."""
    v = np.array(vectors, dtype=np.float32, copy=True)
    if v.size == 0 or not means:
        return v
    for lang, mu in means.items():
        rows = np.fromiter((lg == lang for lg in langs), dtype=bool, count=len(langs))
        if rows.any():
            v[rows] -= mu
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norms == 0, 1.0, norms)


def means_to_json(means: Mapping[str, np.ndarray]) -> str:
    return json.dumps({k: [round(float(x), 7) for x in v] for k, v in means.items()})


def means_from_json(text: str | None) -> dict[str, np.ndarray]:
    if not text:
        return {}
    return {k: np.asarray(v, dtype=np.float32) for k, v in json.loads(text).items()}
