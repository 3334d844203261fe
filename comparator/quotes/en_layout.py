"""English quotes laid out by paragraph or line: quotations signed with a dash, interview
transcripts, and headlines ("Kang: Talks will go on", "New Poll Shows Bump For Clinton").

Both are read before the sentence rules, because their content runs over several sentences.
"""

from __future__ import annotations

import re

from comparator.quotes import en_lexicon as lx
from comparator.quotes.common import Candidate, quote_spans, trim
from comparator.quotes.en_content import content_kind, content_right
from comparator.quotes.en_tokens import Tok

_SIGNATURE = re.compile(
    r"[”\"]\s*(?P<dash>[―—–]|--)\s*(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})\.?\s*$"
)


def signed_paragraphs(text: str) -> list[Candidate]:
    """'“… several sentences …” ― Name' closing a paragraph: the whole quotation is the name's."""
    out = []
    for par in re.finditer(r"[^\n]+", text):
        m = _SIGNATURE.search(par.group())
        if not m:
            continue
        base = par.start()
        close = base + m.start() + 1
        spans = [q for q in quote_spans(text, base, close) if q[1] == close]
        if text[base] in '“”"':
            # The paragraph opens the quotation and the signature closes it: the whole paragraph is
            # signed, even when a mistyped mark inside (‘… money.”) closed a span early, or the
            # opening mark is the wrong one (”Mr. Trump …”).
            spans = [(base, close)]
        if spans:
            qs, qe = spans[-1]
            dash = (base + m.start("dash"), base + m.end("dash"))
            name_end = base + m.end("name")
            if text[name_end - 1] == "." and text[name_end - 3] != " ":
                name_end -= 1  # "― Karen Bobadilla." ends the paragraph; "Julie A." keeps its initial
            name = (base + m.start("name"), name_end)
            out.append(Candidate(qs, qe, "direct", dash, name))
    return out


# "PENCE: Well, look, …" -- an upper-case name and a colon open the paragraph (a quote mark may
# come first, as when a whole transcript is quoted).
_LABEL = re.compile(r"[\"“]?(?P<name>[A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){0,2}):\s+(?=\S)")
_NOT_SPEAKERS = {"NOTE", "UPDATE", "CORRECTION", "WATCH", "VIDEO", "PHOTO", "RELATED", "READ MORE", "SOURCE",
                 "CREDIT", "ADVERTISEMENT", "EDITOR'S NOTE", "EDITOR’S NOTE", "UPDATED", "CLARIFICATION"}  # fmt: skip


def transcript_paragraphs(text: str) -> list[Candidate]:
    """'WALLACE: …' / 'PENCE: …' paragraphs: each is what the labelled speaker said, and so are the
    unlabelled paragraphs between it and the next label. Read only when the article has at least two
    labelled paragraphs, so a lone 'WARNING:' line is not taken for a transcript."""
    pars = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    labels = {}
    for n, (s, e) in enumerate(pars):
        m = _LABEL.match(text, s, e)
        if m and m.group("name") not in _NOT_SPEAKERS and any(c.isalpha() for c in m.group("name")):
            labels[n] = m
    if len(labels) < 2:
        return []
    out: list[Candidate] = []
    current: re.Match[str] | None = None
    last = max(labels)
    for n, (s, e) in enumerate(pars):
        m = labels.get(n)
        if m is not None:
            current, cs = m, m.end()
        elif current is None or n > last or re.match(r"[\"“]?\(", text[s:e]):
            continue  # after the last label, or a stage direction: "(CROSSTALK.)"
        else:
            cs = s + (1 if text[s] in '"“' else 0)
        cs, ce = trim(text, cs, e, '"”')
        if ce > cs:
            name = (current.start("name"), current.end("name"))
            colon = (current.end("name"), current.end("name") + 1)
            out.append(Candidate(cs, ce, "direct", colon, name))
    return out


