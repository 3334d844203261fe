"""The words around an English cue: where the cue ends (a phrasal particle, time words), the
listener of a tell-type verb, a date before "that", and a closing adverbial that is not content.

Pure functions over the tokens of ``comparator.quotes.en_tokens``; used by ``comparator.quotes.en``.
"""

from __future__ import annotations

from comparator.quotes import en_lexicon as lx
from comparator.quotes.en_tokens import DETERMINERS, TAIL_STARTS, TIME_WORDS, Tok, date_part, is_modifier


def cue_end(toks: list[Tok], i: int) -> tuple[int, int]:
    """End offset of the cue (phrasal particle and time words included) and the next token index."""
    k = i + 1
    parts = lx.PHRASAL_FORMS.get(toks[i].low)
    if (
        parts
        and k + 1 < len(toks)
        and toks[k + 1].low in parts
        and (toks[k].low == "it" or is_modifier(toks[k]))
    ):
        k += 1  # "made it clear", "spoke emotionally of"
    if parts and k < len(toks) and toks[k].low in parts:
        k += 1
    end = toks[k - 1].end
    while k < len(toks) and toks[k].low in TIME_WORDS and toks[k].low not in {"on", "last"}:
        end = toks[k].end
        k += 1
    return end, k


def skip_listener(toks: list[Tok], k: int, lemma: str) -> int:
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
        # "told a news conference that …": a listener of two or three lowercase words, taken only
        # when 'that' follows it, so the content does not start with "conference that".
        m = j
        while m < len(toks) and m - j < 2 and toks[m].text.isalpha() and toks[m].text.islower():
            if toks[m].low in TIME_WORDS or toks[m].low == "that":
                break
            m += 1
        if m > j and m < len(toks) and toks[skip_time(toks, m)].low == "that":
            j = m
    return j


def skip_time(toks: list[Tok], k: int) -> int:
    """Past 'on Monday' / 'last week' between the cue (or listener) and 'that'."""
    j = k
    while j < len(toks) and (toks[j].low in TIME_WORDS or date_part(toks, j)):
        j += 1
    return j if j > k and j < len(toks) and toks[j].low == "that" else k


def is_tail(rest: list[Tok]) -> bool:
    """True when what follows the cue is a closing adverbial, not the reported content."""
    words = [t for t in rest if t.text not in '.!?”"’']
    if not words:
        return True
    if words[0].low == "that":
        return False
    j = 0
    while j < len(words) and words[j].low in TIME_WORDS:
        j += 1
    if 0 < j < len(words) and words[j].text == ",":
        # "…, the ministry said on Wednesday, in a move Seoul denounced as retaliation": after the
        # time, a comma opens a new phrase (another's attribution), not the ministry's content
        return True
    if len(words) > 9:
        return False
    return words[0].low in TAIL_STARTS or words[0].text == ","
