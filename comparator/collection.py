"""A collection on disk: the SQLite store plus its two FAISS indexes, kept consistent.

Layout of ``<index_dir>/``: ``store.sqlite``, ``articles.faiss`` (+ ``.json``), ``sentences.faiss``
(+ ``.json``). Writes go to SQLite first, in one transaction per batch; the FAISS files follow and
are rebuilt from SQLite whenever they do not hold exactly what SQLite holds.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from comparator.centering import center, means_from_json, means_to_json
from comparator.errors import StoreError
from comparator.index import VectorIndex
from comparator.schema import Article
from comparator.store import Store, StoredArticle

log = logging.getLogger(__name__)


@dataclass
class PreparedArticle:
    """An article ready to store: segmented, embedded, deduplicated."""

    article: Article
    content_hash: str
    signature: bytes | None
    vector: np.ndarray  # article vector
    sentence_vectors: np.ndarray  # one row per article.sentences
    new_vectors: dict[str, np.ndarray]  # text hash -> vector, texts the cache did not hold yet


class Collection:
    def __init__(self, index_dir: Path, *, exact_max: int, create: bool = True) -> None:
        self.dir = Path(index_dir)
        if not create and not (self.dir / "store.sqlite").exists():
            raise StoreError(
                f"no index at {self.dir}: run 'comparator ingest PATH --index {self.dir}' (or 'comparator demo') first"
            )
        self.store = Store(self.dir / "store.sqlite", create=create)
        self.exact_max = exact_max
        self.article_index: VectorIndex | None = None
        self.sentence_index: VectorIndex | None = None
        # FAISS holds language-centered vectors (see comparator.centering); SQLite keeps the raw ones.
        self.lang_means = means_from_json(self.store.get_meta("lang_means"))
        dim = self.store.get_meta("dim")
        if dim is not None:
            self._open_indexes(int(dim))

    @property
    def model(self) -> str | None:
        return self.store.get_meta("model")

    def bind_model(self, model: str, dim: int) -> None:
        """Record the model on first use; refuse a different one later."""
        self.store.check_model(model, dim)
        if self.article_index is None:
            self._open_indexes(dim)

    def _open_indexes(self, dim: int) -> None:
        self.article_index = VectorIndex(self.dir / "articles.faiss", dim, exact_max=self.exact_max)
        self.sentence_index = VectorIndex(self.dir / "sentences.faiss", dim, exact_max=self.exact_max)
        self.article_index.load()
        self.sentence_index.load()
        self.sync()

    def set_language_means(self, means: dict[str, np.ndarray]) -> None:
        """Freeze the language means of this index (first ingest only) and re-center what is stored."""
        if self.lang_means or not means:
            return
        with self.store.transaction():
            self.store.set_meta("lang_means", means_to_json(means))
        self.lang_means = means_from_json(self.store.get_meta("lang_means"))
        if self.article_index is not None and self.article_index.ntotal:
            self.sync(force=True)

    def center_query(self, vector: np.ndarray, lang: str | None) -> np.ndarray:
        return center(vector[None, :], [lang or ""], self.lang_means)[0]

    def sync(self, *, force: bool = False) -> None:
        """Rebuild a FAISS index from SQLite when it does not hold the same number of vectors."""
        assert self.article_index is not None and self.sentence_index is not None
        langs = self.store.article_langs()
        n_art = self.store.count("articles")
        if force or self.article_index.ntotal != n_art:
            log.warning("article index holds %d vectors, store %d: rebuilding", self.article_index.ntotal, n_art)
            ids, vecs = self.store.article_vectors()
            self.article_index.rebuild(ids, center(vecs, [langs[int(i)] for i in ids], self.lang_means))
            self.article_index.save()
        n_sent = self.store.count("sentences")
        if force or self.sentence_index.ntotal != n_sent:
            log.warning("sentence index holds %d vectors, store %d: rebuilding", self.sentence_index.ntotal, n_sent)
            sids, arows, vecs = self.store.sentence_vectors(self.model or "")
            self.sentence_index.rebuild(sids, center(vecs, [langs[int(a)] for a in arows], self.lang_means))
            self.sentence_index.save()

    def add(self, batch: Sequence[PreparedArticle], *, save: bool = True) -> list[int]:
        """Store a batch in one transaction, then extend the FAISS indexes. Returns article rowids."""
        if not batch:
            return []
        assert self.article_index is not None and self.sentence_index is not None, "bind_model first"
        model = self.model or ""
        rowids: list[int] = []
        sent_ids: list[int] = []
        sent_vecs: list[np.ndarray] = []
        with self.store.transaction():
            for p in batch:
                self.store.put_vectors(model, p.new_vectors.items())
                rowid, srows = self.store.insert_article(
                    p.article, content_hash=p.content_hash, signature=p.signature, vector=p.vector
                )
                rowids.append(rowid)
                sent_ids.extend(srows)
                if len(srows):
                    sent_vecs.append(p.sentence_vectors)
        art_langs = [p.article.lang for p in batch]
        self.article_index.add(
            np.array(rowids, np.int64), center(np.stack([p.vector for p in batch]), art_langs, self.lang_means)
        )
        if sent_ids:
            sent_langs = [p.article.lang for p in batch for _ in p.article.sentences]
            self.sentence_index.add(np.array(sent_ids, np.int64), center(np.vstack(sent_vecs), sent_langs, self.lang_means))
        if save:
            self.save()
        return rowids

    def save(self) -> None:
        if self.article_index is not None and self.sentence_index is not None:
            self.article_index.save()
            self.sentence_index.save()

    def sentence_spans(self, article_rowids: Sequence[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(article rowids, (n, 3) idx/start/end, raw vectors) of these articles' sentences, in one
        query: a search page needs every sentence's offsets and vector, not the Article objects."""
        rowids = [int(r) for r in article_rowids]
        if not rowids:
            return np.zeros(0, np.int64), np.zeros((0, 3), np.int64), np.zeros((0, 0), np.float32)
        rows = self.store.db.execute(
            "SELECT s.article_rowid, s.idx, s.start, s.end, e.vector FROM sentences s JOIN embeddings e"
            " ON e.model=? AND e.text_hash=s.text_hash"
            f" WHERE s.article_rowid IN ({','.join('?' * len(rowids))}) ORDER BY s.article_rowid, s.idx",
            (self.model or "", *rowids),
        ).fetchall()
        if not rows:
            return np.zeros(0, np.int64), np.zeros((0, 3), np.int64), np.zeros((0, 0), np.float32)
        arts = np.fromiter((r[0] for r in rows), np.int64, len(rows))
        spans = np.array([r[1:4] for r in rows], np.int64)
        vecs = np.frombuffer(b"".join(r[4] for r in rows), np.float32).reshape(len(rows), -1)
        return arts, spans, vecs

    def get(self, article_id: str, *, with_sentences: bool = True) -> StoredArticle:
        return self.store.get_article(article_id, with_sentences=with_sentences)

    def close(self) -> None:
        self.store.close()
