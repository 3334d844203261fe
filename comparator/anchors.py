"""Language-independent anchors: numbers, durations, money, dates, percentages and counts.

"25 minutes", "25분" and "25分" all become ``Anchor(kind="duration", value=1500.0)``, so reports in
different languages can be compared on their facts (the comparison report) and paired as evidence
that they cover the same event (the events job). Pure regular expressions, no model.

Values by kind (see docs/alignment.md):
  number    float
  duration  float, seconds (a month is 30 days, a year 365 days)
  money     (amount: float, ISO 4217 code)
  date      ISO 8601 string, truncated when parts are unknown: "2026-03-09", "--03-09" (no year),
            "---09" (day of month only, as Korean and Japanese reports say "9일" / "9日"),
            "2026-03", "--03", "2026"
  time      "HH:MM" clock time (kept apart so "10時25分" is not a 25-minute duration)
  percent   float (not percentage points: "3.5%p", "3.5ポイント", "3.5 percentage points" are counts of
            unit "pp", since a point change is not a percent change)
  count     (number: float, unit) with unit one of pp, person, times, case, item, ship, missile, country,
            household, age, seat, vote, aircraft, m, kg (lengths in metres, weights in kilograms:
            "약 800㎞", "約800キロ", "800-kilometre" and "497 miles" are all about 800,000 m; a bare
            キロ / 킬로 is a length unless the sentence is about weight; speeds are left out)
``zone`` is a clock time's zone (canonical, anchor_tables.TIME_ZONES: "UTC+9", "UTC", "local" …) when
the sentence names one ("午後4時（日本時間）", "오후 3시(현지시간)", "3 p.m. local time"), else None.
``qualifier`` is None for an exact figure, "approx" (about, 약, 約, 20여 명), "over" (more than,
이상, 以上, 超) or "under" (up to, 이하, 未満); agreement treats them as intervals.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Any

from comparator import anchor_tables as T
from comparator.anchor_rules import compiled_rules, parse_en_number, parse_number
from comparator.errors import UnsupportedLanguageError

__all__ = [
    "KINDS",
    "Anchor",
    "anchor_evidence",
    "anchors_agree",
    "extract_anchors",
    "is_specific",
    "parse_en_number",
    "parse_number",
]

KINDS = ("number", "duration", "money", "date", "time", "percent", "count")


@dataclass(frozen=True)
class Anchor:
    kind: str
    value: Any
    start: int  # character offsets into the text given to extract_anchors, end exclusive
    end: int
    text: str
    qualifier: str | None = None
    zone: str | None = None  # a clock time's zone when the sentence names one (anchor_tables.TIME_ZONES)

    def key(self) -> tuple[str, Any]:
        """Hashable identity for exact matching across articles (the events job's pair evidence)."""
        return (self.kind, self.value)


# Fullwidth digits and signs map one character to one character, so offsets stay valid.


def extract_anchors(text: str, lang: str) -> list[Anchor]:
    """Anchors found in ``text`` (a sentence or a whole article) written in ``lang`` ("ja", "ko", "en").

    Overlapping matches are resolved longest first ("2026년 3월 9일" is one date, not a year, a month
    and a day); qualifiers next to a figure (about, 약, 約, 이상, 以上) extend its span.
    """
    if lang not in T.DURATION:
        raise UnsupportedLanguageError(f"anchors are extracted from ja, ko and en text, not {lang!r}")
    norm = text.translate(T.FULLWIDTH)
    found: list[tuple[int, int, int, str, Any, bool]] = []
    for pattern, build, prio in compiled_rules(lang):
        for m in pattern.finditer(norm):
            start, end = _trim(norm, *(m.span("core") if "core" in pattern.groupindex else m.span()))
            if start >= end or (lang == "ja" and norm[start:end] in T.JA_KANJI_WORDS):
                continue
            try:
                built = build(m, lang)
            except (ValueError, KeyError, OverflowError):
                built = None  # a pattern matched something its parser rejects: not an anchor
            if built is not None:
                found.append((start, end, prio, built[0], built[1], bool(m.groupdict().get("inf"))))
    chosen = _resolve(found)
    anchors = [
        Anchor(kind, value, s, e, text[s:e], "approx" if inf else None)
        for s, e, _, kind, value, inf in chosen
    ]
    anchors = _join_durations(anchors, text)
    return [_zoned(_qualify(a, norm, text, lang), norm) for a in anchors]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _resolve(found: list[tuple[int, int, int, str, Any, bool]]) -> list[tuple[int, int, int, str, Any, bool]]:
    """Longest span first, then priority; drop anything overlapping a chosen span."""
    taken: list[tuple[int, int]] = []
    chosen = []
    for cand in sorted(found, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        s, e = cand[0], cand[1]
        if all(e <= ts or s >= te for ts, te in taken):
            taken.append((s, e))
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c[0])


def _join_durations(anchors: list[Anchor], text: str) -> list[Anchor]:
    """ "1시간 25분", "1時間25分", "1 hour and 25 minutes": one duration, larger unit first."""
    out: list[Anchor] = []
    for a in anchors:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == a.kind == "duration"
            and prev.value > a.value
            and re.fullmatch(r"\s*(?:,\s*)?(?:and\s+)?", text[prev.end : a.start])
        ):
            out[-1] = Anchor("duration", prev.value + a.value, prev.start, a.end, text[prev.start : a.end])
        else:
            out.append(a)
    return out


