"""The shipped sample corpus (comparator/data/sample) is well-formed and agrees with its gold labels.

Every later stage uses this corpus as a fixture, so a typo here (a snippet that no longer occurs, an
article left out of gold) would make their tests fail for the wrong reason.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "comparator" / "data" / "sample"
REQUIRED = ("id", "url", "outlet", "title", "published_at", "lang", "text")
LANGS = {"ko", "ja", "en"}


def _load_articles() -> list[dict]:
    with open(SAMPLE / "articles.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


ARTICLES = _load_articles()
BY_ID = {a["id"]: a for a in ARTICLES}
GOLD = json.loads((SAMPLE / "gold.json").read_text(encoding="utf-8"))
EVENTS = {e["id"]: e for e in GOLD["events"]}
EVENT_OF = {aid: e["id"] for e in GOLD["events"] for aid in e["articles"]}
CHECKS = GOLD["checks"]
ARTICLE_IDS = [a["id"] for a in ARTICLES]


def _published(a: dict) -> datetime:
    return datetime.fromisoformat(a["published_at"])


# --- format ---------------------------------------------------------------------------------------


def test_every_line_is_a_json_object():
    lines = (SAMPLE / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines, "articles.jsonl is empty"
    for n, line in enumerate(lines, 1):
        obj = json.loads(line)
        assert isinstance(obj, dict), f"line {n} is not an object"


@pytest.mark.parametrize("aid", ARTICLE_IDS)
def test_article_fields(aid):
    a = BY_ID[aid]
    for key in REQUIRED:
        assert isinstance(a.get(key), str) and a[key].strip(), f"{aid}: {key} missing or empty"
    assert a["lang"] in LANGS
    assert _published(a).tzinfo is not None, f"{aid}: published_at has no offset"
    host = urlparse(a["url"]).hostname or ""
    assert a["url"].startswith("https://") and host.endswith(".example"), f"{aid}: url must be invented"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", aid), f"{aid}: ids are short lowercase-with-dashes"


@pytest.mark.parametrize("aid", ARTICLE_IDS)
def test_text_is_body_only(aid):
    a = BY_ID[aid]
    paras = a["text"].split("\n")
    assert all(p and p == p.strip() for p in paras), f"{aid}: empty or padded paragraph"
    assert paras[0] != a["title"], f"{aid}: title repeated as first paragraph"


# Rough sentence ends per script; abbreviations ("a.m.", "U.S.") make the English count high,
# hence the loose bounds around the 6-20 sentences the articles were written to.
_SENTENCE_END = {"ja": r"。", "ko": r"[다요함음]\.(?=\s|$|\"|')", "en": r"[.?!][\"”)]?(?=\s|$)"}


@pytest.mark.parametrize("aid", ARTICLE_IDS)
def test_article_length(aid):
    a = BY_ID[aid]
    n = len(re.findall(_SENTENCE_END[a["lang"]], a["text"]))
    assert 5 <= n <= 25, f"{aid}: about {n} sentences"


_SCRIPT = {
    "ko": re.compile(r"[\uac00-\ud7a3]"),
    "ja": re.compile(r"[\u3040-\u30ff]"),
    "en": re.compile(r"[A-Za-z]"),
}


@pytest.mark.parametrize("aid", ARTICLE_IDS)
def test_text_is_in_its_declared_language(aid):
    a = BY_ID[aid]
    letters = [c for c in a["text"] if c.isalpha()]
    own = sum(1 for c in letters if _SCRIPT[a["lang"]].match(c))
    # Japanese prose is mostly kanji; kana alone still make a clear share of it.
    floor = 0.3 if a["lang"] == "ja" else 0.8
    assert own / len(letters) >= floor, f"{aid}: {own}/{len(letters)} letters in the {a['lang']} script"


def test_ids_unique():
    assert len(ARTICLE_IDS) == len(set(ARTICLE_IDS))


def test_size_and_languages():
    assert 45 <= len(ARTICLES) <= 60
    assert {a["lang"] for a in ARTICLES} == LANGS


# --- gold events ----------------------------------------------------------------------------------


def test_every_article_in_exactly_one_event():
    listed = [aid for e in GOLD["events"] for aid in e["articles"]]
    assert sorted(listed) == sorted(ARTICLE_IDS), "gold and articles.jsonl list different articles"
    assert len(listed) == len(set(listed)), "an article is in two events"


def test_event_ids_unique():
    ids = [e["id"] for e in GOLD["events"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("eid", [e["id"] for e in GOLD["events"] if len(e["articles"]) > 1])
def test_multi_article_event(eid):
    arts = [BY_ID[aid] for aid in EVENTS[eid]["articles"]]
    outlets = {a["outlet"] for a in arts}
    assert 2 <= len(outlets) <= 6, f"{eid}: {len(outlets)} outlets"
    assert len({a["lang"] for a in arts}) >= 2, f"{eid}: covered in one language only"
    times = sorted(_published(a) for a in arts)
    assert times[-1] - times[0] <= timedelta(days=2), f"{eid}: reports span more than two days"


def test_enough_multi_source_events_and_singles_in_each_language():
    multi = [e for e in GOLD["events"] if len(e["articles"]) > 1]
    assert len(multi) >= 8
    single_langs = {BY_ID[e["articles"][0]]["lang"] for e in GOLD["events"] if len(e["articles"]) == 1}
    assert single_langs == LANGS


def test_hard_negatives_are_real_and_symmetric():
    for e in GOLD["events"]:
        for other in e["hard_negative_of"]:
            assert other in EVENTS and other != e["id"], f"{e['id']}: unknown hard negative {other}"
            assert e["id"] in EVENTS[other]["hard_negative_of"], f"{e['id']} <-> {other} not symmetric"
    assert sum(1 for e in GOLD["events"] if e["hard_negative_of"]) >= 6


def test_notes_cover_every_event():
    assert set(GOLD["notes"]["events"]) == set(EVENTS)


# --- copies ---------------------------------------------------------------------------------------


def _shingles(text: str, n: int = 5) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def _similarity(a: str, b: str) -> float:
    """Jaccard overlap of character 5-grams: script-independent and cheap for all pairs."""
    x, y = _shingles(a), _shingles(b)
    return len(x & y) / len(x | y)


@pytest.mark.parametrize(("copy_id", "orig_id"), GOLD["copies"])
def test_copy_pairs(copy_id, orig_id):
    copy, orig = BY_ID[copy_id], BY_ID[orig_id]
    assert EVENT_OF[copy_id] == EVENT_OF[orig_id]
    assert copy["outlet"] != orig["outlet"]
    assert _published(copy) >= _published(orig), "the copy appears before its original"
    assert copy["text"] != orig["text"], "a near-copy, not an exact one"
    assert copy["text"].split("\n")[0] != orig["text"].split("\n")[0], "first line should differ"
    assert _similarity(copy["text"], orig["text"]) >= 0.7


def test_no_unlisted_copies():
    # The two 外務省 readouts of different calls share a template (about 0.36) and must not be
    # taken for copies; the real copies are above 0.7.
    listed = {frozenset(p) for p in GOLD["copies"]}
    for a, b in itertools.combinations(ARTICLES, 2):
        if frozenset((a["id"], b["id"])) in listed:
            continue
        sim = _similarity(a["text"], b["text"])
        assert sim < 0.5, f"{a['id']} and {b['id']} look like copies ({sim:.2f}) but gold does not say so"


# --- checks for the leaders' call -----------------------------------------------------------------


def _in_event(aid: str) -> str:
    assert aid in BY_ID, f"checks name unknown article {aid}"
    assert EVENT_OF[aid] == CHECKS["event"], f"{aid} is not in {CHECKS['event']}"
    return BY_ID[aid]["text"]


def test_checks_event_exists():
    assert CHECKS["event"] in EVENTS
    langs = {BY_ID[aid]["lang"] for aid in EVENTS[CHECKS["event"]]["articles"]}
    assert langs == LANGS


def test_wrong_number():
    wn = CHECKS["wrong_number"]
    wrong_text = _in_event(wn["article"])
    assert wn["value"] in wrong_text
    assert wn["correct"] not in wrong_text
    assert wn["article"] not in wn["agreeing"]
    for aid, snippet in wn["agreeing"].items():
        text = _in_event(aid)
        assert snippet in text and wn["correct"] in snippet, f"{aid}: {snippet!r}"
        assert wn["value"] not in text


@pytest.mark.parametrize("item", CHECKS["only_one_side"], ids=lambda o: o["side"])
def test_only_one_side(item):
    assert item["sentence_contains"] in _in_event(item["article"])
    carriers = {item["article"]} | {x["article"] for x in item["also_in"]}
    for x in item["also_in"]:
        assert x["sentence_contains"] in _in_event(x["article"])
    absent = set(item["absent_from"])
    assert absent and not absent & carriers
    assert carriers | absent == set(EVENTS[CHECKS["event"]]["articles"])
    for aid in absent:
        _in_event(aid)
        for snippet in [item["sentence_contains"]] + [x["sentence_contains"] for x in item["also_in"]]:
            assert snippet not in BY_ID[aid]["text"]


@pytest.mark.parametrize("item", CHECKS["contested_terms"], ids=lambda t: f"{t['article']}:{t['term']}")
def test_contested_terms(item):
    assert item["term"] in _in_event(item["article"])


def test_contested_terms_show_both_variants():
    by_concept: dict[str, set[str]] = {}
    for t in CHECKS["contested_terms"]:
        by_concept.setdefault(t["concept"], set()).add(t["variant"])
    for concept, variants in by_concept.items():
        assert {"ko", "ja"} <= variants, f"{concept}: only {variants}"


@pytest.mark.parametrize("q", CHECKS["quotes"], ids=lambda q: f"{q['article']}:{q['contains'][:12]}")
def test_quotes(q):
    text = _in_event(q["article"])
    assert q["contains"] in text
    assert q["kind"] in {"direct", "indirect"}
    # The speaker's full name (or body) is in the article, so attribution is resolvable.
    assert q["speaker"] in text, f"{q['article']}: speaker {q['speaker']!r} never named"
    if "mention" in q:
        assert q["mention"] in text


def test_quotes_cover_both_sides_and_every_language():
    langs = {BY_ID[q["article"]]["lang"] for q in CHECKS["quotes"]}
    assert langs == LANGS
    readouts = set(CHECKS["official_readouts"])
    assert {BY_ID[aid]["lang"] for aid in readouts} == {"ko", "ja"}


def test_same_utterance_spans():
    for u in CHECKS["same_utterance"]:
        assert len(u["spans"]) >= 2
        for aid, snippet in u["spans"].items():
            assert snippet in _in_event(aid)
        assert u["speaker_key"] in CHECKS["speakers"]


def test_speaker_names_occur():
    texts = "\n".join(BY_ID[aid]["text"] for aid in EVENTS[CHECKS["event"]]["articles"])
    for key, names in CHECKS["speakers"].items():
        for name in names:
            assert name in texts, f"{key}: {name!r} not in the event's articles"


# --- corpus-wide term usage and disagreements ------------------------------------------------------


@pytest.mark.parametrize(("aid", "concept", "term"), GOLD["term_usage"])
def test_term_usage(aid, concept, term):
    assert aid in BY_ID
    assert term in BY_ID[aid]["text"], f"{aid}: {term!r} ({concept}) not found"


# English outlets take a side on names; the Korea-side paper never writes Japan's names and vice versa.
_NEVER = {
    "Korea Herald Post": ("Sea of Japan",),
    "Tokyo Ledger": ("East Sea", "Dokdo"),
}


@pytest.mark.parametrize("aid", [a["id"] for a in ARTICLES if a["outlet"] in _NEVER])
def test_english_outlets_keep_their_side(aid):
    a = BY_ID[aid]
    for term in _NEVER[a["outlet"]]:
        assert term not in a["text"], f"{aid} uses {term!r}"


def test_source_disagreements():
    for d in GOLD["source_disagreements"]:
        assert d["event"] in EVENTS
        for aid, snippet in d["values"].items():
            assert EVENT_OF[aid] == d["event"] and snippet in BY_ID[aid]["text"]
