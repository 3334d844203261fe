"""English quotes: direct (“…,” she said) and indirect (X said that …; …, officials said;
according to X, …), found with a verb lexicon and word-level rules, no parser.

Conventions follow the PolNeAR / PARC annotation: a direct quote's content keeps its quotation
marks, an indirect one starts at "that" when present and stops before the final full stop; the
speaker mention keeps an appositive and its closing comma ("Kang, the spokesperson, said").
"""

from __future__ import annotations

import re

from comparator.quotes import en_lexicon as lx
from comparator.quotes.common import Candidate, overlaps, quote_spans, sentence_spans, trim
from comparator.quotes.en_layout import signed_paragraphs, transcript_paragraphs
from comparator.quotes.en_speakers import (
    coordinated,
    cue_then_speaker,
    raising_start,
    speaker_left,
    speaker_then_cue,
    subject,
)
from comparator.quotes.en_tokens import (
    DETERMINERS,
    TAIL_STARTS,
    TIME_WORDS,
    TOKEN,
    Tok,
    is_abbrev,
    is_abbrev_text,
    noun_reading,
    passive,
    tok_at,
    whole_quote,
)
from comparator.schema import Article


def extract(article: Article) -> list[Candidate]:
    """Quote candidates of an English article, in text order."""
    text = article.text
    cands: list[Candidate] = []
    last_direct: Candidate | None = None
    intro: Candidate | None = None
    prev_end = 0
    skip_to = -1
    signed = signed_paragraphs(text) + transcript_paragraphs(text)
    cands.extend(signed)
    for s, e in _merge_tags(text, sentence_spans(article)):
        if s < skip_to or any(c.start <= s < c.end + 4 for c in signed):
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
    return "direct" if whole_quote(text, s, e) else "indirect"


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


def _title_case(toks: list[Tok]) -> bool:
    """A headline written in title case ("Retired General Reveals Troubling Memo")."""
    long = [t for t in toks if t.text[0].isalpha() and len(t.text) > 3]
    return len(long) >= 3 and sum(t.text[0].isupper() for t in long) >= 0.8 * len(long)


def _headline_cue(text: str, toks: list[Tok], s: int, e: int) -> Candidate | None:
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
            src, (cs, ce) = toks[:j], _content_right(text, rest[0].start, e)
        if not src or ce <= cs:
            return None
        return Candidate(
            cs, ce, _kind(text, cs, ce), (toks[j].start, toks[j].end), (src[0].start, src[-1].end)
        )
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
    toks = [Tok(s + m.start(), s + m.end(), m.group()) for m in TOKEN.finditer(text[s:e])]
    quotes = quote_spans(text, s, e)
    out: list[Candidate] = []
    if _title_case(toks):
        head = _headline_cue(text, toks, s, e)
        if head:
            return [head]
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
        c = _indirect(text, toks, i, s, e) or _noun_cue(text, toks, i, e)
        if c:
            c = _cut_before(text, c, taken)
        if c and not any(overlaps((c.start, c.end), span) for span in taken):
            out.append(c)
            taken.append((c.start, c.end))
            if c.cue:
                taken.append(c.cue)
        i += 1
    if not out:
        intro = _colon_intro(text, toks, e)
        if intro:
            out.append(intro)
    return out


def _colon_intro(text: str, toks: list[Tok], e: int) -> Candidate | None:
    """'Sanders made the following comment:' before a quotation: the sentence's subject said it
    (the quotation, in this paragraph or the next, is taken as an intro's content)."""
    if len(toks) < 3 or toks[-1].text != ":" or text[e:].lstrip()[:1] not in ("“", '"', "'"):
        return None
    speaker = subject(toks, 0, len(toks) - 1)
    if speaker is None:
        return None
    colon = (toks[-1].start, toks[-1].end)
    return Candidate(colon[1], colon[1], "intro", colon, speaker)


def _final_attribution(
    text: str, toks: list[Tok], quotes: list[tuple[int, int]], taken: list[tuple[int, int]], s: int, e: int
) -> Candidate | None:
    """'…, but the NYPD overruled it, the source added.': a closing attribution owns the sentence."""
    for i in range(len(toks) - 1, max(-1, len(toks) - 22), -1):
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


def _direct(text: str, toks: list[Tok], q: tuple[int, int], s: int, e: int) -> Candidate | None:
    qs, qe = q
    after = [t for t in toks if t.start >= qe]
    before = [t for t in toks if t.end <= qs]
    # “…,” she said.   /   “…,” said Kang.
    k = 1 if after and after[0].text == "," else 0
    rest = after[k:]
    closed_by_comma = k == 1 or text[qs:qe].rstrip("”\"'’»").endswith((",", "?", "!", "—"))
    if rest and closed_by_comma and not _is_title(text, before, qs, qe):
        sp = speaker_then_cue(toks, toks.index(rest[0]))
        if sp:
            return Candidate(qs, qe, "direct", sp[1], sp[0])
        inv = cue_then_speaker(toks, toks.index(rest[0]), e)
        if inv:
            return Candidate(qs, qe, "direct", inv[1], inv[0])
    # She said: “…”   /   Kang told reporters, “…”
    if before and before[-1].text in ",:" and len(before) >= 2:
        for j in range(len(before) - 2, max(-1, len(before) - 9), -1):
            form = before[j].low
            if form in lx.CLAUSE_VERBS or form in lx.OBJECT_VERBS:
                spk = speaker_left(text, toks, toks.index(before[j]), s)
                if spk:
                    return Candidate(qs, qe, "direct", (spk[1], before[j].end), spk[0])
                break
    return None


