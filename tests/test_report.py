"""The report's JSON schema is documented field by field; Markdown and HTML render it safely."""

from __future__ import annotations

import dataclasses
import html.parser
import json
import re
from pathlib import Path

import pytest

from comparator import report as rp
from comparator.compare import compare_articles
from comparator.pipeline import prepare_article
from comparator.schema import RawDocument
from tests.fakes import HashEmbedder

DOC = Path(__file__).resolve().parents[1] / "docs" / "report-schema.md"
HOSTILE = (
    'The envoy said <script>alert("x")</script> & left for 25 minutes. '
    "He then met the minister in the East Sea port of <b>Ulma</b>."
)
PLAIN = (
    "The envoy said hello & left for 35 minutes. "
    "He then met the minister in the Sea of Japan port of Ulma. "
    'A spokesperson said: "<img src=x onerror=alert(1)> was not discussed."'
)


@pytest.fixture(scope="module")
def report() -> rp.Report:
    arts = [
        prepare_article(RawDocument(text=t, lang="en", id=i, outlet=o, title=title), max_chars=5000)
        for t, i, o, title in (
            (HOSTILE, "h<1>", "Wire <i>One</i>", 'Envoy "visits" <Ulma>'),
            (PLAIN, "p&2", "Post & Co", "Envoy visit"),
        )
    ]
    return compare_articles(arts, embedder=HashEmbedder(dim=256))


REPORT_CLASSES = [
    rp.Report,
    rp.ArticleReport,
    rp.SentenceReport,
    rp.SentenceRef,
    rp.QuoteReport,
    rp.QuoteLink,
    rp.TermFlag,
    rp.NumberFlag,
    rp.DistinctiveTerm,
    rp.Speaker,
    rp.NumberGroup,
    rp.Difference,
    rp.Evidence,
]


@pytest.mark.parametrize("cls", REPORT_CLASSES, ids=lambda c: c.__name__)
def test_every_field_is_documented(cls):
    documented = set(re.findall(r"`([a-z_]+)`", DOC.read_text(encoding="utf-8")))
    missing = [f.name for f in dataclasses.fields(cls) if f.name not in documented]
    assert not missing, f"{cls.__name__} fields missing from docs/report-schema.md: {missing}"


def test_schema_version_is_documented():
    assert f"version {rp.SCHEMA_VERSION}" in DOC.read_text(encoding="utf-8")


def test_json_round_trips(report):
    d = json.loads(report.to_json())
    assert d == json.loads(json.dumps(report.to_dict()))
    assert d["schema_version"] == rp.SCHEMA_VERSION
    assert {a["id"] for a in d["articles"]} == {"h<1>", "p&2"}
    for a in d["articles"]:
        for s in a["sentences"]:
            assert a["text"][s["start"] : s["end"]] == s["text"]


def test_markdown_lists_every_difference(report):
    md = report.to_markdown()
    assert md.startswith("# Comparison of 2 reports")
    for d in report.differences:
        assert f"{d.rank}. **" in md
    assert "<script>" not in md  # Markdown renderers pass raw HTML through: escaped here


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html_escapes_all_article_text(report):
    page = report.to_html()
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags and "b" not in parser.tags
    assert "i" not in parser.tags
    text = "".join(parser.text)
    assert '<script>alert("x")</script>' in text  # shown as text, not run
    assert "<img src=x onerror=alert(1)>" in text
    assert "Wire <i>One</i>" in text


def test_html_marks_sentences_terms_and_numbers(report):
    page = report.to_html()
    assert 'class="sent ' in page
    assert 'class="term' in page
    assert 'class="number ' in page
    assert page.count("<article") == 2


def test_marked_splits_overlapping_marks():
    out = rp._marked("abcdef", 0, 6, [(1, 4, "x", "X"), (3, 5, "y", "Y")])
    assert (
        out
        == 'a<span class="x" title="X">bc</span><span class="x y" title="X; Y">d</span><span class="y" title="Y">e</span>f'
    )


def test_html_title_and_back_link_are_escaped(report):
    page = report.to_html(title='Talks <script>alert("t")</script>', back='../r.html"><script>')
    assert "<script>alert" not in page and '"><script>' not in page
    assert "&lt;script&gt;alert" in page and 'href="../r.html&quot;&gt;&lt;script&gt;"' in page
    assert "← back" not in report.to_html()  # no link unless asked for


def test_markdown_headline_shortens_the_quoted_sentence_not_the_point(report):
    # QA pass 4: a long quoted sentence pushed "…; Seoul Standard (en) do not." out of the headline.
    quoted = (
        "현장은 일본의 배타적 경제수역 안쪽의 좋은 어장 주변으로, 수산청은 이 배가 조업 허가를 받았는지 확인하고 있다. "
        * 3
    )
    summary = f"Only 北陸日報 (ja) and Pacific Wire (en) report “{quoted.strip()}”; 한결신문 (ko) and Seoul Standard (en) do not."
    d = dataclasses.replace(report.differences[0], summary=summary)
    md = dataclasses.replace(report, differences=[d]).to_markdown()
    (line,) = [x for x in md.splitlines() if x.startswith(f"{d.rank}. **")]
    assert line.endswith("; 한결신문 (ko) and Seoul Standard (en) do not.**")
    assert "…”" in line and len(line) < 230
    short = dataclasses.replace(d, summary="Only 北陸日報 (ja) reports “짧은 문장.”; 한결신문 (ko) does not.")
    md = dataclasses.replace(report, differences=[short]).to_markdown()
    assert f"{d.rank}. **Only 北陸日報 (ja) reports “짧은 문장.”; 한결신문 (ko) does not.**" in md


def test_html_evidence_names_the_outlet_and_sets_the_note_apart(report):
    # QA pass 4: the HTML listed "boat-ko-hangyeol 윤재혁: 동해어업관리단 …" where the Markdown said
    # "한결신문 (ko) [s6] (윤재혁): …"; a reader knows outlets, not article ids.
    d = next(d for d in report.differences if any(ev.note for ev in d.evidence))
    ev = next(ev for ev in d.evidence if ev.note)
    page = dataclasses.replace(report, differences=[d]).to_html()
    art = next(a for a in report.articles if a.id == ev.article)
    name = html.escape(f"{art.outlet} ({art.lang})")
    assert f">{name}</a> ({html.escape(ev.note)}): " in page


def test_markdown_headline_without_a_quote_is_not_cut(report):
    cited = "; ".join(f"Outlet {k} (en) quotes Minister Number {k}, Spokesperson {k}" for k in range(12))
    d = dataclasses.replace(report.differences[0], summary=cited + ".")
    md = dataclasses.replace(report, differences=[d]).to_markdown()
    assert f"{d.rank}. **{cited}.**" in md


@pytest.mark.parametrize(
    ("n_events", "n_articles", "said"),
    [
        (1, 6, "1 event from 6 articles"),
        (2, 1, "2 events from 1 article"),
        (3, 9, "3 events from 9 articles"),
    ],
)
def test_events_page_counts_take_the_right_number(n_events, n_articles, said):
    # QA pass 5, M6: the static events page said "1 events from 6 articles".
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("comparator", "web/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    page = env.get_template("events_report.html").render(
        events=[],
        n_events=n_events,
        n_articles=n_articles,
        n_multi=0,
        generated="now",
        index="x",
        web_url=None,
    )
    assert said in re.sub(r"\s+", " ", page)
