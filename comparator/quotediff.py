"""Quotes across articles (difference kind 2): the same utterance, one speaker's absence, a statement
put in different mouths; and the report's speaker list.

Quotes are matched only inside linked sentences (comparator.compare). For a pair of matched quotes:
- same (linked) speaker: ``verbatim`` (same language: >= 85 % of the shorter quote's characters found
  in the other; across languages: both direct and the sentences' link is "shared", i.e. a close
  translation), ``diverging`` (their figures disagree, or one uses a contested term the other does
  not), else ``paraphrased``;
- different speakers: ``different_speaker``, claimed only when both speakers are named persons
  (not an anonymous role or a body), cannot be the same (comparator.speakers.same_speaker), have known
  roles that are incompatible (a president and a spokesperson), and the quotes carry the same words:
  same language, >= 50 % character overlap; across languages, the quotes make up most of their
  sentences (>= 50 % of characters) and the sentences' cosine is >= SAME_WORDS_COS.
Speakers whose keys differ but whom same_speaker accepts count as one speaker.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from comparator.figures import pair_figures
from comparator.report import ArticleReport, Difference, QuoteLink, Speaker
from comparator.schema import Quote

if TYPE_CHECKING:
    from comparator.compare import Context

VERBATIM_RATIO = 0.85
SAME_WORDS_RATIO = 0.5
SAME_WORDS_COS = 0.84
QuotePair = tuple[int, int, int, int, str]  # article i, quote n, article j, quote m, relation
_SCORE = {
    "different_speaker": 1.0,
    "diverging": 0.9,
    "speaker_one_side": 0.6,
    "paraphrased": 0.3,
    "verbatim": 0.2,
}


def quote_pairs(ctx: Context) -> list[QuotePair]:
    """Matched quotes in linked sentences, each quote matched at most once per other article."""
    out: list[QuotePair] = []
    taken: set[tuple[int, int, int]] = set()  # (article, quote, other article)
    for i, ss, j, ts, label in ctx.link_pairs:
        qa = [n for n, s in enumerate(ctx.quote_sentence[i]) if s in ss]
        qb = [m for m, t in enumerate(ctx.quote_sentence[j]) if t in ts]
        for n in qa:
            if (i, n, j) in taken:
                continue
            free = [m for m in qb if (j, m, i) not in taken]
            # The same speaker first, then anyone (a statement put in another speaker's mouth).
            same = [m for m in free if ctx.key(ctx.quotes[i][n]) == ctx.key(ctx.quotes[j][m])]
            for m in same + [m for m in free if m not in same]:
                rel = quote_relation(ctx, i, n, j, m, label)
                if rel is not None:
                    taken |= {(i, n, j), (j, m, i)}
                    out.append((i, n, j, m, rel))
                    break
    return out


def quote_relation(ctx: Context, i: int, n: int, j: int, m: int, label: str) -> str | None:
    from comparator.speakers import same_speaker

    qa, qb = ctx.quotes[i][n], ctx.quotes[j][m]
    ka, kb = ctx.key(qa), ctx.key(qb)
    if ka is None or kb is None:
        return None
    if ka != kb and not same_speaker(qa, qb):
        return "different_speaker" if _different_speakers(ctx, i, n, j, m) else None
    if _figures_disagree(ctx, i, qa, j, qb) or _terms_diverge(ctx, i, qa, j, qb):
        return "diverging"
    if ctx.articles[i].lang == ctx.articles[j].lang:
        return "verbatim" if text_overlap(qa.text, qb.text) >= VERBATIM_RATIO else "paraphrased"
    return "verbatim" if qa.kind == qb.kind == "direct" and label == "shared" else "paraphrased"


def _different_speakers(ctx: Context, i: int, n: int, j: int, m: int) -> bool:
    from comparator.speakers import roles_compatible

    qa, qb = ctx.quotes[i][n], ctx.quotes[j][m]
    if any((ctx.key(q) or "").startswith(("role:", "body:")) for q in (qa, qb)):
        return False
    # Two names that failed to link (최 부총리 / Finance Minister Choi) are no evidence of two people;
    # two known, incompatible roles are (the president vs his spokesperson), and so is one report
    # quoting both names as two speakers (한도윤 and 미야케 아야코 in one article).
    known_roles_differ = (
        qa.speaker_role is not None
        and qb.speaker_role is not None
        and not roles_compatible(qa.speaker_role, qb.speaker_role)
    )
    if not known_roles_differ and not _quoted_apart(ctx, qa, qb):
        return False
    if ctx.articles[i].lang == ctx.articles[j].lang:
        return text_overlap(qa.text, qb.text) >= SAME_WORDS_RATIO
    s, t = ctx.quote_sentence[i][n], ctx.quote_sentence[j][m]
    if s is None or t is None:
        return False
    return (
        _coverage(ctx, i, s, qa) >= 0.5
        and _coverage(ctx, j, t, qb) >= 0.5
        and float(ctx.vectors[i][s] @ ctx.vectors[j][t]) >= SAME_WORDS_COS
    )


def _quoted_apart(ctx: Context, qa: Quote, qb: Quote) -> bool:
    """Some report quotes both speakers, each under a key of its own that does not link to the other."""
    from comparator.speakers import same_speaker

    for quotes in ctx.quotes:
        xs = [q for q in quotes if ctx.key(q) == ctx.key(qa)]
        ys = [q for q in quotes if ctx.key(q) == ctx.key(qb)]
        if xs and ys and not same_speaker(xs[0], ys[0]):
            return True
    return False


def _coverage(ctx: Context, i: int, s: int, q: Quote) -> float:
    sent = ctx.articles[i].sentences[s]
    return (min(q.end, sent.end) - max(q.start, sent.start)) / max(1, sent.end - sent.start)


def text_overlap(a: str, b: str) -> float:
    """Share of the shorter text found in the longer one, in matching blocks (punctuation ignored)."""
    x, y = (re.sub(r"[\W_]+", "", t.casefold()) for t in (a, b))
    if not x or not y:
        return 0.0
    sm = difflib.SequenceMatcher(None, x, y, autojunk=False)
    return sum(blk.size for blk in sm.get_matching_blocks()) / min(len(x), len(y))


def _figures_disagree(ctx: Context, i: int, qa: Quote, j: int, qb: Quote) -> bool:
    fa = [f for f in ctx.figures[i] if qa.start <= f.anchor.start < qa.end and f.anchor.kind != "number"]
    fb = [f for f in ctx.figures[j] if qb.start <= f.anchor.start < qb.end and f.anchor.kind != "number"]
    # pair first: "2 fisheries ships and 3 patrol ships" on both sides is 2 = 2 and 3 = 3, not 2 vs 3
    return any(not agrees for _x, _y, agrees in pair_figures(fa, fb))


def _terms_diverge(ctx: Context, i: int, qa: Quote, j: int, qb: Quote) -> bool:
    """One report's version uses a contested term the other's lacks or words differently
    ("강제로 끌려와" reported as 「苦難を強いられた」)."""
    va = {(m.concept, m.variant) for m in ctx.terms[i] if qa.start <= m.start < qa.end}
    vb = {(m.concept, m.variant) for m in ctx.terms[j] if qb.start <= m.start < qb.end}
    return va != vb


def fill_matches(ctx: Context, arts: list[ArticleReport], pairs: list[QuotePair]) -> None:
    for i, n, j, m, rel in pairs:
        s, t = ctx.quote_sentence[i][n], ctx.quote_sentence[j][m]
        sim = 0.0 if s is None or t is None else float(ctx.vectors[i][s] @ ctx.vectors[j][t])
        qa, qb = arts[i].quotes[n], arts[j].quotes[m]
        qa.matches.append(QuoteLink(qb.id, rel, sim))
        qb.matches.append(QuoteLink(qa.id, rel, sim))


def quote_findings(ctx: Context, arts: list[ArticleReport], pairs: list[QuotePair]) -> list[Difference]:
    out = []
    for i, n, j, m, rel in pairs:
        qa, qb = ctx.quotes[i][n], ctx.quotes[j][m]
        a, b = ctx.who([i]), ctx.who([j])
        speaker = _names([qa, qb]) or "the speaker"
        summary = {
            "different_speaker": f"The same words are attributed to {qa.speaker} by {a} and to {qb.speaker} by {b}.",
            "diverging": f"{a} and {b} report {speaker}'s words differently.",
            "paraphrased": f"{a} and {b} report the same remark by {speaker} in different words.",
            "verbatim": f"{a} and {b} quote {speaker} alike.",
        }[rel]
        ids = [arts[i].quotes[n].id, arts[j].quotes[m].id]
        keys = [ctx.key(qa), ctx.key(qb)]
        details = {
            "quotes": ids,
            **({"speaker_keys": keys} if rel == "different_speaker" else {"speaker_key": keys[0]}),
        }
        evidence = [ctx.ev(i, qa.start, qa.end, qa.speaker), ctx.ev(j, qb.start, qb.end, qb.speaker)]
        out.append(ctx.diff("quote", rel, summary, _SCORE[rel], evidence, [i, j], [], details))
    return out + _one_side_speakers(ctx, arts)


def _one_side_speakers(ctx: Context, arts: list[ArticleReport]) -> list[Difference]:
    """Named speakers some reports quote and others do not; 1.0 x 0.6 when a whole side lacks them."""
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, qs in enumerate(ctx.quotes):
        for n, q in enumerate(qs):
            if (k := ctx.key(q)) and not k.startswith("role:"):
                by_key[k].append((i, n))
    out = []
    for key, refs in by_key.items():
        quoting = sorted({i for i, _ in refs})
        # A body's own readout is its voice, not a report that leaves it out.
        absent = [
            j
            for j in range(len(ctx.articles))
            if j not in quoting
            and not _own_voice(ctx, j, key)
            and not _spokesperson_of(ctx, j, key)
            and not _government_voice(ctx, j, key)
        ]
        if not absent:
            continue
        name = _names([ctx.quotes[i][n] for i, n in refs])
        # Worded so that no verb agrees with the speaker ("Analysts", "Japan and South Korea").
        quote = "quotes" if len(quoting) == 1 else "quote"
        do = "does" if len(absent) == 1 else "do"
        summary = f"Only {ctx.who(quoting)} {quote} {name}; {ctx.who(absent)} {do} not."
        evidence = [
            ctx.ev(i, ctx.quotes[i][n].start, ctx.quotes[i][n].end, ctx.quotes[i][n].speaker) for i, n in refs
        ]
        whole_side = {ctx.sides[j] for j in absent} - {ctx.sides[j] for j in quoting}
        details = {"speaker_key": key, "quotes": [arts[i].quotes[n].id for i, n in refs]}
        score = _SCORE["speaker_one_side"] * (1.0 if whole_side else 0.7)
        out.append(ctx.diff("quote", "speaker_one_side", summary, score, evidence, quoting, absent, details))
    return out


def _government_voice(ctx: Context, j: int, key: str) -> bool:
    """Whether report ``j`` quotes a body of the government that ``key`` names as a whole: "South
    Korea called it retaliation" in one report, Seoul's trade ministry in another, is one voice."""
    from comparator.quotes.mentions import body_country

    if not (key.startswith("body:") and key.endswith("-government")):
        return False
    country = body_country(key[5:])
    return country is not None and any(
        (k := ctx.key(q) or "").startswith("body:") and k != key and body_country(k[5:]) == country
        for q in ctx.quotes[j]
    )


