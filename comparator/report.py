"""The comparison report: typed dataclasses, their JSON form, and Markdown / standalone HTML renderers.

The JSON form (``Report.to_dict``) is the stable, documented interface (docs/report-schema.md) that
the API and the web view consume. Every finding carries ``Evidence``: an article id plus character
offsets into that article's ``text`` (or ``title`` when ``field == "title"``), end exclusive, Python
string indices (code points).

Bump ``SCHEMA_VERSION``'s minor number when fields are added, its major number when a field changes
meaning or goes away.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"

# Difference kinds, in the order of importance the report ranks them by (issue 4).
KIND_ORDER = ("only_one_side", "quote", "wording", "number", "emphasis", "sourcing")
KIND_LABELS = {
    "only_one_side": "Only one side reports this",
    "quote": "Quotes and speakers",
    "wording": "Wording and framing",
    "number": "Numbers",
    "emphasis": "Emphasis",
    "sourcing": "Sourcing",
}


def _plain(obj: Any) -> Any:
    """dataclasses.asdict without copying through deepcopy (faster) and with tuples as lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return round(obj, 4)
    return obj


# ------------------------------------------------------------------ evidence and per-article parts


@dataclass
class Evidence:
    """A span of one article that supports a finding."""

    article: str  # article id
    start: int
    end: int
    text: str
    sentence: int | None = None  # index into that article's ``sentences``; None for the title
    field: str = "text"  # "text" (offsets into Article.text) or "title" (offsets into Article.title)
    note: str | None = None  # what this span is on its side, e.g. "says 35分", "uses 竹島"


@dataclass
class SentenceRef:
    article: str
    sentence: int
    label: str  # "shared" | "partial": how strongly that sentence carries this one


@dataclass
class SentenceReport:
    idx: int
    start: int
    end: int
    text: str
    label: str  # "shared" | "partial" | "unique" (best over all other articles)
    links: list[SentenceRef] = field(default_factory=list)  # counterpart sentences in other articles
    carried_by: list[str] = field(default_factory=list)  # ids of the other articles carrying it


@dataclass
class QuoteReport:
    """A quote as extracted (schema.Quote spans) plus its place in the comparison."""

    id: str  # "<article id>#q<n>", unique in the report
    sentence: int | None
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str | None = None
    speaker_key: str | None = None  # links one speaker across articles and languages
    matches: list[QuoteLink] = field(default_factory=list)


@dataclass
class QuoteLink:
    quote: str  # id of the matching quote in another article
    relation: str  # "verbatim" | "paraphrased" | "diverging" | "different_speaker"
    similarity: float


@dataclass
class TermFlag:
    """A contested term from the curated lexicon, as used by this article."""

    concept: str  # e.g. "dokdo_takeshima"
    variant: str  # whose usage this wording is: "ko" | "ja" | "neutral"
    term: str  # the lexicon entry that matched
    start: int
    end: int
    text: str
    sentence: int | None
    quoted: bool = False  # cited, not the outlet's wording: in quotation marks, attributed to a side or paired


@dataclass
class NumberFlag:
    kind: str  # anchors kind: number, duration, money, date, time, percent, count
    value: Any
    qualifier: str | None
    start: int
    end: int
    text: str
    sentence: int | None
    status: str  # "agrees" | "disagrees" | "mixed" | "alone" (no comparable figure elsewhere)
    group: str | None = None  # id of the NumberGroup this figure belongs to


@dataclass
class DistinctiveTerm:
    term: str  # surface form (lemma for ja/ko)
    z: float  # log-odds z-score against the event's other coverage in the same language
    count: int
    spans: list[tuple[int, int]] = field(default_factory=list)  # occurrences in the article text


@dataclass
class ArticleReport:
    id: str
    title: str
    outlet: str | None
    lang: str
    published_at: str | None
    url: str | None
    text: str
    side: str  # the group this article is compared as (its language by default)
    source_type: str  # "official" (a government readout) | "media"
    sentences: list[SentenceReport] = field(default_factory=list)
    quotes: list[QuoteReport] = field(default_factory=list)
    terms: list[TermFlag] = field(default_factory=list)
    numbers: list[NumberFlag] = field(default_factory=list)
    distinctive: list[DistinctiveTerm] = field(default_factory=list)
    lead: list[int] = field(default_factory=list)  # sentence indices of what the article leads with


# ------------------------------------------------------------------ cross-article parts


