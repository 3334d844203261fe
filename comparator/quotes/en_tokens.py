"""English word tokens and the small word classes the quote rules test them against."""

from __future__ import annotations

import re
from dataclasses import dataclass

from comparator.quotes import en_lexicon as lx
from comparator.quotes.common import quote_spans
from comparator.quotes.en_lexicon import words

# "1,500" is one token: a thousands comma is no clause boundary
TOKEN = re.compile(r"[^\W_]+(?:[’'.&\-][^\W_]+|(?<=\d),\d{3}(?!\d))*|[’']s\b|\S")


CLOSE_QUOTE = set("”\"’'»")


BOUNDARY_PUNCT = set(",;:—–“”\"«»'‘’―")


FUNCTION = words("""the a an of to in on at for with by from and or but as is was were are be been his her their
    its our my your this these those that""")


DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "some"}


TAIL_STARTS = words("""in on at during to from after before when while monday tuesday wednesday thursday friday
    saturday sunday last this earlier late yesterday today tonight recently shortly told""")


TIME_WORDS = words("""on monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night
    last week month year earlier today yesterday tonight""")


MONTHS = words("january february march april may june july august september october november december")


VERBISH = words("""is was were are has have had will would can could should did does do be been being 's ’s
    may might must""")


PASSIVE_AUX = {"is", "was", "were", "are", "be", "been", "being"}


@dataclass
class Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


NOT_ADVERBS = {
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


_CLAUSE_OPENERS = words("""he she they it we i you there this these those here such so to if when as""")


def demonstrative(toks: list[Tok], k: int) -> bool:
    """'rejected that argument': 'that' before a lowercase noun is a determiner, no complementizer."""
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return (
        toks[k].low == "that"
        and nxt is not None
        and nxt.text.isalpha()
        and nxt.text.islower()
        and nxt.low not in FUNCTION | _CLAUSE_OPENERS
    )


def is_modifier(t: Tok) -> bool:
    if not t.text.islower():
        return False  # "May said": a name, not the modal
    return t.low in lx.CUE_MODIFIERS or (
        t.low.endswith("ly") and len(t.text) > 4 and t.low not in NOT_ADVERBS
    )


def passive(toks: list[Tok], i: int) -> bool:
    form = toks[i].low
    if form.endswith(("ing", "s")) and not form.endswith("ss"):
        return False
    if form in {"say", "tell", "think", "know", "find"}:
        return False
    k = i - 1
    while k >= 0 and is_modifier(toks[k]) and toks[k].low not in PASSIVE_AUX:
        k -= 1
    return k >= 0 and toks[k].low in PASSIVE_AUX and toks[k].low != "has"


def noun_reading(toks: list[Tok], i: int) -> bool:
    """'the plan', 'initial reports of', 'United States': the cue word is a noun here."""
    t = toks[i]
    if not t.text.islower():
        return True
    prev = toks[i - 1].low if i > 0 else ""
    if prev in {"some", "that"} and t.low not in lx.NOUNISH_FORMS:
        pass  # "Some believe …", "a poll that shows …": a pronoun before a verb-only form
    elif prev in DETERMINERS | {"of", "in", "for", "with", "by", "from", "at", "about"}:
        return True
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if t.low.endswith("s") and nxt in {"of", "for", "and", "were", "are", "have", "over", "between", "among"}:
        return True
    if t.low in lx.NOUNISH_FORMS and nxt in _FINITE_CUES:
        return True  # "The Harbor Times report said …": the subject's head noun, the cue comes next
    return t.low in lx.NOUNISH_FORMS and _noun_context(toks, i)


_FINITE_CUES = {"said", "says", "found", "finds", "showed", "shows", "concluded", "concludes", "noted", "notes",
                "stated", "states", "warned", "warns", "added", "adds", "suggested", "suggests", "claimed",
                "claims", "argued", "argues"}  # fmt: skip
_VERB_CONTEXT = {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "to", "will", "would",
                 "can", "could", "may", "might", "must", "should", "shall", "do", "does", "did", "also", "often",
                 "then", "still", "not", "never", "always", "now", "only", "repeatedly", "later"}  # fmt: skip
_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                 "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                 "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds",
                 "thousand", "thousands", "dozen", "dozens", "million", "millions", "several", "many", "both",
                 "all", "some", "most", "other", "member", "swing", "battleground", "key", "new", "own"}  # fmt: skip
