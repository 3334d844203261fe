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

import difflib
import logging
import re
from dataclasses import dataclass, field

from comparator.quotes import names as nm
from comparator.quotes.companies import company_id
from comparator.quotes.holders import Holder, find_holders, latest_holder
from comparator.quotes.keys import loose_tokens, speaker_key, speaker_keys
from comparator.quotes.linking import SpeakerLink, link_speakers, same_speaker, speaker_similarity
from comparator.quotes.mentions import (
    BODIES,
    COUNTRIES,
    GENERIC_ROLE,
    KO_COMPANY,
    KO_MISSION,
    KO_ORG,
    KO_POSTED,
    ROLES,
    TITLES,
    Mention,
    country_in,
    is_title,
    ja_role_forms,
    kind_of,
    name_words,
    parse_ja,
    parse_mention,
    roles_compatible,
)
from comparator.quotes.role_tables import GENERIC_FIELDS
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
    "speaks_for",
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


def speaks_for(q: Quote, article: Article) -> str | None:
    """The company a quote's speaker is named as speaking for ("co:sejin:electronics" for 오지현
    세진전자 대변인 or "Oh Ji-hyun, a spokeswoman for Sejin Electronics"), None when the mention
    names none. A named spokesperson keeps her own key; this says whose voice she is."""
    if q.speaker_start is None or q.speaker_end is None:
        return None
    lang = (article.lang or "").split("-")[0].lower()
    mention = article.text[q.speaker_start : q.speaker_end]
    body = parse_mention(mention, lang).body
    if body is None and lang == "en":
        # "Oh Ji-hyun, a spokeswoman for Sejin Electronics": the company is in the appositive
        tail = re.search(r"\b(?:for|of|at)\s+([A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*)", mention)
        body = parse_mention(tail[1], lang).body if tail else None
    return body if body and body.startswith("co:") else None


def resolve_speakers(quotes: list[Quote], article: Article) -> list[Quote]:
    """Fill ``speaker``, ``speaker_role`` and ``speaker_key`` of each quote, in text order."""
    lang = (article.lang or "").split("-")[0].lower()
    ctx = _Ctx(article.text, lang)
    last: Entity | None = None
    for q in sorted(quotes, key=lambda q: q.start):
        mention = q.speaker if q.speaker_start is not None else None
        if mention is None:
            ent = last if lang in ("ja", "ko") else None
        else:
            ent = _resolve(parse_mention(mention, lang), mention, ctx, q)
        if ent is not None:
            q.speaker, q.speaker_role, q.speaker_key = ent.display, ent.role, ent.key
            if ent in ctx.ents:
                ctx.ents.remove(ent)
            ctx.ents.append(ent)  # most recent last
            last = ent
    return quotes


@dataclass
class _Ctx:
    """One article's resolution state: its text, language, speakers so far and role holders."""

    text: str
    lang: str
    ents: list[Entity] = field(default_factory=list)
    _holders: list[Holder] | None = None

    @property
    def holders(self) -> list[Holder]:
        if self._holders is None:  # found once per article, only when a bare role needs them
            self._holders = find_holders(self.text, self.lang)
        return self._holders


