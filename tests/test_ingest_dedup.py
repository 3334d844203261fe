"""Duplicate detection: hashes, stable ids, URL normalization, MinHash + LSH near-copies in three languages."""

from __future__ import annotations

import collections
import json
import random
from pathlib import Path

import numpy as np
import pytest

from comparator.errors import ComparatorError
from comparator.ingest.dedup import (
    NearDuplicateIndex,
    article_id,
    content_hash,
    jaccard,
    lsh_bands,
    normalize_for_hash,
    normalize_url,
    shingle_array,
    shingles,
)

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"

WIRE_EN = (
    "Harbor City, June 24 (Coastline Wire) - Dockworkers at the Harbor City container terminal reached a "
    "tentative two-year wage agreement late Sunday, ending a five-day strike that had left 40 ships waiting offshore.\n"
    "The deal raises hourly pay by 4.5 percent in the first year and 3.8 percent in the second, according to a "
    "statement from the Harbor Workers Union.\n"
    "Terminal operator Bayline Logistics said cargo handling would resume on Monday morning and that the backlog "
    "should clear within ten days.\n"
    'Union members will vote on the agreement next week. "This is a fair deal that recognises the work our members '
    'do," union president Ana Ruiz told reporters.\n'
    "Retailers had warned that the strike was delaying deliveries of winter clothing and electronics."
)
COPY_EN = "By Coastline Wire staff | Harbor Times\n" + WIRE_EN.replace(
    "Harbor City, June 24 (Coastline Wire) - ", ""
).replace("tentative", "provisional").replace("late Sunday", "on Sunday night")
OTHER_EN = (
    "Dockworkers in Harbor City began voting on Thursday on the wage agreement that ended last week's strike at "
    "the container terminal.\n"
    "Some union members said the pay rise did not keep up with rents near the port, while others welcomed a return "
    "to regular shifts.\n"
    "Bayline Logistics said it had cleared about half of the backlog of ships, and that overtime would continue "
    "through the weekend.\n"
    "The result of the vote is expected on Saturday, union officials said."
)
WIRE_KO = (
    "(울산=동해통신) 김민수 기자 = 울산 앞바다 부유식 해상풍력 단지가 23일 착공식을 열고 본격적인 공사에 들어갔다.\n"
    "사업비 4조 원이 투입되는 이 단지는 설비용량 750메가와트 규모로, 완공되면 약 50만 가구가 쓸 수 있는 전력을 생산한다.\n"
    "울산시는 2030년 상업 가동을 목표로 하고 있으며, 지역 조선업체 세 곳이 하부 구조물 제작에 참여한다고 밝혔다.\n"
    '시 관계자는 "해상풍력 산업이 지역 조선업의 새로운 일감이 될 것"이라고 말했다.\n'
    "다만 어민 단체는 조업 구역 축소에 따른 보상 협의가 끝나지 않았다며 착공에 반대하는 입장을 냈다.\n"
    "어민회는 오는 주말 어선 200여 척을 동원한 해상 시위를 예고했다."
)
COPY_KO = "[남도일보 이지은 기자]\n" + WIRE_KO.replace("(울산=동해통신) 김민수 기자 = ", "").replace(
    "본격적인", "본격"
).replace("예고했다", "예고한 상태다")
OTHER_KO = (
    "울산 지역 어민 200여 명이 해상풍력 단지 착공에 반대하며 주말 어선 시위에 나섰다.\n"
    "어민들은 조업 구역의 3분의 1이 사라지는데도 보상 협의는 한 차례뿐이었다고 주장했다.\n"
    "울산시는 어민 대표와 다음 주 다시 만나 보상안을 논의하겠다고 밝혔다.\n"
    "해상풍력 사업자는 공사 일정에는 변함이 없다는 입장이다."
)
WIRE_JA = (
    "【金沢＝北陸通信】北陸地方は２日、強い冬型の気圧配置の影響で大雪となり、ＪＲ西日本は北陸新幹線の金沢―敦賀間で"
    "終日運転を見合わせた。\n"
    "気象台によると、福井市では午前９時までの２４時間に４５センチの降雪を観測し、今季最多となった。\n"
    "ＪＲ西日本の担当者は「安全確認ができ次第、運転を再開したい」と話している。\n"
    "北陸自動車道でも大型トラックが坂道を上れなくなり、上り線で約１５キロにわたって車が立ち往生した。\n"
    "県は除雪車を増やして主要道路の確保を急ぐとともに、不要不急の外出を控えるよう呼びかけている。"
)
COPY_JA = "北陸日報　社会部\n" + WIRE_JA.replace("【金沢＝北陸通信】", "").replace(
    "今季最多", "今シーズン最多"
).replace("急ぐとともに", "急ぎ")
OTHER_JA = (
    "北陸新幹線は３日朝、金沢―敦賀間で運転を再開したが、ダイヤの乱れは昼過ぎまで続いた。\n"
    "福井市内では除雪が追いつかず、生活道路の多くで車がすれ違えない状態となっている。\n"
    "市教育委員会は、市内の全小中学校を３日に臨時休校とした。\n"
    "気象台は、４日にかけて再び雪が強まるおそれがあるとして警戒を呼びかけている。"
)

