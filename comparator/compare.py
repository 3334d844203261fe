"""Comparison orchestration: articles (and their sentence vectors) in, a ranked Report out.

Stages: sentence vectors (given, cached in the store, or from the embedder) -> order-free alignment of
every pair of articles (comparator.align) -> sentence links checked against the lexicon's topics ->
quotes and speakers (comparator.quotes, comparator.speakers) -> figures (comparator.figures) ->
contested and distinctive wording (comparator.framing) -> ranked differences (comparator.differences)
-> comparator.report.Report. No stage writes anything; the store is only read.

Links are post-processed (docs/comparison.md, stage 3): the topic veto and the other checks of
comparator.link_checks, and the rescue of two unlinked nearest neighbours with shared evidence
(a topic, an agreeing figure, a figure or speaker each report gives once) as "partial" links.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from comparator import figure_links, link_checks
from comparator.align import PARTIAL, SHARED, UNIQUE, AlignParams, align_group
from comparator.errors import InputError
from comparator.figures import Figure, agree, article_figures, pair_figures
from comparator.framing import Lexicon, TermMatch, load_lexicon
from comparator.report import Difference, Evidence, Report
from comparator.schema import LANGS, Article, Quote
from comparator.term_links import add_term_links, drop_claimless_links

log = logging.getLogger(__name__)

RESCUE_COS = 0.80  # the aligner's own cosine floor for a link
_RANK = {SHARED: 2, PARTIAL: 1, UNIQUE: 0}


@dataclass
class Context:
    """Everything the findings are computed from; indices are article positions in ``articles``."""

    articles: list[Article]
    vectors: list[np.ndarray]
    sides: list[str]
    partners: list[list[dict[int, set[int]]]]  # [i][s] -> {j: sentences of j linked to s}
    labels: list[list[dict[int, str]]]  # [i][s] -> {j: "shared" | "partial"}
    topics: list[list[set[str]]]  # [i][s] -> topic ids named in sentence s
    terms: list[list[TermMatch]]
    quotes: list[list[Quote]]
    quote_sentence: list[list[int | None]]
    figures: list[list[Figure]]
    lexicon: Lexicon
    canonical: dict[str, str] = field(default_factory=dict)  # speaker key -> linked key
    topic_counts: Counter[str] = field(default_factory=Counter)  # sentences naming each topic
    link_pairs: list[tuple[int, list[int], int, list[int], str]] = field(default_factory=list)
    checks: bool = True  # comparator.link_checks on the links (off only to measure what they change)

    def label(self, i: int, s: int) -> str:
        best = max((_RANK[lab] for lab in self.labels[i][s].values()), default=0)
        return {2: SHARED, 1: PARTIAL, 0: UNIQUE}[best]

    def carriers(self, i: int, s: int) -> list[int]:
        return sorted(j for j, ts in self.partners[i][s].items() if ts)

    def key(self, q: Quote) -> str | None:
        return self.canonical.get(q.speaker_key, q.speaker_key) if q.speaker_key else None

    # Helpers shared by the finding builders (comparator.differences, comparator.quotediff).

    def sentence_of(self, i: int, offset: int) -> int | None:
        return _sentence_at(self.articles[i], offset)

    def ev(self, i: int, start: int, end: int, note: str | None = None) -> Evidence:
        a = self.articles[i]
        return Evidence(a.id, start, end, a.text[start:end], self.sentence_of(i, start), "text", note)

    def sent_ev(self, i: int, s: int, note: str | None = None) -> Evidence:
        sent = self.articles[i].sentences[s]
        return self.ev(i, sent.start, sent.end, note)

    def title_ev(self, i: int, note: str) -> list[Evidence]:
        a = self.articles[i]
        return [Evidence(a.id, 0, len(a.title), a.title, None, "title", note)] if a.title else []

    def who(self, idx: Sequence[int]) -> str:
        """ "대통령실 (ko), 한빛일보 (ko) and Asia Wire Service (en)"."""
        names = [self.name(i) for i in idx]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def name(self, i: int) -> str:
        """ "한빛일보 (ko)"; when the comparison holds two reports of one outlet, its date as well
        ("한결신문 (ko, Nov 25)", the article id when the dates do not tell them apart): a follow-up
        report otherwise reads as the same outlet twice in every headline."""
        a = self.articles[i]
        outlet = a.outlet or a.id
        same = [b for b in self.articles if (b.outlet or b.id) == outlet]
        if len(same) == 1:
            return f"{outlet} ({a.lang})"
        day = _day(a.published_at)
        if day is not None and sum(_day(b.published_at) == day for b in same) == 1:
            return f"{outlet} ({a.lang}, {day})"
        return f"{outlet} ({a.lang}, {a.id})"

    def diff(
        self,
        kind: str,
        subkind: str,
        summary: str,
        score: float,
        evidence: list[Evidence],
        carriers: Sequence[int],
        absent: Sequence[int] = (),
        details: dict[str, Any] | None = None,
    ) -> Difference:
        ids = [a.id for a in self.articles]
        return Difference(
            rank=0,
            kind=kind,
            subkind=subkind,
            summary=summary,
            score=round(min(1.0, max(0.0, float(score))), 4),
            evidence=evidence,
            carried_by=[ids[j] for j in carriers],
            absent_from=[ids[j] for j in absent],
            details=details or {},
        )


# ------------------------------------------------------------------ public API


def compare_articles(
    articles: Sequence[Article],
    *,
    embedder: Any = None,
    vectors: Sequence[np.ndarray | None] | None = None,
    params: AlignParams | None = None,
    lexicon: Lexicon | None = None,
) -> Report:
    """Compare two or more articles (with sentences) and return a ``comparator.report.Report``.

    ``vectors[i]`` are the sentence vectors of ``articles[i]`` (one row per sentence, L2-normalized),
    e.g. read from the store; articles without vectors (``vectors`` not given, or ``None`` at their
    position) are embedded with ``embedder.encode``, all their sentences in one call.
    """
    from comparator.differences import build_report

    arts = _checked(articles)
    vecs = _vectors(arts, embedder, vectors)
    with _one_blas_thread():
        ctx = build_context(arts, vecs, params=params, lexicon=lexicon or load_lexicon())
        name = getattr(embedder, "name", None) if embedder is not None else None
        return build_report(ctx, model=name)


def _one_blas_thread() -> AbstractContextManager[Any]:
    """The matrices here are tiny (sentences x sentences): BLAS threads only wait for each other,
    which on a busy machine made a comparison three times slower. The model call is outside."""
    try:
        from threadpoolctl import threadpool_limits  # installed with sentence-transformers
    except ImportError:
        return nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def compare_stored(collection: Any, embedder: Any, ids: Sequence[str], **kwargs: Any) -> Report:
    """Compare stored articles by id, with the sentence vectors cached in the store.

    The model runs only for articles whose sentence vectors are not cached (none, after a normal
    ingest); ``embedder`` may be None when every vector is cached.
    """
    articles, vectors = load_stored(collection, ids)
    return compare_articles(articles, embedder=embedder, vectors=vectors, **kwargs)


def compare_event(collection: Any, event_id: str, embedder: Any = None, **kwargs: Any) -> Report:
    """The report of one stored event (comparator.eventjob), near-copies of another report in the
    event left out: a re-published wire story is the same source, not a second side."""
    from comparator.eventjob import get_event

    event = get_event(collection.store, event_id)
    articles, vectors = load_stored(collection, event.article_ids)
    ids = {a.id for a in articles}
    keep = [k for k, a in enumerate(articles) if not (a.copy_of and a.copy_of in ids)]
    if len(keep) < 2:
        raise InputError(f"event '{event_id}' has {len(keep)} independent report(s); a comparison needs two")
    return compare_articles(
        [articles[k] for k in keep], embedder=embedder, vectors=[vectors[k] for k in keep], **kwargs
    )


def compare_events(collection: Any, embedder: Any = None, **kwargs: Any) -> Iterator[tuple[Any, Report]]:
    """(event, report) for every stored event with at least two independent reports."""
    from comparator.eventjob import list_events

    for event in list_events(collection.store):
        if event.n_independent >= 2:
            yield event, compare_event(collection, event.id, embedder, **kwargs)


def load_stored(collection: Any, ids: Sequence[str]) -> tuple[list[Article], list[np.ndarray | None]]:
    """Articles by id (NotFoundError naming a missing one) and their cached sentence vectors, None
    where the store does not hold a vector for every sentence under the collection's model."""
    store = collection.store
    model = collection.model
    articles: list[Article] = []
    vectors: list[np.ndarray | None] = []
    for aid in dict.fromkeys(ids):
        sa = store.get_article(aid, with_sentences=True)
        vecs = store.sentence_vectors(model, [sa.rowid])[2] if model is not None else np.zeros((0, 0))
        complete = len(vecs) == len(sa.article.sentences)
        if not complete:
            log.info("article %s: sentence vectors not cached for %s", aid, model)
        articles.append(sa.article)
        vectors.append(np.asarray(vecs, dtype=np.float32) if complete else None)
    return articles, vectors


