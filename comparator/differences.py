"""Findings of a comparison, ranked: the Report built from a comparator.compare.Context.

Kinds in order of importance (issue 4): facts only one side reports, quote differences
(comparator.quotediff), wording, numbers, emphasis, sourcing. Within a kind, findings are ordered by
a score in 0..1 whose recipe is given next to each builder. Every finding carries evidence spans
(article id + offsets) on each side that has one.
"""

from __future__ import annotations

import dataclasses
import re
from calendar import month_name
from collections import defaultdict
from typing import TYPE_CHECKING

from comparator import emphasis, quotediff
from comparator.figures import Figure, FigureGroup, describe, group_figures
from comparator.framing import MIN_Z, distinctive_terms, tokenize
from comparator.report import (
    KIND_ORDER,
    ArticleReport,
    Difference,
    DistinctiveTerm,
    NumberFlag,
    NumberGroup,
    QuoteReport,
    Report,
    SentenceRef,
    SentenceReport,
    TermFlag,
)

if TYPE_CHECKING:
    from comparator.compare import Context

LEAD_SENTENCES = emphasis.LEAD_SENTENCES
LEANING_Z = 1.0  # distinctive words are listed per article from here; only MIN_Z and above are findings
LANG_NAMES = {"ko": "Korean", "ja": "Japanese", "en": "English"}


def build_report(ctx: Context, *, model: str | None) -> Report:
    arts = [_article_report(ctx, i) for i in range(len(ctx.articles))]
    qpairs = quotediff.quote_pairs(ctx)
    quotediff.fill_matches(ctx, arts, qpairs)
    groups = group_figures(ctx.figures, ctx.link_pairs)
    numbers = _number_groups(ctx, arts, groups)
    diffs = (
        _fact_findings(ctx)
        + quotediff.quote_findings(ctx, arts, qpairs)
        + _wording_findings(ctx, arts)
        + _number_findings(ctx, groups, numbers)
        + emphasis.emphasis_findings(ctx)
        + emphasis.sourcing_findings(ctx, arts)
    )
    diffs.sort(key=lambda d: (KIND_ORDER.index(d.kind), -d.score))
    for r, d in enumerate(diffs, 1):
        d.rank = r
    sides: dict[str, list[str]] = defaultdict(list)
    for a, side in zip(ctx.articles, ctx.sides, strict=True):
        sides[side].append(a.id)
    return Report(arts, diffs, quotediff.speakers(arts), numbers, dict(sides), model)


# ------------------------------------------------------------------ per article


def _article_report(ctx: Context, i: int) -> ArticleReport:
    a = ctx.articles[i]
    ids = [x.id for x in ctx.articles]
    sentences = []
    for s in a.sentences:
        links = [
            SentenceRef(ids[j], t, ctx.labels[i][s.idx].get(j, "partial"))
            for j, ts in sorted(ctx.partners[i][s.idx].items())
            for t in sorted(ts)
        ]
        carried = [ids[j] for j in ctx.carriers(i, s.idx)]
        sentences.append(SentenceReport(s.idx, s.start, s.end, s.text, ctx.label(i, s.idx), links, carried))
    terms = [
        TermFlag(m.concept, m.variant, m.term, m.start, m.end, m.text, ctx.sentence_of(i, m.start), m.quoted)
        for m in ctx.terms[i]
    ]
    return ArticleReport(
        id=a.id,
        title=a.title,
        outlet=a.outlet,
        lang=a.lang,
        published_at=a.published_at,
        url=a.url,
        text=a.text,
        side=ctx.sides[i],
        source_type="official" if ctx.lexicon.is_official(a.outlet) else "media",
        sentences=sentences,
        quotes=[_quote_report(ctx, i, n) for n in range(len(ctx.quotes[i]))],
        terms=terms,
        lead=[s.idx for s in a.sentences[:LEAD_SENTENCES]],
    )


def _quote_report(ctx: Context, i: int, n: int) -> QuoteReport:
    q = ctx.quotes[i][n]
    fields = {f.name: getattr(q, f.name) for f in dataclasses.fields(q) if f.name != "article_id"}
    fields["speaker_key"] = ctx.key(q)
    return QuoteReport(id=f"{ctx.articles[i].id}#q{n}", sentence=ctx.quote_sentence[i][n], **fields)


# ------------------------------------------------------------------ 1. facts only one side reports


