import sqlite3

import numpy as np
import pytest

from comparator.collection import Collection, PreparedArticle
from comparator.errors import NotFoundError, StoreError
from comparator.schema import Article, Sentence
from comparator.store import Store, text_hash
from tests.fakes import HashEmbedder

EMB = HashEmbedder(dim=32)


def _prepared(aid: str, text: str, lang: str = "en") -> PreparedArticle:
    sents = [Sentence(i, 0, 0, s) for i, s in enumerate(text.split(". "))]
    pos = 0
    for s in sents:
        s.start = text.index(s.text, pos)
        s.end = s.start + len(s.text)
        pos = s.end
    vecs = EMB.encode([s.text for s in sents])
    art = Article(id=aid, text=text, title=aid.upper(), lang=lang, outlet="Test Wire", sentences=sents)
    return PreparedArticle(
        article=art,
        content_hash=text_hash(text),
        signature=None,
        vector=vecs.mean(0) / np.linalg.norm(vecs.mean(0)),
        sentence_vectors=vecs,
        new_vectors={text_hash(s.text): v for s, v in zip(sents, vecs, strict=True)},
    )


@pytest.fixture
def coll(tmp_path):
    c = Collection(tmp_path / "idx", exact_max=1000)
    c.bind_model("fake", 32)
    yield c
    c.close()


def test_add_and_read_back(coll):
    coll.add([_prepared("a1", "The call lasted 25 minutes. Both sides agreed to meet")])
    got = coll.get("a1").article
    assert got.title == "A1"
    assert [s.text for s in got.sentences] == ["The call lasted 25 minutes", "Both sides agreed to meet"]
    assert all(got.text[s.start : s.end] == s.text for s in got.sentences)
    assert coll.article_index.ntotal == 1 and coll.sentence_index.ntotal == 2


def test_missing_article_is_not_found(coll):
    with pytest.raises(NotFoundError, match="nope"):
        coll.get("nope")


def test_reopen_after_restart(tmp_path, coll):
    coll.add([_prepared("a1", "One. Two"), _prepared("a2", "Three. Four")])
    coll.close()
    again = Collection(tmp_path / "idx", exact_max=1000, create=False)
    assert again.article_index.ntotal == 2
    assert again.store.stats()["by_lang"] == {"en": 2}


def test_stale_faiss_is_rebuilt_from_store(tmp_path, coll):
    """A crash after the SQLite commit but before the FAISS save loses nothing."""
    coll.add([_prepared("a1", "One. Two")])
    coll.add([_prepared("a2", "Three. Four")], save=False)  # simulated crash: FAISS not saved
    coll.close()
    again = Collection(tmp_path / "idx", exact_max=1000, create=False)
    assert again.article_index.ntotal == 2
    assert again.sentence_index.ntotal == 4
    _, ids = again.article_index.search(again.store.article_vectors()[1][1], 1)
    assert again.store.get_articles_by_rowid([int(ids[0, 0])])[int(ids[0, 0])].article.id == "a2"


def test_failed_batch_leaves_nothing_half_written(coll):
    coll.add([_prepared("a1", "One. Two")])
    bad = _prepared("a1", "Duplicate id. Must fail")  # UNIQUE(id) violation inside the batch
    with pytest.raises(sqlite3.IntegrityError):
        coll.add([_prepared("a3", "Five. Six"), bad])
    assert coll.store.count("articles") == 1
    assert coll.store.count("sentences") == 2
    assert coll.article_index.ntotal == 1


def test_model_mismatch_is_refused(coll):
    with pytest.raises(StoreError, match="built with model 'fake'"):
        coll.bind_model("other-model", 32)


def test_format_version_mismatch_is_detected(tmp_path):
    s = Store(tmp_path / "store.sqlite")
    s.set_meta("format_version", "99")
    s.close()
    with pytest.raises(StoreError, match="format version 99"):
        Store(tmp_path / "store.sqlite")


def test_foreign_sqlite_file_is_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "store.sqlite")
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="not a comparator store"):
        Store(tmp_path / "store.sqlite")


def test_garbage_file_is_refused(tmp_path):
    (tmp_path / "store.sqlite").write_bytes(b"garbage" * 100)
    with pytest.raises(StoreError, match="store.sqlite"):
        Store(tmp_path / "store.sqlite")


def test_missing_index_dir_names_the_fix(tmp_path):
    with pytest.raises(StoreError, match="comparator ingest"):
        Collection(tmp_path / "none", exact_max=10, create=False)


def test_embedding_cache_round_trip(coll):
    v = np.arange(32, dtype=np.float32)
    with coll.store.transaction():
        coll.store.put_vectors("fake", [("h1", v)])
    got = coll.store.cached_vectors("fake", ["h1", "h2"])
    assert list(got) == ["h1"]
    np.testing.assert_array_equal(got["h1"], v)
