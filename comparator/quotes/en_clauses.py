"""English clause shapes around a cue: a fronted participle ('After saying …, she'), an as-clause
('As Kang noted, …'), a second predicate that takes the content ('agreed, but argued that …') and
-ing nouns that are no cue ('a Senate hearing').
"""

from __future__ import annotations

from comparator.quotes import en_lexicon as lx
from comparator.quotes.common import Candidate, quote_spans
from comparator.quotes.en_content import content_kind, content_right
from comparator.quotes.en_tokens import (
    DETERMINERS,
    FUNCTION,
    PASSIVE_AUX,
    TAIL_STARTS,
    TIME_WORDS,
    VERBISH,
    Tok,
    is_modifier,
    run_end,
)


def fronted_participle(text: str, toks: list[Tok], first: int, k: int) -> int | None:
    """Index of the comma that closes a sentence-initial participle phrase ('After saying …,',
    'In defending himself,'), or None when the participle is not fronted."""
    if first > 1 or (
        first == 1 and toks[0].low not in {"after", "before", "in", "by", "while", "when", "upon"}
    ):
        return None
    spans = quote_spans(text, toks[0].start, toks[-1].end)

    def closes(n: int) -> bool:  # a comma outside quotation marks, or one inside a closing '…,”'
        if toks[n].text == ",":
            return not any(a <= toks[n].start < b for a, b in spans)
        return toks[n].text in '”"' and text[: toks[n].start].endswith(",")

    comma = next((n for n in range(k, len(toks)) if closes(n)), None)
    if comma is None or comma >= len(toks) - 3 or comma == k:
        return None
    return comma


# -ing forms that are common nouns in news ("a Senate hearing", "Additional reporting by").
_ING_NOUNS = {"hearing", "reporting", "briefing"}


# -ing forms that are common nouns in news ("a Senate hearing", "Additional reporting by").
_ING_NOUNS = {"hearing", "reporting", "briefing"}


def bare_gerund(toks: list[Tok], i: int) -> bool:
    """'at a Senate hearing for his role': one of these -ing forms with no auxiliary before it is a
    noun, no cue (participles after a comma or a preposition are read before this)."""
    if toks[i].low not in _ING_NOUNS or (i + 1 < len(toks) and toks[i + 1].low in {"that", "on", "about"}):
        return False  # "the Times reporting that …" is a verb
    k = i - 1
    while k >= 0 and is_modifier(toks[k]) and toks[k].low not in PASSIVE_AUX:
        k -= 1
    return k < 0 or (toks[k].low not in PASSIVE_AUX and not toks[k].low.endswith(("’s", "'s", "’re", "'re")))


def as_clause(
    text: str, toks: list[Tok], k: int, e: int, cue: tuple[int, int], speaker: tuple[int, int]
) -> Candidate | None:
    """'As one analyst pointed out, the gap is vast.': what was said is the main clause after the
    comma that closes the as-clause (PolNeAR's content), not the words right after the cue."""
    comma = run_end(toks, k, ",;")
    if toks[0].low != "as" or comma >= len(toks) - 2 or toks[comma].text != ",":
        return None
    if any(t.low == "that" for t in toks[k:comma]):
        return None  # "As the ministry said in March that …, officials …": its own reported clause
    cs, ce = content_right(text, toks[comma + 1].start, e)
    return Candidate(cs, ce, content_kind(text, cs, ce), cue, speaker)


def second_cue_follows(toks: list[Tok], k: int) -> bool:
    """What follows the cue is 'and/but (also) <another cue verb>': a second predicate, not content."""
    if toks[k].low not in {"and", "but"}:
        return False
    j = k + 1
    while j < len(toks) and is_modifier(toks[j]):
        j += 1
    return j < len(toks) and (toks[j].text in lx.CLAUSE_VERBS or toks[j].text in lx.OBJECT_VERBS)


def as_put_it(
    text: str, toks: list[Tok], i: int, e: int, speaker: tuple[int, int] | None
) -> Candidate | None:
    """'As Rosenthal put it, …' / '…, as the Times put it in an exposé, “the operator.”': 'put it' is
    a cue only in an as-clause, and what was said follows the comma that closes it."""
    if speaker is None or i + 1 >= len(toks) or toks[i + 1].low != "it":
        return None
    n = next((n for n, t in enumerate(toks) if t.start == speaker[0]), None)
    if not n or toks[n - 1].low != "as":
        return None
    comma = run_end(toks, i + 2, ",;")
    if comma >= len(toks) - 1 or toks[comma].text != ",":
        return None
    cs, ce = content_right(text, toks[comma + 1].start, e)
    if ce - cs < 3:
        return None
    return Candidate(cs, ce, content_kind(text, cs, ce), (toks[i].start, toks[i + 1].end), speaker)


EVIDENT = {"clear", "unclear", "obvious", "evident", "apparent"}
_COPULA_FORMS = {
    "is",
    "was",
    "'s",
    "’s",
    "be",
    "been",
    "remains",
    "remained",
    "seems",
    "seemed",
    "became",
    "becomes",
}
_CLAUSE_OPENERS = {"that", "whether", "if", "how", "why", "what", "who", "when", "where"}