def _fact_findings(ctx: Context) -> list[Difference]:
    """One finding per unit of content that some articles carry and others lack.

    A unit is a sentence with its counterparts; the articles carrying it are those of the unit and of
    the counterparts' own counterparts (two hops, so a fact linked A-B and B-C counts C as a carrier).
    Units are seeded in an order that does not depend on the order the articles are given (see
    ``_units``), so the same reports in any order give the same findings.
    Score: 0.5 when a whole side (language) lacks it + 0.3 x the share of other articles carrying it
    + 0.2 / (1 + its earliest sentence index) (what a report says first matters more).
    """
    n, out = len(ctx.articles), []
    for unit in _units(ctx):
        absent = [j for j in range(n) if j not in unit.carriers]
        if absent:
            # A carrier with no sentence among the members (reached through a second hop, or through
            # an earlier unit) has its own sentences added, so every outlet the summary names is backed.
            seen = {j for j, _ in unit.members}
            extra = sorted({(j, t) for j, t in unit.backing if j not in seen})
            out.append(_fact(ctx, unit.members, sorted(unit.carriers), absent, extra))
    return out


@dataclasses.dataclass
class _Unit:
    members: list[tuple[int, int]]  # the seed first, then its counterparts
    reach: set[tuple[int, int]]  # members and their counterparts
    core: set[tuple[int, int]]  # the seed, its "shared" counterparts and theirs
    carriers: set[int]
    backing: set[tuple[int, int]]  # sentences that make an article a carrier
    new: bool = True  # False: an earlier unit's fact, lacked by no other report


def _units(ctx: Context) -> list[_Unit]:
    """The units of content, each a seed sentence with its counterparts (and theirs).

    Seeded first-come in the order the articles were given, a unit's carriers and the sentences left
    to seed later units depended on that order (the same four reports gave five to eight different
    lists over their 24 orders, QA pass 5). Seeds now come in a canonical order: the sentence with
    counterparts in the most reports first (the fact the coverage agrees on, whose counterparts are
    the likeliest to be one fact), then the most counterparts, then article id and sentence index. A
    sentence within an earlier unit's reach seeds none of its own. A unit with a member in an
    earlier unit's core (its seed, the seed's "shared" counterparts and theirs) is that fact too,
    seen from another report ("I conveyed … 'Takeshima is an inherent part of Japan's territory'"
    beside 外務省's protest sentence, shared with both): it inherits that unit's carriers, and says
    nothing new when no more reports lack it. Only "shared" links tie a unit to an earlier one: on
    the sample's leaders' call, a rescue ("partial") link from Asia Wire's "close neighbours" quote
    to 東都新聞's "warm and friendly atmosphere" would otherwise count 外務省 and 한빛일보 as carrying
    the atmosphere.
    """
    ids = [a.id for a in ctx.articles]
    links = {
        (i, s.idx): {(j, t) for j, ts in ctx.partners[i][s.idx].items() for t in ts}
        for i, a in enumerate(ctx.articles)
        for s in a.sentences
    }
    strong: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    for i, ss, j, ts, label in ctx.link_pairs:
        if label == "shared":
            for s, t in ((s, t) for s in ss for t in ts):
                strong[(i, s)].add((j, t))
                strong[(j, t)].add((i, s))
    order = sorted(links, key=lambda v: (-len({j for j, _ in links[v]}), -len(links[v]), ids[v[0]], v[1]))
    units: list[_Unit] = []
    used: set[tuple[int, int]] = set()
    for v in order:
        if v in used:
            continue
        members = [v, *sorted(links[v], key=lambda u: (ids[u[0]], u[1]))]
        reach = set(members) | {u for m in members for u in links[m]}
        first = {v} | strong[v]
        core = first | {u for m in first for u in strong[m]}
        unit = _Unit(members, reach, core, {j for j, _ in reach}, set(reach))
        used |= reach
        before = [u for u in units if u.core & set(members)]
        for u in before:
            unit.carriers |= u.carriers
            unit.backing |= u.backing
        unit.new = not any(unit.carriers <= u.carriers for u in before)
        units.append(unit)
    return [u for u in units if u.new]


