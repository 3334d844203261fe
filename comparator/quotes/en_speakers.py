"""English speaker phrases: the noun phrase before or after a cue that names who speaks.

No parser: a phrase is read leftwards from the cue up to a clause boundary, keeps an appositive and
its closing comma ("Kang, the spokesperson, said"), and must end in a name, a pronoun or a source
noun (officials, ministry, poll ...).
"""

from __future__ import annotations

import re

from comparator.quotes import en_lexicon as lx
from comparator.quotes.en_lexicon import words
from comparator.quotes.en_phrase import (
    PREPOSITIONS,
    after_determiner,
    appositive_kind,
    determiner_or_possessive,
    first_description_end,
    skip_modifiers,
    skip_raising,
)
from comparator.quotes.en_tokens import (
    BOUNDARY_PUNCT,
    DETERMINERS,
    FUNCTION,
    MONTHS,
    TIME_WORDS,
    VERBISH,
    Tok,
    is_abbrev,
    is_modifier,
    run_end,
)


def speaker_then_cue(toks: list[Tok], i: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Speaker tokens from ``i`` up to a saying verb (after a quotation): "Kang, the spokesperson, said"."""
    if toks[i].low in SUBORDINATORS or toks[i].low in _COORDINATORS:
        return None  # '“…,” while 73 percent said …', '“…,” and that Japan's claims …': a new clause
    j = i
    while (
        j < len(toks)
        and j - i < 30
        and (
            toks[j].text not in lx.CLAUSE_VERBS or (j > i and after_determiner(toks, j))
        )  # "the report says"
        and toks[j].text not in lx.TAG_VERBS
    ):
        if toks[j].text in '.;:“”"' and not is_abbrev(toks, j):
            return None
        j += 1
    if j >= len(toks) or j == i or (toks[j].text not in lx.CLAUSE_VERBS and toks[j].text not in lx.TAG_VERBS):
        return None
    cue_start = j
    while cue_start - 1 > i and is_modifier(toks[cue_start - 1]):
        cue_start -= 1
    spk_end = toks[cue_start - 1].end
    span = toks[i:cue_start]
    head = span[: next((n for n, t in enumerate(span) if t.text == ","), len(span))]
    # A long phrase is only a speaker as "Name, appositive," -- the name part must hold up alone.
    if not plausible_speaker(head) or (len(head) < len(span) and span[-1].text != ","):
        return None
    if len(head) == len(span) and len(span) > 14:
        return None
    if len(head) < len(span):
        spk_end = first_description_end(span, len(head))
    return (toks[i].start, spk_end), (toks[cue_start].start, toks[j].end)


_COORDINATORS = {"and", "but", "or"}
SUBORDINATORS = {"while", "though", "although", "as", "because", "whereas", "since", "when", "if", "unless"}


def cue_then_speaker(toks: list[Tok], i: int, e: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """'“…,” said Kang Yoo-jung, the spokesperson.'"""
    if i >= len(toks) or lx.CLAUSE_VERBS.get(toks[i].low) not in lx.INVERTIBLE:
        return None
    j = i + 1
    stop = run_end(toks, j, ';:“”"')
    if stop > j + 1 and toks[j + 1].low in {"in", "on", "at", "during", "after", "before", "when"}:
        stop = j + 1  # '“…,” said Kang in Seoul': the speaker ends before a place or time
    while stop > j and toks[stop - 1].text == ",":
        stop -= 1
    span = toks[j:stop]
    if not span or not (span[0].text[0].isupper() or span[0].low in DETERMINERS):
        return None
    head = span[: next((n for n, t in enumerate(span) if t.text == ","), len(span))]
    if not plausible_speaker(head) or len(span) > 30:
        return None
    cut = next(
        (n for n in range(1, len(head)) if head[n].low in _NAME_PREPS and head[n - 1].text[0].isupper()), None
    )
    span = head[:cut] if cut else _drop_asides(span, len(head))
    return (span[0].start, span[-1].end), (toks[i].start, toks[i].end)


# After a name these start an adverbial, not part of the speaker ("wrote Kim for the Herald").
_NAME_PREPS = {"for", "in", "on", "at", "during", "after", "before", "when", "while", "from", "to", "with"}


def _drop_asides(span: list[Tok], head: int) -> list[Tok]:
    """'said Tusk, summing up the talks' -> 'Tusk': the phrase ends before the first comma segment
    that cannot stand by a name (an aside: participle, preposition, clause)."""
    end = head
    while end < len(span) and span[end].text == ",":
        nxt = next((n for n in range(end + 1, len(span)) if span[n].text == ","), len(span))
        if appositive_kind(span[end + 1 : nxt]) in (None, "aside"):
            break
        end = nxt
    return span[:end]


def speaker_left(text: str, toks: list[Tok], i: int, s: int) -> tuple[tuple[int, int], int] | None:
    """Speaker phrase ending right before the cue at ``i``: ((start, end), cue_start)."""
    k = skip_raising(toks, skip_modifiers(toks, i - 1))
    cue_start = toks[k + 1].start
    if k < 0:
        return None
    if toks[k].text == ",":
        return appositive_speaker(toks, k, cue_start)
    if toks[k].low in {"who", "which"} or (toks[k].low == "that" and k > 0 and toks[k - 1].text[0].isalpha()):
        return (toks[k].start, toks[k].end), cue_start
    named = _comma_name_start(toks, k)
    if named is not None:
        return (toks[named].start, toks[k].end), cue_start
    start = walk_left(toks, k)
    if 0 < start <= k and toks[start - 1].low in {"who", "which"} and toks[start].low in PREPOSITIONS:
        return (toks[start - 1].start, toks[start - 1].end), cue_start  # "who in 2010 said"
    rel = _restrictive_relative(toks, start, k)
    if rel is not None:
        return (toks[rel].start, toks[k].end), cue_start
    span = trim_front(toks[start : k + 1])
    span = drop_time_tail(span)
    verb = next((n for n in range(len(span) - 2, 0, -1) if _verb_with_object(span, n)), None)
    if verb is not None:
        # "lawyers for Trump filed papers opposing …": the subject of the finite verb speaks.
        res = speaker_left(text, toks, toks.index(span[verb]), s)
        return (res[0], cue_start) if res else None
    if not plausible_speaker(span):
        return None
    end = span[-1].end
    m = re.match(r"(?i)(he|she|they|i|we|you|it)['’](?:s|d|ll|ve|re|m)$", span[-1].text)
    if m and len(span) == 1:
        end = span[-1].start + len(m.group(1))  # "he’s sought": the speaker is "he"
    return (span[0].start, end), cue_start


def _verb_with_object(span: list[Tok], n: int) -> bool:
    """span[n] reads as a finite verb with its object ("filed legal papers", "issued a statement"),
    not a participle modifying the noun before it ("a study released in August")."""
    t, prev, nxt = span[n], span[n - 1], span[n + 1]
    if not t.text.islower() or prev.low in DETERMINERS or prev.low in {"who", "which", "that"}:
        return False
    past = (t.low.endswith("ed") and len(t.low) > 4) or t.low in _IRREGULAR_PAST
    return past and (nxt.low in DETERMINERS or nxt.low in {"an", "these", "those"} or nxt.text[0].isupper())


_IRREGULAR_PAST = words("""sent made took gave held upheld won lost kept left met paid brought bought struck chose drew
    threw beat built began wrote spent sold set put""")


def _restrictive_relative(toks: list[Tok], start: int, k: int) -> int | None:
    """'A 2014 study that appeared in the journal found …', 'Surety companies that had insured the
    mine agreed …': a subject relative clause with no comma belongs to the speaker phrase. Returns
    the index of the phrase's first token, or None."""
    if start < 2 or start > k or toks[start - 1].low not in {"that", "who"} or toks[start - 2].text in ",;:":
        return None
    first = toks[start]
    if not (
        first.low in VERBISH
        or first.low in _IRREGULAR_PAST
        or (first.text.islower() and first.low.endswith("ed"))
    ):
        return None  # "the fact that officials believe": a complement clause, not a relative
    if all(t.low in VERBISH or t.low == "to" or is_modifier(t) for t in toks[start : k + 1]):
        return None  # "someone who had to reject": the relative pronoun is the cue's own subject
    head_start = walk_left(toks, start - 2)
    head = trim_front(toks[head_start : start - 1])
    if not head or not plausible_speaker(head) or head[-1].low in lx.CLAUSE_VERBS or head[-1].low in VERBISH:
        return None
    return toks.index(head[0])


_PERSONAL = {"he", "she", "they", "i", "we", "it", "you"}


def trim_front(span: list[Tok]) -> list[Tok]:
    """Drop what precedes the subject: 'But Kang' -> Kang; 'In a Bloomberg interview Trump' ->
    Trump; 'at 86 she' -> she; 'While the poll' -> the poll."""
    while len(span) > 1 and (
        (span[0].low in lx.LEADING_CONNECTIVES and not _quantifies(span))
        or (span[0].low in lx.SPEAKER_STOPS and span[0].low not in DETERMINERS)
    ):
        span = span[1:]
    if len(span) > 1 and span[-1].low in _PERSONAL and span[-2].low not in DETERMINERS:
        return span[-1:]  # a personal pronoun takes no modifiers: whatever precedes it is an adverbial
    if len(span) == 2 and span[0].low in PREPOSITIONS and (span[1].text[0].isupper() or head_ok(span[1:])):
        return span[1:]  # "with RealClearPolitics showing …", "with experts offering …"
    if len(span) > 3 and span[0].low == "both" and any(t.low == "and" for t in span):
        return span[1:]  # "Both Mr. King and Mr. Schultz say"
    if len(span) > 2 and span[0].low in PREPOSITIONS:
        # A fronted prepositional phrase with no comma: the subject is the trailing name.
        n = len(span)
        while n > 1 and (span[n - 1].text[0].isupper() or span[n - 1].text in {".", "’s", "'s"}):
            n -= 1
        if n < len(span) and span[n].text[0].isupper():
            return span[n:]
    return span


def _quantifies(span: list[Tok]) -> bool:
    """'Only 52 percent', 'just two senators': the adverb belongs to the number."""
    return span[0].low in {"only", "just", "even"} and (span[1].text[0].isdigit() or span[1].low in _FEW)


_FEW = {"one", "two", "three", "four", "five", "a", "half", "few", "some", "about", "over", "under"}


def drop_time_tail(span: list[Tok]) -> list[Tok]:
    """'federal prosecutors in April' -> 'federal prosecutors'; 'a poll released in late August' ->
    'a poll' (the participle goes with its time)."""
    for n in range(1, len(span)):
        if span[n].low in {"in", "on", "last", "this", "earlier", "late"}:
            tail = span[n + 1 :]
            if tail and all(t.low in _TIME_TAIL or t.low in MONTHS or t.text.isdigit() for t in tail):
                if n > 1 and span[n - 1].low in {"released", "published", "conducted", "taken", "issued"}:
                    n -= 1
                return span[:n]
    return span


_TIME_TAIL = TIME_WORDS | {"late", "early", "mid", "next", "this"}


# Bodies whose names hold a comma ("Ministry of Economy, Trade and Industry"): the comma is no
# clause boundary, or "Trade and Industry" would be taken for the speaker.
_COMMA_NAMES = ("ministry of economy, trade and industry", "ministry of trade, industry and energy")


def _comma_name_start(toks: list[Tok], k: int) -> int | None:
    """First token of the noun phrase ending at ``k`` when it ends with a comma-holding body name."""
    for form in _COMMA_NAMES:
        n = len(re.findall(r"\w+|,", form))
        if k + 1 < n or " ".join(t.low for t in toks[k + 1 - n : k + 1]) != form.replace(",", " ,"):
            continue
        first = k + 1 - n  # "Ministry"; an owner or article before it belongs to the phrase too
        return min(first, walk_left(toks, first))
    return None


def appositive_speaker(toks: list[Tok], comma: int, cue_start: int) -> tuple[tuple[int, int], int] | None:
    """'Kang, the presidential spokesperson, said': name, appositive and closing comma.

    The comma-separated segments before the cue are read leftwards. The speaker is the leftmost
    segment that is a name (else the leftmost plausible noun phrase), plus its first descriptive
    appositive; an age or a place ("Schiff, 56, …", "Wilson, of Springfield, Va., …") does not
    count as that one, and a segment opening with a preposition or a participle ("Clinton, at a
    later press gaggle, said") is an aside, so the speaker is the name alone.
    """
    segs = _segments(toks, comma)
    if len(segs) < 2:
        return None
    pick = _name_segment(toks, segs)
    if pick is None:
        return _description_then_name(toks, segs, comma, cue_start)
    n, start = pick
    name_end = segs[n][1]
    end = name_end
    for a, b in segs[n + 1 :]:
        kind = appositive_kind(toks[a:b])
        if kind == "aside":
            return ((toks[start].start, toks[name_end - 1].end), cue_start) if end == name_end else None
        if kind is None:
            return None
        end = b
        if kind == "description":
            break
    return (toks[start].start, toks[end].end), cue_start


def _description_then_name(
    toks: list[Tok], segs: list[tuple[int, int]], comma: int, cue_start: int
) -> tuple[tuple[int, int], int] | None:
    """'Another critic, Laurence H. Tribe, likened …': a description, then the name, then the verb."""
    if len(segs) != 2:
        return None
    (a, b), (c, d) = segs
    desc, name = toks[a:b], toks[c:d]
    while len(desc) > 1 and desc[0].low in lx.LEADING_CONNECTIVES:
        desc = desc[1:]
    names = [t for t in name if t.text not in ".’'-"]
    if not names or len(names) > 4 or not all(t.text[0].isupper() for t in names) or len(desc) > 6:
        return None
    if not (desc[0].low in DETERMINERS or desc[0].low in {"another", "one"} or desc[0].text[0].isupper()):
        return None
    return (desc[0].start, toks[comma].end), cue_start


def _segments(toks: list[Tok], comma: int) -> list[tuple[int, int]]:
    """Token ranges between commas ending at ``comma``, left to right, back to a clause boundary."""
    segs: list[tuple[int, int]] = []
    end = comma
    while len(segs) < 6:
        k = end - 1
        while k >= 0 and toks[k].text not in ',;:“”"—(' and end - k < 30:
            k -= 1
        if k + 1 >= end:
            break
        segs.insert(0, (k + 1, end))
        if k < 0 or toks[k].text != ",":
            break
        end = k
    return segs


def _name_segment(toks: list[Tok], segs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """(segment index, first token) of the speaker's own segment: a name first, else a source noun."""
    fallback = None
    for n, (a, b) in enumerate(segs[:-1]):
        start = max(a, walk_left(toks, b - 1))
        span = toks[start:b]
        while len(span) > 1 and (span[0].low in lx.LEADING_CONNECTIVES or (n == 0 and span[0].low == "as")):
            span = span[1:]  # "As Steven Rosenthal, a tax lawyer, put it"
        # a long name is still one when it ends in a source noun ("The USC Dornsife/Los Angeles
        # Times Daybreak tracking poll")
        limit = 12 if span and span[-1].low in lx.SOURCE_NOUNS else 8
        if not span or len(span) > limit or not plausible_speaker(span):
            continue
        start = toks.index(span[0])
        if span[0].text[0].isupper() and span[0].low not in DETERMINERS and span[0].low not in PREPOSITIONS:
            return n, start
        if fallback is None and span[0].low not in PREPOSITIONS:
            fallback = (n, start)
    return fallback


def walk_left(toks: list[Tok], k: int) -> int:
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
        elif depth == 0 and determiner_or_possessive(toks, j):
            pass  # "But that freewheeling environment", "the Court of Appeals’ Board"
        elif depth == 0 and (
            (t.text in BOUNDARY_PUNCT)
            or (t.text == "-" and j > 0 and toks[j - 1].text == "-")  # WASHINGTON -- President Obama
            or (t.text == "-" and j > 0 and toks[j - 1].end < t.start and t.end < toks[j + 1].start)
            or (t.text == "." and not is_abbrev(toks, j))
            or (t.low in lx.SPEAKER_STOPS and t.text.islower())
            or (
                t.text in lx.CLAUSE_VERBS and j != k and not _noun_modifier(toks, j) and not _counted(toks, j)
            )
        ):
            break
        j -= 1
    return j + 1


def _counted(toks: list[Tok], j: int) -> bool:
    """'Twenty-seven states led by …', '18 states': a plural noun form after a number is no verb."""
    prev = toks[j - 1].low if j > 0 else ""
    return toks[j].low.endswith("s") and (prev[:1].isdigit() or prev.split("-")[-1] in _COUNT_WORDS)


_COUNT_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "dozen", "dozens",
                "hundreds", "several", "many"}  # fmt: skip


def _noun_modifier(toks: list[Tok], j: int) -> bool:
    """'state officials', 'poll workers': a base form that is also a noun, modifying the next noun."""
    t, nxt = toks[j], toks[j + 1] if j + 1 < len(toks) else None
    return (
        nxt is not None
        and t.low in lx.NOUNISH_FORMS
        and not t.low.endswith("s")
        and nxt.text.islower()
        and nxt.low not in FUNCTION
        and nxt.low not in lx.CLAUSE_VERBS
    )


def plausible_speaker(span: list[Tok]) -> bool:
    if not span or len(span) > 15:
        return False
    words = [t for t in span if t.text[0].isalnum()]
    if not words or span[-1].low in FUNCTION - {"that", "this", "these", "those", "its"}:
        return False
    if len(words) == 1 and words[0].low in lx.PRONOUNS:
        return True
    if any(
        (
            w.text in lx.CLAUSE_VERBS
            and not _noun_head(words, n)
            and not _noun_modifier(words, n)
            and not _counted(words, n)
        )
        or w.low in VERBISH
        for n, w in enumerate(words)
    ):
        return False
    content = [w for w in words if w.low not in FUNCTION]
    if not content:
        return False
    if not any(w.text[0].isupper() or w.text[0].isdigit() for w in words) and len(words) > 7:
        return False
    if head_ok(words) or _conjunct_ok(words):
        return True
    # "Experts on North Korea", "A poll released in August": the head comes before its modifier.
    cut = next((n for n, w in enumerate(words) if n > 0 and w.low in _POST_MODIFIERS), None)
    return cut is not None and head_ok(words[:cut])


def _noun_head(words: list[Tok], n: int) -> bool:
    """'the report', 'a new poll', 'Reuters' report': a cue word that is the phrase's head noun."""
    w = words[n]
    return (
        n == len(words) - 1
        and n > 0
        and w.low in lx.NOUNISH_FORMS
        and w.low in lx.SOURCE_NOUNS | {s + "s" for s in lx.SOURCE_NOUNS}
        and words[n - 1].low not in lx.PRONOUNS
    )


def _conjunct_ok(words: list[Tok]) -> bool:
    """'The New York Times and the Gannett newspaper chain': a coordination whose first conjunct can
    name a source."""
    cut = next((n for n, w in enumerate(words) if w.low == "and"), None)
    return cut is not None and 0 < cut < len(words) - 1 and head_ok(words[:cut])


_POST_MODIFIERS = {"of", "on", "in", "at", "for", "from", "with", "by", "across", "around", "inside", "outside",
                   "released", "published", "conducted", "led", "based", "commissioned", "sponsored", "funded"}  # fmt: skip


_INDEFINITE = {"himself", "herself", "themselves", "all", "both", "others", "one", "everyone", "anyone", "someone",
               "nobody", "everybody", "somebody", "none"}  # fmt: skip


def head_ok(words: list[Tok]) -> bool:
    """The last word must be able to name a source: a name, a pronoun or a source noun."""
    head = words[-1]
    low = head.low.rstrip("’'")
    if "-" in low and low.split("-")[-1] in lx.SOURCE_NOUNS:
        return True  # "ex-wife", "co-chairman", "vice-president"
    if head.text[0].isupper() or head.text[0].isdigit() or low in lx.PRONOUNS or low in lx.SOURCE_NOUNS:
        return True
    if low.endswith(("’s", "'s")) or low in _INDEFINITE:
        return True
    return low.endswith(("s", "er", "or", "ist", "ian", "ent", "ant", "man", "woman")) and len(low) > 3
