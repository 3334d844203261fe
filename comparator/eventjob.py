"""The events batch job: group the articles of an index into events, incrementally and resumably.

State lives in the index's own SQLite store, in tables this module creates:

- ``event_scored``: articles whose candidate pairs are scored, and ``event_pairs`` those scores.
  Scoring is the expensive step; it is committed in chunks (pairs and markers in one
  transaction), so a killed run resumes where it stopped.
- ``events`` and ``event_members``: the events. One transaction writes all events of a run; an
  article belongs to at most one event (primary key), so nothing is half-written or duplicated.
- ``event_meta``: the parameters the events were found with.

A run takes the in-scope articles that belong to no event yet ("pending"), scores their candidate
pairs, clusters them together with the stored events they touch (a stored event can take new
articles but keeps its id and never merges with another), and writes the outcome. Then it writes
``OUT/events.jsonl`` and ``OUT/report.html`` from the tables (temp file + rename), so a run killed
after the commit rewrites them next time.
"""

from __future__ import annotations

import json
import logging
import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from comparator.errors import InputError, NotFoundError, StoreError
from comparator.events import (
    DAY,
    ArticleDetail,
    ArticleInfo,
    Calibration,
    EventParams,
    candidate_pairs,
    cluster_articles,
    connected_groups,
    estimate_calibration,
    make_event,
    parse_time,
    score_pair,
)
from comparator.eventscore import Reference, article_backgrounds, build_reference, sentence_neighbours
from comparator.schema import Event
from comparator.store import Store, text_hash

log = logging.getLogger(__name__)

OnError = Literal["raise", "skip"]
Progress = Callable[[str, int, int | None], None]  # (stage, advance, total)
SCORE_CHUNK = 128  # query articles per scoring transaction
LEAD_SENTENCES = 2
DETAIL_CACHE = 4096  # articles whose sentence-level details stay in memory

_SCHEMA = """
CREATE TABLE IF NOT EXISTS event_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS event_scored (article_rowid INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS event_pairs (
    a INTEGER NOT NULL, b INTEGER NOT NULL, score REAL NOT NULL, evidence TEXT NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    start_ts REAL,
    end_ts REAL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_start ON events(start_ts);
CREATE TABLE IF NOT EXISTS event_members (
    article_rowid INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id)
);
CREATE INDEX IF NOT EXISTS event_members_event ON event_members(event_id);
"""


@dataclass
class JobReport:
    """What a run did, for the summary line and ``--json``."""

    in_scope: int = 0
    pending: int = 0
    scored: int = 0  # articles whose candidates were scored in this run
    pairs: int = 0  # candidate pairs scored in this run
    new_events: int = 0
    grown_events: int = 0  # stored events that took new articles
    events: int = 0  # events written to events.jsonl
    multi_source: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (article id, reason)
    outputs: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["skipped"] = [{"id": a, "reason": r} for a, r in self.skipped]
        return d


def ensure_tables(store: Store) -> None:
    with store.transaction():
        for stmt in _SCHEMA.strip().split(";"):
            if stmt.strip():
                store.db.execute(stmt)


def _has_tables(store: Store) -> bool:
    row = store.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='events'").fetchone()
    return row is not None


# --------------------------------------------------------------------------- article features


