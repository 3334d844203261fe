"""Checks on a comparison's sentence links that look beyond the vectors: speakers, figures, and the
other reports of the event.

e5-small gives every sentence of one story a cosine of 0.80-0.90 with every other, so near the
aligner's threshold two different facts of the story link as readily as one fact worded apart
(docs/alignment.md). A finding "only X reports this" is built from these links (a unit is a
sentence, its counterparts and theirs), so one wrong link makes an outlet a carrier of a fact it
never reports, and one missing link makes an outlet that reports it look silent. Rules, each for a
reason stated at its function:

- ``topic_trim`` (``topic_conflict``): two sentences that both name topics, none in common, are
  not one fact; a merge is tested sentence by sentence;
- ``check_link`` (``speaker_trim``, ``figures_conflict``, ``figures_apart``): two sentences quoting
  different named people directly are not one fact; nor, across a weak link or inside a merge, are
  two sentences that give different values for two quantities and agree on none (two coast guards'
  fleets); nor, across a weak link, a percentage and other figures only, none agreeing;
- ``drop_contradicted``: a weak link between two sentences that a third report links, strongly, to
  two different sentences of its own is dropped;
- ``trim_merged_topics``: a merged sentence naming a topic that the single sentence of its link
  does not name goes when a third report links it to a sentence of its own naming that topic;
- links added from figures (``add_figure_links``, ``add_unique_figure_links``) are in
  ``comparator.figure_links``; from one side's contested wording, in ``comparator.term_links``.

Pure functions of a ``comparator.compare.Context``; no model, no I/O.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from comparator.anchors import is_specific
from comparator.figures import COMPARED_KINDS, Figure, agree, comparable, pair_figures
from comparator.schema import Quote

if TYPE_CHECKING:
    from comparator.compare import Context

log = logging.getLogger(__name__)

PARTIAL, SHARED = "partial", "shared"
FIGURE_LINK_COS = 0.80  # the aligner's own cosine floor for any link
MIN_SHARED_QUANTITIES = 2  # quantities two sentences must both give for a figure link
MIN_CONFLICTS = 2  # quantities given differently before a weak link is taken for two facts
# Across languages, sentences this close are one statement whatever the speaker keys say: names do
# not always match across scripts (アダム・マイヤーズ上級副社長 / Adam Meyers, a WMT22 translation pair
# at 0.870). Different people's remarks in the QA events and the sample corpus: 0.826-0.843.
SAME_STATEMENT_COS = 0.86


# ------------------------------------------------------------------ topics


def topic_conflict(ctx: Context, i: int, ss: Sequence[int], j: int, ts: Sequence[int]) -> bool:
    """Both sides name lexicon topics, none in common (the veto of docs/comparison.md)."""
    a = set().union(*(ctx.topics[i][s] for s in ss))
    b = set().union(*(ctx.topics[j][t] for t in ts))
    return bool(a) and bool(b) and not (a & b)


def topic_trim(
    ctx: Context, i: int, ss: Sequence[int], j: int, ts: Sequence[int]
) -> tuple[list[int], list[int]] | None:
    """The link without the merged sentences whose own topics conflict with the single sentence's,
    or None when nothing is left.

    Tested on the union of a merge's topics, "Han expressed support on the abduction issue." +
    "On the issue of workers from the Korean Peninsula, …" against 강제징용 passes (forced labour is
    in both), and the abductions count the Korean readout as a carrier (QA pass 5, Q2). So each
    merged sentence is tested on its own: one naming topics, none of which the single sentence
    names, goes when the single sentence names topics too. (A single sentence naming none is left to
    ``trim_merged_topics``, which asks the other reports.)
    """
    ss, ts = list(ss), list(ts)
    if len(ss) == 1 and len(ts) == 1:
        return None if topic_conflict(ctx, i, ss, j, ts) else (ss, ts)
    one, parts, k, m = (ss[0], ts, i, j) if len(ss) == 1 else (ts[0], ss, j, i)
    single = ctx.topics[k][one]
    keep = [p for p in parts if not single or not ctx.topics[m][p] or ctx.topics[m][p] & single]
    if not keep:
        return None
    return (ss, keep) if len(ss) == 1 else (keep, ts)


# ------------------------------------------------------------------ speakers


def _named_direct(ctx: Context, i: int, s: int) -> list[int]:
    """Indices of direct quotes in sentence s of article i whose speaker is a person's full name (a
    key of two or more words, not a role or a body)."""
    out = []
    for n, (q, qs) in enumerate(zip(ctx.quotes[i], ctx.quote_sentence[i], strict=True)):
        key = q.speaker_key or ""
        if qs == s and q.kind == "direct" and " " in key and not key.startswith(("role:", "body:")):
            out.append(n)
    return out


def _speakers_differ(ctx: Context, i: int, s: int, j: int, t: int) -> bool:
    """Both sentences quote named people directly, no speaker of one can be a speaker of the other
    (speaker_similarity 0: neither the same name in another script nor a part of it), and the quotes
    do not carry the same words. The same words given to two people is a finding of its own
    (quotediff's ``different_speaker``), which needs the link: same words are judged as quotediff
    judges them (same language: character overlap; across languages: the sentences' cosine), and
    across languages a close translation (SAME_STATEMENT_COS) is never taken apart."""
    qa, qb = _named_direct(ctx, i, s), _named_direct(ctx, j, t)
    if not qa or not qb:
        return False
    from comparator.quotediff import SAME_WORDS_COS, SAME_WORDS_RATIO, text_overlap
    from comparator.quotes.linking import speaker_similarity

    pairs = [(ctx.quotes[i][x], ctx.quotes[j][y]) for x in qa for y in qb]
    # As quotediff's different_speaker: names that fail to match are no evidence of two people
    # (매코맥 대변인 / McCormack, a transliteration); two known, incompatible roles are.
    if any(speaker_similarity(a, b) > 0.0 or _roles_may_match(ctx, a, b) for a, b in pairs):
        return False
    if ctx.articles[i].lang == ctx.articles[j].lang:
        return all(text_overlap(a.text, b.text) < SAME_WORDS_RATIO for a, b in pairs)
    cos = float(ctx.vectors[i][s] @ ctx.vectors[j][t])
    if cos >= SAME_STATEMENT_COS:
        return False
    mostly_quotes = all(_coverage(ctx, i, s, a) >= 0.5 and _coverage(ctx, j, t, b) >= 0.5 for a, b in pairs)
    return not mostly_quotes or cos < SAME_WORDS_COS


def _roles_may_match(ctx: Context, a: Quote, b: Quote) -> bool:
    from comparator.speakers import roles_compatible

    ra, rb = _role(ctx, a), _role(ctx, b)
    return ra is None or rb is None or roles_compatible(ra, rb)


def _role(ctx: Context, q: Quote) -> str | None:
    """The quote's role, or the role another quote with the same speaker key gives ("Takashi Saeki,
    head of the coast guard's 8th regional headquarters" leaves it unparsed; 佐伯隆本部長 gives it)."""
    if q.speaker_role is not None:
        return q.speaker_role
    roles = {x.speaker_role for qs in ctx.quotes for x in qs if x.speaker_key == q.speaker_key} - {None}
    return next(iter(roles)) if len(roles) == 1 else None


def _coverage(ctx: Context, i: int, s: int, q: Quote) -> float:
    """Share of sentence s that the quote takes up (as quotediff measures it)."""
    sent = ctx.articles[i].sentences[s]
    return (min(q.end, sent.end) - max(q.start, sent.start)) / max(1, sent.end - sent.start)


def speaker_trim(
    ctx: Context, i: int, ss: Sequence[int], j: int, ts: Sequence[int], *, strong: bool = False
) -> tuple[list[int], list[int]] | None:
    """The link without the sentences that quote someone else, or None when nothing is left.

    Two direct quotes by two named people are two statements, however alike they read: the foreign
    ministry spokesperson's thanks to Japan's coast guard and the chief cabinet secretary's "working
    closely with the Korean side" (both "spokesperson at a briefing said '…'", cosine 0.89 in one
    language). In a merge (2-1) only the part quoting someone else goes: "Takenaka said '…'. He said
    Seoul had conveyed its thanks." still carries the thanks in its second sentence. A ``strong``
    (shared) 1-1 link is kept: a spokesperson quoting what the president asked for ("송 대통령이 …를
    요청했다"고 밝혔다) is the president's request, and the aligner was sure of it.
    """
    ss, ts = list(ss), list(ts)
    if len(ss) == 1 and len(ts) == 1:
        return (ss, ts) if strong or not _speakers_differ(ctx, i, ss[0], j, ts[0]) else None
    if len(ss) == 1:
        keep_t = [t for t in ts if not _speakers_differ(ctx, i, ss[0], j, t)]
        kept = (ss, keep_t) if keep_t else None
    else:
        keep_s = [s for s in ss if not any(_speakers_differ(ctx, i, s, j, t) for t in ts)]
        kept = (keep_s, ts) if keep_s else None
    return (ss, ts) if kept is None and strong else kept


def check_link(
    ctx: Context, i: int, ss: Sequence[int], j: int, ts: Sequence[int], *, strong: bool
) -> tuple[list[int], list[int]] | None:
    """What is left of one aligner link after the speaker and figure checks (None: nothing).

    A merge (2-1, 1-2) loses the part that quotes someone else or whose figures contradict the
    single sentence's: "해경은 경비함정 4척과 항공기 1대를" against "…は巡視船5隻と航空機3機を投入している。
    韓国側は警備艦4隻を派遣した。" keeps only the second sentence, even when the whole merge was strong
    (its 4 ships = 4 ships made it so). A 1-1 link is dropped for figures only when it is weak.
    """
    kept = speaker_trim(ctx, i, ss, j, ts, strong=strong)
    if kept is None:
        return None
    ss, ts = kept
    if len(ss) == 1 and len(ts) > 1:
        left = [t for t in ts if not figures_conflict(ctx, i, ss, j, [t])]
        return (list(ss), left) if left else None
    if len(ts) == 1 and len(ss) > 1:
        left = [s for s in ss if not figures_conflict(ctx, i, [s], j, ts)]
        return (left, list(ts)) if left else None
    weak_apart = figures_conflict(ctx, i, ss, j, ts) or figures_apart(ctx, i, ss, j, ts)
    return None if not strong and weak_apart else (list(ss), list(ts))


# ------------------------------------------------------------------ figures


def _figures(ctx: Context, i: int, ss: Sequence[int]) -> list[Figure]:
    return [f for f in ctx.figures[i] if f.sentence in ss]


def _same_thing(fa: Figure, fb: Figure) -> bool:
    """Comparable figures that may count the same thing (no two different known counted nouns)."""
    known_apart = fa.noun is not None and fb.noun is not None and fa.noun != fb.noun
    return comparable(fa.anchor, fb.anchor) and not known_apart


def _differing_quantities(left: list[Figure], right: list[Figure]) -> int:
    """How many quantities two sentences both give with different values: comparable figures, not of
    two different known kinds, matched greedily one to one (3척 / 4隻 patrol ships, 1대 / 2機 aircraft)."""
    free = list(right)
    n = 0
    for fa in left:
        fb = next((g for g in free if _same_thing(fa, g)), None)
        if fb is not None and agree(fa.anchor, fb.anchor) is False:
            free.remove(fb)
            n += 1
    return n


def figures_conflict(ctx: Context, i: int, ss: Sequence[int], j: int, ts: Sequence[int]) -> bool:
    """Whether two sentences give different values for MIN_CONFLICTS quantities and agree on no
    figure: "경비함정 3척과 항공기 1대" against "巡視船4隻と航空機2機" are Korea's fleet and Japan's, not one
    fleet misreported twice. One quantity given differently (35 minutes against 25) is what the
    report must line up and show, and is never enough; so is any agreeing figure (a wrong crew
    count beside the right number rescued)."""
    left, right = _figures(ctx, i, ss), _figures(ctx, j, ts)
    if pair_figures(left, right, disagreements=False):
        return False
    return _differing_quantities(left, right) >= MIN_CONFLICTS


def figures_apart(ctx: Context, i: int, ss: Sequence[int], j: int, ts: Sequence[int]) -> bool:
    """Whether both sentences give specific figures and no kind of figure in common: "found three
    cases of inappropriate management since 2024" and "covers 15% of demand, up 3 percentage points"
    count different things (QA pass 9, S3: the link, margin 1.016, made METI's finding and Korea's
    self-sufficiency one fact). A translation gives the same figures, so the same kinds."""
    kinds_a, kinds_b = (
        {
            f.anchor.kind
            for f in _figures(ctx, k, xs)
            if f.anchor.kind in COMPARED_KINDS and is_specific(f.anchor)
        }
        for k, xs in ((i, ss), (j, ts))
    )
    if not kinds_a or not kinds_b or ("percent" in kinds_a) == ("percent" in kinds_b):
        return False
    return not pair_figures(_figures(ctx, i, ss), _figures(ctx, j, ts), disagreements=False)


# ------------------------------------------------------------------ links contradicted by a third report


def _shared_edges(ctx: Context) -> dict[tuple[int, int], set[tuple[int, int]]]:
    edges: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for i, ss, j, ts, label in ctx.link_pairs:
        if label != SHARED:
            continue
        for s in ss:
            edges.setdefault((i, s), set()).update((j, t) for t in ts)
        for t in ts:
            edges.setdefault((j, t), set()).update((i, s) for s in ss)
    return edges


def _contradicted(
    ctx: Context,
    edges: dict[tuple[int, int], set[tuple[int, int]]],
    link: tuple[int, list[int], int, list[int]],
) -> int | None:
    """The third article whose shared links put the two sides of ``link`` on different sentences of
    its own (and no link of either side reaches the other's sentence there), or None."""
    i, ss, j, ts = link
    for k in range(len(ctx.articles)):
        if k in (i, j):
            continue
        u = {x for s in ss for a, x in edges.get((i, s), ()) if a == k}
        v = {y for t in ts for a, y in edges.get((j, t), ()) if a == k}
        if not u or not v or u & v:
            continue
        reach_u = {x for s in ss for x in ctx.partners[i][s].get(k, ())}
        reach_v = {y for t in ts for y in ctx.partners[j][t].get(k, ())}
        if not (reach_u & v) and not (reach_v & u):
            return k
    return None


def drop_contradicted(ctx: Context) -> list[tuple[int, list[int], int, list[int]]]:
    """Drop every "partial" link whose two sentences a third report links, each by a "shared" link,
    to two different sentences of its own.

    A partial link sits at the aligner's threshold, where two facts of one story look alike (Japan's
    4 patrol ships and Korea's 3); Pacific Wire's confident counterparts of each, "four patrol ships"
    and "three patrol vessels", show they are not one fact. Returns the dropped links.
    """
    edges = _shared_edges(ctx)
    dropped = []
    for i, ss, j, ts, label in list(ctx.link_pairs):
        # Two quantities in common outweigh the third report: a lead sentence that sums up the event
        # ("…전복됐으며, 승선원 10명 중 8명은 … 구조됐다") is rightly linked to two sentences of another.
        if label != PARTIAL or _quantities_in_common(ctx, i, ss, j, ts):
            continue
        k = _contradicted(ctx, edges, (i, ss, j, ts))
        if k is not None:
            log.debug("drop %s: %s links them apart", link_name(ctx, i, ss, j, ts), ctx.articles[k].id)
            dropped.append((i, ss, j, ts))
    for link in dropped:
        unlink(ctx, *link)
    return dropped


def link_name(ctx: Context, i: int, ss: Sequence[int], j: int, ts: Sequence[int]) -> str:
    """'boat-ko-kbn[3] - boat-ja-chuo[1, 2]': a link as the debug log names it."""
    return f"{ctx.articles[i].id}{list(ss)} - {ctx.articles[j].id}{list(ts)}"


def add_weak_link(ctx: Context, link: Callable[..., None], i: int, s: int, j: int, t: int) -> bool:
    """Link ("partial") sentence s of article i and t of article j when the checks of a weak link
    pass (``check_link``); whether it was made. ``link`` is ``comparator.compare._link``."""
    if check_link(ctx, i, [s], j, [t], strong=False) is None:
        return False
    link(ctx, i, [s], j, [t], PARTIAL, PARTIAL)
    log.debug("added %s", link_name(ctx, i, [s], j, [t]))
    return True


def unlink(ctx: Context, i: int, ss: Sequence[int], j: int, ts: Sequence[int]) -> None:
    """Remove one link (as ``comparator.compare._link`` made it) with its labels."""
    ctx.link_pairs[:] = [lp for lp in ctx.link_pairs if lp[:4] != (i, list(ss), j, list(ts))]
    for a, xs, b, ys in ((i, ss, j, ts), (j, ts, i, ss)):
        for x in xs:
            left = ctx.partners[a][x].get(b, set()) - set(ys)
            # Another link of the same two articles may still hold x (a merge and a 1-1).
            left |= {y for p, ps, q, qs, _ in ctx.link_pairs if (p, q) == (a, b) and x in ps for y in qs}
            left |= {y for p, ps, q, qs, _ in ctx.link_pairs if (q, p) == (a, b) and x in qs for y in ps}
            if left:
                ctx.partners[a][x][b] = left
            else:
                ctx.partners[a][x].pop(b, None)
                ctx.labels[a][x].pop(b, None)


# ------------------------------------------------------------------ merged sentences with a topic of their own


def _own_topic_part(ctx: Context, k: int, q: int, m: int, p: int) -> bool:
    """Whether merged sentence p (article m) names a topic that single sentence q (article k) does
    not, and a third report links p to a sentence of its own naming that topic, not linked to q."""
    topics = ctx.topics[m][p]
    if not topics or ctx.topics[k][q]:
        return False
    for x, ys in ctx.partners[m][p].items():
        if x in (k, m):
            continue
        near_q = ctx.partners[k][q].get(x, set())
        if any(ctx.topics[x][y] & topics and y not in near_q for y in ys):
            return True
    return False


def trim_merged_topics(
    ctx: Context, link: Callable[..., None]
) -> list[tuple[int, list[int], int, list[int]]]:
    """Trim from a merged link (2-1, 1-2) the sentence that names a topic the single sentence does
    not name, when a third report links that sentence to one of its own naming the topic.

    APD's "Minister Miyake told me she would 'review sincere measures'" + "… Miyake protested against
    a South Korean maritime survey near the islets" was merged against 외교부's "미야케 대신은 한국 측의
    우려를 진지하게 받아들이겠다고 하였다", which names no topic: through it the readout counted as
    reporting the protest it leaves out (QA pass 5, Q2). 外務省's and JMP's protest sentences, linked
    to the second part, show it is a fact of its own. Between two reports alone the rule never acts: a
    topic missing from the single sentence may be a gap of the lexicon ("kidnappers" against 납치자들),
    and on the parallel test sets such trims cost more links than they saved. Decisions are taken on
    the links as they stand, then applied; what is left is a weak link, checked as one (and open to
    ``drop_contradicted``, run next). Returns the trimmed links as they were.
    """
    todo = []
    for i, ss, j, ts, _ in ctx.link_pairs:
        if len(ss) + len(ts) != 3:
            continue
        one, parts, k, m = (ss[0], ts, i, j) if len(ss) == 1 else (ts[0], ss, j, i)
        drop = [p for p in parts if _own_topic_part(ctx, k, one, m, p)]
        if drop and len(drop) < len(parts):
            left = [p for p in parts if p not in drop]
            todo.append(((i, list(ss), j, list(ts)), (ss, left) if len(ss) == 1 else (left, ts)))
    for (i, ss, j, ts), (ss2, ts2) in todo:
        log.debug("trim %s to %s - %s: a topic of its own", link_name(ctx, i, ss, j, ts), ss2, ts2)
        unlink(ctx, i, ss, j, ts)
        kept = check_link(ctx, i, ss2, j, ts2, strong=False)  # what is left is a weak link
        if kept is not None:
            link(ctx, i, kept[0], j, kept[1], PARTIAL, PARTIAL)
    return [t[0] for t in todo]


# ------------------------------------------------------------------ links from shared quantities


def _shared_quantities(left: list[Figure], right: list[Figure]) -> tuple[int, int]:
    """(agreeing specific figures, quantities given by both): agreements plus counts of one known
    counted noun with different values (乗組員11人 / 선원 10명 are both the crew)."""
    agreeing = [(fa, fb) for fa, fb, ok in pair_figures(left, right, disagreements=False) if ok]
    agreeing = [(fa, fb) for fa, fb in agreeing if is_specific(fa.anchor) and is_specific(fb.anchor)]
    used_a = {id(fa) for fa, _ in agreeing}
    used_b = {id(fb) for _, fb in agreeing}
    same_noun = 0
    free_b = [g for g in right if id(g) not in used_b and g.noun is not None]
    for fa in left:
        if id(fa) in used_a or fa.noun is None:
            continue
        fb = next((g for g in free_b if g.noun == fa.noun and comparable(fa.anchor, g.anchor)), None)
        if fb is not None:
            free_b.remove(fb)
            same_noun += 1
    return len(agreeing), len(agreeing) + same_noun


def _quantities_in_common(ctx: Context, i: int, ss: Sequence[int], j: int, ts: Sequence[int]) -> bool:
    """MIN_SHARED_QUANTITIES quantities given by both sides, one at least with the same value."""
    n_agree, n_shared = _shared_quantities(_figures(ctx, i, ss), _figures(ctx, j, ts))
    return n_agree >= 1 and n_shared >= MIN_SHARED_QUANTITIES
