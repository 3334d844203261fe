"""English cue words read in another sense: a title in quotation marks ('the episode of “Morning
Table,”'), a cue verb with a particle it does not take ('called in', 'show up'), naming rather than
speech ('which Japan calls Takeshima'), an omission ('did not mention'), and phrasal cues that count
only with their particle ('pointed out', 'spoke of').
"""

from __future__ import annotations

import re

from comparator.quotes import en_lexicon as lx
from comparator.quotes.en_tokens import DETERMINERS, Tok, is_modifier


def is_title(text: str, before: list[Tok], qs: int, qe: int) -> bool:
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


_PARTICLES = {"up", "off", "in", "back", "down", "away"}


def not_a_cue_here(toks: list[Tok], i: int, clause: bool) -> bool:
    """'called in to a show', 'failed to show up', 'may prove to be': the cue word in another verb's
    sense (an object verb with a particle; 'prove' without a that-clause)."""
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    lemma = lx.CLAUSE_VERBS.get(toks[i].low) or lx.OBJECT_VERBS.get(toks[i].low)
    if lemma == "prove":
        return nxt != "that"
    if lemma in {"mention", "address"} and i > 0 and toks[i - 1].low in {"not", "never", "n't"}:
        return True  # "the statement did not mention the issue": an omission, not a quote
    if lemma == "call" and _names_something(toks, i):
        return True  # "the islets, which Japan calls Takeshima": a name for a thing, not speech
    if lemma == "continue" and nxt in {
        "in",
        "on",
        "at",
        "into",
        "through",
        "until",
        "after",
        "despite",
        "unabated",
    }:
        return True  # "atrocities continue in Darfur": things go on, no one speaks
    if lemma == "continue" and nxt == "to" and i + 2 < len(toks):
        after = toks[i + 2].low  # "continue to strain relations" is no speech; "continued to say" is
        return after not in lx.CLAUSE_VERBS and after not in lx.OBJECT_VERBS
    if lemma and _other_sense(toks, i, lemma, nxt):
        return True
    if nxt in {"up", "off", "back", "away", "down"}:
        return nxt not in lx.PHRASAL.get(lemma or "", [])  # "failed to show up"
    return not clause and nxt in _PARTICLES and nxt not in lx.PHRASAL.get(lemma or "", [])


_POSSESSIVES = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that"}
_CONVENED = {"meeting", "session", "election", "elections", "conference", "strike", "halt", "vote", "summit"}
_COURT_OBJECTS = {"case", "cases", "arguments", "appeal", "appeals", "challenge", "lawsuit", "suit"}


def _other_sense(toks: list[Tok], i: int, lemma: str, nxt: str) -> bool:
    """Cue verbs read in a sense that reports nothing: 'called an emergency meeting' (convene),
    'will hear the case' (a court), 'feel stung', 'assumed his post' / 'maintains a program' (take
    on, keep), 'has declined slightly' (a number falls), 'reported from Kaneohe Bay' (a byline)."""
    window = [t.low for t in toks[i + 1 : i + 5]]
    if lemma == "call" and nxt in {"a", "an"} and any(w in _CONVENED for w in window):
        return True
    if lemma == "hear" and any(w in _COURT_OBJECTS for w in window[:3]):
        return True
    if lemma == "feel" and (
        (nxt.endswith("ed") and len(nxt) > 4) or nxt in {"stung", "hurt", "torn", "shaken", "let"}
    ):
        return True
    # ("maintains that …" / "assumed that …" take a clause: that is no determiner there)
    if (
        lemma in {"assume", "maintain"}
        and nxt != "that"
        and (nxt in _POSSESSIVES or nxt.endswith(("’s", "'s")))
    ):
        return True
    if lemma == "decline" and (
        nxt.endswith("ly") or nxt in {"by", "from", "in", ".", ","} or nxt[:1].isdigit()
    ):
        return True
    if lemma == "say" and nxt == "that" and i + 2 < len(toks) and toks[i + 2].text == ",":
        # "Having said that, …": a discourse marker; "He said that, if elected, he …" reports
        return i > 0 and toks[i - 1].low == "having"
    if lemma == "say" and i > 0 and toks[i - 1].low == "that" and nxt == ",":
        return True  # "That said, …"
    if lemma == "compare" and toks[i].low == "compared" and nxt in {"with", "to"} and i > 0:
        prev = toks[i - 1]
        return (
            prev.text == "," or prev.text[:1].isdigit() or prev.low in {"as", "when"}
        )  # ", compared with 2015"
    if lemma == "state" and nxt in _STATE_NOUNS:
        return True  # "which state news media claimed": state-run media, not the verb
    if lemma == "find" and _found_not_finding(toks, i, nxt):
        return True
    return lemma == "report" and nxt == "from"


def _found_not_finding(toks: list[Tok], i: int, nxt: str) -> bool:
    """'found a way', 'have found ways', 'chemicals found in refrigerants': a way out or a place,
    not a finding ('researchers found in a 2014 study that …' still reports: a that-clause follows)."""
    after = [t.low for t in toks[i + 1 : i + 10]]
    if nxt in {"way", "ways"} or (nxt in {"a", "new", "other"} and after[1:2] in (["way"], ["ways"])):
        return True
    return nxt in {"in", "at", "inside", "near", "among"} and "that" not in after


_STATE_NOUNS = {"media", "news", "television", "tv", "broadcaster", "radio", "newspaper", "agency", "run", "owned",
                "controlled", "department", "officials", "legislature", "lawmakers", "law", "laws", "court"}  # fmt: skip


def _names_something(toks: list[Tok], i: int) -> bool:
    """'calls Takeshima', 'calls the islets Dokdo', 'calls the East Sea is …': after 'call', an
    optional lowercase object and then a capitalized name that ends the clause."""
    j = i + 1
    if j < len(toks) and toks[j].low in DETERMINERS:
        j += 1
        while j < len(toks) and j - i <= 4 and toks[j].text.isalpha() and toks[j].text.islower():
            j += 1
    start = j
    while j < len(toks) and toks[j].text[:1].isupper() and toks[j].text.isalpha() and toks[j].text != "I":
        j += 1
    if j == start:
        return False
    return j == len(toks) or toks[j].text in {",", ".", ";", ")", "—"} or toks[j].low in _COPULAS


_COPULAS = {"is", "are", "was", "were"}


def phrasal(toks: list[Tok], i: int) -> str | None:
    """'pointed out (that)', 'spoke of', 'talked about': a cue only with its particle. 'clause'
    when it takes a reported clause, 'object' when it takes a noun phrase."""
    parts = lx.PHRASAL_CUES.get(toks[i].low)
    if not parts or i + 1 >= len(toks):
        return None
    k = i + 2 if toks[i + 1].low == "it" and "clear" in parts else i + 1  # "made it clear that"
    if k + 1 < len(toks) and is_modifier(toks[k]) and toks[k + 1].low in parts:
        k += 1  # "spoke emotionally of"
    if k >= len(toks) or toks[k].low not in parts:
        return None
    return "clause" if toks[k].low in lx.PHRASAL_CLAUSE_PARTICLES else "object"