class Features:
    """Article infos of the scope plus lazily loaded sentence-level details (sentence vectors,
    their neighbourhood backgrounds, anchors), kept for the most recently used articles."""

    def __init__(self, store: Store, infos: list[ArticleInfo], params: EventParams) -> None:
        self.store = store
        self.model = store.get_meta("model") or ""
        self.infos = infos
        self.params = params
        self.calibration = Calibration()
        self._refs: OrderedDict[int | None, Reference] = OrderedDict()
        self._blocks: list[int | None] = []
        self.pos = {a.rowid: i for i, a in enumerate(infos)}
        self._details: OrderedDict[int, ArticleDetail] = OrderedDict()
        self._anchors: dict[int, list[Any]] = {}

    def load_sentences(self, positions: Sequence[int]) -> list[np.ndarray]:
        """Sentence vectors of these articles, read in chunks (not cached)."""
        out: list[np.ndarray] = []
        for c in range(0, len(positions), 500):
            rowids = [self.infos[p].rowid for p in positions[c : c + 500]]
            _, owners, vecs = self.store.sentence_vectors(self.model, rowids)
            dim = vecs.shape[1] if vecs.ndim == 2 and vecs.shape[1] else len(self.infos[0].vec)
            # Rows come ordered by article: slice each article's run instead of masking per article.
            starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]]) if len(owners) else []
            runs = {int(owners[a]): (a, b) for a, b in zip(starts, [*starts[1:], len(owners)], strict=True)}
            empty = np.zeros((0, dim), np.float32)
            out.extend(vecs[runs[r][0] : runs[r][1]] if r in runs else empty for r in rowids)
        return out

    def _block(self, p: int) -> int | None:
        t = self.infos[p].time
        return None if t is None else math.floor(t / (self.params.window_days * DAY))

    def reference_for(self, block: int | None) -> Reference:
        """The neighbourhood of articles in time block ``block``: the articles of that block and
        the two beside it (so within about a window), undated ones included; all for undated."""
        if block not in self._refs:
            near = None if block is None else {block - 1, block, block + 1}
            pool = [
                p
                for p in range(len(self.infos))
                if near is None or self._blocks[p] in near or self._blocks[p] is None
            ]
            self._refs[block] = build_reference(
                [self.infos[p] for p in pool], lambda ps: self.load_sentences([pool[i] for i in ps])
            )
            while len(self._refs) > 4:
                self._refs.popitem(last=False)
        self._refs.move_to_end(block)
        return self._refs[block]

    def _by_block(self, positions: Sequence[int]) -> dict[int | None, list[int]]:
        groups: dict[int | None, list[int]] = {}
        for p in positions:
            groups.setdefault(self._blocks[p], []).append(p)
        return dict(sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))

    def prepare(self) -> None:
        """Measure the neighbourhood every article's cosines are read against: the articles
        published around the same time, so yesterday's look-alike does not count against today's."""
        self._blocks = [self._block(p) for p in range(len(self.infos))]
        for block, members in self._by_block(range(len(self.infos))).items():
            article_backgrounds(
                [self.infos[p] for p in members], self.reference_for(block), self.params.k_doc
            )

    def prefetch(self, positions: Sequence[int]) -> None:
        """Load the details of these articles in a few queries."""
        todo = [p for p in sorted(set(positions)) if self.infos[p].rowid not in self._details]
        if not todo:
            return
        texts = self.store.get_articles_by_rowid(
            [self.infos[p].rowid for p in todo if self.infos[p].rowid not in self._anchors]
        )
        for block, members in self._by_block(todo).items():
            sents = self.load_sentences(members)
            families = [self.infos[p].family for p in members]
            neighbours = sentence_neighbours(families, sents, self.reference_for(block), self.params.k_sent)
            for p, sv, nb in zip(members, sents, neighbours, strict=True):
                rowid = self.infos[p].rowid
                if rowid not in self._anchors:  # small, kept for the whole run (details are evicted)
                    art = texts[rowid].article
                    self._anchors[rowid] = _anchors_of(art.text, art.lang)
                self._details[rowid] = ArticleDetail(sv, nb, self._anchors[rowid])
        while len(self._details) > max(DETAIL_CACHE, len(todo)):
            self._details.popitem(last=False)

    def detail(self, p: int) -> ArticleDetail:
        rowid = self.infos[p].rowid
        if rowid not in self._details:
            self.prefetch([p])
        self._details.move_to_end(rowid)
        return self._details[rowid]

    def score(self, i: int, j: int) -> tuple[float, dict[str, float]]:
        a, b = self.infos[i], self.infos[j]
        ev = score_pair(a, b, self.detail(i), self.detail(j), self.params, self.calibration)
        return ev.score, ev.to_dict()


def _anchors_of(text: str, lang: str) -> list[Any]:
    from comparator.anchors import extract_anchors
    from comparator.errors import UnsupportedLanguageError

    try:
        return extract_anchors(text, lang)
    except UnsupportedLanguageError:
        return []  # other languages: no anchors, the cosines and sentences still count