def _is_title(text: str, before: list[Tok], qs: int, qe: int) -> bool:
    """'On this week's broadcast of “Fox News Sunday,” Pence said …': a short capitalised name in
    quotation marks after a preposition or a possessive is a title, not what the speaker said."""
    words = re.findall(r"[\w’'-]+", text[qs:qe])
    if not words or len(words) > 5 or not all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in words):
        return False
    return bool(before) and (before[-1].low in _TITLE_LEADS or before[-1].low.endswith(("’s", "'s")))


_TITLE_SMALL = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "with"}
_TITLE_LEADS = {
    "of",
    "on",
    "in",
    "at",
    "from",
    "titled",
    "called",
    "named",
    "dubbed",
    "show",
    "program",
    "book",
}


def _indirect(text: str, toks: list[Tok], i: int, s: int, e: int) -> Candidate | None:
    t = toks[i]
    if t.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
        return _according_to(text, toks, i, s, e)
    form = t.low
    clause = form in lx.CLAUSE_VERBS or _phrasal(toks, i) == "clause"
    if not clause and form not in lx.OBJECT_VERBS and not _phrasal(toks, i):
        return None
    r = raising_start(toks, i)
    if r < i and toks[r].low.endswith("ing") and r > 0 and toks[r - 1].text == ",":
        return _participle(text, toks, i, s, e, r)  # ", going on to say …"
    after_prep = i > 0 and toks[i - 1].low in {"by", "for", "after", "before", "while", "when", "in"}
    if form.endswith("ing") and i > 0 and (toks[i - 1].text == "," or after_prep):
        # ', saying …' / 'began by saying …': the speaker is the subject of the main clause.
        return _participle(text, toks, i, s, e)
    if passive(toks, i) or noun_reading(toks, i):
        return None
    spk = speaker_left(text, toks, i, s)
    if spk is None:
        spk = coordinated(toks, i)
    if spk is None:
        return _inverted_tail(text, toks, i, s) if clause else None
    (sp_s, sp_e), cue_s = spk
    cue_e, k = _cue_end(toks, i)
    rest = toks[k:]
    if _is_tail(rest) and text[s:sp_s].rstrip().endswith((",", "”", '"')):
        cs, ce = trim(text, s, sp_s, ",")
        if len(toks) - len(rest) - (i - tok_at(toks, sp_s)) >= 4 and ce > cs:
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
    if not clause:
        ce = _object_end(text, cs, ce)
    kind = "direct" if whole_quote(text, cs, ce) else "indirect"
    return Candidate(cs, ce, kind, (cue_s, cue_e), (sp_s, sp_e))


_OBJECT_STOPS = re.compile(r", (?:which|who)\b|,? (?:while|when|because|amid|even as)\b")


def _object_end(text: str, cs: int, ce: int) -> int:
    """An object-taking cue's content is a noun phrase: it ends before an adverbial clause or a
    non-restrictive relative ("condemned the launch as Pyongyang fired …", "…, which …")."""
    quoted = quote_spans(text, cs, ce)
    for m in _OBJECT_STOPS.finditer(text, cs, ce):
        if m.start() - cs >= 8 and not any(a <= m.start() < b for a, b in quoted):
            return trim(text, cs, m.start(), ",")[1]
    return ce


def _phrasal(toks: list[Tok], i: int) -> str | None:
    """'pointed out (that)', 'spoke of', 'talked about': a cue only with its particle. 'clause'
    when it takes a reported clause, 'object' when it takes a noun phrase."""
    parts = lx.PHRASAL_CUES.get(toks[i].low)
    if not parts or i + 1 >= len(toks) or toks[i + 1].low not in parts:
        return None
    return "clause" if toks[i + 1].low in lx.PHRASAL_CLAUSE_PARTICLES else "object"