def _resolve(m: Mention, surface: str, ctx: _Ctx, q: Quote) -> Entity | None:
    recent = list(reversed(ctx.ents))
    at = min(q.start, q.speaker_start if q.speaker_start is not None else q.start)
    if m.kind == "pronoun":
        # "Spokesperson Lim So-jung thanked Japan for what she called …": a titled name earlier in
        # the pronoun's own sentence comes before anyone quoted earlier in the article.
        hit = _sentence_holder(ctx, at) or next((e for e in recent if e.kind == "person"), None)
        # nobody quoted yet: the last titled name written before it (그는 after 박은서 장관은 회담을 열었다)
        return hit or _holder_entity(ctx, at, None, q)
    if m.kind == "plural":
        return next((e for e in recent if e.kind in ("body", "role")), recent[0] if recent else None)
    if m.kind == "relative":
        return _antecedent(ctx, q)
    if m.kind == "backref-body":
        fields = GENERIC_FIELDS.get(m.body or "")
        hit = next(
            (
                e
                for e in recent
                if e.kind == "body"
                and kind_of(e.body) == m.back
                # "the trade ministry" is never the foreign ministry quoted just before
                and (fields is None or any(f in (e.body or "") for f in fields))
            ),
            None,
        )
        if hit is None and m.back == "company":
            hit = _scan_company(ctx, at)  # 同社, 이 회사, "the company": the one named before
        if hit is None and ctx.lang == "ja":
            hit = _scan_body_ja(surface, ctx, q.start)
        named = _body_of_field(ctx, m.body, at) if hit is None and m.body in GENERIC_FIELDS else None
        if named:
            hit = Entity(surface, f"body:{named}", "body", body=named)
        return hit or (Entity(surface, f"body:{m.body}", "body", body=m.body) if m.body else None)
    if m.kind == "role" and m.body and m.body.startswith("co:"):
        # 東和マテリアルの広報担当者, "a Hanbit spokeswoman": an unnamed voice of a company is the company
        key = f"body:{m.body}"
        hit = next((e for e in recent if e.key == key), None)
        return hit or Entity(surface, key, "body", role=m.role, body=m.body)
    if m.kind in ("role", "backref-role") and m.role:
        # A bare title (首相, 총리, the prime minister, 同長官) is its most recent named holder.
        hit = _holder_entity(ctx, at, m.role, q, country=m.country, body=m.body)
        if hit is None and m.kind == "backref-role":
            hit = next((e for e in recent if e.role and roles_compatible(e.role, m.role)), None)
        if hit is not None:
            return hit
    if m.kind == "backref-role":
        return Entity(surface, f"role:{m.role}", "role", role=m.role)
    if m.kind == "body":
        # a body outside the table keeps its own name ("Figures from the Harbor Survey" -> Harbor Survey)
        key = (
            f"body:{m.body}"
            if m.body
            else "body:" + "-".join(re.findall(r"\w+", (m.name or surface).lower()))
        )
        hit = next((e for e in recent if e.key == key), None)
        return hit or Entity(m.name or surface, key, "body", role=m.role, body=m.body)
    if m.demonstrative:
        # 이 공사: 이상훈 when an earlier 이… holds the title; otherwise "this construction", no person
        return _namesake(m, ctx, q) or _resolve(Mention("role", name=surface), surface, ctx, q)
    if m.kind == "role":
        key = (
            f"role:{m.role}" + (f"@{m.body}" if m.body else "") if m.role else f"role:{nm.readable(surface)}"
        )
        hit = next((e for e in recent if e.key == key), None)
        return hit or Entity(surface, key, "role", role=m.role, body=m.body)
    return _person(m, ctx, q)


def _sentence_holder(ctx: _Ctx, at: int) -> Entity | None:
    start = max(ctx.text.rfind(stop, 0, at) for stop in (". ", "\n", "。", "다. ")) + 1
    inside = [h for h in ctx.holders if h.start >= start and h.end <= at]
    if not inside:
        return None
    h = inside[-1]
    mention = Mention("person", name=h.name, role=h.role, body=h.body, country=h.country, reading=h.reading)
    return _person(mention, ctx, Quote("", h.end, h.end, "", "direct"))


def _holder_entity(
    ctx: _Ctx, at: int, role: str | None, q: Quote, *, country: str | None = None, body: str | None = None
) -> Entity | None:
    h = latest_holder(ctx.holders, at, role, ctx.lang, country=country, body=body)
    if h is None:
        return None
    mention = Mention("person", name=h.name, role=h.role, body=h.body, country=h.country, reading=h.reading)
    return _person(mention, ctx, Quote("", h.end, h.end, "", "direct"))


def _person(m: Mention, ctx: _Ctx, q: Quote) -> Entity:
    name = m.name or ""
    key = _key(name, ctx.lang, m.reading)
    toks = loose_tokens(key)
    for e in reversed(ctx.ents):
        same = e.key == key or (toks and toks < e.tokens)
        if e.kind == "person" and same and roles_compatible(m.role, e.role):
            e.role = e.role or m.role
            return e
    if _surname_only(name, ctx.lang):
        holder = _holder_with_surname(ctx, name, m.role, q.start)
        if holder is not None:
            fuller = Mention(
                "person",
                name=holder.name,
                role=_specific(m.role, holder.role),
                body=m.body,
                reading=holder.reading,
            )
            return _person(fuller, ctx, q)
        full = _fuller_name(name, m.role, ctx.text, q.start, ctx.lang)
        cid = company_id(full, ctx.lang) if full else None
        if cid:  # "Hanbit said" after "Hanbit Semiconductor": the company, not a person
            return next((e for e in ctx.ents if e.key == f"body:{cid}"), None) or Entity(
                full or name, f"body:{cid}", "body", body=cid
            )
        if full:
            fuller = Mention("person", name=full, role=m.role, body=m.body, reading=m.reading)
            return _person(fuller, ctx, q)
    return Entity(name, key, "person", role=m.role, body=m.body, tokens=set(toks))