def load_infos(
    store: Store, *, since: str | None, until: str | None, on_error: OnError, report: JobReport
) -> list[ArticleInfo]:
    """Every article in scope with its article vector and title+lead vector."""
    model = store.get_meta("model") or ""
    lo, hi = _bound(since, end=False), _bound(until, end=True)
    rows = store.db.execute(
        "SELECT rowid, id, lang, outlet, published_at, copy_of, title, vector FROM articles ORDER BY rowid"
    ).fetchall()
    infos: list[ArticleInfo] = []
    for i in range(0, len(rows), 500):
        chunk = rows[i : i + 500]
        in_scope = []
        for row in chunk:
            t = parse_time(row[4])
            if (lo is not None or hi is not None) and (
                t is None or (lo is not None and t < lo) or (hi is not None and t > hi)
            ):
                continue
            in_scope.append((row, t))
        infos.extend(_infos_of_chunk(store, model, in_scope, on_error, report))
    _assign_families(infos)
    return infos


def _assign_families(infos: list[ArticleInfo]) -> None:
    """Near-copies of one story share a family: the rowid of its first article in scope."""
    first: dict[str, int] = {}
    for a in infos:  # in rowid order: an original comes before its copies
        root = a.copy_of or a.id
        a.family = first.setdefault(root, a.rowid)


def _infos_of_chunk(
    store: Store, model: str, rows: list[tuple[Any, float | None]], on_error: OnError, report: JobReport
) -> list[ArticleInfo]:
    if not rows:
        return []
    rowids = [r[0][0] for r in rows]
    _, owners, svecs = store.sentence_vectors(model, rowids)
    titles = store.cached_vectors(model, [text_hash(r[0][6]) for r in rows if r[0][6]])
    first_sentence = _first_sentences(store, rowids)
    out = []
    for (rowid, aid, lang, outlet, published, copy_of, title, blob), t in rows:
        sv = svecs[owners == rowid] if len(owners) else np.zeros((0, 0), np.float32)
        if len(sv) == 0:
            err = InputError(f"no sentence vectors for model '{model}'; re-ingest it", source=aid)
            if on_error == "raise":
                raise err
            report.skipped.append((aid, err.reason))
            continue
        lead = _unit(sv[:LEAD_SENTENCES].mean(axis=0))
        tv = titles.get(text_hash(title)) if title else None
        if tv is not None:
            lead = _unit(lead + _unit(tv))
        vec = np.frombuffer(blob, dtype=np.float32)
        headline = title or first_sentence.get(rowid, "")[:160]
        out.append(ArticleInfo(rowid, aid, lang, vec, lead, t, published, outlet, copy_of, headline))
    return out


def _first_sentences(store: Store, rowids: list[int]) -> dict[int, str]:
    q = (
        "SELECT a.rowid, substr(a.text, s.start + 1, s.end - s.start) FROM articles a JOIN sentences s"
        f" ON s.article_rowid = a.rowid AND s.idx = 0 WHERE a.rowid IN ({','.join('?' * len(rowids))})"
    )
    return {int(r): str(t) for r, t in store.db.execute(q, rowids)}


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / (np.linalg.norm(v) or 1.0)).astype(np.float32)


def _bound(value: str | None, *, end: bool) -> float | None:
    """An ISO date or datetime as seconds; a bare date as the end of that day when ``end``."""
    if value is None or not value.strip():
        return None
    t = parse_time(value)
    if t is None:
        raise InputError(
            f"not an ISO 8601 date or datetime: {value!r}", source="--until" if end else "--since"
        )
    if end and len(value.strip()) <= 10:
        t += DAY - 1e-3
    return t


# --------------------------------------------------------------------------- the job