def _noun_cue(text: str, toks: list[Tok], i: int, e: int) -> Candidate | None:
    """ "Trump's claim that …", "his warning that …", "a New York Times report that …": a speech
    noun with its owner before it and a that-clause after it."""
    if toks[i].low not in lx.CUE_NOUNS or i + 2 >= len(toks) or toks[i + 1].low != "that" or i == 0:
        return None
    prev = toks[i - 1]
    if prev.low in {"his", "her", "their", "its", "our", "my"}:
        source = (prev.start, prev.end)
    elif prev.low in {"’s", "'s"} or prev.low.endswith(("’s", "'s")):
        # The owner is the name run right before 's: "seized on Mayor Ito’s claim" -> "Mayor Ito’s".
        j = i - 1 if prev.text[0].isupper() else i - 2
        if j < 0 or not toks[j].text[0].isupper():
            return None
        while j > 0 and (toks[j - 1].text[0].isupper() or toks[j - 1].text == ".") and i - j < 7:
            j -= 1
        if j > 0 and toks[j - 1].low in {"the", "a", "an"}:
            j -= 1
        source = (toks[j].start, prev.end)
    elif prev.text[0].isupper():
        j = i - 1
        while j > 0 and toks[j - 1].text[0].isupper() and i - j < 6:
            j -= 1
        if j > 0 and toks[j - 1].low in {"a", "an", "the"}:
            j -= 1
        source = (toks[j].start, prev.end)
    else:
        return None
    cs, ce = _content_right(text, toks[i + 1].start, e)
    if ce - cs < 10:
        return None
    return Candidate(cs, ce, "indirect", (toks[i].start, toks[i].end), source)


def _according_to(text: str, toks: list[Tok], i: int, s: int, e: int) -> Candidate | None:
    cue = (toks[i].start, toks[i + 1].end)
    j = i + 2
    stop = j
    while (
        stop < len(toks)
        and toks[stop].text not in ",;"
        and not (toks[stop].text == "." and not is_abbrev(toks, stop))
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
    inv = cue_then_speaker(toks, i, toks[-1].end)
    if inv is None:
        return None
    cs, ce = trim(text, s, toks[i - 1].start if toks[i - 1].text == "," else toks[i - 1].end, ",")
    kind = "direct" if whole_quote(text, cs, ce) else "indirect"
    return Candidate(cs, ce, kind, inv[1], inv[0])


def _content_right(text: str, cs: int, e: int) -> tuple[int, int]:
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
        if 0 < m.start() < cut and verb in lx.CLAUSE_VERBS and verb.endswith(("ed", "s", "id", "ld", "te")):
            if outside(m.start()):
                cut = m.start()
            break
    # "…, and warned against …": a second predicate with its own cue verb is another attribution.
    for m in _SECOND_PREDICATE.finditer(seg):
        verb = m.group("verb").lower()
        if (
            0 < m.start() < cut
            and (verb in lx.CLAUSE_VERBS or verb in lx.OBJECT_VERBS)
            and verb.endswith(("ed", "s"))
        ):
            if outside(m.start()):
                cut = m.start()
            break
    ce = cs + cut
    cs, ce = trim(text, cs, ce)
    final_dot = ce - cs > 1 and text[ce - 1] in ".!?" and text[ce - 2] != "."
    if final_dot and not is_abbrev_text(text, cs, ce - 1):
        ce -= 1
    return trim(text, cs, ce, ",")


_SECOND_CLAUSE = re.compile(
    r", (?:and|but) (?:[\w’'.-]+ ){1,5}?(?P<verb>[a-z]+)\b(?= that\b| the\b| it\b| he\b| she\b| they\b)"
)
_SECOND_PREDICATE = re.compile(r",? and (?:(?:also|then|later) )?(?P<verb>[a-z]+)\b")


def _participle(
    text: str, toks: list[Tok], i: int, s: int, e: int, first: int | None = None
) -> Candidate | None:
    """', adding that …' / ', saying …': the speaker is the subject of the main clause. ``first``
    is where the participle starts when it carries the cue as an infinitive (', going on to say')."""
    first = i if first is None else first
    cue_e, k = _cue_end(toks, i)
    if k < len(toks) and toks[k].text in ",:":
        k += 1
    if len(toks) - k < 3:
        return None
    speaker = subject(toks, 0, first)
    cs, ce = _content_right(text, toks[k].start, e)
    kind = "direct" if whole_quote(text, cs, ce) else "indirect"
    return Candidate(cs, ce, kind, (toks[first].start, cue_e), speaker)


def _cue_end(toks: list[Tok], i: int) -> tuple[int, int]:
    """End offset of the cue (phrasal particle and time words included) and the next token index."""
    k = i + 1
    parts = lx.PHRASAL_FORMS.get(toks[i].low)
    if parts and k < len(toks) and toks[k].low in parts:
        k += 1
    end = toks[k - 1].end
    while k < len(toks) and toks[k].low in TIME_WORDS and toks[k].low not in {"on", "last"}:
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
    if toks[j].low in DETERMINERS:
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
    while j < len(toks) and toks[j].low in TIME_WORDS:
        j += 1
    return j if j > k and j < len(toks) and toks[j].low == "that" else k


def _is_tail(rest: list[Tok]) -> bool:
    """True when what follows the cue is a closing adverbial, not the reported content."""
    words = [t for t in rest if t.text not in '.!?”"’']
    if not words:
        return True
    if words[0].low == "that" or len(words) > 9:
        return False
    return words[0].low in TAIL_STARTS or words[0].text == ","
