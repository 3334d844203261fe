"""English attributions that are not a subject + verb of saying: passives ("the plan was rejected by
the council"), "according to X", and speech nouns with a that-clause ("Trump's claim that …").
"""

from __future__ import annotations

from comparator.quotes import en_lexicon as lx
from comparator.quotes.common import Candidate, trim
from comparator.quotes.en_content import content_right, object_end
from comparator.quotes.en_speakers import head_ok, speaker_left, walk_left
from comparator.quotes.en_tokens import Tok, is_modifier, run_end


def passive_attribution(text: str, toks: list[Tok], i: int, agentless: bool) -> Candidate | None:
    """'The plan was rejected by the council': the agent after 'by' is the source, the subject the
    content ("“American Skin” was written by Springsteen"); 'the plan was rejected': no source."""
    j = i + 1
    while j < len(toks) and is_modifier(toks[j]):
        j += 1
    # Without "by" the attribution has no source (PolNeAR annotates "X is considered a threat",
    # "they have been accused of …" that way): the subject is still the content.
    if agentless != (j + 1 >= len(toks) or toks[j].low != "by"):
        return None
    agent: list[Tok] = []
    if not agentless:
        end = j + 1
        while end < len(toks) and toks[end].text not in ",;:.()" and toks[end].low not in _AGENT_ENDS:
            end += 1
        agent = toks[j + 1 : end]
        if not agent or len(agent) > 10 or not head_ok(agent):
            return None
    k = i - 1
    while k >= 0 and (
        is_modifier(toks[k]) or toks[k].low in {"be", "been", "being", "is", "was", "are", "were"}
    ):
        k -= 1
    if k < 0:
        return None
    start = max(0, walk_left(toks, k))
    if start > k or toks[start].low in {"who", "which", "that"}:
        return None
    return Candidate(
        toks[start].start,
        toks[k].end,
        "indirect",
        (toks[k + 1].start, toks[i].end),
        (agent[0].start, agent[-1].end) if agent else None,
    )


_AGENT_ENDS = {"in", "on", "at", "for", "after", "before", "during", "since", "because", "when", "while", "as", "to",
               "that", "who", "which"}  # fmt: skip


def noun_cue(text: str, toks: list[Tok], i: int, e: int) -> Candidate | None:
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
    cs, ce = content_right(text, toks[i + 1].start, e)
    if ce - cs < 10:
        return None
    return Candidate(cs, ce, "indirect", (toks[i].start, toks[i].end), source)


def according_to(text: str, toks: list[Tok], i: int, s: int, e: int) -> Candidate | None:
    cue = (toks[i].start, toks[i + 1].end)
    j = i + 2
    stop = run_end(toks, j, ",;")
    if stop == j or stop - j > 15:
        return None
    speaker = (toks[j].start, toks[stop - 1].end)
    if i == 0 or text[s : toks[i].start].strip() == "":
        if stop >= len(toks) - 1:
            return None
        cs, ce = content_right(text, toks[stop + 1].start, e)
    else:
        cs, ce = trim(text, s, toks[i].start, ",")
    if ce - cs < 8:
        return None
    return Candidate(cs, ce, "indirect", cue, speaker)


_ASKED_NEXT = {"about", "to", "whether", "if", "why", "how", "what", "when", "for"}


def fronted_asked(text: str, toks: list[Tok], i: int) -> Candidate | None:
    """'Asked about the bomb, Clinton said …' / 'Asked to describe the device, O'Neill said …': the
    question is an attribution of its own with no source (PolNeAR annotates it so); its content runs
    to the comma that closes the participle."""
    if i + 2 >= len(toks) or toks[i].low != "asked" or toks[i + 1].low not in _ASKED_NEXT:
        return None
    if not (i == 0 or (i == 1 and toks[0].low == "when")):
        return None
    stop = run_end(toks, i + 1, ",;")
    if stop >= len(toks) or toks[stop].text != "," or stop - i < 3:
        return None
    about = toks[i + 1].low == "about"
    cue = (toks[i].start, toks[i + 1].end if about else toks[i].end)
    cs, ce = trim(text, toks[i + 2 if about else i + 1].start, toks[stop].start)
    return Candidate(cs, ce, "indirect", cue, None)


EXPRESS_FORMS = {"express", "expressed", "expresses"}
# Nouns of attitude that make 'expressed X' an attribution ("expressed concern that …").
_ATTITUDES = lx.words("""concern concerns outrage support regret hope hopes doubt doubts skepticism scepticism
    frustration dismay optimism confidence alarm sympathy condolences gratitude opposition interest anger
    disappointment reservations fear fears worry worries satisfaction displeasure""")
_ABOUT = {"about", "over", "for", "with", "at", "regarding", "that", "toward", "towards", "in"}


def expressed_attitude(text: str, toks: list[Tok], i: int, s: int, e: int) -> Candidate | None:
    """'Republicans have expressed concern that …', 'leaders expressed outrage over the test': the
    cue runs from the verb to the preposition, the content is what follows it (PolNeAR's spans)."""
    j = i + 1
    while j < len(toks) and j - i <= 3 and toks[j].text.islower() and toks[j].low not in _ATTITUDES:
        j += 1
    if j + 2 >= len(toks) or toks[j].low not in _ATTITUDES or toks[j + 1].low not in _ABOUT:
        return None
    spk = speaker_left(text, toks, i, s)
    if spk is None:
        return None
    k = j + 1 if toks[j + 1].low == "that" else j + 2
    cs, ce = content_right(text, toks[k].start, e)
    if toks[j + 1].low != "that":
        ce = object_end(text, cs, ce)
    if ce - cs < 3:
        return None
    cue_end = toks[j + 1].end if toks[j + 1].low != "that" else toks[j].end
    return Candidate(cs, ce, "indirect", (spk[1], cue_end), spk[0])


_POLL_NOUNS = {"poll", "polls", "survey", "surveys"}


def poll_frame(text: str, toks: list[Tok], e: int) -> Candidate | None:
    """'In the latest harbour poll, Reyes leads by 5 points': a sentence-initial 'In' + poll frames
    what follows; the poll (with a participle phrase after its comma: 'conducted in May,') is the
    source and 'In' the cue, as PolNeAR marks them."""
    if len(toks) < 6 or toks[0].low != "in":
        return None
    comma = next((n for n in range(2, min(len(toks), 14)) if toks[n].text == ","), None)
    if comma is None or toks[comma - 1].low not in _POLL_NOUNS:
        return None
    src_end, nxt = comma - 1, comma + 1
    if nxt < len(toks) and toks[nxt].low.endswith("ed") and toks[nxt].text.islower():
        close = next((n for n in range(nxt + 1, min(len(toks), nxt + 12)) if toks[n].text == ","), None)
        if close is not None:
            src_end, nxt = close, close + 1
    if len(toks) - nxt < 3:
        return None
    cs, ce = content_right(text, toks[nxt].start, e)
    return Candidate(cs, ce, "indirect", (toks[0].start, toks[0].end), (toks[1].start, toks[src_end].end))
