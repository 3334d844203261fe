"""How each report frames its story (difference kinds 5 and 6): what it leads with, and whether it
is an official readout or a media report and whom it quotes.

Pure functions of a comparison ``Context`` (comparator.compare); ``comparator.differences`` ranks
their findings with the others.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from comparator.report import ArticleReport, Difference

if TYPE_CHECKING:
    from comparator.compare import Context

LEAD_SENTENCES = 2  # what an article "leads with": its headline and first two sentences


# ------------------------------------------------------------------ 5. emphasis


def _lead_topic(ctx: Context, i: int) -> tuple[str | None, int | None]:
    """(topic, sentence) a report leads with; (None, 0) when its first sentence is its own news that
    no lexicon topic names, (None, None) when its lead names no topic at all.

    The second sentence decides only when the first is the event's opener ("X met Y in Manila",
    ``_opener``) or has no counterpart at all. Asia Pacific Dispatch's first sentence, the youth
    fund (linked to the fund sentences deep in the other reports), is its news: its second
    sentence's "visit to Japan" had it "lead with shuttle diplomacy" (QA pass 5, W3)."""
    sents = ctx.articles[i].sentences[:LEAD_SENTENCES]
    for k, s in enumerate(sents):
        topics = ctx.lexicon.match_topics(s.text, ctx.articles[i].lang)
        if topics:
            return topics[0].concept, s.idx
        if k == 0 and len(sents) > 1 and ctx.partners[i][s.idx] and not _opener(ctx, i, s.idx):
            return None, s.idx
    return None, None


def _opener(ctx: Context, i: int, s: int) -> bool:
    """Whether sentence s opens on the event itself: more than half its counterparts are in the
    other reports' leads (their first LEAD_SENTENCES). APD's "agreed to set up a youth fund … as the
    ministers met in Manila" is linked to two openers and to four fund sentences deep in the other
    reports: the fund is its news."""
    linked = [t for ts in ctx.partners[i][s].values() for t in ts]
    return 2 * sum(t < LEAD_SENTENCES for t in linked) > len(linked)


def _topic_name(ctx: Context, topic: str) -> str:
    """'north_korea' as the lexicon's English terms write it ('North Korea'), else 'territory'."""
    plain = topic.replace("_", " ")
    terms = ctx.lexicon.topics.get(topic, {}).get("en", [])
    return next((t for t in terms if t.lower() == plain.lower()), plain)


def emphasis_findings(ctx: Context) -> list[Difference]:
    """What each report leads with: the first lexicon topic of its first sentences, or its own first
    sentence when that is news no topic names (``_lead_topic``), headline shown. One finding when the
    reports lead with different things; score 0.4 + 0.2 per distinct lead."""
    leads = {i: _lead_topic(ctx, i) for i in range(len(ctx.articles))}
    by_topic: dict[str, list[int]] = defaultdict(list)
    own = [i for i, (topic, s) in leads.items() if topic is None and s is not None]
    for i, (topic, _) in leads.items():
        if topic is not None:
            by_topic[topic].append(i)
    if len(by_topic) + len(own) < 2:
        return []
    evidence = []
    for i, (topic, s) in leads.items():
        evidence += ctx.title_ev(i, "headline")
        if s is not None:
            what = _topic_name(ctx, topic) if topic is not None else "its own news (no listed topic)"
            evidence.append(ctx.sent_ev(i, s, f"leads with {what}"))
    parts = [
        f"{ctx.who(idx)} {'leads' if len(idx) == 1 else 'lead'} with {_topic_name(ctx, t)}"
        for t, idx in by_topic.items()
    ]
    for i in own:
        # The headline names the report's own news better than a first sentence behind a dateline.
        text = ctx.articles[i].title or ctx.articles[i].sentences[0].text
        parts.append(
            f"{ctx.who([i])} leads with its own news (“{text if len(text) <= 90 else text[:89] + '…'}”)"
        )
    details = {
        "leads": {ctx.articles[i].id: ([s] if s is not None else []) for i, (_, s) in leads.items()},
        "topics": {ctx.articles[i].id: t for i, (t, _) in leads.items()},
    }
    carriers = sorted([i for idx in by_topic.values() for i in idx] + own)
    return [
        ctx.diff(
            "emphasis",
            "lead",
            "; ".join(parts) + ".",
            0.4 + 0.2 * (len(by_topic) + len(own)),
            evidence,
            carriers,
            [],
            details,
        )
    ]


# ------------------------------------------------------------------ 6. sourcing


def sourcing_findings(ctx: Context, arts: list[ArticleReport]) -> list[Difference]:
    """Official readouts vs media reports (0.6), and whom each report quotes (0.4)."""
    out = []
    official = [i for i, a in enumerate(arts) if a.source_type == "official"]
    media = [i for i, a in enumerate(arts) if a.source_type == "media"]
    if official and media:
        summary = f"Official readouts: {ctx.who(official)}; media reports: {ctx.who(media)}."
        evidence = [ev for i in official for ev in ctx.title_ev(i, "official readout")]
        details = {"official": [arts[i].id for i in official], "media": [arts[i].id for i in media]}
        out.append(ctx.diff("sourcing", "source_type", summary, 0.6, evidence, official, media, details))
    cites = {a.id: sorted({q.speaker_key for q in a.quotes if q.speaker_key}) for a in arts}
    if len({tuple(v) for v in cites.values()}) > 1:
        # each report's speakers as that report writes them (外務省 quotes 韓道允, not 한도윤)
        names: dict[tuple[str, str], str] = {}
        for a in arts:
            for q in a.quotes:
                if q.speaker_key:
                    names.setdefault((a.id, q.speaker_key), q.speaker or q.speaker_key)
        parts = [
            f"{ctx.who([i])} quotes {', '.join(names[a.id, k] for k in cites[a.id]) or 'no one'}"
            for i, a in enumerate(arts)
        ]
        evidence = [
            ctx.ev(i, q.speaker_start, q.speaker_end, q.speaker)
            for i, a in enumerate(arts)
            for q in a.quotes
            if q.speaker_start is not None and q.speaker_end is not None
        ]
        out.append(
            ctx.diff(
                "sourcing",
                "cited",
                "; ".join(parts) + ".",
                0.4,
                evidence,
                list(range(len(arts))),
                [],
                {"cites": cites},
            )
        )
    return out