def headline_colon(text: str, toks: list[Tok], s: int, e: int) -> Candidate | None:
    """'Kang: Talks will go on' -- a short name, a colon and what was said."""
    lead = 1 if toks and toks[0].text in '“"' else 0
    for n, t in enumerate(toks[:7]):
        if t.text == ":" and n > lead:
            name = toks[lead:n]
            if n == len(toks) - 1:
                return None
            cue = (t.start, t.end)
            if not all(w.text[0].isupper() or w.text in ".’'" for w in name):
                name, cue = _name_on_topic(
                    toks, lead, n
                )  # "Obama on Climate Change:", "A lesson from Lynch:"
                if not name:
                    return None
            label = " ".join(w.low for w in name)
            if label in _LABELS:
                return None  # "Source: NATO", "The Latest: …": a caption or column label, not a speaker
            cs, ce = content_right(text, toks[n + 1].start, e)
            return Candidate(cs, ce, content_kind(text, cs, ce), cue, (name[0].start, name[-1].end))
    return None


def _name_on_topic(toks: list[Tok], lead: int, colon: int) -> tuple[list[Tok], tuple[int, int]]:
    """'Obama on Climate Change: …' (the speaker, then 'on' and a topic: the cue runs from 'on' to
    the colon) or 'A lesson from Loretta Lynch: …' (the speaker after 'from'). ([], cue) if neither."""
    words = toks[lead:colon]
    caps = [w.text[0].isupper() or w.text in ".’'" for w in words]
    on = next((n for n, w in enumerate(words) if w.low == "on" and n > 0), None)
    if on is not None and all(caps[:on]) and all(caps[on + 1 :]) and on + 1 < len(words):
        return words[:on], (words[on].start, toks[colon].end)
    frm = next((n for n, w in enumerate(words) if w.low == "from"), None)
    if frm is not None and 0 < frm < len(words) - 1 and all(caps[frm + 1 :]) and len(words) - frm <= 5:
        return words[frm + 1 :], (toks[colon].start, toks[colon].end)
    return [], (0, 0)


_LABELS = {"note", "update", "correction", "watch", "video", "photo", "source", "sources", "the latest", "related",
           "read more", "editor ’s note", "editor 's note", "graphic", "chart", "map"}  # fmt: skip


def title_case(toks: list[Tok]) -> bool:
    """A headline written in title case ("Retired General Reveals Troubling Memo")."""
    long = [t for t in toks if t.text[0].isalpha() and len(t.text) > 3]
    return len(long) >= 3 and sum(t.text[0].isupper() for t in long) >= 0.8 * len(long)


def headline_cue(text: str, toks: list[Tok], s: int, e: int) -> Candidate | None:
    """'New Poll Shows Bump For Clinton' / 'Clinton Hid Illness, Former Doctor Says': in a title-case
    headline the capitalised cue verb splits source and content."""
    for j in range(1, len(toks)):
        low = toks[j].low
        if not (low.endswith("s") and (low in lx.CLAUSE_VERBS or low in lx.OBJECT_VERBS)):
            continue
        rest = [t for t in toks[j + 1 :] if t.text not in ".!?"]
        if not rest:  # "…, Former White House Doctor Says"
            comma = max((n for n in range(j) if toks[n].text == ","), default=-1)
            if comma < 1 or j - comma > 6:
                return None
            src, (cs, ce) = toks[comma + 1 : j], trim(text, s, toks[comma].start)
        else:
            if j > 6 or toks[j - 1].text in ",:":
                return None
            src, (cs, ce) = toks[:j], content_right(text, rest[0].start, e)
        if not src or ce <= cs:
            return None
        return Candidate(
            cs, ce, content_kind(text, cs, ce), (toks[j].start, toks[j].end), (src[0].start, src[-1].end)
        )
    return None


def dash_attribution(text: str, toks: list[Tok], q: tuple[int, int], e: int) -> Candidate | None:
    """'“…” ― Kang Yoo-jung': a quotation signed with a dash."""
    m = re.match(r"\s*([―—–])\s*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,4})\s*$", text[q[1] : e])
    if not m:
        return None
    base = q[1]
    return Candidate(
        q[0], q[1], "direct", (base + m.start(1), base + m.end(1)), (base + m.start(2), base + m.end(2))
    )
