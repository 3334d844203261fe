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
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from comparator.errors import NotFoundError, OnError, StoreError
from comparator.eventfeatures import Features, bound, load_infos
from comparator.events import (
    ArticleInfo,
    Calibration,
    EventParams,
    candidate_pairs,
    cluster_articles,
    connected_groups,
    estimate_calibration,
    make_event,
)
from comparator.schema import Event
from comparator.store import Store

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int | None], None]  # (stage, advance, total)
SCORE_CHUNK = 128  # query articles per scoring transaction

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
    infos = load_infos(store, since=since, until=until, on_error=on_error, skipped=report.skipped)
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
        members = sorted({p for ij in pairs for p in ij})
        feats.prefetch(sorted(set(members) | set(feats.look_alikes(members))))
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
    lo, hi = bound(since, end=False), bound(until, end=True)
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