def _names(quotes: list[Quote]) -> str:
    """The speaker as each script writes it ("다케나카 세이이치 / 竹中誠一 / Seiichi Takenaka"): one
    linked speaker, named so that a reader of any one language recognises them."""
    seen: dict[str, str] = {}
    for q in quotes:
        if q.speaker:
            seen.setdefault(_script(q.speaker), q.speaker)
    return " / ".join(seen.values())


def _script(name: str) -> str:
    if any("\uac00" <= ch <= "\ud7a3" for ch in name):
        return "hangul"
    if any(ch > "\u3000" for ch in name):
        return "kanji-kana"
    return "latin"


def _own_voice(ctx: Context, j: int, key: str) -> bool:
    """Whether article ``j`` is published by the body whose key is ``key`` (외교부's own readout)."""
    from comparator.quotes.mentions import parse_mention

    art = ctx.articles[j]
    if not key.startswith("body:") or not art.outlet:
        return False
    m = parse_mention(art.outlet, art.lang)
    if m.kind != "body" or not m.body:
        return False
    own = f"body:{m.body}"
    return ctx.canonical.get(own, own) == key


def _spokesperson_of(ctx: Context, j: int, key: str) -> bool:
    """Whether article ``j`` quotes someone named as speaking for the company ``key`` (이수진
    한빛반도체 대변인 for Hanbit Semiconductor): the company's voice is in that report."""
    if not key.startswith("body:co:"):
        return False
    from comparator.quotes.companies import same_company
    from comparator.speakers import speaks_for

    for q in ctx.quotes[j]:
        body = speaks_for(q, ctx.articles[j])
        if body and same_company(body, key[5:]):
            return True
    return False


def speakers(arts: list[ArticleReport]) -> list[Speaker]:
    """Speakers by linked key, with the name and role each article gives them."""
    out: dict[str, Speaker] = {}
    for a in arts:
        for q in a.quotes:
            if not q.speaker_key:
                continue
            sp = out.setdefault(q.speaker_key, Speaker(q.speaker_key, {}, {}))
            sp.names.setdefault(a.id, q.speaker or "")
            if q.speaker_role:
                sp.roles.setdefault(a.id, q.speaker_role)
            sp.quotes.append(q.id)
            if a.id not in sp.articles:
                sp.articles.append(a.id)
    return sorted(out.values(), key=lambda s: (-len(s.articles), s.key))
