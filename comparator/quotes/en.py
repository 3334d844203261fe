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
from comparator.quotes.en_clauses import (
    EVIDENT,
    as_clause,
    as_put_it,
    bare_gerund,
    embedded_start,
    fronted_participle,
    impersonal_evident,
    relative_gap,
    second_cue_follows,
    skip_channel,
)
from comparator.quotes.en_content import (
    content_kind,
    content_right,
    cut_before,
    object_end,
    relative_end,
    skip_dateline,
)
from comparator.quotes.en_cue import cue_end, is_tail, skip_listener, skip_time
from comparator.quotes.en_forms import (
    EXPRESS_FORMS,
    according_to,
    expressed_attitude,
    fronted_asked,
    noun_cue,
    passive_attribution,
    poll_frame,
)
from comparator.quotes.en_layout import (
    dash_attribution,
    headline_colon,
    headline_cue,
    signed_paragraphs,
    title_case,
    transcript_paragraphs,
)
from comparator.quotes.en_phrase import raising_start
from comparator.quotes.en_senses import is_title, not_a_cue_here, phrasal
from comparator.quotes.en_speakers import (
    cue_then_speaker,
    speaker_left,
    speaker_then_cue,
    walk_left,
)
from comparator.quotes.en_subjects import coordinated, relative_subject, subject
from comparator.quotes.en_tokens import (
    TOKEN,
    Tok,
    demonstrative,
    is_modifier,
    noun_reading,
    passive,
    run_end,
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
            cands.append(Candidate(cs, ce, content_kind(text, cs, ce), intro.cue, intro.speaker))
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
            c.start = skip_dateline(text, c.start, c.end)
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


def _sentence(text: str, s: int, e: int) -> list[Candidate]:
    toks = [Tok(s + m.start(), s + m.end(), m.group()) for m in TOKEN.finditer(text[s:e])]
    quotes = quote_spans(text, s, e)
    out: list[Candidate] = []
    if title_case(toks):
        head = headline_cue(text, toks, s, e)
        if head:
            return [head]
    for qs, qe in quotes:
        c = _direct(text, toks, (qs, qe), s, e) or dash_attribution(text, toks, (qs, qe), e)
        if c:
            out.append(c)
    if not out and (not quotes or quotes[0][0] == s):
        head = headline_colon(text, toks, s, e)
        if head:
            return [head]
    taken = [(c.start, c.end) for c in out] + [c.cue for c in out if c.cue]
    final = _final_attribution(text, toks, quotes, taken, s, e)
    if final:
        out.append(final)
        taken += [(final.start, final.end), final.cue or (final.start, final.start)]
    for i, t in enumerate(toks):
        host = next((o for o in out if o.kind == "indirect" and o.start <= t.start < o.end), None)
        blocked = [span for span in taken if host is None or span != (host.start, host.end)]
        if any(qs <= t.start < qe for qs, qe in quotes) or any(a <= t.start < b for a, b in blocked):
            continue
        c = _indirect(text, toks, i, s, e) or noun_cue(text, toks, i, e)
        if c:
            c = cut_before(text, c, blocked)
        if c is None or any(overlaps((c.start, c.end), span) for span in blocked):
            continue
        if host is not None:
            if not (host.start <= c.start and c.end <= host.end):
                continue
            if not _coordinated(text, out, host, c, taken):
                continue  # nested: the outer reported clause keeps it (quotes do not overlap)
        out.append(c)
        taken.append((c.start, c.end))
        if c.cue:
            taken.append(c.cue)
    poll = poll_frame(text, toks, e)  # 'In the latest poll, Reyes leads …' (when nothing else reports it)
    if poll and not any(overlaps((poll.start, poll.end), (o.start, o.end)) for o in out):
        out.append(poll)
    if not out:
        intro = _colon_intro(text, toks, e)
        if intro:
            out.append(intro)
    # Passives without an agent come last: any attribution with a source wins the words they cover
    # ("North Korea is estimated to …, according to the statement").
    # So does an impression with no one holding it ("the lack of enthusiasm seems to be an issue").
    for i, t in enumerate(toks):
        lemma = lx.CLAUSE_VERBS.get(t.low, lx.OBJECT_VERBS.get(t.low))
        if t.low in _SEEM:
            c = _seems(text, toks, i, e)
        elif lemma is None or lemma in lx.NOT_AGENTLESS or not t.text.islower() or not passive(toks, i):
            continue
        else:
            c = passive_attribution(text, toks, i, agentless=True)
        spans = [(o.start, o.end) for o in out] + [o.cue for o in out if o.cue] + quotes
        if c and not any(overlaps((c.start, c.end), sp) or overlaps(c.cue or (0, 0), sp) for sp in spans):
            out.append(c)
    return out


_COORDINATION = re.compile(r"(?:,\s*(?:and|but|yet|while)|;)$")


_SEEM = {"seem", "seems", "seemed", "appear", "appears", "appeared"}


def _seems(text: str, toks: list[Tok], i: int, e: int) -> Candidate | None:
    """'X seems to be Y' with no cue after 'to' (that is 'appeared to suggest', read elsewhere): an
    attribution without a source; the content runs from the subject to the clause end."""
    if i + 2 >= len(toks) or toks[i + 1].low != "to":
        return None
    nxt = toks[i + 2].low
    if nxt in lx.CLAUSE_VERBS or nxt in lx.OBJECT_VERBS:
        return None
    k = i - 1
    while k >= 0 and is_modifier(toks[k]):
        k -= 1
    if k < 0 or toks[k].text in ",;:":
        return None
    start = walk_left(toks, k)
    if start > k:
        return None
    _, ce = content_right(text, toks[i + 1].start, e)
    return Candidate(toks[start].start, ce, "indirect", (toks[i].start, toks[i].end), None)


def _coordinated(
    text: str, out: list[Candidate], host: Candidate, c: Candidate, taken: list[tuple[int, int]]
) -> bool:
    """An attribution found inside another's reported clause. 'Democrats want A, and Republicans
    want B' is a coordination: the first content ends before ', and' and both stand (True). 'X said
    that Y believes Z' nests: the outer quote keeps the clause whole (False)."""
    lead_end = min(
        p for p in (c.speaker[0] if c.speaker else None, c.cue[0] if c.cue else None) if p is not None
    )
    lead = text[host.start : lead_end].rstrip()
    m = _COORDINATION.search(lead)
    if m is None:
        return False
    cs, ce = trim(text, host.start, host.start + m.start(), ",")
    n = out.index(host)
    out[n] = Candidate(cs, ce, host.kind, host.cue, host.speaker)
    taken[taken.index((host.start, host.end))] = (cs, ce)
    return True


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
    """'…, but the NYPD overruled it, the source added.': a closing attribution owns the sentence,
    and so does a closing '…, according to the ministry.' (what it reports may hold a cue of its own:
    'Omori asked for …, according to the Foreign Ministry')."""
    for i in range(len(toks) - 2, max(-1, len(toks) - 22), -1):
        if toks[i].low == "according" and toks[i + 1].low == "to" and i > 0 and toks[i - 1].text == ",":
            c = according_to(text, toks, i, s, e)
            if c and run_end(toks, i + 2, ",;") >= len(toks) - 1:
                return None if any(overlaps((c.start, c.end), span) for span in taken) else c
            break
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


def _direct(text: str, toks: list[Tok], q: tuple[int, int], s: int, e: int) -> Candidate | None:
    qs, qe = q
    after = [t for t in toks if t.start >= qe]
    before = [t for t in toks if t.end <= qs]
    # “…,” she said.   /   “…,” said Kang.
    k = 1 if after and after[0].text == "," else 0
    rest = after[k:]
    closed_by_comma = k == 1 or text[qs:qe].rstrip("”\"'’»").endswith((",", "?", "!", "—"))
    if rest and closed_by_comma and not is_title(text, before, qs, qe):
        found = speaker_then_cue(toks, toks.index(rest[0])) or cue_then_speaker(toks, toks.index(rest[0]), e)
        if found:
            cs = embedded_start(text, before, qs, s)  # 'The alliance was "ironclad," she said.'
            return Candidate(qs if cs is None else cs, qe, "direct", found[1], found[0])
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


def _indirect(text: str, toks: list[Tok], i: int, s: int, e: int) -> Candidate | None:
    t = toks[i]
    if t.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
        return according_to(text, toks, i, s, e)
    if t.low == "asked" and (i == 0 or (i == 1 and toks[0].low == "when")):
        return fronted_asked(text, toks, i)
    if t.low in EVIDENT:
        return impersonal_evident(text, toks, i, e)
    if t.low in EXPRESS_FORMS:
        return expressed_attitude(text, toks, i, s, e)
    if t.low == "put":
        spk_put = speaker_left(text, toks, i, s)
        return as_put_it(text, toks, i, e, spk_put[0] if spk_put else None)
    form = t.low
    clause = form in lx.CLAUSE_VERBS or phrasal(toks, i) == "clause"
    if not clause and form not in lx.OBJECT_VERBS and not phrasal(toks, i):
        return None
    r = raising_start(toks, i)
    if r < i and toks[r].low.endswith("ing") and r > 0 and toks[r - 1].text == ",":
        return _participle(text, toks, i, s, e, r)  # ", going on to say …"
    after_prep = i > 0 and toks[i - 1].low in {"by", "while", "when", "in", "before", "after"}
    # '“…,” adding that …': the comma that opens the participle sits inside the quotation marks
    after_quote = i > 0 and toks[i - 1].text in '”"' and text[: toks[i - 1].start].endswith(",")
    # a sentence-initial participle that takes a clause ('Saying the pier was safe, …'; not
    # 'Writing for the Times, …' or 'Voting rights advocates …')
    opens = i == 0 and clause and i + 1 < len(toks) and toks[i + 1].low not in _NOT_AFTER_OPENING
    if form.endswith("ing") and (opens or (i > 0 and (toks[i - 1].text == "," or after_prep or after_quote))):
        # ', saying …' / 'began by saying …': the speaker is the subject of the main clause.
        return _participle(text, toks, i, s, e)
    if passive(toks, i):
        return passive_attribution(text, toks, i, agentless=False)
    if noun_reading(toks, i) or not_a_cue_here(toks, i, clause) or bare_gerund(toks, i):
        return None
    spk = speaker_left(text, toks, i, s)
    if spk is not None and re.fullmatch(r"(?:and |but )?[\d,.]+", text[spk[0][0] : spk[0][1]]):
        return None  # "Of 42 textbooks, 40 describe …": a count of things, not someone speaking
    if spk is None:
        spk = coordinated(toks, r)  # from "seemed" in "… and seemed to think …"
    if spk is None:
        return _inverted_tail(text, toks, i, s) if clause else None
    (sp_s, sp_e), cue_s = spk
    cue_e, k = cue_end(toks, i)
    gap = relative_gap(toks, tok_at(toks, sp_s), k)
    if gap is not None:  # 'a plan Seoul announced in 2023, …': the head noun is what was announced
        return Candidate(gap[0], gap[1], "indirect", (cue_s, cue_e), (sp_s, sp_e))
    rest = toks[k:]
    if is_tail(rest) and text[s:sp_s].rstrip().endswith((",", "”", '"')):
        cs, ce = trim(text, s, sp_s, ",")
        if len(toks) - len(rest) - (i - tok_at(toks, sp_s)) >= 4 and ce > cs:
            return Candidate(cs, ce, "indirect", (cue_s, cue_e), (sp_s, sp_e))
    if not rest:
        return None
    if rest[0].text == ":" and len(rest) == 1:
        return Candidate(cue_e, cue_e, "intro", (cue_s, cue_e), (sp_s, sp_e))
    fronted_as = as_clause(text, toks, k, e, (cue_s, cue_e), (sp_s, sp_e)) if clause else None
    if fronted_as is not None and tok_at(toks, sp_s) == 1:
        return fronted_as
    k = skip_listener(toks, k, lx.CLAUSE_VERBS.get(form) or lx.OBJECT_VERBS.get(form, ""))
    k = skip_channel(toks, skip_time(toks, k)) if clause else skip_time(toks, k)
    if k < len(toks) and toks[k].text in ",:":
        k += 1
    if len(toks) - k < 2 or (
        not clause and toks[k].low in {"by", "of", "that"} and not demonstrative(toks, k)
    ):
        return None
    if second_cue_follows(toks, k):
        return None  # "Kim agreed, but argued that …": 'agreed' reports nothing; 'argued' does
    cs, ce = content_right(text, toks[k].start, e)
    if not clause or toks[k].low == "for":  # "asked for Seoul's understanding": a noun phrase
        ce = object_end(text, cs, ce)
    if text[sp_s:sp_e].lower() in {"who", "which"} and text[:sp_s].rstrip().endswith(","):
        ce = relative_end(text, cs, ce)
    kind = "direct" if whole_quote(text, cs, ce) else "indirect"
    return Candidate(cs, ce, kind, (cue_s, cue_e), (sp_s, sp_e))


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


_NOT_AFTER_OPENING = {"for", "to", "in", "on", "at", "with", "from", "by", "about", "of", "as"}


def _participle(
    text: str, toks: list[Tok], i: int, s: int, e: int, first: int | None = None
) -> Candidate | None:
    """', adding that …' / ', saying …': the speaker is the subject of the main clause. ``first``
    is where the participle starts when it carries the cue as an infinitive (', going on to say')."""
    first = i if first is None else first
    cue_e, k = cue_end(toks, i)
    k = skip_listener(toks, k, lx.CLAUSE_VERBS.get(toks[i].low) or lx.OBJECT_VERBS.get(toks[i].low, ""))
    if k < len(toks) and toks[k].text in ",:":
        k += 1
    if len(toks) - k < 3:
        return None
    fronted = fronted_participle(text, toks, first, k)
    if fronted is not None:
        # "After saying her foot was swollen, she …": the subject follows the participle's comma.
        speaker = subject(toks, fronted + 1, len(toks))
        close = toks[fronted]
        cs, ce = trim(text, toks[k].start, close.start if close.text == "," else close.end, ",")
        return Candidate(cs, ce, content_kind(text, cs, ce), (toks[first].start, cue_e), speaker)
    speaker = relative_subject(toks, first) or subject(toks, 0, first)
    cs, ce = content_right(text, toks[k].start, e)
    kind = "direct" if whole_quote(text, cs, ce) else "indirect"
    return Candidate(cs, ce, kind, (toks[first].start, cue_e), speaker)