def run_job(
    store: Store,
    *,
    out_dir: Path | None = None,
    since: str | None = None,
    until: str | None = None,
    params: EventParams | None = None,
    on_error: OnError = "skip",
    rebuild: bool = False,
    progress: Progress | None = None,
    web_url: str | None = None,
) -> JobReport:
    """Find events for the articles in scope that have none yet, store them, write the outputs."""
    params = params or EventParams()
    ensure_tables(store)
    _check_params(store, params, rebuild)
    report = JobReport()
    infos = load_infos(store, since=since, until=until, on_error=on_error, report=report)
    report.in_scope = len(infos)
    feats = Features(store, infos, params)
    feats.calibration = _calibration(store, feats)
    feats.prepare()
    member_of = _memberships(store)
    pending = [i for i, a in enumerate(infos) if a.rowid not in member_of]
    report.pending = len(pending)
    _score_pending(store, feats, pending, report, progress)
    clusters, fixed_ids = _cluster_pending(store, feats, pending, member_of, progress)
    _write_events(store, feats, clusters, fixed_ids, report)
    if out_dir is not None:
        from comparator.eventreport import write_outputs

        events = list_events(store, since=since, until=until)
        report.events = len(events)
        report.multi_source = sum(1 for e in events if e.n_independent > 1)
        report.outputs = write_outputs(store, events, Path(out_dir), web_url=web_url)
    return report


def _check_params(store: Store, params: EventParams, rebuild: bool) -> None:
    wanted = json.dumps(asdict(params), sort_keys=True)
    stored = store.db.execute("SELECT value FROM event_meta WHERE key='params'").fetchone()
    if rebuild or stored is None or stored[0] != wanted:
        if stored is not None and stored[0] != wanted and not rebuild:
            raise StoreError(
                f"the events in {store.path.parent} were found with other parameters; "
                "re-run with --rebuild to find them again with these"
            )
        with store.transaction():
            for table in ("event_members", "events", "event_pairs", "event_scored"):
                store.db.execute(f"DELETE FROM {table}")
            store.db.execute("DELETE FROM event_meta WHERE key='calibration'")
            store.db.execute("INSERT OR REPLACE INTO event_meta VALUES ('params', ?)", (wanted,))


def _calibration(store: Store, feats: Features) -> Calibration:
    """The stored cosine background, measured again once the scope has doubled since."""
    row = store.db.execute("SELECT value FROM event_meta WHERE key='calibration'").fetchone()
    if row is not None:
        cal = Calibration.from_dict(json.loads(row[0]))
        if len(feats.infos) < 2 * max(cal.n_articles, 1):
            return cal
    cal = estimate_calibration(feats.infos, feats.load_sentences)
    log.info("cosine background measured on %d articles: %s", len(feats.infos), cal.stats)
    with store.transaction():
        store.db.execute(
            "INSERT OR REPLACE INTO event_meta VALUES ('calibration', ?)", (json.dumps(cal.to_dict()),)
        )
    return cal


def _memberships(store: Store) -> dict[int, str]:
    return {int(r): str(e) for r, e in store.db.execute("SELECT article_rowid, event_id FROM event_members")}


def _score_pending(
    store: Store, feats: Features, pending: list[int], report: JobReport, progress: Progress | None
) -> None:
    """Score the candidate pairs of every pending article not scored yet, a chunk per transaction."""
    done = {int(r) for (r,) in store.db.execute("SELECT article_rowid FROM event_scored")}
    todo = [p for p in pending if feats.infos[p].rowid not in done]
    todo.sort(key=lambda p: (feats.infos[p].time is None, feats.infos[p].time or 0.0, p))
    if progress:
        progress("score", 0, len(todo))
    for c in range(0, len(todo), SCORE_CHUNK):
        chunk = todo[c : c + SCORE_CHUNK]
        pairs = candidate_pairs(feats.infos, chunk, feats.params)
        feats.prefetch(sorted({p for ij in pairs for p in ij}))
        rows = []
        for i, j in sorted(pairs):
            s, ev = feats.score(i, j)
            a, b = sorted((feats.infos[i].rowid, feats.infos[j].rowid))
            rows.append((a, b, s, json.dumps(ev)))
        with store.transaction():
            store.db.executemany("INSERT OR REPLACE INTO event_pairs VALUES (?,?,?,?)", rows)
            store.db.executemany(
                "INSERT OR IGNORE INTO event_scored VALUES (?)", [(feats.infos[p].rowid,) for p in chunk]
            )
        report.scored += len(chunk)
        report.pairs += len(rows)
        if progress:
            progress("score", len(chunk), None)