_PREP = {
    "of",
    "in",
    "on",
    "for",
    "with",
    "from",
    "by",
    "at",
    "to",
    "about",
    "into",
    "over",
    "under",
    "against",
}


def _noun_context(toks: list[Tok], i: int) -> bool:
    """Whether a form that is also a common noun (state, report, tweet, show, plan …) reads as a noun:
    after a number, a possessive or a quantifier; a base form after a singular word ("New York
    state", "the campaign plan"); or a word after a preposition ("of member states")."""
    if i == 0:
        return True
    prev = toks[i - 1]
    if prev.low in _VERB_CONTEXT or prev.low.endswith("ly"):
        return False
    if prev.text[0].isdigit() or prev.low in _NUMBER_WORDS or prev.low.split("-")[-1] in _NUMBER_WORDS:
        return True
    if prev.low in {"’s", "'s", "his", "her", "their", "its", "our", "my", "your"} or prev.low.endswith(
        ("’s", "'s")
    ):
        return True
    if i >= 2 and toks[i - 2].low in _PREP and prev.text.islower():
        return True
    j = i - 1
    while j > 0 and toks[j].text[0].isupper():
        j -= 1
    if j < i - 1 and (toks[j].low in {"a", "an"} or toks[j].low in _PREP):
        return True  # "a Harbor Times report", "of Clean Air Act rules": a name inside a noun phrase
    if i + 1 < len(toks) and toks[i + 1].low == "that" and prev.text[0].isupper():
        return False  # "Data from the Community Survey show that …": a verb taking its clause
    base = not (toks[i].low.endswith("s") and not toks[i].low.endswith("ss"))
    # A base-form verb needs a plural subject ("officials state"); a singular word before it is a modifier.
    return base and not prev.low.endswith("s")


def tok_at(toks: list[Tok], offset: int) -> int:
    for n, t in enumerate(toks):
        if t.start >= offset:
            return n
    return len(toks)


def whole_quote(text: str, cs: int, ce: int) -> bool:
    spans = quote_spans(text, cs, ce)
    return len(spans) == 1 and spans[0][0] == cs and spans[0][1] >= ce - 1


ABBREV = {
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


def run_end(toks: list[Tok], j: int, stops: str) -> int:
    """Index of the first token from ``j`` on that is one of ``stops`` or a full stop that ends
    the sentence (not an abbreviation's); ``len(toks)`` when there is none."""
    stop = j
    while (
        stop < len(toks)
        and toks[stop].text not in stops
        and not (toks[stop].text == "." and not is_abbrev(toks, stop))
    ):
        stop += 1
    return stop


def is_abbrev(toks: list[Tok], j: int) -> bool:
    """A '.' token that closes an abbreviation or initial (Mr. / U.S. / Jason M.)."""
    if j == 0:
        return False
    prev = toks[j - 1]
    return prev.end == toks[j].start and (
        prev.low in ABBREV or "." in prev.text or (len(prev.text) == 1 and prev.text.isupper())
    )


def is_abbrev_text(text: str, cs: int, dot: int) -> bool:
    m = re.search(r"([A-Za-z.]+)$", text[cs:dot])
    return bool(m) and (m.group(1).lower().rstrip(".") in ABBREV or len(m.group(1)) == 1)


_MONTH_ABBREVS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def date_part(toks: list[Tok], j: int) -> bool:
    """'Nov. 25' / 'December 10' after a cue: a date, as much a time adverbial as 'on Monday'."""
    low = toks[j].low.rstrip(".")
    if low in MONTHS or low in _MONTH_ABBREVS:
        return True
    p = j - 1
    if p > 0 and toks[p].text == "." and toks[j].text.isdigit():
        p -= 1  # "Nov . 25"
    prev = toks[p].low.rstrip(".") if p >= 0 else ""
    after_month = prev in MONTHS or prev in _MONTH_ABBREVS
    return after_month and (toks[j].text.isdigit() or toks[j].text == ".")
