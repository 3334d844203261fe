"""English main-clause subjects: who speaks for a participle (", saying …") or a coordinated cue
("Kang met reporters and said …") when the cue has no subject of its own.
"""

from __future__ import annotations

from comparator.quotes import en_lexicon as lx
from comparator.quotes.en_lexicon import words
from comparator.quotes.en_speakers import SUBORDINATORS, speaker_left
from comparator.quotes.en_tokens import DETERMINERS, Tok, is_modifier, tok_at


def coordinated(toks: list[Tok], i: int) -> tuple[tuple[int, int], int] | None:
    """'Kang met reporters and said …': the subject of the first verb speaks. Not a participle
    with its agent ('islets held by Seoul and claimed by Tokyo'): no one speaks there."""
    if i + 1 < len(toks) and toks[i + 1].low == "by":
        return None
    k = i - 1
    while k >= 0 and is_modifier(toks[k]):
        k -= 1
    if k < 2 or toks[k].low not in {"and", "but"}:
        return None
    for j in range(1, k):
        verb = (
            toks[j].text in lx.CLAUSE_VERBS
            or toks[j].text in lx.OBJECT_VERBS
            or toks[j].text.endswith("ed")
            or toks[j].text in _FINITE  # irregular pasts: "Kang met reporters and said …"
        )
        res = speaker_left("", toks, j, 0) if verb and toks[j].text.islower() else None
        lead = tok_at(toks, res[0][0]) if res else 0
        opens = all(
            t.low in lx.LEADING_CONNECTIVES for t in toks[:lead]
        )  # "Even China, …, said … and warned"
        if res and (opens or toks[lead - 1].text == ","):
            bare = toks[i].low in (lx.CLAUSE_VERBS.get(toks[i].low), lx.OBJECT_VERBS.get(toks[i].low))
            if bare and any(t.low == "that" for t in toks[j + 2 : k]):
                return None  # "Seoul agreed on condition that Japan hold … and explain …": not Seoul's
            return res[0], toks[k + 1].start
    return None


def subject(toks: list[Tok], lo: int, hi: int) -> tuple[int, int] | None:
    """The sentence-initial noun phrase of the main clause in ``toks[lo:hi]``, if any.

    The subject of the first cue verb outside quotation marks ("“…,” the mayor said, adding …"),
    else that of the first finite verb ("The committee is filing a complaint, claiming …",
    "In 1986, the court blocked …, citing …"): a participle after a comma takes the main clause's
    subject, whatever its verb.
    """
    inside = _quoted(toks)
    finite = None
    if lo < hi and toks[lo].low in SUBORDINATORS | {"after", "before"}:
        # "If we lived in normal times, a reader would ask:" -- the main clause starts after the comma.
        lo = next((n + 1 for n in range(lo, hi) if toks[n].text == "," and n not in inside), lo)
    for j in range(lo, hi):
        if j in inside or not toks[j].text.islower():
            continue
        if toks[j].low in lx.CLAUSE_VERBS or toks[j].low in lx.OBJECT_VERBS:
            res = speaker_left("", toks, j, 0)
            return res[0] if res else None
        if j > lo and _finite(toks, j) and toks[j - 1].low not in {"who", "which", "that"}:
            finite = j  # the main verb comes first: a later cue word is inside its clause
            break
    if finite is None:
        return None
    res = speaker_left("", toks, finite, 0)
    return res[0] if res else None


_FINITE = words("""is was were are has have had will would can could did does sent made took gave met went came
    began held left brought kept won lost ran put set told spoke wrote said thought knew saw found stood sat
    got heard felt became paid sought fought led built spent struck""")


def _finite(toks: list[Tok], j: int) -> bool:
    """A lower-case word that reads as the main verb: an auxiliary, a common past form, or -ed
    after something that is not a determiner ("the embattled senator")."""
    low, prev = toks[j].low, toks[j - 1]
    if low in _FINITE:
        return True
    if prev.low in DETERMINERS or prev.low in _COUNTS or prev.text[0].isdigit() or prev.text in ",;:":
        return False  # "the embattled senator", "one deceased plaintiff"
    return low.endswith("ed") and len(low) > 4


_COUNTS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "many", "several", "few",
           "some", "most", "all", "both", "each", "every", "no", "another", "other", "more"}  # fmt: skip


def _quoted(toks: list[Tok]) -> set[int]:
    """Indexes of tokens inside quotation marks (straight quotes toggle)."""
    out: set[int] = set()
    depth = 0
    for n, t in enumerate(toks):
        if t.text in "“«" or (t.text == '"' and depth == 0):
            depth += 1
        elif t.text in "”»" or t.text == '"':
            depth = max(0, depth - 1)
        elif depth:
            out.add(n)
    return out


def relative_subject(toks: list[Tok], first: int) -> tuple[int, int] | None:
    """', which Tokyo has declined to do, maintaining that …': a participle right after a relative
    clause with a subject of its own (a capitalised name after which/who/whom) goes with that
    subject, the nearest clause, not with the sentence's."""
    for r in range(first - 2, 0, -1):
        if toks[r].text == ",":
            return None  # only the clause the participle closes
        if toks[r].low in {"which", "who", "whom"} and toks[r - 1].text == ",":
            if r + 1 < first and toks[r + 1].text[:1].isupper():
                return subject(toks, r + 1, first)
            return None
    return None