def _stored_pairs(store: Store, rowids: Sequence[int]) -> dict[tuple[int, int], float]:
    out: dict[tuple[int, int], float] = {}
    for i in range(0, len(rowids), 400):
        chunk = list(rowids[i : i + 400])
        marks = ",".join("?" * len(chunk))
        q = f"SELECT a, b, score FROM event_pairs WHERE a IN ({marks}) OR b IN ({marks})"
        for a, b, s in store.db.execute(q, chunk + chunk):
            out[(int(a), int(b))] = float(s)
    return out


def _cluster_pending(
    store: Store,
    feats: Features,
    pending: list[int],
    member_of: dict[int, str],
    progress: Progress | None,
) -> tuple[list[tuple[list[int], float, str | None]], list[str]]:
    """Clusters (positions, cohesion, id of the stored event it grew from) over pending articles."""
    if not pending:
        return [], []
    infos, params = feats.infos, feats.params
    stored = _stored_pairs(store, [infos[p].rowid for p in pending])
    pos = feats.pos
    # Stored events joined to a pending article by a pair good enough to matter take part whole.
    touched: dict[str, list[int]] = {}
    for (a, b), s in stored.items():
        if s < params.floor:
            continue
        for r in (a, b):
            if r in member_of and r in pos:
                touched.setdefault(member_of[r], [])
    if touched:
        marks = ",".join("?" * len(touched))
        for rowid, eid in store.db.execute(
            f"SELECT article_rowid, event_id FROM event_members WHERE event_id IN ({marks})", list(touched)
        ):
            if rowid in pos:
                touched[eid].append(pos[rowid])
    fixed_ids = sorted(touched)
    nodes = sorted(set(pending) | {p for eid in fixed_ids for p in touched[eid]})
    local = {p: n for n, p in enumerate(nodes)}
    by_rowid = {infos[p].rowid: p for p in nodes}
    cands = {}
    for (a, b), s in stored.items():
        if s >= params.floor and a in by_rowid and b in by_rowid:
            i, j = sorted((local[by_rowid[a]], local[by_rowid[b]]))
            cands[(i, j)] = s

    def score(i: int, j: int) -> float:
        ra, rb = sorted((infos[nodes[i]].rowid, infos[nodes[j]].rowid))
        if (ra, rb) in stored:
            return stored[(ra, rb)]
        return feats.score(nodes[i], nodes[j])[0]

    fixed = [[local[p] for p in touched[eid]] for eid in fixed_ids]
    seed_of = {m: g for g, members in enumerate(fixed) for m in members}
    comps = connected_groups(len(nodes), cands, fixed)
    comp_of = {m: c for c, comp in enumerate(comps) for m in comp}
    cands_of: dict[int, dict[tuple[int, int], float]] = {}
    for (i, j), sc in cands.items():
        cands_of.setdefault(comp_of[i], {})[(i, j)] = sc
    comps.sort(
        key=lambda c: (
            min((t for t in (infos[nodes[m]].time for m in c) if t is not None), default=0.0),
            c[0],
        )
    )
    if progress:
        progress("cluster", 0, len(comps))
    out: list[tuple[list[int], float, str | None]] = []
    # Clustering one connected group at a time, in time order, gives the same result as one
    # global pass (groups only merge along candidate pairs) and keeps the articles whose pairs
    # are scored on demand close in time, so their details are loaded in batches and reused.
    for start in range(0, len(comps), 64):
        batch = comps[start : start + 64]
        feats.prefetch([nodes[m] for c in batch for m in c if len(c) > 1])
        for comp in batch:
            group_cands = cands_of.get(comp_of[comp[0]], {})
            out.extend(
                _cluster_group(comp, nodes, infos, group_cands, score, params, fixed, seed_of, fixed_ids)
            )
        if progress:
            progress("cluster", len(batch), None)
    return out, fixed_ids


