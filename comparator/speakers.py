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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from comparator.quotes import names as nm
from comparator.schema import Article, Quote

log = logging.getLogger(__name__)

ROLES: dict[str, tuple[str, ...]] = {
    "chief-cabinet-secretary": ("관방장관", "官房長官", "chief cabinet secretary"),
    "foreign-minister": ("외교부 장관", "외교장관", "외무상", "외상", "外相", "外務大臣", "外務相", "外交部長官",
                         "foreign minister", "foreign secretary"),
    "spokesperson": ("대변인", "報道官", "報道担当", "spokesperson", "spokesman", "spokeswoman", "press secretary"),
    "prime-minister": ("총리", "首相", "総理大臣", "総理", "prime minister", "premier"),
    "president": ("대통령", "大統領", "president"),
    "minister": ("장관", "大臣", "長官", "minister", "secretary"),
    "ambassador": ("대사", "大使", "ambassador"),
    "lawmaker": ("의원", "議員", "lawmaker", "senator", "representative", "congressman", "congresswoman"),
    "official": ("당국자", "관계자", "고위 관계자", "当局者", "関係者", "高官", "幹部", "officials", "official",
                 "sources", "source"),
    "governor": ("도지사", "지사", "知事", "governor"),
    "mayor": ("시장", "市長", "mayor"),
    "party-leader": ("대표", "代表", "党首", "party leader"),
}  # fmt: skip

BODIES: dict[str, tuple[str, ...]] = {
    "nk-mofa": ("북한 외무성", "北朝鮮外務省", "north korea's foreign ministry", "north korean foreign ministry"),
    "kr-mofa": ("한국 외교부", "외교부", "韓国外交部", "外交部", "south korea's foreign ministry",
                "south korean foreign ministry", "seoul's foreign ministry", "korean foreign ministry"),
    "jp-mofa": ("일본 외무성", "외무성", "日本外務省", "外務省", "japan's foreign ministry",
                "japanese foreign ministry", "tokyo's foreign ministry", "ministry of foreign affairs of japan"),
    "kr-presidential-office": ("대통령실", "청와대", "韓国大統領室", "大統領室", "大統領府",
                               "presidential office", "cheong wa dae", "blue house"),
    "jp-pmo": ("일본 총리관저", "총리관저", "首相官邸", "官邸", "prime minister's office"),
    "kr-government": ("한국 정부", "韓国政府", "south korean government", "south korea's government", "seoul"),
    "jp-government": ("일본 정부", "日本政府", "japanese government", "japan's government", "tokyo"),
    "kr-defense": ("국방부", "韓国国防省", "韓国国防部", "south korea's defense ministry"),
    "jp-defense": ("방위성", "防衛省", "japan's defense ministry", "japanese defense ministry"),
    "kr-unification": ("통일부", "統一省", "統一部", "unification ministry"),
    "us-state-department": ("국무부", "国務省", "state department"),
    "white-house": ("백악관", "ホワイトハウス", "white house"),
    "kcna": ("조선중앙통신", "朝鮮中央通信", "kcna", "korean central news agency"),
    "yonhap": ("연합뉴스", "聯合ニュース", "yonhap"),
    "kyodo": ("교도통신", "共同通信", "kyodo"),
}  # fmt: skip
# Unqualified government words default to the article's own country.
_HOME_GOVERNMENT = {"ko": ("정부", "kr-government"), "ja": ("政府", "jp-government")}
_BODY_KIND = {"mofa": "ministry", "defense": "ministry", "unification": "ministry", "department": "ministry",
              "office": "office", "pmo": "office", "house": "office", "government": "government",
              "kcna": "agency", "yonhap": "agency", "kyodo": "agency"}  # fmt: skip
_GENERIC_BODIES = {"foreign ministry": "foreign-ministry", "defense ministry": "defense-ministry",
                   "defence ministry": "defense-ministry", "government": "government", "ministry": "ministry"}  # fmt: skip
_BACKREF_JA = {"省": "ministry", "部": "ministry", "庁": "agency", "室": "office", "府": "office", "党": "party",
               "社": "company", "紙": "newspaper", "国": "country", "政府": "government"}  # fmt: skip
_BACKREF_EN = {"ministry": "ministry", "department": "ministry", "office": "office", "government": "government",
               "agency": "agency", "party": "party", "company": "company", "newspaper": "newspaper"}  # fmt: skip