def impersonal_evident(text: str, toks: list[Tok], i: int, e: int) -> Candidate | None:
    """'It was unclear whether …', 'it's obvious that …', 'Nor is it clear that …': an attribution
    with no source (PolNeAR annotates these); the cue runs from 'it' (or 'Nor') to the adjective."""
    if toks[i].low not in EVIDENT or i + 2 >= len(toks):
        return None
    j = i - 1
    while j >= 0 and (toks[j].low in _COPULA_FORMS or is_modifier(toks[j])):
        j -= 1
    if j == i - 1 and j >= 2 and toks[j].low == "it" and toks[j - 1].low in {"is", "was"}:
        j = j - 2 if toks[j - 2].low == "nor" else i  # "Nor is it clear that"
    elif j < 0 or j == i - 1 or toks[j].low != "it":
        return None
    if j == i:
        return None
    k = i + 1
    if toks[k].low not in _CLAUSE_OPENERS and not (toks[k].text[:1].isupper() or toks[k].low in lx.PRONOUNS):
        return None
    cs, ce = content_right(text, toks[k].start, e)
    if ce - cs < 10:
        return None
    return Candidate(cs, ce, "indirect", (toks[j].start, toks[i].end), None)


def relative_gap(toks: list[Tok], sp: int, k: int) -> tuple[int, int] | None:
    """Content span of a cue inside a relative clause whose object is the clause's head noun:
    'Under a plan Seoul announced in 2023, …' -> 'a plan'; 'The policy, which Seoul announced in
    March, …' -> 'which' (as PolNeAR marks it). ``sp`` is the speaker's first token, ``k`` the
    token after the cue. The main clause after the relative is no content of that cue: it has a
    subject and verb of its own. None when the cue has an object or clause of its own."""
    if sp == 0 or not _object_gap(toks, k):
        return None
    j = sp - 1
    rel = toks[j].low
    if rel == "which" and j > 0 and toks[j - 1].text == ",":
        return toks[j].start, toks[j].end
    if rel == "that" and j > 0 and _head_noun(toks[j - 1]):
        return toks[j].start, toks[j].end
    # a reduced relative: 'a plan Seoul announced', 'the deal Tokyo signed last year'
    n = j
    while n >= 0 and j - n < 4 and toks[n].low not in DETERMINERS and _head_noun(toks[n]):
        n -= 1
    if n < 0 or n == j or toks[n].low not in DETERMINERS or toks[n].low == "that":
        return None
    return toks[n].start, toks[j].end


def _head_noun(t: Tok) -> bool:
    """A lowercase content word that can end a noun phrase (no function word, no cue verb unless it
    is also a common noun: 'a plan', 'the report')."""
    return (
        t.text.isalpha()
        and t.text.islower()
        and t.low not in FUNCTION
        and t.low not in VERBISH
        and (t.low in lx.NOUNISH_FORMS or (t.low not in lx.CLAUSE_VERBS and t.low not in lx.OBJECT_VERBS))
    )


def _object_gap(toks: list[Tok], k: int) -> bool:
    """What follows the cue up to the next comma or the sentence end is only an adverbial
    ('in 2023', 'last year', 'on Monday'): the cue's object is missing."""
    rest = [t for t in toks[k:] if t.text not in ".!?"]
    comma = next((n for n, t in enumerate(rest) if t.text in ",;"), len(rest))
    tail = rest[:comma]
    if not tail:
        return True
    return (
        len(tail) <= 6
        and tail[0].low in TAIL_STARTS | TIME_WORDS
        and tail[0].low not in {"told", "to"}  # 'declined to do': the infinitive is the object
        and not any(t.low == "that" or t.text in '“"' for t in tail)
    )


def skip_channel(toks: list[Tok], k: int) -> int:
    """Past a short phrase naming where it was said, between the cue and 'that': 'said in a
    statement that …', 'said in her address that …', 'wrote on social media that …'."""
    if k >= len(toks) or toks[k].low not in {"in", "on", "at", "during", "through", "via"}:
        return k
    for j in range(k + 1, min(k + 6, len(toks))):
        if toks[j].low == "that":
            return j if j > k + 1 else k
        if not toks[j].text.isalpha() and toks[j].text not in {"’s", "'s"}:
            return k  # a comma, a quotation mark or a number: no short channel phrase
    return k


def embedded_start(text: str, before: list[Tok], qs: int, s: int) -> int | None:
    """Where the content starts when a quotation signed after it ends a clause it is part of:
    'The alliance was "ironclad," the ministry said.' reports the whole clause, and 'Hale
    reaffirmed that … was "ironclad," the State Department said.' nests Hale's attribution inside
    the State Department's, as PolNeAR annotates a closing attribution. None when the quotation
    opens its clause, follows another quotation, or comes after a colon, comma or dash."""
    if not before or not (before[-1].text[-1:].isalnum()) or quote_spans(text, s, qs):
        return None
    cut = max((n for n, t in enumerate(before) if t.text in {";", ":", "—", "–", "--"}), default=-1)
    rest = before[cut + 1 :]
    if len(rest) < 2:
        return None
    return rest[0].start
