"""English quotes: direct (“…,” she said) and indirect (X said that …; …, officials said;
according to X, …), found with a verb lexicon and word-level rules, no parser.

Conventions follow the PolNeAR / PARC annotation: a direct quote's content keeps its quotation
marks, an indirect one starts at "that" when present and stops before the final full stop; the
speaker mention keeps an appositive and its closing comma ("Kang, the spokesperson, said").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from comparator.quotes import en_lexicon as lx
from comparator.quotes.common import Candidate, overlaps, quote_spans, sentence_spans, trim
from comparator.quotes.en_lexicon import words
from comparator.schema import Article

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[’'.&\-][A-Za-z0-9]+)*|[’']s\b|\S")
_CLOSE_QUOTE = set("”\"’'»")
_BOUNDARY_PUNCT = set(",;:—–“”\"«»'‘’―")
_FUNCTION = words("""the a an of to in on at for with by from and or but as is was were are be been his her their
    its our my your this these those that""")
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "some"}
_TAIL_STARTS = words("""in on at during to from after before when while monday tuesday wednesday thursday friday
    saturday sunday last this earlier late yesterday today tonight recently shortly told""")
_TIME_WORDS = words("""on monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night
    last week month year earlier today yesterday tonight""")
_MONTHS = words("january february march april may june july august september october november december")
_VERBISH = words("""is was were are has have had will would can could should did does do be been being 's ’s
    may might must""")
_PASSIVE_AUX = {"is", "was", "were", "are", "be", "been", "being"}


@dataclass
class Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


def extract(article: Article) -> list[Candidate]:
    """Quote candidates of an English article, in text order."""
    text = article.text
    cands: list[Candidate] = []
    last_direct: Candidate | None = None
    intro: Candidate | None = None
    prev_end = 0
    skip_to = -1
    for s, e in _merge_tags(text, sentence_spans(article)):
        if s < skip_to:
            continue
        same_par = "\n" not in text[prev_end:s]
        prev_end = e
        if intro is not None:
            # "Kang added:" -- the next paragraph is what was said, quoted or not.
            par_end = text.find("\n", s)
            par_end = len(text) if par_end == -1 else par_end
            cs, ce = trim(text, s, par_end)
            cands.append(Candidate(cs, ce, _kind(text, cs, ce), intro.cue, intro.speaker))
            intro, skip_to, prev_end = None, par_end, par_end
            continue
        found = _sentence(text, s, e)
        if not found:
            follow = _follow_up(text, s, e, last_direct if same_par else None)
            found = [follow] if follow else []
        for c in found:
            if c.kind == "intro":
                intro = c
                continue
            cands.append(c)
        directs = [c for c in found if c.kind == "direct"]
        last_direct = directs[-1] if directs else (last_direct if same_par and not found else None)
    return cands


def _merge_tags(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join '“Is it?” Kang asked.' that the segmenter cut after the question mark."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _is_tag(text, out[-1], (s, e)):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _is_tag(text: str, prev: tuple[int, int], cur: tuple[int, int]) -> bool:
    if "\n" in text[prev[1] : cur[0]] or not text[prev[0] : prev[1]].endswith(("?”", "!”", '?"', '!"', "…”")):
        return False
    words = re.findall(r"[A-Za-z’'.-]+", text[cur[0] : cur[1]])[:7]
    return any(w.lower() in lx.INVERTIBLE_FORMS for w in words)


def _kind(text: str, s: int, e: int) -> str:
    s, e = trim(text, s, e)
    return "direct" if _whole_quote(text, s, e) else "indirect"


def _follow_up(text: str, s: int, e: int, last: Candidate | None) -> Candidate | None:
    """A sentence that is nothing but a quotation continues the previous speaker's quote."""
    if last is None:
        return None
    spans = quote_spans(text, s, e)
    if len(spans) != 1:
        return None
    qs, qe = spans[0]
    if qs != s or len(text[qe:e].strip(" .")) > 0:
        return None
    return Candidate(qs, qe, "direct", last.cue, last.speaker)


def _headline_colon(text: str, toks: list[Tok], s: int, e: int) -> Candidate | None:
    """'Kang: Talks will go on' -- a short name, a colon and what was said."""
    lead = 1 if toks and toks[0].text in '“"' else 0
    for n, t in enumerate(toks[:7]):
        if t.text == ":" and n > lead:
            name = toks[lead:n]
            if not all(w.text[0].isupper() or w.text in ".’'" for w in name) or n == len(toks) - 1:
                return None
            if len(name) == 1 and name[0].low in {"note", "update", "correction", "watch", "video", "photo"}:
                return None
            cs, ce = _content_right(text, toks[n + 1].start, e)
            return Candidate(cs, ce, _kind(text, cs, ce), (t.start, t.end), (name[0].start, name[-1].end))
    return None