_COUNTRIES = {
    "한국",
    "일본",
    "미국",
    "중국",
    "북한",
    "韓国",
    "日本",
    "米国",
    "中国",
    "北朝鮮",
    "러시아",
    "ロシア",
}
_PERSON_PRONOUNS = {"he", "she", "him", "i", "그", "그녀", "彼", "彼女", "同氏"}
_PLURAL_PRONOUNS = {"they", "we", "그들", "彼ら"}
_TITLES = {"mr", "ms", "mrs", "dr", "sen", "rep", "gov", "gen", "prof", "rev", "minister", "president", "prime",
           "chief", "cabinet", "secretary", "foreign", "spokesperson", "spokesman", "spokeswoman", "presidential",
           "the", "a", "an", "japanese", "korean", "south", "japan's", "korea's", "deputy", "vice", "press",
           "lawmaker", "senator", "ambassador", "former", "acting", "party", "leader"}  # fmt: skip


@dataclass
class Mention:
    """What a speaker mention says: a name, a role, a body, or a pointer back to an earlier one."""

    kind: str  # person | body | role | pronoun | plural | backref-body | backref-role | none
    name: str | None = None
    role: str | None = None
    body: str | None = None  # body id from BODIES, or a generic id
    back: str | None = None  # body kind (ministry, office …) of a back-reference


@dataclass
class Entity:
    display: str
    key: str
    kind: str  # person | body | role
    role: str | None = None
    body: str | None = None
    tokens: set[str] = field(default_factory=set)  # loose name tokens, for surname matches


# ---------------------------------------------------------------- keys


def speaker_keys(name: str, lang: str) -> list[str]:
    """Every plausible key of a personal name, most likely first (kanji: Japanese and Korean reading)."""
    name = name.strip()
    if not name:
        return []
    if nm.is_hangul(name):
        parts = name.split()
        if len(parts) == 1 and 2 <= len(name) <= 4 and name[0] in nm.KOREAN_SURNAMES:
            keys = [_join(nm.korean_name_roman(name))]
            keys.append(_join([nm.readable(nm.romanize_hangul(name))]))
            return keys
        return [_join([nm.readable(nm.romanize_hangul(p)) for p in parts])]
    if nm.is_kana_or_kanji(name):
        core = re.sub(r"(氏|さん)$", "", name)
        ja = _join([nm.readable(t) for t in nm.japanese_name_roman(core)])
        ko = nm.sino_korean(core)
        if ko and len(core) in (2, 3, 4):
            ko_key = _join(nm.korean_name_roman(ko))
            return [ko_key, ja] if nm.looks_korean_hanja_name(core) else [ja, ko_key]
        return [ja]
    tokens = [t for t in re.split(r"[\s]+", name) if t and t.lower().rstrip(".") not in _TITLES]
    out = []
    for t in tokens:
        t = re.sub(r"[-‐'’.]", "", t)
        out.append(nm.canonical_surname(t) or nm.readable(t))
    return [_join(out)] if out else []


def speaker_key(name: str, lang: str) -> str:
    """Language-independent key of a personal name: 강유정 / 姜由楨 / Kang Yoo-jung -> 'kang yujung'."""
    keys = speaker_keys(name, lang)
    return keys[0] if keys else ""


def _join(tokens: Iterable[str]) -> str:
    # Sorted, so name order (Shigeru Ishiba / 石破茂) does not matter.
    return " ".join(sorted(t for t in tokens if t))


def _loose_tokens(key: str) -> frozenset[str]:
    return frozenset(nm.loose(t) for t in key.split())


# ---------------------------------------------------------------- parsing mentions


def _longest(text: str, forms: dict[str, tuple[str, ...]], *, suffix: bool) -> tuple[str, str] | None:
    """(id, form) of the longest form that ``text`` ends with (or contains, when not ``suffix``)."""
    best: tuple[str, str] | None = None
    for ident, fs in forms.items():
        for f in fs:
            hit = text.endswith(f) if suffix else _contains_word(text, f)
            if hit and (best is None or len(f) > len(best[1])):
                best = (ident, f)
    return best


def _contains_word(text: str, form: str) -> bool:
    if form.isascii():
        return re.search(rf"(?<![\w']){re.escape(form)}(?![\w])", text) is not None
    return form in text


def parse_mention(mention: str, lang: str) -> Mention:
    """Split a speaker mention into name, role and body; recognise pronouns and back-references."""
    m = mention.strip().strip(",")
    if not m:
        return Mention("none")
    if lang == "ja":
        return _parse_ja(m)
    if lang == "ko":
        return _parse_ko(m)
    return _parse_en(m)


