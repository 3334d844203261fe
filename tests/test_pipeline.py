"""Ingest orchestration on a fake embedder: error policy, duplicates, copies, cache, crash safety.

The same pipeline on the real default model is exercised in tests/test_pipeline_real.py.
"""

import json

import pytest

from comparator.collection import Collection
from comparator.config import Settings
from comparator.errors import InputError
from comparator.pipeline import ingest_paths
from tests.fakes import HashEmbedder

KO = (
    "한국 대통령실은 9일 한일 정상이 25분간 전화 통화를 했다고 밝혔다. 양 정상은 조속한 대면 회담에 합의했다."
)
JA = "日韓首脳は9日、約25分間電話で会談した。両首脳は早期の対面会談で一致した。"
EN = "The leaders of South Korea and Japan spoke by phone for 25 minutes on Monday. They agreed to meet soon."
WIRE = (
    "Seoul and Tokyo agreed on Tuesday to resume working-level talks on export controls, officials said. "
    "The talks will open in Tokyo next month and cover semiconductor materials. "
    "Trade ministers from both countries are expected to attend the first session. "
    "Business groups in both capitals welcomed the decision as overdue."
)


def _write_jsonl(path, records):
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    )
    return path


def _settings(tmp_path):
    return Settings(index_dir=tmp_path / "idx", model="fake-hash")


def _ingest(tmp_path, paths, emb=None, **kw):
    settings = _settings(tmp_path)
    coll = Collection(settings.index_dir, exact_max=1000)
    emb = emb or HashEmbedder()
    try:
        return ingest_paths(paths, collection=coll, embedder=emb, settings=settings, **kw), coll
    finally:
        coll.save()


def test_good_and_bad_lines(tmp_path):
    src = _write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "ko1", "outlet": "한빛일보", "title": "한일 정상 통화", "text": KO},
            "{not json",
            {"id": "empty", "text": "   "},
            {"id": "ja1", "outlet": "東都新聞", "title": "日韓首脳が電話会談", "text": JA},
            {"id": "en1", "outlet": "Asia Wire Service", "text": EN},
        ],
    )
    report, coll = _ingest(tmp_path, [src])
    assert sorted(report.added) == ["en1", "ja1", "ko1"]
    assert dict(report.by_lang) == {"ko": 1, "ja": 1, "en": 1}
    sources = [s for s, _ in report.skipped]
    assert any(s.endswith("in.jsonl:2") for s in sources), report.skipped
    assert any(s.endswith("in.jsonl:3") for s in sources), report.skipped
    assert coll.store.count("articles") == 3
    assert coll.article_index.ntotal == 3


def test_on_error_raise_stops_and_keeps_what_was_stored(tmp_path):
    good = _write_jsonl(tmp_path / "a.jsonl", [{"id": "en1", "text": EN}])
    _ingest(tmp_path, [good])
    bad = _write_jsonl(tmp_path / "b.jsonl", ["{broken"])
    with pytest.raises(InputError, match="b.jsonl"):
        _ingest(tmp_path, [bad], on_error="raise")
    coll = Collection(tmp_path / "idx", exact_max=1000, create=False)
    assert coll.store.count("articles") == 1


def test_rerun_adds_nothing_and_embeds_nothing(tmp_path):
    src = _write_jsonl(tmp_path / "in.jsonl", [{"id": "ko1", "text": KO}, {"id": "ja1", "text": JA}])
    first, _ = _ingest(tmp_path, [src])
    emb = HashEmbedder()
    second, coll = _ingest(tmp_path, [src], emb=emb)
    assert len(first.added) == 2
    assert second.added == [] and len(second.already_stored) == 2
    assert emb.texts_seen == 0
    assert coll.store.count("articles") == 2


def test_same_text_under_another_id_is_not_stored_twice(tmp_path):
    src = _write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": EN}, {"id": "b", "text": "  " + EN + " "}])
    report, _ = _ingest(tmp_path, [src])
    assert report.added == ["a"]
    assert report.already_stored[0][1] == "a"


def test_unchanged_sentences_come_from_the_cache(tmp_path):
    _ingest(tmp_path, [_write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": EN}])])
    emb = HashEmbedder()
    report, _ = _ingest(
        tmp_path,
        [_write_jsonl(tmp_path / "b.jsonl", [{"id": "b", "text": EN + " A new closing line."}])],
        emb=emb,
    )
    assert report.added == ["b"]
    assert report.embedded_texts == 1 and emb.texts_seen == 1


def test_second_precision_is_recorded_and_warned_about(tmp_path, caplog):
    _ingest(tmp_path, [_write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": EN}])])
    other = HashEmbedder()
    other.name = "fake-hash:fp32"
    with caplog.at_level("WARNING", logger="comparator.pipeline"):
        _, coll = _ingest(
            tmp_path, [_write_jsonl(tmp_path / "b.jsonl", [{"id": "b", "text": KO}])], emb=other
        )
    assert coll.store.stats()["embedders"] == ["fake-hash", "fake-hash:fp32"]
    assert "holds vectors from fake-hash" in caplog.text


def test_same_embedder_again_is_not_warned_about(tmp_path, caplog):
    _ingest(tmp_path, [_write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": EN}])])
    with caplog.at_level("WARNING", logger="comparator.pipeline"):
        _, coll = _ingest(tmp_path, [_write_jsonl(tmp_path / "b.jsonl", [{"id": "b", "text": KO}])])
    assert coll.store.stats()["embedders"] == ["fake-hash"]
    assert "holds vectors from" not in caplog.text


def test_wire_copy_is_recorded_as_copy_of_first(tmp_path):
    copy = "By Asia Wire Service staff. " + WIRE.replace("welcomed", "praised")
    src = _write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "wire", "outlet": "Asia Wire Service", "text": WIRE},
            {"id": "repub", "outlet": "Pacific Times", "text": copy},
        ],
    )
    report, coll = _ingest(tmp_path, [src])
    assert report.copies == [("repub", "wire")]
    assert coll.get("repub").article.copy_of == "wire"
    assert coll.get("wire").article.copy_of is None


class _CrashingEmbedder(HashEmbedder):
    def __init__(self, crash_on_call: int) -> None:
        super().__init__()
        self.crash_on_call = crash_on_call

    def encode(self, texts, *, show_progress=False):
        if self.calls + 1 == self.crash_on_call:
            raise KeyboardInterrupt
        return super().encode(texts)


def test_interrupted_ingest_is_consistent_and_rerun_finishes(tmp_path, monkeypatch):
    monkeypatch.setattr("comparator.pipeline.BATCH_ARTICLES", 2)
    records = [
        {"id": f"en{i}", "text": f"Story number {i} about trade talks. It has {i} details."} for i in range(7)
    ]
    src = _write_jsonl(tmp_path / "in.jsonl", records)
    with pytest.raises(KeyboardInterrupt):
        _ingest(tmp_path, [src], emb=_CrashingEmbedder(crash_on_call=3))
    coll = Collection(tmp_path / "idx", exact_max=1000, create=False)
    assert coll.store.count("articles") == 4  # two whole batches, nothing of the third
    assert coll.article_index.ntotal == 4
    coll.close()
    report, coll = _ingest(tmp_path, [src])
    assert len(report.added) == 3 and len(report.already_stored) == 4
    assert coll.store.count("articles") == 7 and coll.article_index.ntotal == 7
    assert coll.sentence_index.ntotal == coll.store.count("sentences")
