"""Scraped page text: drop boilerplate lines, split appended related stories into their own articles.

A scraped page is what a user gets by copying a news page as text: the main story, then site furniture
("Comments", "Related Articles", share buttons, an AI-feature teaser) and the teasers or full texts of
related stories, each under a relative time ("27 minutes ago", "3시간 전", "35分前") and usually an
outlet name. The rules are data (the tables below) so new sites and languages are one line each.

How a page is read (every rule works on whole lines, stripped and NFKC-normalized for matching):

- A line fully matching a NOISE rule (share/navigation/ads) is dropped wherever it stands.
- A line fully matching an END rule ("Comments", "Related Articles", "関連記事", "관련 기사", ...)
  ends the current story; what follows it, up to the next story header, is page furniture (hashtag
  values, comment threads) and is dropped.
- A story header is a relative-time line, optionally with the outlet on the same line
  ("Japan Today · 27 minutes ago"). Its outlet is taken from that line, else from a following
  "- Outlet" line, else from a short standalone line just above it. A story may have no outlet line;
  its outlet is then the publisher named in its credit tail, if any, else None.
- A relative time among the first lines of the main story (under its title) is the main story's own.
- The first text line of a story is its title when it looks like a headline (:func:`looks_like_headline`).
- Credit tails at the very end of a story ("© KYODO", "END [Copyright The Jiji Press, Ltd.] Jiji Press",
  "<저작권자 © 연합뉴스, 무단 전재-재배포 금지>") are removed: they are not reporting, and left in they
  become one-line "sentences" that later steps would count as content one outlet has and others lack.
  Inline attributions such as "(Jiji Press)--" or "(서울=연합뉴스)" are part of the text and stay.

Relative times resolve to ``published_at = crawl_time - age`` (ISO 8601) when a crawl time is given;
without one, ``published_at`` is None and the relative time is not kept. Months count as 30 days and
years as 365.

Detection (:func:`is_scraped_page`) needs two independent signals, so that a plain article with one
stray "Share" line or one "3 hours ago" line passes through unchanged: a boilerplate line plus a
relative-time line, or two different boilerplate rules, or two relative-time lines.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from comparator.errors import InputError
from comparator.ingest.boilerplate import (
    BOILERPLATE_RULES,
    CREDIT_TAIL_RULES,
    END,
    NOISE,
    LineRule,
    boilerplate_rule,
    is_in_article_boilerplate,
    normalize_line,
    strip_credit,
)
from comparator.schema import RawDocument

logger = logging.getLogger(__name__)

# The rule tables live in comparator.ingest.boilerplate (shared with HTML pages); re-exported here.
__all__ = [
    "BOILERPLATE_RULES",
    "CREDIT_TAIL_RULES",
    "END",
    "NOISE",
    "LineRule",
    "is_scraped_page",
    "looks_like_headline",
    "parse_relative_time",
    "split_scraped_page",
]


@dataclass(frozen=True)
class TimeRule:
    """A relative time. With ``seconds`` None, group 1 is a count and group 2 a key of UNIT_SECONDS."""

    lang: str
    pattern: str
    seconds: int | None = None


_MIN, _HOUR, _DAY = 60, 3600, 86400
UNIT_SECONDS: dict[str, int] = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "초", "秒"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "분", "分"), _MIN),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "시간", "時間"), _HOUR),
    **dict.fromkeys(("d", "day", "days", "일", "日"), _DAY),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks", "주", "週", "週間"), 7 * _DAY),
    **dict.fromkeys(("mo", "month", "months", "개월", "달", "か月", "ヶ月", "カ月", "ケ月"), 30 * _DAY),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years", "년", "年"), 365 * _DAY),
}
_EN_UNITS = r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mo|years?|yrs?|[smhdwy]"

TIME_RULES: tuple[TimeRule, ...] = (
    TimeRule("en", rf"(\d+|an?|one)\s*({_EN_UNITS})\s+ago"),
    TimeRule("en", r"just now|moments? ago", 0),
    TimeRule("en", r"yesterday", _DAY),
    TimeRule("ko", r"(\d+)\s*(초|분|시간|일|주|개월|달|년)\s*전"),
    TimeRule("ko", r"방금(?:\s*전)?", 0),
    TimeRule("ko", r"어제", _DAY),
    TimeRule("ja", r"(\d+)\s*(秒|分|時間|日|週間|週|か月|ヶ月|カ月|ケ月|年)前"),
    TimeRule("ja", r"たった今", 0),
    TimeRule("ja", r"昨日", _DAY),
)

_LEAD_WORDS = r"(?:(?:updated|posted|published|입력|수정|更新|配信)\s*:?\s*)?"
_TIME_ALT = "|".join(f"(?:{r.pattern})" for r in TIME_RULES)
# "27 minutes ago", "Japan Today · 27 minutes ago", "3시간 전 | 연합뉴스"
_HEADER = re.compile(
    rf"(?:(?P<pre>[^·•|]{{1,40}}?)\s*(?:[·•|/]|\s[-–—])\s*)?{_LEAD_WORDS}(?P<time>{_TIME_ALT})"
    rf"(?:\s*(?:[·•|/]|[-–—]\s)\s*(?P<post>.{{1,40}}))?",
    re.IGNORECASE,
)
_DASH_OUTLET = re.compile(r"[-–—]\s*(\S.{0,39})")
_TIME_RES = tuple((re.compile(r.pattern, re.IGNORECASE), r) for r in TIME_RULES)

HEADLINE_MAX_CHARS = 150
_NOT_HEADLINE_END = (".", "。", "．", ",", "、", ";", ":", "：")
_OUTLET_MAX_CHARS = 40
_OUTLET_MAX_WORDS = 5
_SENTENCE_END = (".", "!", "?", "。", "！", "？", '"', "”", "」", "』", ")", "）")
_MAIN_BYLINE_WITHIN = 3  # a relative time among the main story's first lines is its own


def looks_like_headline(line: str) -> bool:
    """A title line: non-empty, at most 150 characters, and not ending like a sentence or a clause
    (final period, comma or colon in Latin or CJK form). Headlines ending in ? or ! count."""
    s = line.strip()
    return 0 < len(s) <= HEADLINE_MAX_CHARS and not s.endswith(_NOT_HEADLINE_END)


@dataclass
class _Line:
    no: int  # 1-based line number in the page
    text: str  # stripped, as written
    kind: str  # "blank" | END | NOISE | "time" | "text"
    rule: int | None = None  # index into BOILERPLATE_RULES
    header: re.Match[str] | None = None


@dataclass
class _Story:
    begin: int  # index of the first line that belongs to it (its outlet line, if any)
    content: int  # index of the first line after its header
    outlet: str | None = None
    age: timedelta | None = None
    header_no: int | None = None


def _classify(text: str) -> list[_Line]:
    out: list[_Line] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        shown = raw.strip()
        norm = normalize_line(shown)
        if not norm:
            out.append(_Line(no, shown, "blank"))
            continue
        rule = boilerplate_rule(norm)
        if rule is not None:
            out.append(_Line(no, shown, BOILERPLATE_RULES[rule].kind, rule=rule))
            continue
        m = _HEADER.fullmatch(norm)
        if m is None and is_in_article_boilerplate(norm):
            # bylines, e-mail lines, labelled links: dropped, but not a sign of a scraped page
            out.append(_Line(no, shown, NOISE))
            continue
        out.append(_Line(no, shown, "time" if m else "text", header=m))
    return out


def is_scraped_page(text: str) -> bool:
    """True when the text carries two independent signs of a scraped page (see the module doc)."""
    lines = _classify(text)
    rules = {ln.rule for ln in lines if ln.rule is not None}
    times = sum(ln.kind == "time" for ln in lines)
    return (len(rules) >= 1 and times >= 1) or len(rules) >= 2 or times >= 2


def parse_relative_time(phrase: str) -> timedelta | None:
    """The age a relative-time phrase states ("27 minutes ago", "3시간 전", "35分前"), else None."""
    norm = unicodedata.normalize("NFKC", phrase.strip())
    for rx, rule in _TIME_RES:
        m = rx.fullmatch(norm)
        if not m:
            continue
        if rule.seconds is not None:
            return timedelta(seconds=rule.seconds)
        count = m.group(1).lower()
        n = 1 if count in ("a", "an", "one") else int(count)
        return timedelta(seconds=n * UNIT_SECONDS[m.group(2).lower()])
    return None


def _outlet_like(s: str) -> bool:
    return (
        0 < len(s) <= _OUTLET_MAX_CHARS
        and len(s.split()) <= _OUTLET_MAX_WORDS
        and not s.endswith(_SENTENCE_END)
    )


def _prev_nonblank(lines: list[_Line], i: int, floor: int) -> int | None:
    j = i - 1
    while j >= floor and lines[j].kind == "blank":
        j -= 1
    return j if j >= floor else None


def _next_nonblank(lines: list[_Line], i: int) -> int | None:
    j = i + 1
    while j < len(lines) and lines[j].kind == "blank":
        j += 1
    return j if j < len(lines) else None


def _header_story(lines: list[_Line], t: int, floor: int) -> _Story:
    """The story whose relative-time line is ``lines[t]``; ``floor`` is where the previous one's text starts."""
    m = lines[t].header
    assert m is not None
    outlet = (m.group("pre") or m.group("post") or "").strip() or None
    story = _Story(begin=t, content=t + 1, age=parse_relative_time(m.group("time")), header_no=lines[t].no)
    d = _next_nonblank(lines, t)
    dash = _DASH_OUTLET.fullmatch(lines[d].text) if d is not None and lines[d].kind == "text" else None
    if dash and d is not None:
        outlet = outlet or dash.group(1).strip()
        story.content = d + 1
    p = _prev_nonblank(lines, t, floor)
    if p is not None and lines[p].kind == "text" and _outlet_like(lines[p].text):
        same = outlet is not None and lines[p].text.casefold() == outlet.casefold()
        standalone = p == 0 or lines[p - 1].kind in ("blank", END, NOISE)
        if same or (outlet is None and standalone):
            outlet = outlet or lines[p].text
            story.begin = p
    story.outlet = outlet
    return story