@dataclass
class Speaker:
    """One speaker linked across articles and languages."""

    key: str
    names: dict[str, str]  # article id -> the name as that article gives it
    roles: dict[str, str]  # article id -> role, where the article gives one
    quotes: list[str] = field(default_factory=list)  # quote ids
    articles: list[str] = field(default_factory=list)  # ids of the articles quoting this speaker


@dataclass
class NumberGroup:
    """Figures for one quantity across articles: found in aligned sentences, compared with anchors."""

    id: str
    kind: str
    status: str  # "agree" | "disagree"
    values: list[Evidence] = field(default_factory=list)  # one per figure, note = normalized value
    majority: str | None = None  # the value most sources give, when they disagree


@dataclass
class Difference:
    """One ranked finding. ``evidence`` holds spans on every side that has one; ``absent_from`` lists
    the articles that lack it (the other side of an omission)."""

    rank: int  # 1 = most important
    kind: str  # one of KIND_ORDER
    subkind: str
    summary: str  # one English sentence for people
    score: float  # importance within its kind, 0..1
    evidence: list[Evidence] = field(default_factory=list)
    carried_by: list[str] = field(default_factory=list)  # article ids on the side that has it
    absent_from: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    articles: list[ArticleReport]
    differences: list[Difference] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    numbers: list[NumberGroup] = field(default_factory=list)
    sides: dict[str, list[str]] = field(default_factory=dict)  # side -> article ids
    model: str | None = None
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        d = _plain(self)
        d["kinds"] = [{"kind": k, "label": KIND_LABELS[k]} for k in KIND_ORDER]
        return d

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        return to_markdown(self)

    def to_html(self, *, title: str | None = None, back: str | None = None) -> str:
        return to_html(self, title=title, back=back)

    def article(self, article_id: str) -> ArticleReport:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def by_kind(self, kind: str) -> list[Difference]:
        return [d for d in self.differences if d.kind == kind]


# ------------------------------------------------------------------ Markdown


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _md(text: str, n: int = 160) -> str:
    """Article text inside Markdown: no line breaks, and characters Markdown would act on escaped."""
    return re.sub(r"([\\`*_{}\[\]<>|#])", r"\\\1", _clip(text, n))


HEADLINE_CHARS = 220
_QUOTED = re.compile(r"“([^”]*)”")


def _headline(summary: str, n: int = HEADLINE_CHARS) -> str:
    """A finding's summary, shortened only in the sentence it quotes (to 20 characters at least):
    the rest is the finding's own wording (who does not report it, whom each report quotes) and
    stays whole."""
    summary = " ".join(summary.split())
    m = _QUOTED.search(summary)
    excess = len(summary) - n
    if excess > 0 and m is not None and len(m[1]) > 20:
        inner = m[1][: max(20, len(m[1]) - excess - 1)].rstrip() + "…"
        summary = summary[: m.start(1)] + inner + summary[m.end(1) :]
    return _md(summary, len(summary))


def to_markdown(report: Report) -> str:
    """A readable report: the articles, then the differences by kind with their evidence."""
    names = {a.id: f"{a.outlet or a.id} ({a.lang})" for a in report.articles}
    lines = [f"# Comparison of {len(report.articles)} reports", ""]
    lines += ["| id | outlet | lang | type | title |", "|---|---|---|---|---|"]
    for a in report.articles:
        lines.append(f"| {_md(a.id)} | {_md(a.outlet or '')} | {a.lang} | {a.source_type} | {_md(a.title)} |")
    for kind in KIND_ORDER:
        diffs = report.by_kind(kind)
        if not diffs:
            continue
        lines += ["", f"## {KIND_LABELS[kind]}", ""]
        for d in diffs:
            lines.append(f"{d.rank}. **{_headline(d.summary)}**")
            for ev in d.evidence:
                where = "headline" if ev.field == "title" else f"s{ev.sentence}, {ev.start}-{ev.end}"
                note = f" ({_md(ev.note)})" if ev.note else ""
                lines.append(f"   - {_md(names.get(ev.article, ev.article))} [{where}]{note}: {_md(ev.text)}")
    if report.speakers:
        lines += ["", "## Speakers", ""]
        for sp in report.speakers:
            named = ", ".join(f"{_md(n)} ({_md(names.get(a, a))})" for a, n in sp.names.items())
            lines.append(f"- `{sp.key}`: {named}")
    lines.append("")
    return "\n".join(lines)


# ------------------------------------------------------------------ standalone HTML

