"""Outputs of the events job: ``events.jsonl`` and ``report.html``, each written atomically.

The report is a static, browsable list of events with links to their articles. Jinja2 autoescaping
escapes every article title, outlet and id; only http(s) URLs become links.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from comparator.atomic import write_text
from comparator.schema import Event
from comparator.store import Store


def write_outputs(
    store: Store, events: list[Event], out_dir: Path, *, web_url: str | None = None
) -> dict[str, str]:
    """``events.jsonl`` and ``report.html`` in ``out_dir``, each replaced atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("events.jsonl", "report.html"):
        for stale in out_dir.glob(f".{name}.*.tmp"):  # left by a run killed while writing
            stale.unlink(missing_ok=True)
    lines = "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in events)
    jsonl = out_dir / "events.jsonl"
    write_text(jsonl, lines)
    html_path = out_dir / "report.html"
    write_text(html_path, render_report(store, events, web_url=web_url))
    return {"events": str(jsonl), "report": str(html_path)}


def render_report(
    store: Store,
    events: list[Event],
    *,
    web_url: str | None = None,
    comparisons: dict[str, str] | None = None,
) -> str:
    """The browsable HTML list of events. Jinja2 autoescaping escapes every article text and title;
    only http(s) article URLs become links. ``comparisons`` maps event ids to relative links of their
    comparison reports (comparator.event_reports)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("comparator", "web/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    ids = [aid for e in events for aid in e.article_ids]
    arts = _articles_by_id(store, ids)
    views = [_event_view(e, arts, n) for n, e in enumerate(events)]
    for view in views:
        view["comparison"] = (comparisons or {}).get(view["id"])
    base = web_url.rstrip("/") if web_url and _safe_url(web_url) else None
    return env.get_template("events_report.html").render(
        events=views,
        n_events=len(events),
        n_articles=len(ids),
        n_multi=sum(1 for e in events if e.n_independent > 1),
        generated=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        index=str(store.path.parent),
        web_url=base,
    )


def _articles_by_id(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        q = (
            "SELECT id, lang, outlet, published_at, title, url, copy_of FROM articles"
            f" WHERE id IN ({','.join('?' * len(chunk))})"
        )
        for aid, lang, outlet, published, title, url, copy_of in store.db.execute(q, chunk):
            out[aid] = {
                "id": aid,
                "quoted_id": quote(aid, safe=""),
                "lang": lang,
                "outlet": outlet or "",
                "published": shown_time(published),
                "title": title or aid,
                "url": url if url and _safe_url(url) else None,
                "copy_of": copy_of,
            }
    return out


_ISO = re.compile(r"^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d)(?::\d\d(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d)?$", re.I)


def shown_time(iso: str | None) -> str:
    """'2026-11-26 21:05 UTC+9': the time with the zone its source gave, as the web view shows it,
    so a wire story stamped in UTC does not look nine hours older than a readout in Korean time."""
    m = _ISO.match(iso or "")
    if m is None:
        return (iso or "")[:16].replace("T", " ")
    day, clock, zone = m.groups()
    return f"{day} {clock} {_zone_name(zone)}" if zone else f"{day} {clock}"


def _zone_name(offset: str) -> str:
    if offset.upper() == "Z":
        return "UTC"
    sign, hours, minutes = offset[0], int(offset[1:3]), offset[-2:]
    if hours == 0 and minutes == "00":
        return "UTC"
    return f"UTC{sign}{hours}" + ("" if minutes == "00" else f":{minutes}")


def _safe_url(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in {"http", "https"}


def _event_view(ev: Event, arts: dict[str, dict[str, Any]], n: int) -> dict[str, Any]:
    members = [arts[a] for a in ev.article_ids if a in arts]
    span = (ev.start or "undated")[:10]
    if ev.end and ev.end[:10] != span:
        span += " – " + ev.end[:10]
    return {
        "id": ev.id,
        "quoted_id": quote(ev.id, safe=""),
        "anchor": f"e{n}",
        # The page is in English: an English title heads the event when there is one.
        "headline": ev.titles.get("en") or next(iter(ev.titles.values()), ev.id),
        "date": (ev.start or "undated")[:10],
        "span": span,
        "langs": ev.langs,
        "titles": sorted(ev.titles.items()),
        "cohesion": ev.cohesion,
        "n_independent": ev.n_independent,
        "articles": members,
    }