def _dash_attribution(text: str, toks: list[Tok], q: tuple[int, int], e: int) -> Candidate | None:
    """'“…” ― Kang Yoo-jung': a quotation signed with a dash."""
    m = re.match(r"\s*([―—–])\s*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,4})\s*$", text[q[1] : e])
    if not m:
        return None
    base = q[1]
    return Candidate(
        q[0], q[1], "direct", (base + m.start(1), base + m.end(1)), (base + m.start(2), base + m.end(2))
    )


def _sentence(text: str, s: int, e: int) -> list[Candidate]:
    toks = [Tok(s + m.start(), s + m.end(), m.group()) for m in _TOKEN.finditer(text[s:e])]
    quotes = quote_spans(text, s, e)
    out: list[Candidate] = []
    for qs, qe in quotes:
        c = _direct(text, toks, (qs, qe), s, e) or _dash_attribution(text, toks, (qs, qe), e)
        if c:
            out.append(c)
    if not out and (not quotes or quotes[0][0] == s):
        head = _headline_colon(text, toks, s, e)
        if head:
            return [head]
    taken = [(c.start, c.end) for c in out] + [c.cue for c in out if c.cue]
    final = _final_attribution(text, toks, quotes, taken, s, e)
    if final:
        out.append(final)
        taken += [(final.start, final.end), final.cue or (final.start, final.start)]
    i = 0
    while i < len(toks):
        t = toks[i]
        if any(qs <= t.start < qe for qs, qe in quotes) or any(a <= t.start < b for a, b in taken):
            i += 1
            continue
        c = _indirect(text, toks, i, s, e)
        if c:
            c = _cut_before(text, c, taken)
        if c and not any(overlaps((c.start, c.end), span) for span in taken):
            out.append(c)
            taken.append((c.start, c.end))
            if c.cue:
                taken.append(c.cue)
        i += 1
    return out


def _final_attribution(
    text: str, toks: list[Tok], quotes: list[tuple[int, int]], taken: list[tuple[int, int]], s: int, e: int
) -> Candidate | None:
    """'…, but the NYPD overruled it, the source added.': a closing attribution owns the sentence."""
    for i in range(len(toks) - 1, max(-1, len(toks) - 12), -1):
        t = toks[i]
        if t.text not in lx.CLAUSE_VERBS or any(a <= t.start < b for a, b in quotes + taken):
            continue
        c = _indirect(text, toks, i, s, e)
        if (
            c
            and c.start == trim(text, s, e)[0]
            and not any(overlaps((c.start, c.end), span) for span in taken)
        ):
            return c
        return None
    return None


def _cut_before(text: str, c: Candidate, taken: list[tuple[int, int]]) -> Candidate | None:
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


# ---------------------------------------------------------------- direct quotes


def _direct(text: str, toks: list[Tok], q: tuple[int, int], s: int, e: int) -> Candidate | None:
    qs, qe = q
    after = [t for t in toks if t.start >= qe]
    before = [t for t in toks if t.end <= qs]
    # “…,” she said.   /   “…,” said Kang.
    k = 1 if after and after[0].text == "," else 0
    rest = after[k:]
    closed_by_comma = k == 1 or text[qs:qe].rstrip("”\"'’»").endswith((",", "?", "!", "—"))
    if rest and closed_by_comma:
        sp = _speaker_then_cue(toks, toks.index(rest[0]))
        if sp:
            return Candidate(qs, qe, "direct", sp[1], sp[0])
        inv = _cue_then_speaker(toks, toks.index(rest[0]), e)
        if inv:
            return Candidate(qs, qe, "direct", inv[1], inv[0])
    # She said: “…”   /   Kang told reporters, “…”
    if before and before[-1].text in ",:" and len(before) >= 2:
        for j in range(len(before) - 2, max(-1, len(before) - 9), -1):
            form = before[j].low
            if form in lx.CLAUSE_VERBS or form in lx.OBJECT_VERBS:
                spk = _speaker_left(text, toks, toks.index(before[j]), s)
                if spk:
                    return Candidate(qs, qe, "direct", (spk[1], before[j].end), spk[0])
                break
    return None


