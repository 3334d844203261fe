"""English quote content: where a reported clause or an object noun phrase ends, and its kind.

Kept apart from the cue rules (``en.py``) because every rule that finds a cue ends its content
the same way.
"""

from __future__ import annotations

import re

from comparator.quotes import en_lexicon as lx
from comparator.quotes.common import Candidate, quote_spans, trim
from comparator.quotes.en_tokens import VERBISH, is_abbrev_text, whole_quote


def content_kind(text: str, s: int, e: int) -> str:
    """ "direct" when the trimmed content is one quotation, else "indirect"."""
    s, e = trim(text, s, e)
    return "direct" if whole_quote(text, s, e) else "indirect"


def cut_before(text: str, c: Candidate, taken: list[tuple[int, int]]) -> Candidate | None:
    """End a reported clause at the clause boundary before a later, already-found attribution."""
    later = [a for a, b in taken if c.start < a < c.end]
    if not later:
        return c
    cut = min(later)
    comma = text.rfind(",", c.start, cut)
    if comma > c.start:
        cut = comma
    cs, ce = trim(text, c.start, cut)
    if ce - cs < 10:
        return None
    return Candidate(cs, ce, c.kind, c.cue, c.speaker)


_OBJECT_STOPS = re.compile(r", (?:which|who)\b|,? (?:while|when|because|amid|even as)\b")


def object_end(text: str, cs: int, ce: int) -> int:
    """An object-taking cue's content is a noun phrase: it ends before an adverbial clause or a
    non-restrictive relative ("condemned the launch as Pyongyang fired …", "…, which …")."""
    quoted = quote_spans(text, cs, ce)
    for m in _OBJECT_STOPS.finditer(text, cs, ce):
        if m.start() - cs >= 8 and not any(a <= m.start() < b for a, b in quoted):
            ce = trim(text, cs, m.start(), ",")[1]
            break
    # "asked for Seoul's understanding, and Song expressed his support": a noun phrase does not run
    # on into a coordinated clause with a subject and a finite verb of its own.
    for m in _NEXT_CLAUSE.finditer(text, cs, ce):
        verb = m.group("verb").lower()
        finite = verb in _FINITE_VERBS or (verb.endswith("ed") and len(verb) > 4)
        if finite and m.start() - cs >= 4 and not any(a <= m.start() < b for a, b in quoted):
            ce = trim(text, cs, m.start(), ",")[1]
            break
    # "voted to delay the project, going on to say …", "praised the deal, warning that …": after an
    # object, a participle that is itself a cue starts another attribution. (After a reported clause
    # it may belong to that clause: "Kang said Song raised the issue, asking firms to …".)
    for m in _PARTICIPLE_CUE.finditer(text, cs, ce):
        w = m.group("w").lower()
        cue = w in lx.CLAUSE_VERBS or w in lx.OBJECT_VERBS or (m.group("to") and w in _RAISING_ING)
        if cue and not any(a <= m.start() < b for a, b in quoted):
            return trim(text, cs, m.start(), ",")[1]
    return ce


_NEXT_CLAUSE = re.compile(
    r",? (?:and|but) (?:(?:[A-Z][\w’'.-]*)(?: [A-Z][\w’'.-]*){0,3}|he|she|they|we|I"
    r"|(?:the|his|her|their|its) [a-z]+) (?:[a-z]+ly )?(?P<verb>[a-z]+)\b"
)
_FINITE_VERBS = lx.words(
    """is was were are has have had will would can could did does said told sent made took gave
    met went came began held left brought kept won lost ran put set signed"""
)


_PARTICIPLE_CUE = re.compile(r", (?:\w+ly )?(?P<w>[a-z]+ing)\b(?P<to> on to| to)?")


_RAISING_ING = {
    "going",
    "appearing",
    "seeming",
    "trying",
    "beginning",
    "starting",
    "continuing",
    "attempting",
}