def _checked(articles: Sequence[Article]) -> list[Article]:
    arts = list(articles)
    if len(arts) < 2:
        raise InputError(f"a comparison needs at least two articles, got {len(arts)}")
    seen: set[str] = set()
    for a in arts:
        if a.id in seen:
            raise InputError(f"article '{a.id}' is given twice")
        seen.add(a.id)
        if not a.sentences:
            raise InputError(f"article '{a.id}' has no sentences (prepare it with comparator.pipeline first)")
        if a.lang not in LANGS:
            raise InputError(f"article '{a.id}' is in {a.lang!r}; comparisons handle {', '.join(LANGS)}")
    return arts


def _vectors(
    arts: list[Article], embedder: Any, vectors: Sequence[np.ndarray | None] | None
) -> list[np.ndarray]:
    given = list(vectors) if vectors is not None else [None] * len(arts)
    if len(given) != len(arts):
        raise InputError(f"{len(given)} vector arrays given for {len(arts)} articles")
    missing = [k for k, v in enumerate(given) if v is None]
    if missing:
        if embedder is None:
            names = ", ".join(arts[k].id for k in missing)
            raise InputError(f"no sentence vectors for {names} and no embedder to compute them")
        texts = [s.text for k in missing for s in arts[k].sentences]
        flat = np.asarray(embedder.encode(texts), dtype=np.float32)
        at = 0
        for k in missing:
            given[k] = flat[at : at + len(arts[k].sentences)]
            at += len(arts[k].sentences)
    out = [np.asarray(v, dtype=np.float32) for v in given]
    for a, v in zip(arts, out, strict=True):
        if v.ndim != 2 or len(v) != len(a.sentences):
            raise InputError(f"article '{a.id}': {v.shape} vectors for {len(a.sentences)} sentences")
    return out