def _cluster_group(
    comp: list[int],
    nodes: list[int],
    infos: list[ArticleInfo],
    cands: dict[tuple[int, int], float],
    score: Callable[[int, int], float],
    params: EventParams,
    fixed: list[list[int]],
    seed_of: dict[int, int],
    fixed_ids: list[str],
) -> list[tuple[list[int], float, str | None]]:
    if len(comp) == 1:
        seed = seed_of.get(comp[0])
        return [([nodes[comp[0]]], 1.0, fixed_ids[seed] if seed is not None else None)]
    sub = {m: n for n, m in enumerate(comp)}
    sub_cands = {(sub[i], sub[j]): s for (i, j), s in cands.items()}
    seeds = sorted({seed_of[m] for m in comp if m in seed_of})
    clusters = cluster_articles(
        [infos[nodes[m]].time for m in comp],
        sub_cands,
        lambda i, j: score(comp[i], comp[j]),
        params,
        fixed=[[sub[m] for m in fixed[g]] for g in seeds],
    )
    return [
        (
            [nodes[comp[m]] for m in c.members],
            c.cohesion,
            fixed_ids[seeds[c.seed]] if c.seed is not None else None,
        )
        for c in clusters
    ]


def _write_events(
    store: Store,
    feats: Features,
    clusters: list[tuple[list[int], float, str | None]],
    fixed_ids: list[str],
    report: JobReport,
) -> None:
    """All events of the run in one transaction."""
    infos = feats.infos
    rows: list[tuple[str, float | None, float | None, str]] = []
    members: list[tuple[int, str]] = []
    existing = {str(r) for (r,) in store.db.execute("SELECT id FROM events")}
    for positions, cohesion, seed in clusters:
        arts = [infos[p] for p in positions]
        if seed is not None:
            old = get_event(store, seed)
            known = set(old.article_ids)
            grew = [a for a in arts if a.id not in known]
            if not grew:
                continue
            ev = make_event(arts, cohesion, event_id_=seed)
            report.grown_events += 1
        else:
            ev = make_event(arts, cohesion)
            if ev.id in existing:
                raise StoreError(f"event id {ev.id} is already stored; the events tables are inconsistent")
            report.new_events += 1
            grew = arts
        existing.add(ev.id)
        ts = [a.time for a in arts if a.time is not None]
        rows.append((ev.id, min(ts, default=None), max(ts, default=None), json.dumps(ev.to_dict())))
        members.extend((a.rowid, ev.id) for a in grew)
    with store.transaction():
        store.db.executemany("INSERT OR REPLACE INTO events VALUES (?,?,?,?)", rows)
        store.db.executemany("INSERT INTO event_members VALUES (?,?)", members)


# --------------------------------------------------------------------------- reading events


def list_events(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    lang: str | None = None,
    outlet: str | None = None,
) -> list[Event]:
    """Stored events, newest first: those ending on or after ``since`` and starting on or before
    ``until`` (undated events only when neither is given), with a report in ``lang`` / from ``outlet``."""
    if not _has_tables(store):
        return []
    lo, hi = _bound(since, end=False), _bound(until, end=True)
    q = "SELECT data FROM events"
    cond, args = [], []
    if lo is not None:
        cond.append("end_ts >= ?")
        args.append(lo)
    if hi is not None:
        cond.append("start_ts <= ?")
        args.append(hi)
    if cond:
        q += " WHERE " + " AND ".join(cond)
    q += " ORDER BY start_ts IS NULL, start_ts DESC, id"
    out = []
    for (data,) in store.db.execute(q, args):
        ev = Event.from_dict(json.loads(data))
        if lang and lang not in ev.langs:
            continue
        if outlet and outlet.casefold() not in {o.casefold() for o in ev.outlets}:
            continue
        out.append(ev)
    return out


def get_event(store: Store, event_id: str) -> Event:
    if not _has_tables(store):
        raise NotFoundError(f"no event '{event_id}' in {store.path.parent}: run 'comparator align' first")
    row = store.db.execute("SELECT data FROM events WHERE id=?", (event_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no event with id '{event_id}' in {store.path.parent}")
    return Event.from_dict(json.loads(row[0]))


__all__ = ["JobReport", "ensure_tables", "get_event", "list_events", "run_job"]