# (wire story, re-published copy with another header line and a few changed words, other story same topic)
STORIES = {
    "en": (WIRE_EN, COPY_EN, OTHER_EN),
    "ko": (WIRE_KO, COPY_KO, OTHER_KO),
    "ja": (WIRE_JA, COPY_JA, OTHER_JA),
}
LANGS = sorted(STORIES)


NORMALIZE = [
    ("  Hello\tWORLD \n", "hello world"),
    ("ＪＲ西日本　２４時間", "jr西日本 24時間"),  # NFKC: full-width letters, digits and space
    ("ﾃｽﾄ", "テスト"),  # half-width kana
    ("Straße", "strasse"),  # casefold, not lower
    ("울산\u00a0 해상풍력", "울산 해상풍력"),
]


@pytest.mark.parametrize(("text", "norm"), NORMALIZE)
def test_normalize_for_hash(text: str, norm: str) -> None:
    assert normalize_for_hash(text) == norm


def test_exact_duplicates_share_a_hash() -> None:
    assert content_hash(WIRE_EN) == content_hash("  " + WIRE_EN.upper().replace(" ", "  ") + "\n")
    assert content_hash(WIRE_JA) == content_hash(WIRE_JA.replace("２４", "24"))
    assert content_hash(WIRE_EN) != content_hash(COPY_EN)
    assert len(content_hash("x")) == 64


URLS = [
    ("HTTPS://Example.COM/News/A1/", "https://example.com/News/A1"),
    ("https://example.com:443/a?utm_source=x&utm_medium=y&id=3#comments", "https://example.com/a?id=3"),
    ("http://example.com:8080/a?b=2&a=1&fbclid=zz", "http://example.com:8080/a?a=1&b=2"),
    ("https://news.example.kr/view?idx=42&gclid=1", "https://news.example.kr/view?idx=42"),
    ("https://example.jp/", "https://example.jp"),
]


@pytest.mark.parametrize(("url", "norm"), URLS)
def test_normalize_url(url: str, norm: str) -> None:
    assert normalize_url(url) == norm


def test_article_id_is_stable_and_url_based() -> None:
    a = article_id("https://courier.example/ferry/?utm_campaign=x#top", "any text")
    b = article_id("HTTPS://courier.example/ferry", "other text")
    assert a == b
    assert a.startswith("a_") and len(a) == 2 + 16 and int(a[2:], 16) >= 0
    assert article_id("https://courier.example/ferry-2", "any text") != a


def test_article_id_from_content_without_url() -> None:
    assert article_id(None, WIRE_KO) == article_id("", WIRE_KO + "  ") == article_id("  ", WIRE_KO)
    assert article_id(None, WIRE_KO) != article_id(None, COPY_KO)
    assert article_id(None, WIRE_KO) == "a_" + content_hash(WIRE_KO)[:16]


def test_shingles_work_without_a_tokenizer() -> None:
    assert len(shingles("東京都")) == 1  # shorter than k: one shingle
    assert shingles("") == set()
    assert shingles("울산 해상풍력") == shingles("울산해상풍력")  # spacing is not a change
    assert shingles("北陸新幹線の運転") == shingles("北陸新幹線の運転")  # deterministic
    assert len(shingles("abcdefg", k=5)) == 3
    assert all(0 <= v < 2**64 for v in shingles(WIRE_JA))
    with pytest.raises(ComparatorError):
        shingles("abc", k=0)


@pytest.mark.parametrize("lang", LANGS)
def test_near_copy_found_and_other_story_not(lang: str) -> None:
    wire, copy, other = STORIES[lang]
    assert jaccard(shingle_array(wire), shingle_array(copy)) >= 0.8
    assert jaccard(shingle_array(wire), shingle_array(other)) < 0.2
    index = NearDuplicateIndex(threshold=0.8)
    index.add("wire", wire)
    assert index.find(wire) == "wire"
    assert index.find(copy) == "wire"
    assert index.find(other) is None


def test_first_added_copy_wins_and_index_is_incremental() -> None:
    index = NearDuplicateIndex()
    assert index.find(WIRE_EN) is None
    index.add("first", WIRE_EN)
    index.add("ko", WIRE_KO)
    assert len(index) == 2 and "first" in index
    assert index.find(COPY_EN) == "first"
    index.add("second", COPY_EN)
    assert index.find(WIRE_EN) == "first"  # both match; the first added is answered
    assert index.find(COPY_EN) == "first"
    assert index.find(COPY_KO) == "ko"
    index.add("first", OTHER_EN)  # re-adding an id is a no-op
    assert len(index) == 3 and index.find(OTHER_EN) is None