# ------------------------------------------------------------------ context


def sides_of(arts: Sequence[Article]) -> list[str]:
    """Languages are the sides; when every article has the same language each article is a side."""
    langs = [a.lang for a in arts]
    return [a.id for a in arts] if len(set(langs)) == 1 else langs


def build_context(
    arts: list[Article],
    vecs: list[np.ndarray],
    *,
    params: AlignParams | None,
    lexicon: Lexicon,
    checks: bool = True,
) -> Context:
    topics = [[{m.concept for m in lexicon.match_topics(s.text, a.lang)} for s in a.sentences] for a in arts]
    quotes = [_quotes(a) for a in arts]
    ctx = Context(
        articles=arts,
        vectors=vecs,
        sides=sides_of(arts),
        partners=[[{} for _ in a.sentences] for a in arts],
        labels=[[{} for _ in a.sentences] for a in arts],
        topics=topics,
        terms=[lexicon.match(a.text, a.lang) for a in arts],
        quotes=quotes,
        quote_sentence=[[_sentence_at(a, q.start) for q in qs] for a, qs in zip(arts, quotes, strict=True)],
        figures=[article_figures(a, i) for i, a in enumerate(arts)],
        lexicon=lexicon,
        checks=checks,
    )
    _add_aligned_links(ctx, params)
    _rescue_links(ctx)
    if checks:
        figure_links.add_figure_links(ctx, _link)
        figure_links.add_unique_figure_links(ctx, _link)
        add_term_links(ctx, _link)
        drop_claimless_links(ctx)
        link_checks.trim_merged_topics(ctx, _link)
        link_checks.drop_contradicted(ctx)
    ctx.canonical = _link_speaker_keys(ctx)
    return ctx


def _quotes(article: Article) -> list[Quote]:
    try:
        from comparator.quotes import extract_quotes
    except ModuleNotFoundError as exc:  # quote extraction is a separate engine; compare without it
        log.warning("quotes are not compared: %s", exc)
        return []
    return sorted(
        (q for q in extract_quotes(article) if says_something(q, article.lang)), key=lambda q: q.start
    )


