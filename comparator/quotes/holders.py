"""Named holders of roles in an article: who "the prime minister", 首相, 총리 or 報道官 refers to.

News writes a title with a name once (大森浩一首相, 오모리 고이치 일본 총리, Prime Minister Koichi
Omori, Kang Seo-yeon, the presidential spokesperson) and the bare title afterwards (首相は…, 총리는…,
the prime minister said). ``find_holders`` lists every "name + role" phrase in the text with its
role and country; ``latest_holder`` picks the one a bare role mention refers to: the most recent
holder of that role before it, of the same country or body when the mention names one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from comparator.quotes import names as nm
from comparator.quotes.mentions import COUNTRY_FORMS, ROLES, TITLES, ja_role_forms, name_words, parse_mention

# Bare "official" or "source" never points at one named person.
_NOT_HOLDER_ROLES = {"official"}
# A bare title in the article's own language means the home country's holder first (首相 in a
# Japanese paper is Japan's prime minister) when one is named.
_HOME = {"ja": "jp", "ko": "kr"}
# Words that stand where a Japanese name would (次期首相, 前大統領, 各国首脳): never names.
_JA_NOT_NAMES = {"次期", "前任", "歴代", "臨時", "代理", "首席", "各国", "両国", "同国", "自国", "相手国", "現職",
                 "新任", "後任", "元職", "副", "両首", "政府", "韓国", "日本", "米国", "中国", "北朝鮮", "ロシア"}  # fmt: skip
# Prefixes that stand before a title in place of a name: 前首相, 米大統領, 同長官, 副大臣.
_JA_NOT_INITIAL = set("前元現新副次故両各同米韓日中朝露英仏独首総歴")
# 로 is left out: Japanese given names end in it (다로, 이치로).
_KO_CLEAR_PARTICLE = re.compile(r"(?:은|는|을|를|의|에|와|과|도|으로|에게|께서|이다|에서)$")
# Verb and adnominal endings: 했다고 강서연 대변인 -- the word before a name is often a clause's end.
_KO_VERBAL = re.compile(r"(?:다|고|며|서|면|지|요|니|게|던|한|된|인|는|은)$")
_KO_PARTICLE = re.compile(r"(?:은|는|이|가|을|를|의|에|와|과|도|로|으로|에게|께서|이다|에서)$")


@dataclass(frozen=True)
class Holder:
    start: int
    end: int
    name: str
    role: str
    country: str | None
    body: str | None = None
    reading: str | None = None


def find_holders(text: str, lang: str) -> list[Holder]:
    """Every 'name + role' phrase of ``text``, in text order, countries shared between mentions of one name."""
    finder = {"ja": _holders_ja, "ko": _holders_ko}.get(lang, _holders_en)
    found = sorted(finder(text), key=lambda h: h.start)
    return _share_countries(found)


def latest_holder(
    holders: list[Holder],
    before: int,
    role: str | None,
    lang: str,
    *,
    country: str | None = None,
    body: str | None = None,
) -> Holder | None:
    """The holder a bare ``role`` mention at ``before`` refers to, or None.

    The most recent earlier holder of a compatible role, restricted to ``country`` / ``body`` when
    the mention gives them; with neither, the article's home country (ja, ko) is preferred. When no
    holder precedes the mention (a headline), the first one after it is taken.
    """
    if role in _NOT_HOLDER_ROLES:
        return None
    fits = [h for h in holders if _role_fits(role, h.role) and (body is None or h.body in (None, body))]
    if country:
        fits = [h for h in fits if h.country in (None, country)]
    earlier = [h for h in fits if h.end <= before]
    home = _HOME.get(lang)
    if not country and home and any(h.country in (None, home) for h in earlier):
        earlier = [h for h in earlier if h.country in (None, home)]
    if earlier:
        return earlier[-1]
    later = [h for h in fits if h.start >= before]
    return later[0] if later else None


def _role_fits(wanted: str | None, held: str) -> bool:
    if wanted is None or wanted == held:
        return True
    # A bare "minister" / 長官 / 장관 is any cabinet minister, never the prime minister.
    return wanted == "minister" and held in ("foreign-minister", "chief-cabinet-secretary")


def _share_countries(holders: list[Holder]) -> list[Holder]:
    """'Omori' inherits Japan from an earlier 'Japanese Prime Minister Koichi Omori'."""
    from comparator.quotes.keys import loose_tokens, speaker_key

    toks = [
        loose_tokens(speaker_key(h.name, "")) if h.name.isascii() else frozenset({h.name}) for h in holders
    ]
    out = []
    for n, h in enumerate(holders):
        if h.country is None:
            for m, other in enumerate(holders):
                same = toks[n] <= toks[m] or toks[m] <= toks[n] or other.name.startswith(h.name)
                if other.country and other.role == h.role and same:
                    h = Holder(h.start, h.end, h.name, h.role, other.country, h.body, h.reading)
                    break
        out.append(h)
    return out


# ---------------------------------------------------------------- Japanese: [国の]名前[（読み）]役職


@functools.cache
def _ja_pattern() -> re.Pattern[str]:
    roles = "|".join(map(re.escape, ja_role_forms()))
    countries = "|".join(sorted((f for f in COUNTRY_FORMS_JA()), key=len, reverse=True))
    return re.compile(
        rf"(?P<pre>(?:{countries})の?|[一-龯ァ-ヴー]{{1,10}}(?:省|部|府|室|庁|官邸)の)?"
        rf"(?<![一-龯々ァ-ヴー])(?P<name>[一-龯々]{{1,5}}?|[ァ-ヴー]{{2,10}}(?:・[ァ-ヴー]{{2,10}})?)"
        rf"(?:（(?P<reading>[ァ-ヴー・]{{2,20}})）)?(?P<mid>{countries})?(?P<role>{roles})(?=[はがのと、。（）\s]|氏|$)"
    )


def COUNTRY_FORMS_JA() -> list[str]:  # noqa: N802 - a constant computed once
    return [
        f for fs in COUNTRY_FORMS.values() for f in fs if re.fullmatch(r"[一-龯ァ-ヴー]+", f) and len(f) > 1
    ]


def _holders_ja(text: str) -> list[Holder]:
    out = []
    for m in _ja_pattern().finditer(text):
        name = m.group("name")
        if name in _JA_NOT_NAMES or name[0] in _JA_NOT_INITIAL or name[-1] in "省庁府部室":
            continue
        phrase = (m.group("pre") or m.group("mid") or "") + name + m.group("role")
        mention = parse_mention(phrase, "ja")
        if mention.kind != "person" or not mention.role:
            continue
        out.append(
            Holder(
                m.start("name"),
                m.end(),
                name,
                mention.role,
                mention.country,
                mention.body,
                m.group("reading"),
            )
        )
    return out


# ---------------------------------------------------------------- Korean: 이름 [나라/기관] 직함


@functools.cache
def _ko_roles() -> tuple[str, ...]:
    forms = {f for fs in ROLES.values() for f in fs if nm.is_hangul(f) and " " not in f}
    return tuple(sorted(forms, key=len, reverse=True))


@functools.cache
def _ko_bodies() -> frozenset[str]:
    from comparator.quotes.mentions import BODIES

    return frozenset(f for fs in BODIES.values() for f in fs if nm.is_hangul(f))


def _holders_ko(text: str) -> list[Holder]:
    words = [(w.start(), w.end(), w.group()) for w in re.finditer(r"\S+", text)]
    roles = _ko_roles()
    out = []
    for n, (ws, we, w) in enumerate(words):
        core = _KO_PARTICLE.sub("", w.rstrip(",."))
        if core not in roles:
            continue
        start = _ko_name_start(words, n, object_role=bool(re.search(r"(?:을|를|에게|와|과)$", w)))
        if start is None:
            continue
        phrase = text[words[start][0] : ws] + core
        mention = parse_mention(phrase, "ko")
        if mention.kind == "person" and mention.role and mention.name and not mention.demonstrative:
            out.append(Holder(words[start][0], we, mention.name, mention.role, mention.country, mention.body))
    return out


def _ko_name_start(words: list[tuple[int, int, str]], n: int, *, object_role: bool) -> int | None:
    """Index of the first name word left of the role word at ``n`` (past country and body words)."""
    from comparator.quotes.mentions import COUNTRIES

    bodies = _ko_bodies()
    j = n - 1
    while j >= 0 and n - j <= 3 and (words[j][2] in COUNTRIES or words[j][2] in bodies or _mission(words, j)):
        j -= 1
    names = []
    while j >= 0 and len(names) < 2 and _ko_name_word(words[j][2], first=not names, object_role=object_role):
        names.append(j)
        j -= 1
    return names[-1] if names else None


def _mission(words: list[tuple[int, int, str]], j: int) -> bool:
    """A diplomatic mission before a title, or its 주X posting word (주일 한국대사관 정무공사)."""
    from comparator.quotes.mentions import KO_MISSION, KO_POSTED

    w = words[j][2]
    return bool(KO_MISSION.match(w)) or (
        bool(KO_POSTED.match(w)) and j + 1 < len(words) and bool(KO_MISSION.match(words[j + 1][2]))
    )


def _ko_name_word(w: str, *, first: bool, object_role: bool) -> bool:
    from comparator.quotes.mentions import COUNTRIES

    if not re.fullmatch(r"[가-힣]{1,4}", w) or w in COUNTRIES or w in _ko_roles():
        return False
    if len(w) == 1:
        return first and w in nm.KOREAN_SURNAMES  # 송 대통령
    # A particle ending marks a clause word (통화에서, 지난해의). 이/가 also end names (스가, 김민이),
    # but not before a title in the object case: 국민이 대통령을 … is a subject, not a name.
    if _KO_CLEAR_PARTICLE.search(w) or (not first and _KO_VERBAL.search(w)):
        return False
    return not (w[-1] in "이가" and object_role)


# ---------------------------------------------------------------- English: [Country] Title Name / Name, the … title

_NAME_EN = r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2}"


@functools.cache
def _en_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    forms = sorted({f for fs in ROLES.values() for f in fs if f.isascii()}, key=len, reverse=True)
    roles = "|".join(re.escape(f) for f in forms if f not in {"sources", "source", "officials", "official"})
    title_first = re.compile(rf"\b(?i:(?P<role>{roles}))\s+(?P<name>{_NAME_EN})")
    appositive = re.compile(
        rf"(?P<name>{_NAME_EN}),\s+(?:the\s+|a\s+)?(?P<mid>(?:[\w’'.-]+\s+){{0,4}}?)(?i:(?P<role>{roles}))\b"
    )
    return title_first, appositive


def _holders_en(text: str) -> list[Holder]:
    title_first, appositive = _en_patterns()
    out = []
    for pat in (title_first, appositive):
        for m in pat.finditer(text):
            name = _strip_titles(m.group("name"))
            if not name:
                continue
            head = text[max(0, m.start() - 30) : m.start("role")] if pat is title_first else m.group("mid")
            mention = parse_mention(f"{m.group('role')} {name}", "en")
            role = mention.role or _role_of(m.group("role"))
            if role is None:
                continue
            from comparator.quotes.mentions import country_in

            country = country_in(_last_phrase(head))
            out.append(Holder(m.start("name"), m.end("name"), name, role, country, mention.body))
    return out


def _last_phrase(head: str) -> str:
    # Only the words right before the title qualify it ("South Korean President"), not the clause before.
    return re.split(r"[,.;:()“”\"]|\band\b|\bwith\b", head)[-1]


_EN_NOT_NAMES = {"but", "and", "the", "in", "on", "at", "when", "after", "before", "while", "as", "if", "for", "with",
                 "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                 "february", "march", "april", "june", "july", "august", "september", "october", "november",
                 "december", "this", "that", "his", "her", "their", "its"}  # fmt: skip


def _strip_titles(name: str) -> str:
    words = name.split()
    if any(w.lower() in _EN_NOT_NAMES for w in words[1:]):
        words = words[: next(n for n, w in enumerate(words) if n and w.lower() in _EN_NOT_NAMES)]
    while words and words[0].lower() in _EN_NOT_NAMES:
        words = words[1:]
    words = name_words(words)
    if words and words[-1].endswith(".") and len(words[-1]) > 2:
        words[-1] = words[-1][:-1]  # "… Taro Ito. But …": a full stop, not an initial
    # "Song and" never happens (names are capitalised), but a trailing title can ("Omori Prime").
    while words and words[-1].lower().rstrip(".") in TITLES:
        words = words[:-1]
    return " ".join(words)


def _role_of(form: str) -> str | None:
    low = form.lower()
    return next((r for r, fs in ROLES.items() if low in fs), None)
