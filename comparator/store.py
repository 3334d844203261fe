"""SQLite store: articles, sentences, the embedding cache and index metadata.

SQLite is the source of truth. The FAISS files (comparator.index) are derived from it and are
rebuilt from it when they disagree, so a crash between a commit and a FAISS save loses nothing.
Vectors live in ``embeddings`` keyed by (model, text hash): one copy per distinct text, which is
also the cache that lets a re-ingest of unchanged text skip the model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from comparator.errors import NotFoundError, StoreError
from comparator.schema import Article, Sentence

log = logging.getLogger(__name__)

FORMAT_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT,
    title TEXT NOT NULL DEFAULT '',
    published_at TEXT,
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    source TEXT,
    copy_of TEXT,
    content_hash TEXT NOT NULL,
    signature BLOB,
    vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published_at);
CREATE TABLE IF NOT EXISTS sentences (
    rowid INTEGER PRIMARY KEY,
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sentences_article ON sentences(article_rowid, idx);
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text_hash)
);
"""


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _vec_blob(v: np.ndarray) -> bytes:
    return np.ascontiguousarray(v, dtype=np.float32).tobytes()


def _blob_vec(b: bytes) -> np.ndarray:
    return np.frombuffer(b, dtype=np.float32)


@dataclass(frozen=True)
class StoredArticle:
    """An article row plus its rowid (the id its vector has in the FAISS article index)."""

    rowid: int
    article: Article