def says_something(q: Quote, lang: str) -> bool:
    """Whether a quote's content is more than a bare noun phrase. PolNeAR-style attribution also
    takes the head of a relative clause as content (`a plan` in "Under a plan Seoul announced,
    ..."; `to do` in "Tokyo has declined to do"), which is no remark of the source's and would show
    in a report as Seoul saying "a plan": an English indirect content of one or two words is left
    out of reports (``extract_quotes`` keeps it, as the annotation does). Direct quotes, and
    Japanese and Korean contents (clauses ending in their verb), always count."""
    return q.kind == "direct" or lang != "en" or len(q.text.split()) >= 3


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(published_at: str | None) -> str | None:
    """ "Nov 25" from an ISO 8601 date or time, as the report gives it (no time-zone shift)."""
    if not published_at or len(published_at) < 10 or not published_at[5:7].isdigit():
        return None
    month, day = int(published_at[5:7]), published_at[8:10]
    return f"{_MONTHS[month - 1]} {int(day)}" if 1 <= month <= 12 and day.isdigit() else None


def _sentence_at(article: Article, offset: int) -> int | None:
    for s in article.sentences:
        if s.start <= offset < s.end:
            return s.idx
    return None


def _link(ctx: Context, i: int, ss: list[int], j: int, ts: list[int], label_i: str, label_j: str) -> None:
    for s in ss:
        ctx.partners[i][s].setdefault(j, set()).update(ts)
        ctx.labels[i][s][j] = max(label_i, ctx.labels[i][s].get(j, UNIQUE), key=_RANK.__getitem__)
    for t in ts:
        ctx.partners[j][t].setdefault(i, set()).update(ss)
        ctx.labels[j][t][i] = max(label_j, ctx.labels[j][t].get(i, UNIQUE), key=_RANK.__getitem__)
    ctx.link_pairs.append((i, ss, j, ts, PARTIAL if PARTIAL in (label_i, label_j) else SHARED))


def _add_aligned_links(ctx: Context, params: AlignParams | None) -> None:
    group = align_group(ctx.vectors, params=params)
    for (i, j), al in sorted(group.pairs.items()):
        linked_a: set[int] = set()
        linked_b: set[int] = set()
        for lk in al.links:
            topical = link_checks.topic_trim(ctx, i, lk.a, j, lk.b)
            if topical is None:
                log.debug("veto %s: different topics", link_checks.link_name(ctx, i, lk.a, j, lk.b))
                continue
            la = min((al.labels_a[s] for s in lk.a), key=_RANK.__getitem__)
            lb = min((al.labels_b[t] for t in lk.b), key=_RANK.__getitem__)
            ss, ts = topical
            trimmed = (ss, ts) != (list(lk.a), list(lk.b))
            kept = (
                link_checks.check_link(ctx, i, ss, j, ts, strong=SHARED == la == lb and not trimmed)
                if ctx.checks
                else (ss, ts)
            )
            if kept is None:
                log.debug("veto %s: speakers/figures", link_checks.link_name(ctx, i, lk.a, j, lk.b))
                continue
            ss, ts = kept
            if (ss, ts) != (lk.a, lk.b):  # a merge trimmed of a part: what is left is weaker
                la = lb = PARTIAL
            _link(ctx, i, ss, j, ts, la if la != UNIQUE else PARTIAL, lb if lb != UNIQUE else PARTIAL)
            linked_a.update(ss)
            linked_b.update(ts)
        # "partial" without a link: something close exists on the other side (kept as a label only).
        for s, lab in enumerate(al.labels_a):
            if lab == PARTIAL and s not in linked_a:
                ctx.labels[i][s].setdefault(j, PARTIAL)
        for t, lab in enumerate(al.labels_b):
            if lab == PARTIAL and t not in linked_b:
                ctx.labels[j][t].setdefault(i, PARTIAL)


def _rescue_links(ctx: Context) -> None:
    n = len(ctx.articles)
    for i in range(n):
        for j in range(i + 1, n):
            sim = ctx.vectors[i] @ ctx.vectors[j].T
            if sim.size == 0:
                continue
            best_t, best_s = sim.argmax(axis=1), sim.argmax(axis=0)
            mutual = np.flatnonzero(
                (best_s[best_t] == np.arange(len(best_t))) & (sim.max(axis=1) >= RESCUE_COS)
            )
            for s in mutual.tolist():
                t = int(best_t[s])
                if ctx.partners[i][s].get(j) or ctx.partners[j][t].get(i):
                    continue
                if link_checks.topic_conflict(ctx, i, [s], j, [t]):
                    continue
                if ctx.checks and not link_checks.check_link(ctx, i, [s], j, [t], strong=False):
                    continue
                if _supported(ctx, i, s, j, t):
                    _link(ctx, i, [s], j, [t], PARTIAL, PARTIAL)