def _speaker_then_cue(toks: list[Tok], i: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Speaker tokens from ``i`` up to a saying verb (after a quotation): "Kang, the spokesperson, said"."""
    j = i
    while j < len(toks) and j - i < 30 and toks[j].text not in lx.CLAUSE_VERBS:
        if toks[j].text in '.;:“”"' and not _is_abbrev(toks, j):
            return None
        j += 1
    if j >= len(toks) or j == i or toks[j].text not in lx.CLAUSE_VERBS:
        return None
    cue_start = j
    while cue_start - 1 > i and _is_modifier(toks[cue_start - 1]):
        cue_start -= 1
    spk_end = toks[cue_start - 1].end
    span = toks[i:cue_start]
    head = span[: next((n for n, t in enumerate(span) if t.text == ","), len(span))]
    # A long phrase is only a speaker as "Name, appositive," -- the name part must hold up alone.
    if not _plausible_speaker(head) or (len(head) < len(span) and span[-1].text != ","):
        return None
    if len(head) == len(span) and len(span) > 14:
        return None
    return (toks[i].start, spk_end), (toks[cue_start].start, toks[j].end)


def _cue_then_speaker(toks: list[Tok], i: int, e: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """'“…,” said Kang Yoo-jung, the spokesperson.'"""
    if i >= len(toks) or lx.CLAUSE_VERBS.get(toks[i].low) not in lx.INVERTIBLE:
        return None
    j = i + 1
    stop = j
    while (
        stop < len(toks)
        and toks[stop].text not in ';:“”"'
        and not (toks[stop].text == "." and not _is_abbrev(toks, stop))
    ):
        if stop == j + 1 and toks[stop].low in {"in", "on", "at", "during", "after", "before", "when"}:
            break
        stop += 1
    while stop > j and toks[stop - 1].text == ",":
        stop -= 1
    span = toks[j:stop]
    if not span or not (span[0].text[0].isupper() or span[0].low in _DETERMINERS):
        return None
    head = span[: next((n for n, t in enumerate(span) if t.text == ","), len(span))]
    if not _plausible_speaker(head) or len(span) > 30:
        return None
    return (span[0].start, span[-1].end), (toks[i].start, toks[i].end)


# ---------------------------------------------------------------- indirect speech


def _indirect(text: str, toks: list[Tok], i: int, s: int, e: int) -> Candidate | None:
    t = toks[i]
    if t.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
        return _according_to(text, toks, i, s, e)
    form = t.low
    clause = form in lx.CLAUSE_VERBS
    if not clause and form not in lx.OBJECT_VERBS:
        return None
    if _passive(toks, i) or _noun_reading(toks, i):
        return None
    if form.endswith("ing") and i > 0 and toks[i - 1].text == ",":
        return _participle(text, toks, i, s, e)
    spk = _speaker_left(text, toks, i, s)
    if spk is None:
        spk = _coordinated(toks, i)
    if spk is None:
        return _inverted_tail(text, toks, i, s) if clause else None
    (sp_s, sp_e), cue_s = spk
    cue_e, k = _cue_end(toks, i)
    rest = toks[k:]
    if _is_tail(rest) and text[s:sp_s].rstrip().endswith((",", "”", '"')):
        cs, ce = trim(text, s, sp_s, ",")
        if len(toks) - len(rest) - (i - _tok_at(toks, sp_s)) >= 4 and ce > cs:
            return Candidate(cs, ce, "indirect", (cue_s, cue_e), (sp_s, sp_e))
    if not rest:
        return None
    if rest[0].text == ":" and len(rest) == 1:
        return Candidate(cue_e, cue_e, "intro", (cue_s, cue_e), (sp_s, sp_e))
    k = _skip_listener(toks, k, lx.CLAUSE_VERBS.get(form) or lx.OBJECT_VERBS.get(form, ""))
    k = _skip_time(toks, k)
    if k < len(toks) and toks[k].text in ",:":
        k += 1
    if len(toks) - k < 2 or (not clause and toks[k].low in {"by", "of", "that"}):
        return None
    cs, ce = _content_right(text, toks[k].start, e)
    kind = "direct" if _whole_quote(text, cs, ce) else "indirect"
    return Candidate(cs, ce, kind, (cue_s, cue_e), (sp_s, sp_e))


def _according_to(text: str, toks: list[Tok], i: int, s: int, e: int) -> Candidate | None:
    cue = (toks[i].start, toks[i + 1].end)
    j = i + 2
    stop = j
    while (
        stop < len(toks)
        and toks[stop].text not in ",;"
        and not (toks[stop].text == "." and not _is_abbrev(toks, stop))
    ):
        stop += 1
    if stop == j or stop - j > 15:
        return None
    speaker = (toks[j].start, toks[stop - 1].end)
    if i == 0 or text[s : toks[i].start].strip() == "":
        if stop >= len(toks) - 1:
            return None
        cs, ce = _content_right(text, toks[stop + 1].start, e)
    else:
        cs, ce = trim(text, s, toks[i].start, ",")
    if ce - cs < 8:
        return None
    return Candidate(cs, ce, "indirect", cue, speaker)


def _inverted_tail(text: str, toks: list[Tok], i: int, s: int) -> Candidate | None:
    """'…, said the ruling.' with the speaker after the verb and the content before it."""
    if i < 3 or toks[i - 1].text not in ',”"':
        return None
    inv = _cue_then_speaker(toks, i, toks[-1].end)
    if inv is None:
        return None
    cs, ce = trim(text, s, toks[i - 1].start if toks[i - 1].text == "," else toks[i - 1].end, ",")
    kind = "direct" if _whole_quote(text, cs, ce) else "indirect"
    return Candidate(cs, ce, kind, inv[1], inv[0])


def _content_right(text: str, cs: int, e: int) -> tuple[int, int]:
    seg = text[cs:e]
    cut = len(seg)
    for stop in lx.CONTENT_STOPS:
        pos = _find_outside_quotes(seg, stop)
        if 0 < pos < cut:
            cut = pos
    ce = cs + cut
    cs, ce = trim(text, cs, ce)
    final_dot = ce - cs > 1 and text[ce - 1] in ".!?" and text[ce - 2] != "."
    if final_dot and not _is_abbrev_text(text, cs, ce - 1):
        ce -= 1
    return trim(text, cs, ce, ",")


def _find_outside_quotes(seg: str, needle: str) -> int:
    spans = quote_spans(seg)
    pos = seg.find(needle)
    while pos != -1 and any(a <= pos < b for a, b in spans):
        pos = seg.find(needle, pos + 1)
    return pos


# ---------------------------------------------------------------- speaker phrases


def _speaker_left(text: str, toks: list[Tok], i: int, s: int) -> tuple[tuple[int, int], int] | None:
    """Speaker phrase ending right before the cue at ``i``: ((start, end), cue_start)."""
    k = i - 1
    while k >= 0 and _is_modifier(toks[k]):
        k -= 1
    cue_start = toks[k + 1].start
    if k < 0:
        return None
    if toks[k].text == ",":
        return _appositive_speaker(toks, k, cue_start)
    if toks[k].low in {"who", "which"}:
        return (toks[k].start, toks[k].end), cue_start
    start = _walk_left(toks, k)
    span = toks[start : k + 1]
    while len(span) > 1 and span[0].low in lx.LEADING_CONNECTIVES:
        span = span[1:]
    span = _drop_time_tail(span)
    if not _plausible_speaker(span):
        return None
    end = span[-1].end
    m = re.match(r"(?i)(he|she|they|i|we|you|it)['’](?:s|d|ll|ve|re|m)$", span[-1].text)
    if m and len(span) == 1:
        end = span[-1].start + len(m.group(1))  # "he’s sought": the speaker is "he"
    return (span[0].start, end), cue_start


def _drop_time_tail(span: list[Tok]) -> list[Tok]:
    """'federal prosecutors in April' -> 'federal prosecutors'."""
    for n in range(len(span) - 1, 0, -1):
        if span[n].low in {"in", "on", "last", "this", "earlier", "late"} and n >= 1:
            tail = span[n + 1 :]
            if tail and all(t.low in _TIME_WORDS or t.low in _MONTHS or t.text.isdigit() for t in tail):
                return span[:n]
    return span


def _appositive_speaker(toks: list[Tok], comma: int, cue_start: int) -> tuple[tuple[int, int], int] | None:
    """'Kang, the presidential spokesperson, said': name, appositive and closing comma."""
    j = comma - 1
    while j >= 0 and toks[j].text not in ',;:“”"—(' and comma - j < 26:
        j -= 1
    if j < 0 or toks[j].text != ",":
        return None
    appos = toks[j + 1 : comma]
    if not appos:
        return None
    head = appos[0]
    if head.low.endswith(("ing", "ed")) and head.text.islower():
        start = _walk_left(toks, j - 1)
        name = toks[start:j]
        if name and len(name) <= 6 and _plausible_speaker(name):
            return (name[0].start, name[-1].end), cue_start
        return None
    if not (
        head.low in _DETERMINERS
        or head.low in {"who", "which"}
        or head.text[0].isupper()
        or head.text[0].isdigit()
    ):
        return None
    start = _walk_left(toks, j - 1)
    name = toks[start:j]
    while len(name) > 1 and name[0].low in lx.LEADING_CONNECTIVES:
        name = name[1:]
    if not name or len(name) > 8 or not _plausible_speaker(name):
        return None
    return (name[0].start, toks[comma].end), cue_start


def _walk_left(toks: list[Tok], k: int) -> int:
    """Index of the first token of the noun phrase that ends at ``k``."""
    j = k
    depth = 0
    while j >= 0:
        t = toks[j]
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (
            (t.text in _BOUNDARY_PUNCT)
            or (t.text == "." and not _is_abbrev(toks, j))
            or (t.low in lx.SPEAKER_STOPS and t.text.islower())
            or (t.text in lx.CLAUSE_VERBS and j != k)
        ):
            break
        j -= 1
    return j + 1


def _plausible_speaker(span: list[Tok]) -> bool:
    if not span or len(span) > 15:
        return False
    words = [t for t in span if t.text[0].isalnum()]
    if not words or span[-1].low in _FUNCTION - {"that", "this", "these", "those", "its"}:
        return False
    if len(words) == 1 and words[0].low in lx.PRONOUNS:
        return True
    if any(w.text in lx.CLAUSE_VERBS or w.low in _VERBISH for w in words):
        return False
    content = [w for w in words if w.low not in _FUNCTION]
    if not content:
        return False
    if not any(w.text[0].isupper() or w.text[0].isdigit() for w in words) and len(words) > 7:
        return False
    return _head_ok(words)


def _head_ok(words: list[Tok]) -> bool:
    """The last word must be able to name a source: a name, a pronoun or a source noun."""
    head = words[-1]
    low = head.low.rstrip("’'")
    if head.text[0].isupper() or head.text[0].isdigit() or low in lx.PRONOUNS or low in lx.SOURCE_NOUNS:
        return True
    if low.endswith(("’s", "'s")) or low in {"himself", "herself", "themselves", "all", "both", "others"}:
        return True
    return low.endswith(("s", "er", "or", "ist", "ian", "ent", "ant", "man", "woman")) and len(low) > 3


_NOT_ADVERBS = {
    "family",
    "rally",
    "ally",
    "supply",
    "assembly",
    "reply",
    "belly",
    "bully",
    "italy",
    "july",
    "early",
    "holly",
    "lily",
}


def _is_modifier(t: Tok) -> bool:
    if not t.text.islower():
        return False  # "May said": a name, not the modal
    return t.low in lx.CUE_MODIFIERS or (
        t.low.endswith("ly") and len(t.text) > 4 and t.low not in _NOT_ADVERBS
    )


def _passive(toks: list[Tok], i: int) -> bool:
    form = toks[i].low
    if form.endswith(("ing", "s")) and not form.endswith("ss"):
        return False
    if form in {"say", "tell", "think", "know", "find"}:
        return False
    k = i - 1
    while k >= 0 and _is_modifier(toks[k]) and toks[k].low not in _PASSIVE_AUX:
        k -= 1
    return k >= 0 and toks[k].low in _PASSIVE_AUX and toks[k].low != "has"


def _noun_reading(toks: list[Tok], i: int) -> bool:
    """'the plan', 'initial reports of', 'United States': the cue word is a noun here."""
    t = toks[i]
    if not t.text.islower():
        return True
    if i > 0 and toks[i - 1].low in _DETERMINERS | {"of", "in", "for", "with", "by", "from", "at", "about"}:
        return True
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    return t.low.endswith("s") and nxt in {"of", "for", "and", "were", "are", "have"}


def _coordinated(toks: list[Tok], i: int) -> tuple[tuple[int, int], int] | None:
    """'Kang met reporters and said …': the subject of the first verb speaks."""
    k = i - 1
    while k >= 0 and _is_modifier(toks[k]):
        k -= 1
    if k < 2 or toks[k].low not in {"and", "but"}:
        return None
    for j in range(1, k):
        verb = (
            toks[j].text in lx.CLAUSE_VERBS or toks[j].text in lx.OBJECT_VERBS or toks[j].text.endswith("ed")
        )
        res = _speaker_left("", toks, j, 0) if verb and toks[j].text.islower() else None
        if res and res[0][0] == toks[0].start or (res and toks[_tok_at(toks, res[0][0]) - 1].text == ","):
            return res[0], toks[k + 1].start
    return None


def _participle(text: str, toks: list[Tok], i: int, s: int, e: int) -> Candidate | None:
    """', adding that …' / ', saying …': the speaker is the subject of the main clause."""
    cue_e, k = _cue_end(toks, i)
    if k < len(toks) and toks[k].text in ",:":
        k += 1
    if len(toks) - k < 3:
        return None
    subject = _subject(toks, 0, i)
    cs, ce = _content_right(text, toks[k].start, e)
    kind = "direct" if _whole_quote(text, cs, ce) else "indirect"
    return Candidate(cs, ce, kind, (toks[i].start, cue_e), subject)


def _subject(toks: list[Tok], lo: int, hi: int) -> tuple[int, int] | None:
    """The sentence-initial noun phrase before the first cue verb in ``toks[lo:hi]``, if any."""
    for j in range(lo, hi):
        if toks[j].low in lx.CLAUSE_VERBS or toks[j].low in lx.OBJECT_VERBS:
            res = _speaker_left("", toks, j, 0)
            return res[0] if res else None
    return None


def _cue_end(toks: list[Tok], i: int) -> tuple[int, int]:
    """End offset of the cue (phrasal particle and time words included) and the next token index."""
    k = i + 1
    parts = lx.PHRASAL_FORMS.get(toks[i].low)
    if parts and k < len(toks) and toks[k].low in parts:
        k += 1
    end = toks[k - 1].end
    while k < len(toks) and toks[k].low in _TIME_WORDS and toks[k].low not in {"on", "last"}:
        end = toks[k].end
        k += 1
    return end, k


def _skip_listener(toks: list[Tok], k: int, lemma: str) -> int:
    """Index after the listener of tell-type verbs ("told reporters", "told The Post")."""
    if lemma not in lx.LISTENER_VERBS or k >= len(toks) or toks[k].low == "that":
        return k
    j = k
    if toks[j].low in {"him", "her", "them", "me", "us", "reporters", "supporters", "journalists", "voters"}:
        return j + 1
    if toks[j].low in _DETERMINERS:
        j += 1
    n = 0
    while j < len(toks) and (toks[j].text[0].isupper() or toks[j].low in {"’s", "'s", "."}) and n < 6:
        j += 1
        n += 1
    if n == 0 and j > k and j < len(toks):
        j += 1  # "told the crowd"
    return j


def _skip_time(toks: list[Tok], k: int) -> int:
    """Past 'on Monday' / 'last week' between the cue (or listener) and 'that'."""
    j = k
    while j < len(toks) and toks[j].low in _TIME_WORDS:
        j += 1
    return j if j > k and j < len(toks) and toks[j].low == "that" else k


def _is_tail(rest: list[Tok]) -> bool:
    """True when what follows the cue is a closing adverbial, not the reported content."""
    words = [t for t in rest if t.text not in '.!?”"’']
    if not words:
        return True
    if words[0].low == "that" or len(words) > 9:
        return False
    return words[0].low in _TAIL_STARTS or words[0].text == ","


def _tok_at(toks: list[Tok], offset: int) -> int:
    for n, t in enumerate(toks):
        if t.start >= offset:
            return n
    return len(toks)


def _whole_quote(text: str, cs: int, ce: int) -> bool:
    spans = quote_spans(text, cs, ce)
    return len(spans) == 1 and spans[0][0] == cs and spans[0][1] >= ce - 1


_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gov",
    "sen",
    "rep",
    "st",
    "jr",
    "sr",
    "gen",
    "lt",
    "col",
    "sgt",
    "u.s",
    "rev",
    "prof",
    "inc",
    "co",
    "corp",
    "ltd",
    "no",
    "vs",
    "d.c",
    "u.n",
    "u.k",
    "e.u",
    "capt",
    "maj",
}


def _is_abbrev(toks: list[Tok], j: int) -> bool:
    """A '.' token that closes an abbreviation or initial (Mr. / U.S. / Jason M.)."""
    if j == 0:
        return False
    prev = toks[j - 1]
    return prev.end == toks[j].start and (
        prev.low in _ABBREV or "." in prev.text or (len(prev.text) == 1 and prev.text.isupper())
    )


def _is_abbrev_text(text: str, cs: int, dot: int) -> bool:
    m = re.search(r"([A-Za-z.]+)$", text[cs:dot])
    return bool(m) and (m.group(1).lower().rstrip(".") in _ABBREV or len(m.group(1)) == 1)