_QUALIFIABLE = {"number", "duration", "money", "percent", "count"}


def _qualify(a: Anchor, norm: str, text: str, lang: str) -> Anchor:
    if a.kind not in _QUALIFIABLE:
        return a
    start, end, qual = a.start, a.end, a.qualifier
    sep = r"\s?" if lang != "en" else r"\s"
    # The qualifier must start a word: "계약 25억" and "契約5億円" are not "약"/"約" qualifiers.
    edge = r"\b" if lang == "en" else r"(?<![一-龥가-힣])"
    pre = re.search(rf"(?i){edge}({T.alt(T.PREFIX[lang])}){sep}$", norm[max(0, start - 16) : start])
    if pre is None and lang == "ja":
        # 高度約50キロ, 覚醒剤約10キロ: 約 after a noun, unless it ends a word (契約, 条約, 予約 …).
        pre = re.search(
            r"(?<![契条予節公規要制集誓協解婚確成特盟売倹簡])(約)$", norm[max(0, start - 2) : start]
        )
    if pre:
        start -= len(pre.group(0))
        qual = T.PREFIX[lang][pre.group(1).lower()]
        if _over_a_period(a, pre.group(1), norm[max(0, start - 12) : start]):
            qual = a.qualifier
    # "20여" is caught inside the match; "3년여", "20人余り", "10분가량" follow it.
    post = re.match(rf"{sep if lang == 'en' else r'[ ]?'}({T.alt(T.SUFFIX[lang])})", norm[end : end + 12])
    if post and not (post.group(1) == "여" and post.group(0) != "여"):
        end += len(post.group(0))
        qual = T.SUFFIX[lang][post.group(1)] if qual is None or qual == "approx" else qual
    if (start, end, qual) == (a.start, a.end, a.qualifier):
        return a
    return replace(a, start=start, end=end, text=text[start:end], qualifier=qual)


def _over_a_period(a: Anchor, word: str, before: str) -> bool:
    """ "spend 1.2 trillion won over three years": over a duration is the period it spans (during),
    not "more than", unless a verb of lasting comes first ("lasted over three hours")."""
    return (
        a.kind == "duration"
        and word.lower() == "over"
        and not re.search(
            r"(?i)\b(?:for|lasted|lasting|lasts|last|took|takes|taking|after|than|of|in)\s$", before
        )
    )


def _zone_form(form: str) -> str:
    # ASCII edges, not \b: in "12時GMT" 時 is a word character too. Case matters for KST, UTC
    # ("est" is in "interest"), not for "local time".
    body = rf"(?<![A-Za-z]){re.escape(form)}(?![A-Za-z])" if form.isascii() else re.escape(form)
    return body if not form.isascii() or form.isupper() else f"(?i:{body})"


_ZONE_RE = re.compile(
    "|".join(
        _zone_form(f) for f in sorted((f for fs in T.TIME_ZONES.values() for f in fs), key=len, reverse=True)
    )
)
# Sentence ends, so a zone word applies only to times of its own sentence; "p.m." and "U.S." do not end one.
_SENT_END = re.compile(r"[。！？!?\n]|(?<![ap]\.m)(?<!\b[A-Z])\.(?=\s)")


def _zoned(a: Anchor, norm: str) -> Anchor:
    """A clock time with the zone its sentence names, the nearest zone word winning (after the time
    on a tie: "午後4時（日本時間）"). Without a zone word the zone stays unknown (None)."""
    if a.kind != "time":
        return a
    lo = max((m.end() for m in _SENT_END.finditer(norm, 0, a.start)), default=0)
    hi = next((m.start() for m in _SENT_END.finditer(norm, a.end)), len(norm))
    best: tuple[int, int, str] | None = None
    for m in _ZONE_RE.finditer(norm, lo, hi):
        after = m.start() >= a.end
        dist = m.start() - a.end if after else a.start - m.end()
        cand = (dist, 0 if after else 1, T.ZONE_OF[m.group(0).lower()])
        if dist >= 0 and (best is None or cand[:2] < best[:2]):
            best = cand
    return replace(a, zone=best[2]) if best else a


# ------------------------------------------------------------------ agreement


