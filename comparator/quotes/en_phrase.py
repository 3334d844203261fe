"""English speaker-phrase pieces that need no other speaker rule: verbs that share the cue's
subject ('appeared to say', 'avoids condemning'), what an appositive segment is (a description, an
age, a place, an aside), and words that stay inside a noun phrase ('that' opening a subject, a
plural possessive apostrophe).
"""

from __future__ import annotations

from comparator.quotes import en_lexicon as lx
from comparator.quotes.en_tokens import DETERMINERS, VERBISH, Tok, is_modifier


def after_determiner(toks: list[Tok], j: int) -> bool:
    """'the report', 'Reuters’ report': a cue form right after a determiner or a possessive is a noun."""
    prev = toks[j - 1].low
    return prev in DETERMINERS or prev.endswith(("’s", "'s")) or prev in {"’s", "'s"}


def first_description_end(span: list[Tok], head: int) -> int:
    """'Pruitt, the attorney general of Oklahoma, one of the states suing, said': the speaker is the
    name and its first description, with the comma that closes it (ages and places pass through)."""
    end = head
    while end < len(span) and span[end].text == ",":
        nxt = next((n for n in range(end + 1, len(span)) if span[n].text == ","), len(span))
        kind = appositive_kind(span[end + 1 : nxt])
        if kind == "description" and nxt < len(span):
            return span[nxt].end
        if kind not in ("age", "place") or nxt >= len(span):
            break
        end = nxt
    return span[-1].end


def skip_modifiers(toks: list[Tok], k: int) -> int:
    while k >= 0 and is_modifier(toks[k]):
        k -= 1
    return k


# Verbs that take the cue as an infinitive and share its subject: "he appeared to suggest",
# "Trump has yet to explain", "the senator tried to argue".
RAISING = {f for lemma in ("seem", "appear", "need", "try", "begin", "start", "fail", "tend", "attempt", "manage")
            for f in lx.inflect(lemma)} | {"began", "begun", "yet", "going", "used", "able", "have", "has", "had",
                                            "having", "ought"}  # fmt: skip


_GO = {"go", "goes", "went", "gone", "going"}


def raising_start(toks: list[Tok], i: int) -> int:
    """Index of the first token of 'went on to' / 'appeared to' before the cue at ``i`` (else i)."""
    k = skip_raising(toks, i - 1)
    return k + 1 if k < i - 1 else i


def skip_raising(toks: list[Tok], k: int) -> int:
    """Index of the token before 'appeared to' / 'has yet to' in front of the cue (else ``k``)."""
    if k >= 2 and toks[k].low == "to" and toks[k - 1].low == "on" and toks[k - 2].low in _GO:
        return skip_modifiers(toks, k - 3)  # "went on to say"
    if k >= 1 and toks[k].low == "to" and toks[k - 1].text.islower() and toks[k - 1].low in RAISING:
        j = skip_modifiers(toks, k - 2)
        if toks[k - 1].low in {"yet", "able", "going"}:  # "has yet to", "was able to", "is going to"
            j = skip_modifiers(toks, j)
        return j
    if (
        k >= 1
        and toks[k + 1].low.endswith("ing")
        and toks[k].text.islower()
        and toks[k].low in _GERUND_TAKERS
    ):
        return skip_modifiers(toks, k - 1)  # "Trump avoids condemning …": Trump condemns (or not)
    return k


# Verbs that take the cue as a gerund and share its subject ("avoids condemning", "kept saying").
_GERUND_TAKERS = {f for lemma in ("avoid", "keep", "stop", "quit", "resist", "risk", "deny", "consider", "finish")
                  for f in lx.inflect(lemma)} | {"kept", "began", "started", "continued"}  # fmt: skip


PREPOSITIONS = {"in", "on", "at", "during", "after", "before", "with", "from", "for", "to", "by", "under", "since",
                 "amid", "despite", "speaking", "asked", "when", "while", "as", "though", "although", "if"}  # fmt: skip


def appositive_kind(seg: list[Tok]) -> str | None:
    """'age' (56), 'place' (of Springfield / Va.), 'description' (the spokesperson, a lawyer, who …),
    'aside' (at a press gaggle, speaking on Monday), or None when it cannot stand by a name."""
    if not seg:
        return None
    head = seg[0]
    if len(seg) == 1 and head.text.isdigit():
        return "age"
    if head.low == "of" or (len(seg) <= 2 and all(t.text[0].isupper() or t.text == "." for t in seg)):
        return "place"
    if head.low in PREPOSITIONS or (head.low.endswith(("ing", "ed")) and head.text.islower()):
        return "aside"
    if head.low in DETERMINERS or head.low in {"who", "which", "whose"} or head.text[0].isupper():
        return "description"
    if head.text[0].isdigit() or head.text.islower():
        # "director of the institute", "senior associate at …": a lower-case title
        return "description" if not any(t.text in lx.CLAUSE_VERBS for t in seg) else None
    return None


def determiner_or_possessive(toks: list[Tok], j: int) -> bool:
    """'that' opening the sentence's subject ('But that freewheeling environment …'), or a plural
    possessive apostrophe ('Appeals’ Board'): inside the noun phrase, not a boundary."""
    t = toks[j]
    if j == 0 or j + 1 >= len(toks):
        return t.low == "that" and j + 1 < len(toks) and toks[j + 1].text.islower()
    prev, nxt = toks[j - 1], toks[j + 1]
    if t.low == "that" and t.text.islower():
        return (
            (prev.low in lx.LEADING_CONNECTIVES or prev.text in ",;")
            and nxt.text.islower()
            and nxt.low not in VERBISH
        )
    return t.text in "’'" and prev.end == t.start and prev.low.endswith("s") and nxt.text[:1].isupper()