_CSS = """
body{font:15px/1.55 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,16rem),1fr));gap:1rem;padding:1rem}
article{min-width:0;overflow-wrap:anywhere}
header,section{padding:0 1rem} article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8rem}
h1{font-size:1.3rem} h2{font-size:1.05rem} .meta{color:#555;font-size:.85rem}
.sent{border-radius:3px;padding:0 1px} .unique{background:#fff1c2} .partial{background:#eef5ff}
.shared{background:transparent} .term{outline:2px solid #c2410c;border-radius:2px}
.number{text-decoration:underline dotted #1d4ed8 2px} .quote{color:#5b21b6}
.disagrees{background:#fecaca} ol li{margin:.4rem 0} .ev{color:#444;font-size:.85rem}
.kind{font-weight:600;font-size:.8rem;text-transform:uppercase;color:#555}
"""


def to_html(report: Report, *, title: str | None = None, back: str | None = None) -> str:
    """One self-contained page; every piece of article text goes through html.escape. ``title``
    (e.g. the event's headline) heads the page; ``back`` is a relative link to the page listing it."""
    e = html.escape
    cols = "".join(_html_article(a, k) for k, a in enumerate(report.articles))
    names = {a.id: f"{a.outlet or a.id} ({a.lang})" for a in report.articles}
    items = []
    for d in report.differences:
        evs = "".join(
            f'<li class="ev"><a href="#{_anchor(report, ev)}">{e(names.get(ev.article, ev.article))}</a>'
            f"{f' ({e(ev.note)})' if ev.note else ''}: {e(_clip(ev.text))}</li>"
            for ev in d.evidence
        )
        items.append(
            f'<li><span class="kind">{e(KIND_LABELS.get(d.kind, d.kind))} · {e(d.subkind)}</span> '
            f"<p>{e(d.summary)}</p><ul>{evs}</ul></li>"
        )
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<title>{e(title or 'comparator report')}</title><style>{_CSS}</style></head><body><header>"
        + (f'<p class="meta"><a href="{e(back)}">← back</a></p>' if back else "")
        + f"<h1>Comparison of {len(report.articles)} reports</h1>"
        + (f"<p>{e(title)}</p>" if title else "")
        + f'<p class="meta">schema {e(report.schema_version)} · model {e(report.model or "given vectors")}</p>'
        f"</header><section><h2>Differences, most important first</h2><ol>{''.join(items)}</ol></section>"
        f'<main style="--n:{len(report.articles)}">{cols}</main></body></html>\n'
    )


def _anchor(report: Report, ev: Evidence) -> str:
    k = next((n for n, a in enumerate(report.articles) if a.id == ev.article), 0)
    return f"a{k}" if ev.sentence is None else f"a{k}-s{ev.sentence}"


def _html_article(a: ArticleReport, k: int) -> str:
    e = html.escape
    marks = (
        [(t.start, t.end, "term", f"{t.concept}: {t.variant} wording") for t in a.terms]
        + [(n.start, n.end, f"number {n.status}", f"{n.kind}: {n.status}") for n in a.numbers]
        + [(q.start, q.end, "quote", f"{q.kind} quote: {q.speaker or 'speaker unknown'}") for q in a.quotes]
    )
    body = []
    for s in a.sentences:
        inner = _marked(a.text, s.start, s.end, marks)
        carried = ", ".join(s.carried_by) or "no other report"
        body.append(
            f'<span class="sent {e(s.label)}" id="a{k}-s{s.idx}" title="carried by: {e(carried)}">{inner}</span> '
        )
    meta = f"{e(a.outlet or '')} · {e(a.lang)} · {e(a.source_type)} · {e(a.published_at or '')}"
    return f'<article id="a{k}" lang="{e(a.lang)}"><p class="meta">{meta}</p><h2>{e(a.title or a.id)}</h2><p>{"".join(body)}</p></article>'


def _marked(text: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> str:
    """text[start:end] with overlapping marks as nested-free spans: one span per run of equal marks."""
    inside = [m for m in marks if m[1] > start and m[0] < end]
    cuts = sorted({start, end} | {max(start, m[0]) for m in inside} | {min(end, m[1]) for m in inside})
    out = []
    for x, y in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[x:y])
        active = [m for m in inside if m[0] <= x and m[1] >= y]
        if active:
            cls = " ".join(m[2] for m in active)
            tip = "; ".join(m[3] for m in active)
            out.append(f'<span class="{html.escape(cls)}" title="{html.escape(tip)}">{piece}</span>')
        else:
            out.append(piece)
    return "".join(out)