def anchors_agree(a: Anchor, b: Anchor) -> bool | None:
    """Whether two anchors state the same fact; None when they are not comparable.

    Not comparable: different kinds, clock times in different zones (or one zoned, one not), money in different currencies (no exchange rates are applied),
    counts of different units, dates with no field in common ("3월" vs "9일"), and two bare numbers that
    differ (without a unit a different number is not a contradiction; equal bare numbers agree).
    Qualified figures are intervals: "approx" is +-10 %, "over" is [v, inf), "under" is [0, v].
    """
    if a.kind != b.kind:
        return None
    if a.kind == "date":
        return _dates_agree(a.value, b.value)
    if a.kind == "time":
        if a.zone != b.zone:
            return None  # 15:00 in Manila and 16:00 Japan time are one moment; zones are not converted
        ha, ma = map(int, a.value.split(":"))
        hb, mb = map(int, b.value.split(":"))
        return ha % 12 == hb % 12 and ma == mb  # "3시" may be 3 p.m. when 오후 is said elsewhere
    va, vb = a.value, b.value
    if a.kind in {"money", "count"}:
        if va[1] != vb[1]:
            return None
        va, vb = va[0], vb[0]
    if a.kind == "count" and a.value[1] in MEASURE_UNITS:
        # Lengths and weights are often converted and rounded (800 km = "497 miles"): 0.5 % slack.
        va, vb = _nearly(float(va), float(vb), MEASURE_SLACK)
    agree = _intervals_meet(_interval(float(va), a.qualifier), _interval(float(vb), b.qualifier))
    if a.kind == "number" and not agree:
        return None
    return agree


MEASURE_UNITS = {"m", "kg"}
MEASURE_SLACK = 0.005


def _nearly(va: float, vb: float, slack: float) -> tuple[float, float]:
    """Both values as one when they differ by at most ``slack`` (relative), else unchanged."""
    return (va, va) if abs(va - vb) <= slack * max(abs(va), abs(vb)) else (va, vb)


def _interval(v: float, qualifier: str | None) -> tuple[float, float]:
    if qualifier == "approx":
        return (v * 0.9, v * 1.1) if v >= 0 else (v * 1.1, v * 0.9)
    if qualifier == "over":
        return (v, math.inf)
    if qualifier == "under":
        return (-math.inf, v)
    return (v, v)


def _intervals_meet(x: tuple[float, float], y: tuple[float, float]) -> bool:
    tol = 1e-9 * max(
        1.0, abs(x[0]) if math.isfinite(x[0]) else 1.0, abs(y[0]) if math.isfinite(y[0]) else 1.0
    )
    return x[0] <= y[1] + tol and y[0] <= x[1] + tol


def _date_parts(iso: str) -> tuple[int | None, int | None, int | None]:
    if iso.startswith("---"):
        return None, None, int(iso[3:])
    if iso.startswith("--"):
        parts = iso[2:].split("-")
        return None, int(parts[0]), int(parts[1]) if len(parts) > 1 else None
    parts = iso.split("-")
    return int(parts[0]), int(parts[1]) if len(parts) > 1 else None, int(parts[2]) if len(parts) > 2 else None


def _dates_agree(x: str, y: str) -> bool | None:
    common = [
        (p, q) for p, q in zip(_date_parts(x), _date_parts(y), strict=True) if p is not None and q is not None
    ]
    if not common:
        return None
    return all(p == q for p, q in common)


def is_specific(a: Anchor) -> bool:
    """Whether an anchor is rare enough to tie two sentences together: a sum of money, a duration,
    a percentage, a count, a clock time, a day of a given month, or a bare number of 3+ digits that
    is not a year. A bare "2" or "2026", or a day of month alone, recurs all over an article."""
    if a.kind == "date":
        return _date_parts(a.value)[1:] != (None, None) and None not in _date_parts(a.value)[1:]
    if a.kind == "number":
        return a.value >= 100 and not (1900 <= a.value <= 2100 and float(a.value).is_integer())
    return True


def anchor_evidence(anchors_a: list[list[Anchor]], anchors_b: list[list[Anchor]]) -> list[list[int]]:
    """Sentence-pair evidence from anchors: 1 when the two sentences share an agreeing specific
    anchor (see is_specific), else 0. Rows are sentences of one article, columns of the other; feed
    to ``align_sentences(evidence=...)``. Disagreeing figures give no penalty on purpose: "25분" vs
    "35 minutes" is the kind of difference the comparison must still line up and report."""
    spec_b = [[y for y in ys if is_specific(y)] for ys in anchors_b]
    out = []
    for xs in anchors_a:
        spec = [x for x in xs if is_specific(x)]
        out.append([int(any(anchors_agree(x, y) for x in spec for y in ys)) for ys in spec_b])
    return out