def _main_topic(ctx: Context, topics: set[str]) -> str | None:
    """The most specific topic of a sentence: the one fewest sentences of the event name. The event's
    background ("North Korea" in every report of a call about it) does not make two sentences one fact;
    "abductions" does."""
    if not topics:
        return None
    if not ctx.topic_counts:
        ctx.topic_counts.update(t for art in ctx.topics for ts in art for t in ts)
    return min(topics, key=lambda t: (ctx.topic_counts[t], t))


def _supported(ctx: Context, i: int, s: int, j: int, t: int) -> bool:
    """Evidence beyond the vectors that two sentences report the same thing."""
    main_a, main_b = _main_topic(ctx, ctx.topics[i][s]), _main_topic(ctx, ctx.topics[j][t])
    if main_a is not None and main_a == main_b:
        return True
    figs_a = [f for f in ctx.figures[i] if f.sentence == s and f.anchor.kind != "number"]
    figs_b = [f for f in ctx.figures[j] if f.sentence == t and f.anchor.kind != "number"]
    if any(agree(fa.anchor, fb.anchor) for fa in figs_a for fb in figs_b):
        return True
    if main_a is not None and main_b is not None:
        # Different main topics (the abductions vs North Korea's launch): one speaker or one kind of
        # figure in both is no evidence that they are one fact.
        return False
    # One quantity given differently (35 vs 25 minutes): the sentences are each other's nearest
    # neighbour and these figures each other's only counterpart in the two whole articles.
    if pair_figures(figs_a, figs_b, left_article=ctx.figures[i], right_article=ctx.figures[j]):
        return True
    # A speaker quoted in one sentence of each report only: a ministry that speaks three times in
    # a report says three things (METI's "operational review" and its "three cases", QA pass 9).
    return bool(_sole_speakers(ctx, i, s) & _sole_speakers(ctx, j, t))


def _sole_speakers(ctx: Context, i: int, s: int) -> set[str]:
    """Speaker keys quoted in sentence s of article i and in no other sentence of it."""
    where: dict[str, set[int | None]] = {}
    for q, qs in zip(ctx.quotes[i], ctx.quote_sentence[i], strict=True):
        if q.speaker_key:
            where.setdefault(q.speaker_key, set()).add(qs)
    return {k for k, ss in where.items() if ss == {s}}


# ------------------------------------------------------------------ speakers across articles


def _link_speaker_keys(ctx: Context) -> dict[str, str]:
    """Speaker keys linked across articles: by name (speakers.same_speaker) and by quotes in linked
    sentences whose roles are compatible (speakers.link_speakers). Returns key -> canonical key."""
    try:
        from comparator.speakers import link_speakers, roles_compatible
    except ImportError as exc:
        log.warning("speakers are not linked across articles: %s", exc)
        return {}
    pairs = []
    by_name: set[tuple[str, str, str | None, str | None]] = set()
    n = len(ctx.articles)
    for i in range(n):
        for j in range(i + 1, n):
            for qa, sa in zip(ctx.quotes[i], ctx.quote_sentence[i], strict=True):
                for qb, sb in zip(ctx.quotes[j], ctx.quote_sentence[j], strict=True):
                    if not qa.speaker_key or not qb.speaker_key or qa.speaker_key == qb.speaker_key:
                        continue
                    aligned = sa is not None and sb is not None and sb in ctx.partners[i][sa].get(j, ())
                    known = qa.speaker_role is not None and qb.speaker_role is not None
                    if aligned and known and roles_compatible(qa.speaker_role, qb.speaker_role):
                        pairs.append((qa, qb, float(ctx.vectors[i][sa] @ ctx.vectors[j][sb])))
                        continue
                    # Name evidence only: one pair per (key, key, role, role) says all there is.
                    name_key = (qa.speaker_key, qb.speaker_key, qa.speaker_role, qb.speaker_role)
                    if name_key not in by_name:
                        by_name.add(name_key)
                        pairs.append((qa, qb, 0.0))
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        parent.setdefault(k, k)
        while parent[k] != k:
            k = parent[k]
        return k

    for link in link_speakers(pairs):
        ra, rb = find(link.key_a), find(link.key_b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {k: find(k) for k in parent if find(k) != k}