def _fact(
    ctx: Context,
    members: list[tuple[int, int]],
    carriers: list[int],
    absent: list[int],
    second_hop: list[tuple[int, int]],
) -> Difference:
    n = len(ctx.articles)
    absent_sides = {ctx.sides[j] for j in absent} - {ctx.sides[j] for j in carriers}
    first = min(t for _, t in members)
    score = 0.5 * bool(absent_sides) + 0.3 * (len(carriers) - 1) / max(1, n - 1) + 0.2 / (1 + first)
    langs = sorted({ctx.articles[j].lang for j in carriers})
    verb = "does not" if len(absent) == 1 else "do not"
    seed = ctx.articles[members[0][0]].sentences[members[0][1]].text
    what = f"“{seed if len(seed) <= 80 else seed[:79] + '…'}”"
    if len(langs) == 1 and len(carriers) > 1 and ctx.sides[carriers[0]] == langs[0]:
        lang = LANG_NAMES.get(langs[0], langs[0])
        summary = (
            f"Only {lang}-language outlets ({ctx.who(carriers)}) report {what}; {ctx.who(absent)} {verb}."
        )
    else:
        says = "reports" if len(carriers) == 1 else "report"
        summary = f"Only {ctx.who(carriers)} {says} {what}; {ctx.who(absent)} {verb}."
    details = {
        "sides": sorted({ctx.sides[j] for j in carriers}),
        "langs": langs,
        "outlets": sorted({ctx.articles[j].outlet or ctx.articles[j].id for j in carriers}),
    }
    evidence = [ctx.sent_ev(j, t) for j, t in members + second_hop]
    return ctx.diff("only_one_side", "fact", summary, score, evidence, carriers, absent, details)


# ------------------------------------------------------------------ 3. wording


def _wording_findings(ctx: Context, arts: list[ArticleReport]) -> list[Difference]:
    """Contested terms named with different variants: 1.0 when Seoul's and Tokyo's wordings meet,
    0.7 when one of them meets neutral wording. A term in quotation marks that is not the wording of
    the article's own language (a Korean outlet citing '다케시마의 날', an English one 'Takeshima') is
    flagged on the article but does not count as the outlet's wording; 「竹島の日」 in a Japanese
    report still does."""
    by_concept: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    first: dict[tuple[str, int], int] = {}
    for i, terms in enumerate(ctx.terms):
        for n, m in enumerate(terms):
            if m.quoted and m.variant != ctx.articles[i].lang:
                continue
            if i not in by_concept[m.concept][m.variant]:
                by_concept[m.concept][m.variant].append(i)
            first.setdefault((m.concept, i), n)
    out = []
    for concept, variants in by_concept.items():
        if len(variants) < 2:
            continue
        users = sorted({i for idx in variants.values() for i in idx})
        evidence = []
        for i in users:
            m = ctx.terms[i][first[(concept, i)]]
            evidence.append(ctx.ev(i, m.start, m.end, f"uses {m.text} ({m.variant} wording)"))
        parts = "; ".join(f"{ctx.who(idx)}: {variant} wording" for variant, idx in variants.items())
        summary = f"{ctx.lexicon.label(concept)}: the reports word it differently ({parts})."
        score = 1.0 if {"ko", "ja"} <= set(variants) else 0.7
        named = {v: [ctx.articles[i].id for i in idx] for v, idx in variants.items()}
        out.append(
            ctx.diff(
                "wording",
                "contested_term",
                summary,
                score,
                evidence,
                users,
                [],
                {"concept": concept, "variants": named},
            )
        )
    return out + _distinctive_findings(ctx, arts)


def _distinctive_findings(ctx: Context, arts: list[ArticleReport]) -> list[Difference]:
    """Per article, words distinctive against the other coverage in its language (log-odds z >= MIN_Z);
    score z / 4. Words from LEANING_Z up are listed on the article without a finding."""
    langs = [a.lang for a in ctx.articles]
    # Only articles with same-language coverage to compare against are tokenized (Kiwi is slow).
    tokens = [tokenize(a.text, a.lang) if langs.count(a.lang) > 1 else [] for a in ctx.articles]
    found = distinctive_terms(tokens, langs, min_z=LEANING_Z)
    out = []
    for i, terms in enumerate(found):
        arts[i].distinctive = [DistinctiveTerm(d.term, d.z, d.count, d.spans) for d in terms[:10]]
        strong = [d for d in terms if d.z >= MIN_Z]
        if not strong:
            continue
        lang = LANG_NAMES.get(ctx.articles[i].lang, ctx.articles[i].lang)
        words = ", ".join(d.term for d in strong[:5])
        summary = f"{ctx.who([i])} uses words the other {lang} coverage does not: {words}."
        evidence = [ctx.ev(i, s, e, d.term) for d in strong[:5] for s, e in d.spans[:1]]
        details = {
            "side": ctx.sides[i],
            "lang": ctx.articles[i].lang,
            "terms": [{"term": d.term, "z": round(d.z, 3)} for d in strong],
        }
        out.append(
            ctx.diff("wording", "distinctive_terms", summary, strong[0].z / 4, evidence, [i], [], details)
        )
    return out