def _parse_ja(m: str) -> Mention:
    if m in _PERSON_PRONOUNS:
        return Mention("pronoun")
    if m.startswith("同") and len(m) >= 2:
        rest = m[1:]
        if rest in _BACKREF_JA:
            return Mention("backref-body", back=_BACKREF_JA[rest])
        role = _longest(rest, ROLES, suffix=True)
        if role:
            return Mention("backref-role", role=role[0])
    parts = m.split("の")
    last = re.sub(r"(氏|さん)$", "", parts[-1])
    body = _longest(m, BODIES, suffix=False)
    role = _longest(last, ROLES, suffix=True)
    name = last[: len(last) - len(role[1])] if role else last
    if body and body[1] in name:
        name = name.replace(body[1], "")
    for c in _COUNTRIES:
        name = name.removeprefix(c)
    body_id = body[0] if body else (_HOME_GOVERNMENT["ja"][1] if "政府" in m else None)
    if name.endswith("政府") or re.search(r"[省庁]$", name):
        body_id = body_id or name
        name = ""
    if name and not (body and not role and name == last):
        return Mention("person", name=name, role=role[0] if role else None, body=body_id)
    if role:
        return Mention("role", role=role[0], body=body_id)
    return Mention("body", body=body_id or m) if body_id else Mention("person", name=m)


def _parse_ko(m: str) -> Mention:
    if m in _PERSON_PRONOUNS:
        return Mention("pronoun")
    if m in _PLURAL_PRONOUNS:
        return Mention("plural")
    body = _longest(m, BODIES, suffix=False)
    body_id = body[0] if body else (_HOME_GOVERNMENT["ko"][1] if re.search(r"(^|\s)정부", m) else None)
    rest = m.replace(body[1], " ") if body else m
    role = None
    words = []
    for w in rest.split():
        r = _longest(w, ROLES, suffix=True)
        if r and w == r[1] or (r and len(w) - len(r[1]) <= 0):
            role = r[0]
        elif w in _COUNTRIES or w == "정부":
            continue
        else:
            words.append(w)
    if body and "외교" in m and role == "minister":
        role = "foreign-minister"
    if words:
        return Mention("person", name=" ".join(words), role=role, body=body_id)
    if role:
        return Mention("role", role=role, body=body_id)
    return Mention("body", body=body_id) if body_id else Mention("person", name=m)


def _parse_en(m: str) -> Mention:
    low = m.lower()
    if low in _PERSON_PRONOUNS:
        return Mention("pronoun")
    if low in _PLURAL_PRONOUNS:
        return Mention("plural")
    if low in {"who", "which", "it"}:
        return Mention("relative" if low != "it" else "backref-body", back=None)
    head, _, appos = m.partition(",")
    body = _longest(low, BODIES, suffix=False)
    role = _longest(low, ROLES, suffix=False)
    words = [w for w in re.findall(r"[A-Z][\w.'’-]*", head) if w.lower().rstrip(".") not in _TITLES]
    words = [w for w in words if not (body and w.lower() in body[1])]
    words = [
        w for w in words if w.lower().rstrip("'’s") not in {"japan", "korea", "seoul", "tokyo", "foreign"}
    ]
    if words and not head.lower().startswith(("the ", "a ", "an ")):
        return Mention(
            "person", name=" ".join(words), role=role[0] if role else None, body=body[0] if body else None
        )
    if body:
        return Mention("body", body=body[0], role=role[0] if role else None)
    generic = next((g for w, g in _GENERIC_BODIES.items() if re.search(rf"\b{w}\b", low)), None)
    if low.startswith("the ") and generic:
        kind = "ministry" if "ministry" in generic else generic
        return Mention("backref-body", body=generic, back=kind)
    for noun, kind in _BACKREF_EN.items():
        if low == f"the {noun}":
            return Mention("backref-body", back=kind)
    if role and low.startswith(("the ", "a ", "an ")):
        return Mention("backref-role" if low.startswith("the ") else "role", role=role[0])
    return Mention("person", name=head) if head[:1].isupper() else Mention("role", role=None, name=m)


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
        hit = next((e for e in recent if e.kind == "body" and _kind_of(e.body) == m.back), None)
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
    toks = _loose_tokens(key)
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


_GENERIC_ROLE = {"minister": ("foreign-minister", "chief-cabinet-secretary", "prime-minister")}