def _main_byline(lines: list[_Line]) -> int | None:
    """Index of a relative-time line that dates the main story (just under its title), if any."""
    seen_text = 0
    for i, ln in enumerate(lines):
        if ln.kind == END:
            return None
        if ln.kind == "time":
            # "- Outlet" under the time is the related-story layout: a page that starts with a story list
            d = _next_nonblank(lines, i)
            if d is not None and _DASH_OUTLET.fullmatch(lines[d].text):
                return None
            return i if seen_text <= _MAIN_BYLINE_WITHIN - 1 else None
        if ln.kind == "text":
            seen_text += 1
            if seen_text >= _MAIN_BYLINE_WITHIN:
                return None
    return None


def _find_stories(lines: list[_Line]) -> list[_Story]:
    """The main story (first) and one per related-story header, in page order."""
    byline = _main_byline(lines)
    main = _Story(begin=0, content=0)
    if byline is not None:
        m = lines[byline].header
        assert m is not None
        main.age = parse_relative_time(m.group("time"))
        main.outlet = (m.group("pre") or m.group("post") or "").strip() or None
        lines[byline].kind = NOISE  # consumed: not part of the text
        # "Title / Outlet / 2 hours ago": the line between title and time is the outlet.
        texts = [i for i in range(byline) if lines[i].kind == "text"]
        if main.outlet is None and len(texts) == 2 and _outlet_like(lines[texts[1]].text):
            main.outlet = lines[texts[1]].text
            lines[texts[1]].kind = NOISE
    stories = [main]
    for t, ln in enumerate(lines):
        if ln.kind == "time":
            stories.append(_header_story(lines, t, floor=stories[-1].content))
    return stories