def content_right(text: str, cs: int, e: int) -> tuple[int, int]:
    seg = text[cs:e]
    quoted = quote_spans(seg)  # once: every stop below is looked for outside quotations only

    def outside(pos: int) -> bool:
        return not any(a <= pos < b for a, b in quoted)

    cut = len(seg)
    for stop in lx.CONTENT_STOPS:
        for variant in (stop, stop.rstrip() + ","):
            pos = seg.find(variant)
            while pos != -1 and not outside(pos):
                pos = seg.find(variant, pos + 1)
            if 0 < pos < cut:
                cut = pos
    # "…, and human rights groups warned that …": a coordinated clause with its own attribution.
    for m in _SECOND_CLAUSE.finditer(seg):
        verb = m.group("verb").lower()
        at = m.end("c") if m.group("c") != "," else m.start()  # '…,” while 73 percent said …'
        if 0 < at < cut and verb in lx.CLAUSE_VERBS and verb.endswith(("ed", "s", "id", "ld", "te")):
            if outside(at):
                cut = at
            break
    # "Writing for a panel that all agreed Pence won, Barabak noted that …": after a comma, a new
    # main clause with a named subject and its own cue ends the content (no conjunction needed).
    for m in _NEW_MAIN_CLAUSE.finditer(seg):
        if 0 < m.start() < cut and m.group("verb").lower() in lx.CLAUSE_VERBS and outside(m.start()):
            cut = m.start()
            break
    # "…, and warned against …": a second predicate with its own cue verb is another attribution.
    for m in _SECOND_PREDICATE.finditer(seg):
        verb = m.group("verb").lower()
        if (
            0 < m.start() < cut
            and (verb in lx.CLAUSE_VERBS or verb in lx.OBJECT_VERBS)
            and (verb.endswith(("ed", "s")) or verb in _IRREGULAR_PAST or m.group("raise"))
        ):
            if outside(m.start()):
                cut = m.start()
            break
    # "…, with RealClearPolitics showing her ahead": an absolute clause with its own source and cue.
    for m in _WITH_SOURCE.finditer(seg):
        if 0 < m.start() < cut and m.group("verb").lower() in lx.CLAUSE_VERBS and outside(m.start()):
            cut = m.start()
            break
    ce = cs + cut
    cs, ce = trim(text, cs, ce)
    final_dot = ce - cs > 1 and text[ce - 1] in ".!?" and text[ce - 2] != "."
    if final_dot and not is_abbrev_text(text, cs, ce - 1):
        ce -= 1
    return trim(text, cs, ce, ",")


_SECOND_CLAUSE = re.compile(
    r"(?P<c>,[”\"]?) (?:and|but|while|whereas) (?:[\w’'.-]+ ){1,5}?(?P<verb>[a-z]+)\b(?= that\b| the\b| it\b| he\b| she\b| they\b)"
)


_NEW_MAIN_CLAUSE = re.compile(
    r", (?:(?:[A-Z][\w’'-]*|[A-Z]\.)(?: (?:[A-Z][\w’'-]*|[A-Z]\.)){0,3}|he|she|they|we|I) "
    r"(?:\w+ly |also |then |later )?(?P<verb>[a-z]+(?:ed|id|ld|ote|s))(?= \w)"
)


_WITH_SOURCE = re.compile(r", with (?:the )?(?:[A-Z][\w.’'/-]*\s){1,4}(?P<verb>[a-z]+ing)\b")


# Past forms of cue verbs that do not end in -ed: "…, and said she …" is a second predicate.
_IRREGULAR_PAST = lx.words("said told wrote spoke")


# "…, and has called for …": an auxiliary may come before the second cue.
_SECOND_PREDICATE = re.compile(
    r",? (?:and|but) (?:(?:also|then|later|has|have|had|will|would|has also|have also) )?"
    r"(?P<raise>(?:seemed|seems|appeared|appears) to )?(?P<verb>[a-z]+)\b"
)


_RESUMED = re.compile(r", (?:\w+ly )?(?P<verb>[a-z]+)\b")


def relative_end(text: str, cs: int, ce: int) -> int:
    """'Mr. Obama, who understood that a push would fail, told his advisers …': a reported clause
    inside a non-restrictive relative ends at the comma after which the main clause's verb resumes."""
    quoted = quote_spans(text, cs, ce)
    for m in _RESUMED.finditer(text, cs, ce):
        verb = m.group("verb")
        finite = verb in VERBISH or verb in lx.CLAUSE_VERBS or verb in lx.OBJECT_VERBS
        if (finite or verb.endswith("ed")) and not any(a <= m.start() < b for a, b in quoted):
            return trim(text, cs, m.start(), ",")[1]
    return ce


# A wire dateline that opens a story: "SEOUL, March 9 (AWS) - ", "HANOI — ", "TOKYO (Kyodo) -- ".
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ ]{2,30}?(?P<extra>(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?(?:\s*\([A-Za-z][\w .-]{0,20}\))?)"
    r"\s*(?P<dash>--|[-—–―])\s+"
)


def skip_dateline(text: str, cs: int, ce: int) -> int:
    """Start of a content after the dateline it opens with, when it opens a paragraph: the dateline
    says where the story was filed, not what anyone said."""
    if cs > 0 and text[cs - 1] != "\n":
        return cs
    m = _DATELINE.match(text, cs, ce)
    if m is None or m.end() >= ce or (m["dash"] == "-" and not m["extra"]):
        return cs  # "US - Japan talks …": a plain hyphen needs a date or an agency to be a dateline
    return m.end()