def roles_compatible(a: str | None, b: str | None) -> bool:
    """Same role, one unknown, or a generic title for a specific one (林長官 for 林官房長官)."""
    if a is None or b is None or a == b:
        return True
    return b in _GENERIC_ROLE.get(a, ()) or a in _GENERIC_ROLE.get(b, ())


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
        ko_forms = {f for fs in (*ROLES.values(), *BODIES.values()) for f in fs} | _COUNTRIES
        found = [
            mm.group()
            for mm in re.finditer(pat, text[:before])
            if mm.group().split()[1] not in ko_forms and not re.search(r"[은는이가을를의에도]$", mm.group())
        ]
        return found[-1] if found and role else None
    if lang == "ko":
        pat = rf"(?<![가-힣]){re.escape(name)}[가-힣]{{1,2}}(?=\s)"
    elif lang == "ja":
        forms = _ja_role_forms()
        follow = "|".join(map(re.escape, forms + ["氏", "さん", "は", "が", "、", "の"]))
        pat = rf"(?<![一-龯々]){re.escape(name)}[一-龯々]{{1,2}}?(?={follow})"
    else:
        pat = rf"(?:[A-Z][\w’'.-]+ ){{1,2}}{re.escape(name)}\b|\b{re.escape(name)}(?: [A-Z][\w’'-]+){{1,2}}"
    cands = [mm.group() for mm in re.finditer(pat, head)]
    if lang == "ja":
        starts = _ja_role_forms()
        cands = [
            c
            for c in cands
            if not any(c[i:].startswith(f[: len(c) - i]) for i in range(len(name), len(c)) for f in starts)
        ]
    cands = [c for c in cands if c.strip() != name and not any(w.lower() in _TITLES for w in c.split()[:1])]
    return cands[-1].strip() if cands else None


def _ja_role_forms() -> list[str]:
    return sorted(
        {f for fs in ROLES.values() for f in fs if not f.isascii() and not nm.is_hangul(f)},
        key=len,
        reverse=True,
    )


def _scan_body_ja(surface: str, text: str, before: int, ents: list[Entity]) -> Entity | None:
    """同省 with no quoted antecedent: the last '…省' written before it (外務省は8日、…)."""
    tail = surface[-1]
    for mm in reversed(list(re.finditer(rf"[一-龯ァ-ヴー]{{1,8}}{re.escape(tail)}", text[:before]))):
        if not mm.group().startswith("同"):
            m = _parse_ja(mm.group())
            return _resolve(m, mm.group(), ents, text, Quote("", 0, 0, "", "direct"), "ja")
    return None


def _scan_person_ja(text: str, before: int, role: str | None, ents: list[Entity]) -> Entity | None:
    """同氏 / 同長官 with no quoted antecedent: the last 'name + role' written before it."""
    forms = "|".join(map(re.escape, _ja_role_forms()))
    pat = rf"(?<![一-龯々])([一-龯々]{{2,4}}?|[ァ-ヴー・]{{2,12}})({forms})(?=[はがのと、])"
    for mm in reversed(list(re.finditer(pat, text[:before]))):
        if mm.group(1).startswith("同"):
            continue
        m = _parse_ja(mm.group())
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


def _kind_of(body: str | None) -> str | None:
    if not body:
        return None
    for part, kind in _BODY_KIND.items():
        if part in body:
            return kind
    return body.split("-")[-1]


# ---------------------------------------------------------------- across sources


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
        generic = x if x in _GENERIC_BODIES.values() else y if y in _GENERIC_BODIES.values() else None
        other = y if generic == x else x
        return 0.6 if generic and _kind_of(generic) == _kind_of(other) else 0.0
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
    tx, ty = _loose_tokens(x), _loose_tokens(y)
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
    """
    name: dict[tuple[str, str], float] = {}
    miss: dict[tuple[str, str], float] = defaultdict(lambda: 1.0)
    count: dict[tuple[str, str], int] = defaultdict(int)
    for qa, qb, sim in pairs:
        if not qa.speaker_key or not qb.speaker_key:
            continue
        k = (qa.speaker_key, qb.speaker_key)
        name[k] = max(name.get(k, 0.0), speaker_similarity(qa, qb))
        miss[k] *= 1.0 - 0.5 * max(0.0, min(1.0, sim))
        count[k] += 1
    links = []
    for k, ns in name.items():
        score = 1.0 - (1.0 - ns) * miss[k]
        if score >= min_score:
            links.append(SpeakerLink(k[0], k[1], round(score, 3), round(ns, 3), count[k]))
    return sorted(links, key=lambda link: -link.score)
