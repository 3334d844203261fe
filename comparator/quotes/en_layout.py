"""English quotes laid out by paragraph: quotations signed with a dash, and interview transcripts.

Both are read before the sentence rules, because their content runs over several sentences.
"""

from __future__ import annotations

import re

from comparator.quotes.common import Candidate, quote_spans, trim

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
        if not spans and text[base] in '“”"':
            spans = [(base, close)]  # opened with a mistyped mark (”Mr. Trump …”)
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