def _specific(role: str | None, held: str | None) -> str | None:
    """The holder's title when the mention's is its generic form (松田長官 of 松田浩二官房長官)."""
    if held and (role is None or held in GENERIC_ROLE.get(role, ())):
        return held
    return role


def _namesake(m: Mention, ctx: _Ctx, q: Quote) -> Entity | None:
    """A person already quoted, or a named holder written earlier, whose name starts with the
    surname ``m.name`` and who holds a compatible title; None when there is none."""
    name = m.name or ""
    for e in reversed(ctx.ents):
        if e.kind == "person" and e.display.startswith(name) and e.role and roles_compatible(m.role, e.role):
            return e
    if _holder_with_surname(ctx, name, m.role, q.start) is None:
        return None
    return _person(m, ctx, q)


def _holder_with_surname(ctx: _Ctx, name: str, role: str | None, before: int) -> Holder | None:
    """The latest earlier 'full name + title' whose name starts (ja, ko) or contains (en) ``name``:
    宋大統領 -> 宋泰憲（ソン・テホン）大統領, 송 대통령 -> 송태헌 대통령."""
    if not name or role is None:
        return None  # without a title the surname alone is too weak a link
    for h in reversed(ctx.holders):
        if h.end > before or not roles_compatible(role, h.role) or h.name == name:
            continue
        words = h.name.split()
        if (ctx.lang == "en" and name in words) or (ctx.lang != "en" and h.name.startswith(name)):
            return h
    return None


def _key(name: str, lang: str, reading: str | None) -> str:
    """The name's key; a bracketed reading (宋泰憲（ソン・テホン）) picks the reading it sounds like."""
    keys = speaker_keys(name, lang)
    if not keys:
        return ""
    if reading and len(keys) > 1:
        said = nm.loose("".join(nm.japanese_name_roman(reading)))
        return max(
            keys, key=lambda k: difflib.SequenceMatcher(None, said, nm.loose(k.replace(" ", ""))).ratio()
        )
    return keys[0]


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
            if mm.group().split()[1] not in ko_forms
            and not re.search(r"[은는이가을를의에도]$", mm.group())
            and not KO_ORG.search(mm.group())
            and not KO_COMPANY.match(mm.group().split()[1])  # 오지현 세진전자 대변인: her company
            and not _posted(mm.group().split()[1], text[mm.end() :])
        ]
        return found[-1] if found and role else None
    if lang == "ko":
        pat = rf"(?<![가-힣]){re.escape(name)}[가-힣]{{1,2}}(?=\s)"
    elif lang == "ja":
        forms = ja_role_forms()
        # 山根由香内閣府政務官, 李相勲（イ・サンフン）公使: a ministry's field or a reading may come first
        fields = ["内閣府", "外務", "財務", "防衛", "（", "("]
        follow = "|".join(map(re.escape, list(forms) + fields + ["氏", "さん", "は", "が", "、", "の"]))
        pat = rf"(?<![一-龯々]){re.escape(name)}[一-龯々]{{1,2}}?(?={follow})"
    else:
        return _fuller_name_en(name, head)
    cands = [mm.group() for mm in re.finditer(pat, head)]
    if lang == "ja":
        starts = ja_role_forms()
        cands = [
            c
            for c in cands
            if not any(c[i:].startswith(f[: len(c) - i]) for i in range(len(name), len(c)) for f in starts)
            and not c.endswith(("氏", "ら"))  # "桜井氏は": the honorific, not a given name
        ]
    cands = [c for c in cands if c.strip() != name and not any(w.lower() in TITLES for w in c.split()[:1])]
    return cands[-1].strip() if cands else None


def _posted(word: str, after: str) -> bool:
    """이정민 주오사카 총영사관 공사: 주오사카 is a posting before a mission, not a given name."""
    nxt = after.split()[:1]
    return bool(KO_POSTED.match(word)) and bool(nxt) and bool(KO_MISSION.match(nxt[0]))


def _fuller_name_en(name: str, head: str) -> str | None:
    """The last capitalised run before ``head`` ends that holds ``name`` with another name word,
    titles dropped: 'Prime Minister Koichi Omori' -> 'Koichi Omori' for 'Omori'."""
    found = None
    for mm in re.finditer(r"[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*)*", head):
        if name not in mm.group():
            continue
        run_words = mm.group().split()
        of = re.search(r"\b(\w+) of (?:the )?$", head[: mm.start()])
        if of and is_title(of[1]):
            run_words = run_words[1:]  # "Secretary of State Martin Hale": State belongs to the title
        for run in _runs(run_words):
            while run and run[0].lower() in _SENTENCE_OPENERS:
                run = run[1:]  # "As Kang noted, …": a capitalised first word is no part of the name
            words = [w for w in name_words(run) if country_in(w) is None]
            if name in words and 1 < len(words) <= 4:
                found = " ".join(words)
    return found