def _story_document(
    lines: list[_Line], story: _Story, stop: int, *, source: str, crawl_time: datetime | None
) -> RawDocument | InputError:
    body: list[str] = []
    for ln in lines[story.content : stop]:
        if ln.kind == END:
            break  # the rest, up to the next header, is page furniture
        if ln.kind == "text":
            body.append(ln.text)
    where = source if story.header_no is None else f"{source}:{story.header_no}"
    # In a page, a headline-like first line is a title even alone: a headline-only teaser has no text.
    title = body.pop(0) if body and looks_like_headline(body[0]) else ""
    credit = None
    if body:
        body[-1], credit = strip_credit(body[-1])
        if not body[-1]:
            body.pop()
    if not body:
        what = "main story" if story.header_no is None else f"related story {title!r}"
        return InputError(f"{what} of the scraped page has no text", source=source, line=story.header_no)
    published = None
    if crawl_time is not None and story.age is not None:
        published = (crawl_time - story.age).isoformat()
    return RawDocument(
        text="\n".join(body), title=title, outlet=story.outlet or credit, published_at=published, source=where
    )


def split_scraped_page(
    text: str, *, source: str, crawl_time: datetime | None = None
) -> list[RawDocument | InputError]:
    """The main story and each related story of a scraped page, without boilerplate lines.

    A story left with no text (a headline-only teaser) comes back as an InputError naming its line,
    so the caller's skip summary shows it. A page that is only a list of stories (nothing above the
    first header) has no main story, and that is not an error.
    """
    lines = _classify(text)
    stories = _find_stories(lines)
    out: list[RawDocument | InputError] = []
    for i, story in enumerate(stories):
        stop = stories[i + 1].begin if i + 1 < len(stories) else len(lines)
        doc = _story_document(lines, story, stop, source=source, crawl_time=crawl_time)
        if i == 0 and isinstance(doc, InputError) and len(stories) > 1:
            logger.debug("%s: no main story above the first related story", source)
            continue
        out.append(doc)
    logger.info("%s: scraped page split into %d stories", source, len(out))
    return out
