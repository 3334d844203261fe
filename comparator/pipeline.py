"""Ingest orchestration: documents -> language -> sentences -> embeddings -> store and indexes.

Each stage is its own module; this one only wires them and applies the error policy. Work is
done in batches: one SQLite transaction per batch, so an interrupted ingest leaves every batch
either fully stored or not at all, and re-running the same command skips what is stored.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from comparator.collection import Collection, PreparedArticle
from comparator.config import Settings
from comparator.errors import ComparatorError, InputError, OnError
from comparator.schema import Article, RawDocument
from comparator.store import text_hash

log = logging.getLogger(__name__)

BATCH_ARTICLES = 64
TITLE_WEIGHT = 0.5


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    already_stored: list[tuple[str, str]] = field(default_factory=list)  # (source, stored id)
    copies: list[tuple[str, str]] = field(default_factory=list)  # (id, id of the original)
    # already_stored entries whose text is another stored article's: (source, stored id, outlet)
    exact_copies: list[tuple[str, str, str | None]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    by_lang: Counter[str] = field(default_factory=Counter)
    embedded_texts: int = 0  # texts the model actually ran on (cache misses)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": len(self.added),
            "already_stored": len(self.already_stored),
            "copies": [{"id": a, "copy_of": b} for a, b in self.copies],
            "exact_copies": [{"source": s, "copy_of": b, "outlet": o} for s, b, o in self.exact_copies],
            "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
            "by_lang": dict(self.by_lang),
            "embedded_texts": self.embedded_texts,
            "ids": self.added,
        }


def prepare_article(doc: RawDocument, *, max_chars: int) -> Article:
    """Validate one document, identify its language and split it into sentences."""
    from comparator.ingest.dedup import article_id
    from comparator.langid import detect_language
    from comparator.segment import split_sentences

    text = unicodedata.normalize("NFC", doc.text or "").strip()
    where = doc.source or "<input>"
    if not text:
        raise InputError("empty text", source=where)
    if len(text) > max_chars:
        raise InputError(f"text has {len(text):,} characters; the limit is {max_chars:,}", source=where)
    title = unicodedata.normalize("NFC", doc.title or "").strip()
    lang = detect_language(text, title=title, declared=doc.lang, source=where)
    sentences = split_sentences(text, lang)
    if not sentences:
        raise InputError("no sentence found in text", source=where)
    return Article(
        id=doc.id or article_id(doc.url, text),
        text=text,
        title=title,
        url=doc.url,
        outlet=doc.outlet,
        published_at=doc.published_at,
        lang=lang,
        source=doc.source,
        sentences=sentences,
    )


def article_vector(title_vec: np.ndarray | None, sentence_vecs: np.ndarray) -> np.ndarray:
    """Mean of the sentence vectors, with the title added at half weight, L2-normalized."""
    v = sentence_vecs.mean(axis=0)
    v = v / (np.linalg.norm(v) or 1.0)
    if title_vec is not None:
        v = v + TITLE_WEIGHT * title_vec
    return (v / (np.linalg.norm(v) or 1.0)).astype(np.float32)


class Ingestor:
    """Holds what one ingest run needs: the collection, the embedder and the near-copy index."""

    def __init__(self, collection: Collection, embedder: Any, settings: Settings) -> None:
        from comparator.ingest.dedup import NearDuplicateIndex

        self.collection = collection
        self.embedder = embedder
        self.settings = settings
        self.model_key = settings.model
        collection.bind_model(self.model_key, int(embedder.dim))
        earlier = collection.store.note_embedder(str(getattr(embedder, "name", self.model_key)))
        if earlier:
            log.warning(
                "the index at %s holds vectors from %s; this run embeds with %s. Texts already embedded "
                "keep their stored vectors (the cache is per model): re-build the index for one precision only",
                collection.dir,
                ", ".join(earlier),
                getattr(embedder, "name", self.model_key),
            )
        if not collection.lang_means:
            from comparator.centering import language_means

            collection.set_language_means(language_means(embedder, settings.models_dir))
        self.near = NearDuplicateIndex(threshold=settings.near_duplicate_threshold)
        for aid, sig in collection.store.signatures():
            self.near.add_signature(aid, np.frombuffer(sig, dtype=self._sig_dtype()))

    def _sig_dtype(self) -> Any:
        return self.near.signature("x").dtype

    def ingest(
        self,
        items: Iterable[RawDocument | InputError],
        *,
        on_error: OnError = "skip",
        progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        report = IngestReport()
        pending: list[Article] = []
        seen_in_batch: dict[str, str] = {}  # id, hash or url -> id, within this run
        for item in items:
            try:
                if isinstance(item, InputError):
                    raise item
                art = prepare_article(item, max_chars=self.settings.max_text_chars)
            except ComparatorError as exc:
                if on_error == "raise":
                    raise
                source = getattr(exc, "where", None) or (
                    item.source if isinstance(item, RawDocument) else "?"
                )
                report.skipped.append((str(source), getattr(exc, "reason", str(exc))))
                log.info("skipped %s", exc)
                if progress:
                    progress(1)
                continue
            pending.append(art)
            if len(pending) >= BATCH_ARTICLES:
                self._store_batch(pending, report, seen_in_batch)
                if progress:
                    progress(len(pending))
                pending = []
        if pending:
            self._store_batch(pending, report, seen_in_batch)
            if progress:
                progress(len(pending))
        self.collection.save()
        return report

    def _store_batch(self, arts: list[Article], report: IngestReport, seen: dict[str, str]) -> None:
        from comparator.ingest.dedup import content_hash

        store = self.collection.store
        fresh: list[tuple[Article, str]] = []
        for art in arts:
            chash = content_hash(art.text)
            existing = store.find_existing(art.id, art.url, chash)
            if existing is None:
                existing = next((seen[x] for x in (art.id, chash, art.url) if x and x in seen), None)
            if existing is not None:
                report.already_stored.append((art.source or art.id, existing))
                if existing != art.id:  # same text under another id/url: a re-publication, not a re-run
                    report.exact_copies.append((art.source or art.id, existing, art.outlet))
                continue
            seen.update({x: art.id for x in (art.id, chash, art.url) if x})
            fresh.append((art, chash))
        if not fresh:
            return
        vectors, new = self._embed_texts([t for a, _ in fresh for t in _texts_of(a)], report)
        prepared = []
        for art, chash in fresh:
            original = self.near.find(art.text)
            if original is not None:
                art.copy_of = original
                report.copies.append((art.id, original))
            sig = self.near.signature(art.text)
            # add() keeps the shingles, so later articles of this run get the exact check, not the estimate.
            self.near.add(art.id, art.text)
            sent_vecs = np.stack([vectors[text_hash(s.text)] for s in art.sentences])
            title_vec = vectors[text_hash(art.title)] if art.title else None
            prepared.append(
                PreparedArticle(
                    article=art,
                    content_hash=chash,
                    signature=sig.tobytes(),
                    vector=article_vector(title_vec, sent_vecs),
                    sentence_vectors=sent_vecs,
                    new_vectors={h: vectors[h] for h in {text_hash(t) for t in _texts_of(art)} if h in new},
                )
            )
            report.added.append(art.id)
            report.by_lang[art.lang] += 1
        self.collection.add(prepared, save=False)

    def _embed_texts(
        self, texts: Sequence[str], report: IngestReport
    ) -> tuple[dict[str, np.ndarray], set[str]]:
        """Vectors by text hash (from the cache where present, else the model) and the new hashes."""
        by_hash = {text_hash(t): t for t in texts}
        cached = self.collection.store.cached_vectors(self.model_key, list(by_hash))
        missing = [h for h in by_hash if h not in cached]
        if missing:
            vecs = self.embedder.encode([by_hash[h] for h in missing])
            report.embedded_texts += len(missing)
            cached.update(zip(missing, np.asarray(vecs, dtype=np.float32), strict=True))
        return cached, set(missing)


def _texts_of(art: Article) -> list[str]:
    return ([art.title] if art.title else []) + [s.text for s in art.sentences]


def ingest_paths(
    paths: Sequence[Path],
    *,
    collection: Collection,
    embedder: Any,
    settings: Settings,
    on_error: OnError = "skip",
    crawl_time: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read files and folders and ingest every article in them."""
    from comparator.ingest import iter_documents

    items = iter_documents(list(paths), crawl_time=crawl_time)
    return Ingestor(collection, embedder, settings).ingest(items, on_error=on_error, progress=progress)