# ------------------------------------------------------------------ 4. numbers


def _number_groups(ctx: Context, arts: list[ArticleReport], groups: list[FigureGroup]) -> list[NumberGroup]:
    out: list[NumberGroup] = []
    where: dict[tuple[int, int, int], tuple[str, FigureGroup]] = {}
    for g_idx, g in enumerate(groups):
        gid = f"n{g_idx + 1}"
        values = []
        for f in g.figures:
            where[f.key] = (gid, g)
            values.append(ctx.ev(f.article, f.anchor.start, f.anchor.end, describe(f.anchor)))
        majority = (
            describe(g.clusters[g.majority][0].anchor) if g.disagree and g.majority is not None else None
        )
        out.append(
            NumberGroup(
                gid, g.figures[0].anchor.kind, "disagree" if g.disagree else "agree", values, majority
            )
        )
    for i, figs in enumerate(ctx.figures):
        for f in figs:
            gid, g = where.get(f.key, (None, None))
            a = f.anchor
            status = "alone" if g is None else _status(g, f)
            arts[i].numbers.append(
                NumberFlag(a.kind, a.value, a.qualifier, a.start, a.end, a.text, f.sentence, status, gid)
            )
    return out


def _status(g: FigureGroup, f: Figure) -> str:
    if not g.disagree:
        return "agrees"
    if g.majority is None:
        return "mixed"
    return "agrees" if f in g.clusters[g.majority] else "disagrees"


def _readable(note: str) -> str:
    """A normalized value as a sentence shows it: ISO '--03-09' / '---09' (a date without its year,
    or a day alone) become 'March 9' / 'day 9'; anything else as it is."""
    if m := re.fullmatch(r"--(\d\d)-(\d\d)", note):
        return f"{month_name[int(m[1])]} {int(m[2])}" if 1 <= int(m[1]) <= 12 else note
    if m := re.fullmatch(r"---(\d\d)", note):
        return f"day {int(m[1])}"
    return note


def _number_findings(ctx: Context, groups: list[FigureGroup], numbers: list[NumberGroup]) -> list[Difference]:
    """Disagreements: 1.0 when a majority value exists and the odd reports are named, 0.8 otherwise.
    Agreements: 0.3 x the share of articles agreeing."""
    out = []
    for g, ng in zip(groups, numbers, strict=True):
        arts_in = sorted({f.article for f in g.figures})
        values = {ctx.articles[f.article].id: describe(f.anchor) for f in g.figures}
        details = {"group": ng.id, "kind": ng.kind, "values": values, "majority": ng.majority}
        if not g.disagree:
            best = max(ng.values, key=lambda ev: len(ev.note or ""))  # "3月9日" says more than "9일"
            summary = f"{ctx.who(arts_in)} agree: {best.text} ({_readable(best.note or '')})."
            score = 0.3 * len(arts_in) / len(ctx.articles)
            out.append(ctx.diff("number", "agree", summary, score, ng.values, arts_in, [], details))
            continue
        maj = g.clusters[g.majority] if g.majority is not None else []
        backing = sorted({f.article for f in maj})
        odd = [f for f in g.figures if f not in maj]
        odd_idx = sorted({f.article for f in odd} - set(backing))  # giving both values is not the odd one
        named = bool(maj) and bool(odd_idx)
        evidence = [
            dataclasses.replace(ev, note=f"{ev.note} (differs)") if named and f in odd else ev
            for f, ev in zip(g.figures, ng.values, strict=True)
        ]
        if named:
            said = ", ".join(dict.fromkeys(f.anchor.text for f in odd if f.article in odd_idx))
            verb = "gives" if len(odd_idx) == 1 else "give"
            say = "say" if len(backing) > 1 else "says"
            summary = f"{ctx.who(odd_idx)} {verb} {said} where {ctx.who(backing)} {say} {ng.majority}."
        else:
            listed = "; ".join(f"{ctx.who([f.article])}: {f.anchor.text}" for f in g.figures)
            summary = f"The reports give different figures: {listed}."
            details["majority"] = None
        score = 1.0 if named else 0.8
        out.append(
            ctx.diff(
                "number", "disagree", summary, score, evidence, odd_idx if named else arts_in, [], details
            )
        )
    return out