def test_empty_text_matches_nothing() -> None:
    index = NearDuplicateIndex()
    index.add("empty", "")
    index.add("blank", "   \n")
    assert index.find("") is None and index.find(" ") is None


@pytest.mark.parametrize("lang", LANGS)
def test_signature_round_trip(lang: str) -> None:
    wire, copy, other = STORIES[lang]
    built = NearDuplicateIndex()
    sig = built.signature(wire)
    assert sig.dtype == np.uint32 and sig.shape == (64,)
    blob = sig.tobytes()  # what a store persists
    reopened = NearDuplicateIndex()
    reopened.add_signature("wire", np.frombuffer(blob, dtype=np.uint32))
    assert np.array_equal(reopened.signature(wire), sig)  # same seed: same hash functions
    assert reopened.find(wire) == "wire"
    assert reopened.find(copy) == "wire"  # verified on the MinHash estimate
    assert reopened.find(other) is None


def test_signature_depends_on_seed_and_checks_shape() -> None:
    assert not np.array_equal(
        NearDuplicateIndex(seed=1).signature(WIRE_EN), NearDuplicateIndex(seed=2).signature(WIRE_EN)
    )
    index = NearDuplicateIndex()
    with pytest.raises(ComparatorError, match="shape"):
        index.add_signature("x", np.zeros(32, dtype=np.uint32))
    index.add_signature("y", np.arange(64, dtype=np.int64))  # other integer dtypes are converted
    assert "y" in index


def test_minhash_estimate_tracks_exact_jaccard() -> None:
    index = NearDuplicateIndex(num_perm=256)
    for a, b in [(WIRE_EN, COPY_EN), (WIRE_EN, OTHER_EN), (WIRE_KO, COPY_KO), (WIRE_JA, OTHER_JA)]:
        exact = jaccard(shingle_array(a), shingle_array(b))
        estimate = float(np.mean(index.signature(a) == index.signature(b)))
        assert abs(estimate - exact) < 0.1, (exact, estimate)


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.5, 64), (0.8, 64), (0.9, 64), (0.8, 128)])
def test_lsh_bands_keep_recall_at_threshold(threshold: float, num_perm: int) -> None:
    bands, rows = lsh_bands(threshold, num_perm)
    assert bands * rows <= num_perm
    assert 1 - (1 - threshold**rows) ** bands >= 0.99
    # one more row per band would drop below the recall floor: the choice is the tightest that holds
    if rows < num_perm:
        b2 = num_perm // (rows + 1)
        assert 1 - (1 - threshold ** (rows + 1)) ** b2 < 0.99


def test_bad_parameters() -> None:
    with pytest.raises(ComparatorError):
        NearDuplicateIndex(threshold=0)
    with pytest.raises(ComparatorError):
        NearDuplicateIndex(num_perm=0)


def _wmt_news_docs() -> dict[str, str]:
    folder = SHARED / "wmt22_general_ja_en"
    docs: dict[str, list[str]] = collections.defaultdict(list)
    for name in ("generaltest2022.ja-en.jsonl", "generaltest2022.en-ja.jsonl"):
        with (folder / name).open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["domain"] == "news":
                    for lang in ("ja", "en"):
                        docs[f"{name}/{rec['doc_id']}/{lang}"].append(rec[lang])
    return {k: "\n".join(v) for k, v in docs.items()}


def _republish(text: str, rng: random.Random, lang: str) -> str:
    """Another site's copy: a header line of its own and two changed words (two changed kanji pairs in ja)."""
    if lang == "ja":
        chars = list(text)
        for i in rng.sample(range(len(chars) - 2), 2):
            chars[i : i + 2] = ["変", "更"]
        return "北陸日報　社会部\n" + "".join(chars)
    words = text.split(" ")
    for i in rng.sample(range(len(words)), 2):
        words[i] = "changed"
    return "By staff writers | Harbor Times\n" + " ".join(words)


@pytest.mark.shared_data
def test_real_news_documents_no_false_matches_and_copies_found() -> None:
    """WMT22 news documents (ja and en, about 1,200 characters): distinct documents never match each
    other, and a re-published copy of each is found as a copy of its original."""
    if not (SHARED / "wmt22_general_ja_en").is_dir():
        pytest.skip("../shared/data/wmt22_general_ja_en absent")
    docs = _wmt_news_docs()
    index = NearDuplicateIndex()
    false_matches = []
    for key, text in docs.items():
        hit = index.find(text)
        if hit is not None:
            false_matches.append((key, hit))
        index.add(key, text)
    assert false_matches == []
    rng = random.Random(0)
    missed = [k for k, t in docs.items() if index.find(_republish(t, rng, k.rsplit("/", 1)[1])) != k]
    assert len(docs) > 100 and missed == []
