"""Speakers across sources: how surely two quotes have one speaker, and the co-occurrence hook."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from comparator.quotes import names as nm
from comparator.quotes.companies import same_company
from comparator.quotes.keys import loose_tokens, speaker_keys
from comparator.quotes.mentions import GENERIC_BODIES, body_country, kind_of, roles_compatible
from comparator.quotes.role_tables import GENERIC_FIELDS
from comparator.schema import Quote


def speaker_similarity(a: Quote, b: Quote) -> float:
    """How surely two quotes (any languages) have the same speaker, from 0 to 1.

    1.0 same key (or same name under coarse spelling classes); 0.8 one name is part of the other
    (a surname against a full name); 0.6 a body named only generically against a specific one of
    the same kind; 0.5 unnamed officials with the same role and body. Different roles on both
    sides halve a name match.
    """
    ka, kb = a.speaker_key, b.speaker_key
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    if ka.startswith("body:") and kb.startswith("body:"):
        x, y = ka[5:], kb[5:]
        if x.startswith("co:") or y.startswith("co:"):
            # 한빛반도체 / "a Hanbit spokeswoman": one core, and one sector unless a side omits it
            return 1.0 if x.startswith("co:") and y.startswith("co:") and same_company(x, y) else 0.0
        generic = x if x in GENERIC_BODIES.values() else y if y in GENERIC_BODIES.values() else None
        other = y if generic == x else x
        fits = generic is not None and kind_of(generic) == kind_of(other)
        fits = fits and any(f in other for f in GENERIC_FIELDS.get(generic or "", (other,)))
        return 0.6 if fits else 0.0
    if ka.startswith(("body:", "role:")) or kb.startswith(("body:", "role:")):
        return _role_similarity(a, b)
    score = max(_name_similarity(x, y) for x in _alternatives(a) for y in _alternatives(b))
    if not roles_compatible(a.speaker_role, b.speaker_role):
        score *= 0.5
    return score


def same_speaker(a: Quote, b: Quote) -> bool:
    """True when ``speaker_similarity(a, b) >= 0.6``."""
    return speaker_similarity(a, b) >= 0.6


def _alternatives(q: Quote) -> list[str]:
    keys = [q.speaker_key or ""]
    if q.speaker and nm.is_kana_or_kanji(q.speaker) and not nm.is_hangul(q.speaker):
        keys += speaker_keys(q.speaker, "ja")
    return keys


def _name_similarity(x: str, y: str) -> float:
    tx, ty = loose_tokens(x), loose_tokens(y)
    if not tx or not ty:
        return 0.0
    if tx == ty or "".join(sorted(tx)) == "".join(sorted(ty)):
        return 1.0
    if tx < ty or ty < tx:
        return 0.8
    # 이시바 (one Hangul token, read as a Korean name) against "ishiba": compare joined spellings.
    jx, jy = "".join(sorted(tx)), "".join(sorted(ty))
    return 0.8 if jx in "".join(ty) or jy in "".join(tx) else 0.0


def _role_similarity(a: Quote, b: Quote) -> float:
    def parts(q: Quote) -> tuple[str | None, str | None]:
        k = q.speaker_key or ""
        if k.startswith("role:"):
            role, _, body = k[5:].partition("@")
            return role, body or None
        return q.speaker_role, k[5:] if k.startswith("body:") else None

    (ra, ba), (rb, bb) = parts(a), parts(b)
    if ra and ra == rb and (ba == bb or not ba or not bb):
        return 0.5
    return 0.0


def _full_name(q: Quote) -> bool:
    """A person's key with a given name as well as a family name ("jung minho", not "jung")."""
    key = q.speaker_key or ""
    return not key.startswith(("body:", "role:")) and len(key.split()) >= 2


def _rival_bodies(a: Quote, b: Quote) -> bool:
    """Bodies of two different countries (経済産業省 and 산업통상자원부): never one speaker."""
    ka, kb = a.speaker_key or "", b.speaker_key or ""
    if not (ka.startswith("body:") and kb.startswith("body:")):
        return False
    ca, cb = body_country(ka[5:]), body_country(kb[5:])
    return ca is not None and cb is not None and ca != cb


@dataclass
class SpeakerLink:
    key_a: str
    key_b: str
    score: float
    name_score: float
    pairs: int


def link_speakers(
    pairs: Iterable[tuple[Quote, Quote, float]], *, min_score: float = 0.6
) -> list[SpeakerLink]:
    """Link speakers of two sources from quote pairs found in aligned sentences.

    ``pairs`` holds (quote from source A, quote from source B, similarity of their aligned
    sentences in [0, 1]); the comparison engine supplies them. Each pair is evidence that the two
    speakers are one: per key pair, co-occurrence evidence adds up as a noisy-or of 0.5 x
    similarity, then combines with the name score the same way. A name match alone links; so do
    repeated aligned quotes whose speakers the names could not match (e.g. an unnamed "official").
    Two different full names (정민호 and 森川健太, both "minister") are two people however often
    their quotes align, and two countries' bodies (METI, MOTIE) two bodies: co-occurrence never
    links them.
    """
    name: dict[tuple[str, str], float] = {}
    miss: dict[tuple[str, str], float] = defaultdict(lambda: 1.0)
    count: dict[tuple[str, str], int] = defaultdict(int)
    for qa, qb, sim in pairs:
        if not qa.speaker_key or not qb.speaker_key:
            continue
        k = (qa.speaker_key, qb.speaker_key)
        ns = speaker_similarity(qa, qb)
        name[k] = max(name.get(k, 0.0), ns)
        count[k] += 1
        if ns == 0.0 and (_full_name(qa) and _full_name(qb) or _rival_bodies(qa, qb)):
            continue
        miss[k] *= 1.0 - 0.5 * max(0.0, min(1.0, sim))
    links = []
    for k, ns in name.items():
        score = 1.0 - (1.0 - ns) * miss[k]
        if score >= min_score:
            links.append(SpeakerLink(k[0], k[1], round(score, 3), round(ns, 3), count[k]))
    return sorted(_without_ambiguous_generics(links), key=lambda link: -link.score)


def _without_ambiguous_generics(links: list[SpeakerLink]) -> list[SpeakerLink]:
    """A generic body ("the trade ministry") linked to two specific ones (METI and MOTIE) would
    chain them into one speaker: it stays unlinked instead."""
    generic = {f"body:{g}" for g in GENERIC_BODIES.values()}
    targets: dict[str, set[str]] = defaultdict(set)
    for link in links:
        for g, other in ((link.key_a, link.key_b), (link.key_b, link.key_a)):
            if g in generic and other.startswith("body:") and other not in generic:
                targets[g].add(other)
    ambiguous = {g for g, ts in targets.items() if len(ts) > 1}
    return [link for link in links if link.key_a not in ambiguous and link.key_b not in ambiguous]
