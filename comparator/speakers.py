"""Speakers: what a quote's speaker mention refers to, and one key for a speaker in every language.

Within an article, ``resolve_speakers`` follows each mention back to the speaker it names: "Kang
added" -> Kang Yoo-jung, "the ministry said" -> Japan's Foreign Ministry, 同省 -> 外務省,
강 대변인 -> 강유정, he/she/그/同氏 -> the most recent person, and (Japanese, Korean) a quote with
no subject -> the previous speaker. Each resolved speaker gets:

- ``speaker``: the full name or body as the article first wrote it;
- ``speaker_role``: a language-independent role id ("spokesperson", "prime-minister", ...);
- ``speaker_key``: a language-independent key. Persons: romanized name tokens, sorted, with
  spelling variants folded ("kang yujung" for 강유정 / 姜由楨 / Kang Yoo-jung / Kang Yu-jung);
  bodies: "body:<id>" from a curated table ("body:jp-mofa" for 外務省 / 외무성 / Japan's Foreign
  Ministry); unnamed officials: "role:<role>[@<body>]".

Across sources, ``speaker_similarity`` / ``same_speaker`` compare two quotes' speakers (coarser
spelling classes catch カン・ユジョン vs Kang, 이시바 vs Ishiba), and ``link_speakers`` adds the
evidence of quotes that sit in aligned sentences (the comparison engine's co-occurrence hook).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from comparator.quotes import names as nm
from comparator.quotes.keys import loose_tokens, speaker_key, speaker_keys
from comparator.quotes.linking import SpeakerLink, link_speakers, same_speaker, speaker_similarity
from comparator.quotes.mentions import (
    BODIES,
    COUNTRIES,
    ROLES,
    TITLES,
    Mention,
    ja_role_forms,
    kind_of,
    parse_ja,
    parse_mention,
    roles_compatible,
)
from comparator.schema import Article, Quote

__all__ = [
    "BODIES",
    "ROLES",
    "Mention",
    "SpeakerLink",
    "link_speakers",
    "parse_mention",
    "resolve_speakers",
    "roles_compatible",
    "same_speaker",
    "speaker_key",
    "speaker_keys",
    "speaker_similarity",
]

log = logging.getLogger(__name__)


@dataclass
class Entity:
    display: str
    key: str
    kind: str  # person | body | role
    role: str | None = None
    body: str | None = None
    tokens: set[str] = field(default_factory=set)  # loose name tokens, for surname matches


# ---------------------------------------------------------------- resolution within an article


def resolve_speakers(quotes: list[Quote], article: Article) -> list[Quote]:
    """Fill ``speaker``, ``speaker_role`` and ``speaker_key`` of each quote, in text order."""
    lang = (article.lang or "").split("-")[0].lower()
    entities: list[Entity] = []
    last: Entity | None = None
    for q in sorted(quotes, key=lambda q: q.start):
        mention = q.speaker if q.speaker_start is not None else None
        if mention is None:
            ent = last if lang in ("ja", "ko") else None
        else:
            ent = _resolve(parse_mention(mention, lang), mention, entities, article.text, q, lang)
        if ent is not None:
            q.speaker, q.speaker_role, q.speaker_key = ent.display, ent.role, ent.key
            if ent not in entities:
                entities.append(ent)
            entities.remove(ent)
            entities.append(ent)  # most recent last
            last = ent
    return quotes


def _resolve(m: Mention, surface: str, ents: list[Entity], text: str, q: Quote, lang: str) -> Entity | None:
    recent = list(reversed(ents))
    if m.kind == "pronoun":
        hit = next((e for e in recent if e.kind == "person"), None)
        return hit or (_scan_person_ja(text, q.start, None, ents) if lang == "ja" else None)
    if m.kind == "plural":
        return next((e for e in recent if e.kind in ("body", "role")), recent[0] if recent else None)
    if m.kind == "relative":
        return _antecedent(text, q, lang, ents)
    if m.kind == "backref-body":
        hit = next((e for e in recent if e.kind == "body" and kind_of(e.body) == m.back), None)
        if hit is None and lang == "ja":
            hit = _scan_body_ja(surface, text, q.start, ents)
        return hit or (Entity(surface, f"body:{m.body}", "body", body=m.body) if m.body else None)
    if m.kind == "backref-role":
        hit = next((e for e in recent if e.role and roles_compatible(e.role, m.role)), None)
        if hit is None and lang == "ja":
            hit = _scan_person_ja(text, q.start, m.role, ents)
        return hit or Entity(surface, f"role:{m.role}", "role", role=m.role)
    if m.kind == "body":
        key = f"body:{m.body}"
        hit = next((e for e in recent if e.key == key), None)
        return hit or Entity(surface, key, "body", role=m.role, body=m.body)
    if m.kind == "role":
        key = (
            f"role:{m.role}" + (f"@{m.body}" if m.body else "") if m.role else f"role:{nm.readable(surface)}"
        )
        hit = next((e for e in recent if e.key == key), None)
        return hit or Entity(surface, key, "role", role=m.role, body=m.body)
    return _person(m, ents, text, q, lang)


def _person(m: Mention, ents: list[Entity], text: str, q: Quote, lang: str) -> Entity:
    name = m.name or ""
    key = speaker_key(name, lang)
    toks = loose_tokens(key)
    recent = list(reversed(ents))
    for e in recent:
        same = e.key == key or (toks and toks < e.tokens)
        if e.kind == "person" and same and roles_compatible(m.role, e.role):
            e.role = e.role or m.role
            return e
    if _surname_only(name, lang):
        full = _fuller_name(name, m.role, text, q.start, lang)
        if full:
            return _person(Mention("person", name=full, role=m.role, body=m.body), ents, text, q, lang)
    return Entity(name, key, "person", role=m.role, body=m.body, tokens=set(toks))


def _surname_only(name: str, lang: str) -> bool:
    if lang == "ko":
        return " " not in name
    if lang == "ja":
        return 1 <= len(name) <= 2 and not re.search(r"[ァ-ヴ]", name)
    return len(name.split()) == 1


def _fuller_name(name: str, role: str | None, text: str, before: int, lang: str) -> str | None:
    """An earlier full name in the text that starts or ends with this surname."""
    head = text[:before]
    if lang == "ko" and len(name) > 1:
        # 이시바 총리 after 이시바 시게루 일본 총리: a foreign given name written after the family name.
        pat = rf"(?<![가-힣]){re.escape(name)} [가-힣]{{2,5}}(?=\s)"
        ko_forms = {f for fs in (*ROLES.values(), *BODIES.values()) for f in fs} | COUNTRIES
        found = [
            mm.group()
            for mm in re.finditer(pat, text[:before])
            if mm.group().split()[1] not in ko_forms and not re.search(r"[은는이가을를의에도]$", mm.group())
        ]
        return found[-1] if found and role else None
    if lang == "ko":
        pat = rf"(?<![가-힣]){re.escape(name)}[가-힣]{{1,2}}(?=\s)"
    elif lang == "ja":
        forms = ja_role_forms()
        follow = "|".join(map(re.escape, list(forms) + ["氏", "さん", "は", "が", "、", "の"]))
        pat = rf"(?<![一-龯々]){re.escape(name)}[一-龯々]{{1,2}}?(?={follow})"
    else:
        pat = rf"(?:[A-Z][\w’'.-]+ ){{1,2}}{re.escape(name)}\b|\b{re.escape(name)}(?: [A-Z][\w’'-]+){{1,2}}"
    cands = [mm.group() for mm in re.finditer(pat, head)]
    if lang == "ja":
        starts = ja_role_forms()
        cands = [
            c
            for c in cands
            if not any(c[i:].startswith(f[: len(c) - i]) for i in range(len(name), len(c)) for f in starts)
        ]
    cands = [c for c in cands if c.strip() != name and not any(w.lower() in TITLES for w in c.split()[:1])]
    return cands[-1].strip() if cands else None


def _scan_body_ja(surface: str, text: str, before: int, ents: list[Entity]) -> Entity | None:
    """同省 with no quoted antecedent: the last '…省' written before it (外務省は8日、…)."""
    tail = surface[-1]
    for mm in reversed(list(re.finditer(rf"[一-龯ァ-ヴー]{{1,8}}{re.escape(tail)}", text[:before]))):
        if not mm.group().startswith("同"):
            m = parse_ja(mm.group())
            return _resolve(m, mm.group(), ents, text, Quote("", 0, 0, "", "direct"), "ja")
    return None


def _scan_person_ja(text: str, before: int, role: str | None, ents: list[Entity]) -> Entity | None:
    """同氏 / 同長官 with no quoted antecedent: the last 'name + role' written before it."""
    forms = "|".join(map(re.escape, ja_role_forms()))
    pat = rf"(?<![一-龯々])([一-龯々]{{2,4}}?|[ァ-ヴー・]{{2,12}})({forms})(?=[はがのと、])"
    for mm in reversed(list(re.finditer(pat, text[:before]))):
        if mm.group(1).startswith("同"):
            continue
        m = parse_ja(mm.group())
        if m.kind == "person" and roles_compatible(role, m.role):
            return _person(m, ents, text, Quote("", 0, 0, "", "direct"), "ja")
    return None


def _antecedent(text: str, q: Quote, lang: str, ents: list[Entity]) -> Entity | None:
    """'…, who said' -> the capitalised name right before the relative pronoun."""
    if q.speaker_start is None:
        return None
    mm = re.search(r"((?:[A-Z][\w’'.-]+ ?){1,4}),?\s*$", text[max(0, q.speaker_start - 80) : q.speaker_start])
    if not mm:
        return None
    return _person(Mention("person", name=mm.group(1).strip()), ents, text, q, lang)