_SENTENCE_OPENERS = {"as", "but", "and", "when", "while", "if", "in", "on", "at", "for", "after", "before", "since",
                     "so", "then", "yet", "although", "though", "because", "the", "a", "an", "like", "unlike"}  # fmt: skip


def _runs(words: list[str]) -> list[list[str]]:
    """Split a capitalised run at a full stop that ends a sentence ("… North Korea. Omori …")."""
    runs: list[list[str]] = [[]]
    for w in words:
        stop = w.endswith(".") and len(w) > 2 and w.lower().rstrip(".") not in TITLES and w.count(".") == 1
        runs[-1].append(w.rstrip(".") if stop else w)
        if stop:
            runs.append([])
    return runs


def _scan_body_ja(surface: str, ctx: _Ctx, before: int) -> Entity | None:
    """同省 with no quoted antecedent: the last '…省' written before it (外務省は8日、…)."""
    tail = surface[-1]
    for mm in reversed(list(re.finditer(rf"[一-龯ァ-ヴー]{{1,8}}{re.escape(tail)}", ctx.text[:before]))):
        if not mm.group().startswith("同"):
            m = parse_ja(mm.group())
            return _resolve(m, mm.group(), ctx, Quote("", before, before, "", "direct"))
    return None


_COMPANY_RUN = {
    "ko": re.compile(r"[가-힣A-Za-z]+"),
    "ja": re.compile(r"[一-龯々ァ-ヴー・]+"),
    "en": re.compile(r"[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*(?:,?\s+(?:Co|Corp|Inc|Ltd)\.?)?"),
}


def _scan_company(ctx: _Ctx, before: int) -> Entity | None:
    """同社 / 이 회사 / "the company" with no company quoted yet: the last company named before it
    (東和マテリアルは出荷を増やす。同社は「…」)."""
    found = None
    for mm in _COMPANY_RUN.get(ctx.lang, _COMPANY_RUN["en"]).finditer(ctx.text[:before]):
        word = (
            re.sub(r"(?:은|는|이|가|을|를|의|도|와|과|에|측)$", "", mm.group())
            if ctx.lang == "ko"
            else mm.group()
        )
        cid = company_id(word, ctx.lang)
        if cid:
            found = (word, cid)
    if found is None:
        return None
    word, cid = found
    return next((e for e in ctx.ents if e.key == f"body:{cid}"), None) or Entity(
        word, f"body:{cid}", "body", body=cid
    )


def _body_of_field(ctx: _Ctx, generic: str, before: int) -> str | None:
    """What 'the trade ministry' stands for when no quoted body fits: the one trade ministry the
    article names anywhere (Japan's METI, written out in the next sentence); when it names two
    (METI and MOTIE), the one named last before the mention; None when that is not decided."""
    low = ctx.text.lower()
    found = {
        ident: _last_named(low, forms, before)
        for ident, forms in BODIES.items()
        if any(f in ident for f in GENERIC_FIELDS[generic]) and any(_names(low, f) >= 0 for f in forms)
    }
    if len(found) == 1:
        return next(iter(found))
    earlier = sorted((at, ident) for ident, at in found.items() if at >= 0)
    return earlier[-1][1] if earlier else None


def _last_named(low: str, forms: tuple[str, ...], before: int) -> int:
    return max((_names(low[:before], f) for f in forms), default=-1)


def _names(low: str, form: str) -> int:
    """Start of the last whole-word ``form`` in ``low``, -1 when there is none."""
    if form.isascii():
        hits = list(re.finditer(rf"(?<![\w']){re.escape(form)}(?!\w)", low))
        return hits[-1].start() if hits else -1
    return low.rfind(form)


def _antecedent(ctx: _Ctx, q: Quote) -> Entity | None:
    """'…, who said' -> the capitalised name right before the relative pronoun."""
    if q.speaker_start is None:
        return None
    head = ctx.text[max(0, q.speaker_start - 80) : q.speaker_start]
    mm = re.search(r"((?:[A-Z][\w’'.-]+ ?){1,4}),?\s*$", head)
    if not mm:
        return None
    return _person(Mention("person", name=mm.group(1).strip()), ctx, q)
