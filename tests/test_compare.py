"""The comparison engine on the fake HashEmbedder: findings, ranking, evidence offsets, cached vectors.

Three invented English reports of one invented call (Arland / Borovia). Same-language texts are
used because HashEmbedder vectors only relate texts that share character trigrams; the real model
and the ko/ja/en sample corpus are exercised in tests/test_compare_sample.py.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from comparator.collection import Collection
from comparator.compare import compare_articles, compare_stored, sides_of
from comparator.config import Settings
from comparator.errors import InputError, NotFoundError
from comparator.pipeline import ingest_paths, prepare_article
from comparator.report import KIND_ORDER, Report
from comparator.schema import RawDocument
from tests.fakes import HashEmbedder

A = (
    "President Ivo Dren and Prime Minister Tala Moss spoke by phone for 25 minutes on Monday. "
    "The two leaders agreed to resume ministerial talks next month in Kelton. "
    'Mara Quill, a spokesperson, said: "The call was frank and constructive and useful for both sides." '
    "Dren also asked for the return of fishing boats seized in the East Sea last year. "
    "Both sides will set up a hotline between their offices before the summer."
)
B = (
    "President Ivo Dren and Prime Minister Tala Moss spoke by telephone for 25 minutes on Monday. "
    "The two leaders agreed to resume ministerial talks next month in Kelton. "
    "Both sides will set up a hotline between their offices before the summer. "
    "Moss raised the dispute over crab quotas in the Sea of Japan, officials said."
)
C = (
    "President Ivo Dren and Prime Minister Tala Moss spoke by phone for 35 minutes on Monday. "
    "The leaders agreed to resume ministerial talks next month in Kelton. "
    'Oren Vale, the foreign minister, said: "The call was frank and constructive and useful for both sides." '
    "Moss raised the dispute over crab quotas in the Sea of Japan, officials said."
)
OUTLETS = {"a": "Arland Wire", "b": "Borovia Post", "c": "Kelton Daily"}


def _articles(texts=(("a", A), ("b", B), ("c", C))):
    return [
        prepare_article(RawDocument(text=t, lang="en", id=i, outlet=OUTLETS.get(i)), max_chars=10_000)
        for i, t in texts
    ]


@pytest.fixture(scope="module")
def report() -> Report:
    return compare_articles(_articles(), embedder=HashEmbedder(dim=256))


def _sentence(report, article_id, contains):
    a = report.article(article_id)
    return next(s for s in a.sentences if contains in s.text)


def test_a_fact_only_one_report_carries_is_found_with_its_evidence(report):
    boats = _sentence(report, "a", "fishing boats")
    assert boats.label == "unique" and boats.carried_by == []
    facts = [d for d in report.by_kind("only_one_side") if any("fishing boats" in e.text for e in d.evidence)]
    assert len(facts) == 1
    assert facts[0].carried_by == ["a"] and facts[0].absent_from == ["b", "c"]
    crab = [d for d in report.by_kind("only_one_side") if any("crab quotas" in e.text for e in d.evidence)]
    assert crab[0].carried_by == ["b", "c"] and crab[0].absent_from == ["a"]


def test_shared_sentences_link_both_ways(report):
    first = _sentence(report, "a", "spoke by phone")
    assert first.label == "shared"
    assert {(ln.article, ln.sentence) for ln in first.links} == {("b", 0), ("c", 0)}
    for a in report.articles:
        for s in a.sentences:
            for ln in s.links:
                back = report.article(ln.article).sentences[ln.sentence].links
                assert (a.id, s.idx) in {(x.article, x.sentence) for x in back}


def test_the_odd_number_out_is_named(report):
    (d,) = [d for d in report.by_kind("number") if d.subkind == "disagree"]
    assert d.carried_by == ["c"]
    assert d.details["majority"] == "25 min"
    odd = [e for e in d.evidence if e.note and "differs" in e.note]
    assert [(e.article, e.text) for e in odd] == [("c", "35 minutes")]
    flags = {n.text: n.status for n in report.article("c").numbers}
    assert flags["35 minutes"] == "disagrees"
    assert {n.text: n.status for n in report.article("a").numbers}["25 minutes"] == "agrees"


def test_contested_wording_is_flagged_per_outlet(report):
    (d,) = [d for d in report.by_kind("wording") if d.subkind == "contested_term"]
    assert d.details["concept"] == "east_sea"
    assert d.details["variants"] == {"ko": ["a"], "ja": ["b", "c"]}
    assert [(t.variant, t.text) for t in report.article("a").terms] == [("ko", "East Sea")]


def test_a_statement_given_to_two_speakers(report):
    quill = next(q for q in report.article("a").quotes if q.speaker == "Mara Quill")
    assert [(m.quote.split("#")[0], m.relation) for m in quill.matches] == [("c", "different_speaker")]
    diffs = [d for d in report.by_kind("quote") if d.subkind == "different_speaker"]
    assert len(diffs) == 1 and {e.article for e in diffs[0].evidence} == {"a", "c"}


def test_differences_are_ranked_by_kind_then_score(report):
    ranks = [d.rank for d in report.differences]
    assert ranks == list(range(1, len(ranks) + 1))
    kinds = [KIND_ORDER.index(d.kind) for d in report.differences]
    assert kinds == sorted(kinds)
    for kind in KIND_ORDER:
        scores = [d.score for d in report.by_kind(kind)]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)


def test_every_span_points_into_its_article(report):
    texts = {a.id: a.text for a in report.articles}
    titles = {a.id: a.title for a in report.articles}
    for d in report.differences:
        assert d.evidence, d.summary
        for e in d.evidence:
            source = titles if e.field == "title" else texts
            assert source[e.article][e.start : e.end] == e.text
    for a in report.articles:
        spans = [(s.start, s.end, s.text) for s in a.sentences] + [(q.start, q.end, q.text) for q in a.quotes]
        spans += [(t.start, t.end, t.text) for t in a.terms] + [(n.start, n.end, n.text) for n in a.numbers]
        for start, end, text in spans:
            assert a.text[start:end] == text


def test_report_is_json_with_a_schema_version(report):
    d = json.loads(json.dumps(report.to_dict()))
    assert d["schema_version"].startswith("1.")
    assert [k["kind"] for k in d["kinds"]] == list(KIND_ORDER)
    assert d["sides"] == {"a": ["a"], "b": ["b"], "c": ["c"]}


def test_given_vectors_skip_the_model_and_give_the_same_report():
    arts = _articles()
    emb = HashEmbedder(dim=256)
    vectors = [emb.encode([s.text for s in a.sentences]) for a in arts]
    counting = HashEmbedder(dim=256)
    with_vectors = compare_articles(arts, embedder=counting, vectors=vectors)
    assert counting.calls == 0
    assert with_vectors.to_dict() == compare_articles(arts, embedder=HashEmbedder(dim=256)).to_dict()


def test_only_missing_vectors_are_embedded():
    arts = _articles()
    emb = HashEmbedder(dim=256)
    vectors = [emb.encode([s.text for s in arts[0].sentences]), None, None]
    counting = HashEmbedder(dim=256)
    compare_articles(arts, embedder=counting, vectors=vectors)
    assert counting.calls == 1
    assert counting.texts_seen == len(arts[1].sentences) + len(arts[2].sentences)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda arts: (arts[:1], None), "at least two"),
        (lambda arts: ([arts[0], arts[0]], None), "given twice"),
        (lambda arts: (arts[:2], [np.zeros((2, 8)), np.zeros((4, 8))]), "vectors for"),
        (lambda arts: (arts[:2], [None, None]), "no embedder"),
    ],
)
def test_bad_input_is_refused_with_a_reason(make, message):
    arts, vectors = make(_articles())
    with pytest.raises(InputError, match=message):
        compare_articles(arts, vectors=vectors)


def test_sides_are_languages_unless_all_share_one():
    arts = _articles()
    assert sides_of(arts) == ["a", "b", "c"]
    arts[1].lang = "ko"
    assert sides_of(arts) == ["en", "ko", "en"]


def test_compare_stored_uses_the_cached_vectors(tmp_path):
    path = tmp_path / "call.jsonl"
    rows = [
        {"id": i, "text": t, "lang": "en", "outlet": OUTLETS[i]} for i, t in (("a", A), ("b", B), ("c", C))
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "idx", model="fake-hash")
    coll = Collection(settings.index_dir, exact_max=1000)
    try:
        ingest_paths([path], collection=coll, embedder=HashEmbedder(), settings=settings)
        counting = HashEmbedder()
        stored = compare_stored(coll, counting, ["a", "b", "c"])
        assert counting.calls == 0
        assert stored.by_kind("number")[0].carried_by == ["c"]
        with pytest.raises(NotFoundError, match="nope"):
            compare_stored(coll, counting, ["a", "nope"])
    finally:
        coll.close()


def test_compare_event_leaves_out_near_copies(tmp_path, monkeypatch):
    import comparator.eventjob
    from comparator.compare import compare_event
    from comparator.schema import Event

    copy_of_a = A.replace("on Monday.", "on Monday, the agency reported.")
    rows = [("a", A), ("b", B), ("a2", copy_of_a)]
    path = tmp_path / "event.jsonl"
    path.write_text(
        "\n".join(json.dumps({"id": i, "text": t, "lang": "en", "outlet": f"outlet {i}"}) for i, t in rows)
        + "\n",
        encoding="utf-8",
    )
    settings = Settings(index_dir=tmp_path / "idx", model="fake-hash")
    coll = Collection(settings.index_dir, exact_max=1000)
    event = Event("ev1", ["a", "b", "a2"], [], ["en"], None, None, {}, 1.0, 2)
    monkeypatch.setattr(comparator.eventjob, "get_event", lambda store, eid: event)
    try:
        ingest_paths([path], collection=coll, embedder=HashEmbedder(), settings=settings)
        assert coll.get("a2").article.copy_of == "a"
        report = compare_event(coll, "ev1")
        assert [a.id for a in report.articles] == ["a", "b"]
        event.article_ids = ["a", "a2"]
        with pytest.raises(InputError, match="independent"):
            compare_event(coll, "ev1")
    finally:
        coll.close()


@pytest.mark.parametrize(
    ("b_first", "linked"),
    [
        # One speaker, no topic on either side: the speaker is the evidence that it is one statement.
        ("President Song Tae-heon said the talks had been useful and frank.", True),
        # One speaker, topics in common (North Korea) but different main topics (abductions vs the
        # launch): two statements.
        ("President Song Tae-heon said the missile launch by North Korea was a grave provocation.", False),
    ],
)
def test_a_shared_speaker_links_nearest_sentences_unless_topics_differ(b_first, linked):
    from comparator.align import AlignParams

    a_text = "President Song Tae-heon said he backed efforts to resolve the issue of Japanese abducted by North Korea. The call ended."
    if linked:
        a_text = "President Song Tae-heon said the call had been useful. The call ended."
    arts = [
        prepare_article(RawDocument(text=t, lang="en", id=i), max_chars=1000)
        for i, t in (("a", a_text), ("b", b_first + " Aides left."))
    ]
    rng = np.random.default_rng(0)
    base, own = rng.normal(size=32), [rng.normal(size=32) for _ in range(2)]
    va = np.array([base * 3 + own[k] for k in range(2)])
    vb = np.array([base * 3 + own[k] + rng.normal(size=32) * 0.3 for k in range(2)])
    va, vb = (np.asarray(v / np.linalg.norm(v, axis=1, keepdims=True), dtype=np.float32) for v in (va, vb))
    report = compare_articles(arts, vectors=[va, vb], params=AlignParams(min_margin=10.0, solo_cos=1.1))
    assert (report.article("a").sentences[0].carried_by == ["b"]) is linked


def test_a_speaker_one_report_quotes_is_named_without_verb_agreement(report):
    # Mara Quill is quoted by Arland Wire only (Oren Vale says the same words in Kelton Daily).
    one_side = [d for d in report.differences if d.subkind == "speaker_one_side"]
    quill = [d for d in one_side if "Mara Quill" in d.summary]
    assert quill, [d.summary for d in one_side]
    assert (
        quill[0].summary
        == "Only Arland Wire (en) quotes Mara Quill; Borovia Post (en) and Kelton Daily (en) do not."
    )


def test_a_bare_noun_phrase_is_no_remark_of_its_source():
    # PolNeAR-style attribution gives 'announced' in a relative clause the head noun as content
    # ('a plan'): extraction keeps it, as the annotation does, but a report would show Kelton
    # saying "a plan" and name the reports that leave Kelton out.
    from comparator.quotes import extract_quotes

    plan = "Under a plan Kelton announced in 2023, the ferry will stop twice a week at the island. "
    arts = _articles((("a", plan + A), ("b", B)))
    assert any(q.speaker == "Kelton" and q.text == "a plan" for q in extract_quotes(arts[0]))
    report = compare_articles(arts, embedder=HashEmbedder(dim=256))
    assert report.article("a").quotes and not any(q.text == "a plan" for q in report.article("a").quotes)
    one_side = [d for d in report.differences if d.subkind == "speaker_one_side"]
    assert one_side and not any("Kelton" in d.summary for d in one_side), [d.summary for d in one_side]


def test_two_counts_each_matched_are_no_diverging_remark():
    # "two fisheries ships and three patrol ships" on both sides: 2 = 2 and 3 = 3, not 2 vs 3.
    x = A + " Dren said two fisheries ships and three patrol ships were sent to the area."
    y = B + " Dren said two fisheries ships and three patrol ships had been sent to the area."
    report = compare_articles(_articles((("a", x), ("b", y))), embedder=HashEmbedder(dim=256))
    dren = [d for d in report.by_kind("quote") if "Dren" in d.summary]
    assert dren and not any(d.subkind == "diverging" for d in dren), [d.summary for d in dren]
    y = B + " Dren said two fisheries ships and four patrol ships had been sent to the area."
    report = compare_articles(_articles((("a", x), ("b", y))), embedder=HashEmbedder(dim=256))
    assert any(d.subkind == "diverging" for d in report.by_kind("quote") if "Dren" in d.summary)


def test_a_linked_speaker_is_named_in_each_script():
    from comparator.quotediff import _names
    from comparator.schema import Quote

    def q(speaker):
        return Quote("a", 0, 1, "x", "direct", speaker=speaker)

    quotes = [q("다케나카 세이이치"), q("竹中誠一"), q("Seiichi Takenaka"), q("Takenaka"), q("다케나카")]
    assert _names(quotes) == "다케나카 세이이치 / 竹中誠一 / Seiichi Takenaka"
    assert _names([q("Mara Quill"), q(None)]) == "Mara Quill"


def test_words_given_to_two_people_one_report_quotes_apart_are_flagged():
    # No roles are given; 'b' quotes Dren and Moss as two speakers, so the same words put in Dren's
    # mouth by 'a' and in Moss's by 'c' are a statement attributed to different speakers.
    line = '"History must not be allowed to hold the future of our two nations hostage,"'
    a = A + f" {line} Dren said."
    b = B + ' "We will meet again soon," Dren said. "The talks were useful," Moss said.'
    c = C + f" {line} Moss said."
    report = compare_articles(_articles((("a", a), ("b", b), ("c", c))), embedder=HashEmbedder(dim=256))
    diffs = [d for d in report.by_kind("quote") if d.subkind == "different_speaker"]
    assert any("Dren" in d.summary and "Moss" in d.summary for d in diffs), [d.summary for d in diffs]
    # without a report quoting both, two unlinked names are no evidence of two people
    report = compare_articles(_articles((("a", a), ("c", c))), embedder=HashEmbedder(dim=256))
    diffs = [d for d in report.by_kind("quote") if d.subkind == "different_speaker"]
    assert not any("Dren" in d.summary and "Moss" in d.summary for d in diffs), [d.summary for d in diffs]


def test_a_country_quoted_as_a_whole_is_voiced_by_its_ministries():
    # 'a' quotes "Arland" (its government) as a whole, 'b' quotes Arland's trade ministry: no
    # report leaves Arland's government out. Two made-up countries are not in the tables, so the
    # real names stand in.
    a = A + " South Korea called the quota cut economic retaliation."
    b = B + ' "We will respond firmly to the quota cut," South Korea\'s trade ministry said.'
    report = compare_articles(_articles((("a", a), ("b", b))), embedder=HashEmbedder(dim=256))
    one_side = [d for d in report.differences if d.subkind == "speaker_one_side"]
    assert not any(d.details.get("speaker_key") == "body:kr-government" for d in one_side), [
        d.summary for d in one_side
    ]
    # a report that quotes nobody of that country still leaves it out
    report = compare_articles(_articles((("a", a), ("b", B))), embedder=HashEmbedder(dim=256))
    one_side = [d for d in report.differences if d.subkind == "speaker_one_side"]
    assert any(d.details.get("speaker_key") == "body:kr-government" for d in one_side), [
        d.summary for d in one_side
    ]