class Store:
    """One SQLite file. Single writer; readers may run beside it (WAL)."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise StoreError(
                f"no index at {self.path.parent}: run 'comparator ingest ... --index {self.path.parent}' first"
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._check_or_init()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a readable comparator store: {exc}") from exc

    def _check_or_init(self) -> None:
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" in tables:
            row = self.db.execute("SELECT value FROM meta WHERE key='format_version'").fetchone()
            version = int(row[0]) if row else None
            if version != FORMAT_VERSION:
                raise StoreError(
                    f"{self.path} has store format version {version}; this comparator reads version "
                    f"{FORMAT_VERSION}. Re-ingest into a new --index folder."
                )
            return
        if tables:
            raise StoreError(f"{self.path} is an SQLite file but not a comparator store")
        with self.transaction():
            for stmt in _SCHEMA.strip().split(";"):
                if stmt.strip():
                    self.db.execute(stmt)
            self.db.execute("INSERT INTO meta VALUES ('format_version', ?)", (str(FORMAT_VERSION),))

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- metadata -------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def check_model(self, model: str, dim: int) -> None:
        """Bind the store to one embedding model, or fail if it was built with another."""
        stored = self.get_meta("model")
        if stored is None:
            with self.transaction():
                self.set_meta("model", model)
                self.set_meta("dim", str(dim))
            return
        if stored != model or int(self.get_meta("dim") or 0) != dim:
            raise StoreError(
                f"the index at {self.path.parent} was built with model '{stored}' "
                f"({self.get_meta('dim')} dims); it cannot be searched or extended with '{model}' ({dim} dims)"
            )

    def note_embedder(self, name: str) -> list[str]:
        """Record that ``name`` (an embedder's full name: model, precision, prefix) writes vectors here.

        Returns the names recorded before this one. One model in two precisions is one vector space
        (int8 and fp32 agree to cosine ~0.999), so mixing them is allowed, but the embedding cache is
        keyed by model: texts embedded earlier keep the earlier precision's vectors, which the caller
        should tell the user.
        """
        known = json.loads(self.get_meta("embedders") or "[]")
        if name not in known:
            with self.transaction():
                self.set_meta("embedders", json.dumps([*known, name]))
        return [k for k in known if k != name]

    # --- embedding cache ------------------------------------------------------------------------
    def cached_vectors(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(hashes))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            q = f"SELECT text_hash, vector FROM embeddings WHERE model=? AND text_hash IN ({','.join('?' * len(chunk))})"
            for h, blob in self.db.execute(q, (model, *chunk)):
                out[h] = _blob_vec(blob)
        return out

    def put_vectors(self, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Within the caller's transaction."""
        self.db.executemany(
            "INSERT OR IGNORE INTO embeddings VALUES (?, ?, ?)", ((model, h, _vec_blob(v)) for h, v in items)
        )

    # --- articles -------------------------------------------------------------------------------
    def find_existing(self, article_id: str, url: str | None, content_hash: str) -> str | None:
        """Id of a stored article that is the same one: same id, same url, or same normalized text."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE id=? OR (url IS NOT NULL AND url=?) OR content_hash=? LIMIT 1",
            (article_id, url, content_hash),
        ).fetchone()
        return row[0] if row else None

    def insert_article(
        self, article: Article, *, content_hash: str, signature: bytes | None, vector: np.ndarray
    ) -> tuple[int, list[int]]:
        """Insert an article and its sentences (caller holds the transaction). Returns (rowid, sentence rowids)."""
        cur = self.db.execute(
            "INSERT INTO articles (id, url, outlet, title, published_at, lang, text, source, copy_of,"
            " content_hash, signature, vector) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id,
                article.url,
                article.outlet,
                article.title,
                article.published_at,
                article.lang,
                article.text,
                article.source,
                article.copy_of,
                content_hash,
                signature,
                _vec_blob(vector),
            ),
        )
        rowid = int(cur.lastrowid or 0)
        sent_rowids = []
        for s in article.sentences:
            c = self.db.execute(
                "INSERT INTO sentences (article_rowid, idx, start, end, text_hash) VALUES (?,?,?,?,?)",
                (rowid, s.idx, s.start, s.end, text_hash(s.text)),
            )
            sent_rowids.append(int(c.lastrowid or 0))
        return rowid, sent_rowids

    def _row_to_article(self, row: sqlite3.Row | tuple[Any, ...], with_sentences: bool) -> StoredArticle:
        rowid, aid, url, outlet, title, published, lang, text, source, copy_of = row
        art = Article(
            id=aid,
            text=text,
            title=title,
            url=url,
            outlet=outlet,
            published_at=published,
            lang=lang,
            source=source,
            copy_of=copy_of,
        )
        if with_sentences:
            art.sentences = [
                Sentence(idx=i, start=s, end=e, text=text[s:e])
                for i, s, e in self.db.execute(
                    "SELECT idx, start, end FROM sentences WHERE article_rowid=? ORDER BY idx", (rowid,)
                )
            ]
        return StoredArticle(rowid, art)

    _COLS = "rowid, id, url, outlet, title, published_at, lang, text, source, copy_of"

    def get_article(self, article_id: str, *, with_sentences: bool = True) -> StoredArticle:
        row = self.db.execute(f"SELECT {self._COLS} FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id '{article_id}' in {self.path.parent}")
        return self._row_to_article(row, with_sentences)

    def get_articles_by_rowid(
        self, rowids: Sequence[int], *, with_sentences: bool = False
    ) -> dict[int, StoredArticle]:
        out: dict[int, StoredArticle] = {}
        for i in range(0, len(rowids), 500):
            chunk = [int(r) for r in rowids[i : i + 500]]
            q = f"SELECT {self._COLS} FROM articles WHERE rowid IN ({','.join('?' * len(chunk))})"
            for row in self.db.execute(q, chunk):
                sa = self._row_to_article(row, with_sentences)
                out[sa.rowid] = sa
        return out

    def iter_articles(self, *, with_sentences: bool = False) -> Iterator[StoredArticle]:
        for row in self.db.execute(f"SELECT {self._COLS} FROM articles ORDER BY rowid").fetchall():
            yield self._row_to_article(row, with_sentences)

    def article_vectors(self, rowids: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(rowids, vectors) of articles, all when rowids is None."""
        if rowids is None:
            rows = self.db.execute("SELECT rowid, vector FROM articles ORDER BY rowid").fetchall()
        else:
            rows = []
            for i in range(0, len(rowids), 500):
                chunk = [int(r) for r in rowids[i : i + 500]]
                q = f"SELECT rowid, vector FROM articles WHERE rowid IN ({','.join('?' * len(chunk))})"
                rows.extend(self.db.execute(q, chunk).fetchall())
        return _stack(rows)

    def sentence_vectors(
        self, model: str, article_rowids: Sequence[int] | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sentence rowids, article rowids, vectors) in article then sentence order."""
        q = (
            "SELECT s.rowid, s.article_rowid, e.vector FROM sentences s JOIN embeddings e"
            " ON e.model=? AND e.text_hash=s.text_hash"
        )
        if article_rowids is None:
            rows = self.db.execute(q + " ORDER BY s.rowid", (model,)).fetchall()
        else:
            rows = []
            for i in range(0, len(article_rowids), 500):
                chunk = [int(r) for r in article_rowids[i : i + 500]]
                rows.extend(
                    self.db.execute(
                        q
                        + f" WHERE s.article_rowid IN ({','.join('?' * len(chunk))}) ORDER BY s.article_rowid, s.idx",
                        (model, *chunk),
                    ).fetchall()
                )
        if not rows:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 0), np.float32)
        sids = np.array([r[0] for r in rows], dtype=np.int64)
        aids = np.array([r[1] for r in rows], dtype=np.int64)
        vecs = np.stack([_blob_vec(r[2]) for r in rows])
        return sids, aids, vecs

    def article_langs(self) -> dict[int, str]:
        return dict(self.db.execute("SELECT rowid, lang FROM articles"))

    def article_langs_vectors(self, rowids: Sequence[int]) -> list[tuple[int, str, np.ndarray]]:
        """(rowid, lang, vector) of a few articles, in the order given (missing rowids left out):
        one small read, without the texts."""
        chunk = [int(r) for r in rowids[:500]]
        if not chunk:
            return []
        q = f"SELECT rowid, lang, vector FROM articles WHERE rowid IN ({','.join('?' * len(chunk))})"
        found = {int(r): (str(lang), _blob_vec(v)) for r, lang, v in self.db.execute(q, chunk)}
        return [(r, *found[r]) for r in chunk if r in found]

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self.db.execute(
            "SELECT id, signature FROM articles WHERE signature IS NOT NULL ORDER BY rowid"
        )

    def count(self, table: str) -> int:
        if table not in {"articles", "sentences", "embeddings"}:
            raise ValueError(table)
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def stats(self) -> dict[str, Any]:
        by_lang = dict(self.db.execute("SELECT lang, COUNT(*) FROM articles GROUP BY lang ORDER BY 2 DESC"))
        by_outlet = dict(
            self.db.execute(
                "SELECT COALESCE(outlet, '(unknown)'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        copies = int(self.db.execute("SELECT COUNT(*) FROM articles WHERE copy_of IS NOT NULL").fetchone()[0])
        return {
            "articles": self.count("articles"),
            "sentences": self.count("sentences"),
            "copies": copies,
            "by_lang": by_lang,
            "by_outlet": by_outlet,
            "model": self.get_meta("model"),
            "embedders": json.loads(self.get_meta("embedders") or "[]"),
        }


def _stack(rows: list[tuple[int, bytes]]) -> tuple[np.ndarray, np.ndarray]:
    if not rows:
        return np.zeros(0, np.int64), np.zeros((0, 0), np.float32)
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    return ids, np.stack([_blob_vec(r[1]) for r in rows])
