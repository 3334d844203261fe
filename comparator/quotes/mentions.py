"""Speaker mentions: what a mention says (name, role, body, pointer), read with the tables of
``comparator.quotes.role_tables``.

``parse_mention("강 대변인", "ko")`` -> person "강" with role "spokesperson"; ``"同省"`` -> a
back-reference to the last ministry; ``"the prime minister"`` -> a back-reference to the last
holder of that role. Resolution against the article happens in ``comparator.speakers``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from comparator.quotes import names as nm
from comparator.quotes.companies import company_id, qualifier_id
from comparator.quotes.role_tables import (
    BACKREF_EN,
    BACKREF_JA,
    BODIES,
    BODY_COUNTRY,
    BODY_KIND,
    COUNTRIES,
    COUNTRY_FORMS,
    GENERIC_BODIES,
    HOME_GOVERNMENT,
    KO_MISSION,
    KO_NOT_NAMES,
    KO_ORG,
    KO_POSTED,
    KO_SECTORS,
    KO_TITLE_HOMONYMS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    ROLES,
    TITLES,
    UNNAMED_ROLES,
)


@dataclass
class Mention:
    """What a speaker mention says: a name, a role, a body, or a pointer back to an earlier one."""

    kind: str  # person | body | role | pronoun | plural | backref-body | backref-role | none
    name: str | None = None
    role: str | None = None
    body: str | None = None  # body id from BODIES, or a generic id
    back: str | None = None  # body kind (ministry, office …) of a back-reference
    country: str | None = None  # country code from a country word or the body ("kr", "jp" …)
    reading: str | None = None  # a reading given in brackets: 宋泰憲（ソン・テホン）
    # 이 공사: the surname 이 only if an earlier 이… holds the title, else "this construction"
    demonstrative: bool = False


GENERIC_ROLE = {"minister": ("foreign-minister", "chief-cabinet-secretary", "prime-minister")}


def roles_compatible(a: str | None, b: str | None) -> bool:
    """Same role, one unknown, or a generic title for a specific one (林長官 for 林官房長官)."""
    if a is None or b is None or a == b:
        return True
    return b in GENERIC_ROLE.get(a, ()) or a in GENERIC_ROLE.get(b, ())


def kind_of(body: str | None) -> str | None:
    """Kind of a body id (ministry, office, government, agency …), for back-references."""
    if not body:
        return None
    if body.startswith("co:"):
        return "company"
    for part, kind in BODY_KIND.items():
        if part in body:
            return kind
    return body.split("-")[-1]


def body_country(body: str | None) -> str | None:
    """Country code of a body id ("kr-mofa" -> "kr"), None for generic bodies."""
    if not body:
        return None
    for prefix, code in BODY_COUNTRY.items():
        if body.startswith(prefix):
            return code
    head = body.split("-")[0]
    return head if head in COUNTRY_FORMS else None


@functools.lru_cache(maxsize=4096)
def country_in(text: str) -> str | None:
    """Country code of the longest country word in ``text`` (韓国の…, South Korean …), if any."""
    low = text.lower()
    best: tuple[int, str] | None = None
    for code, forms in COUNTRY_FORMS.items():
        for f in forms:
            if f in low and _contains_word(low, f) and (best is None or len(f) > best[0]):
                best = (len(f), code)
    return best[1] if best else None


@functools.cache
def ja_role_forms() -> tuple[str, ...]:
    """Japanese role words, longest first (官房長官 before 長官)."""
    forms = {f for fs in ROLES.values() for f in fs if not f.isascii() and not nm.is_hangul(f)}
    return tuple(sorted(forms, key=len, reverse=True))


# ---------------------------------------------------------------- parsing mentions


def _longest(text: str, forms: dict[str, tuple[str, ...]], *, suffix: bool) -> tuple[str, str] | None:
    """(id, form) of the longest form that ``text`` ends with (or contains, when not ``suffix``)."""
    table = "roles" if forms is ROLES else "bodies" if forms is BODIES else None
    if table is None:
        return _longest_in(text, tuple(forms.items()), suffix)
    return _longest_cached(text, table, suffix)


@functools.lru_cache(maxsize=8192)
def _longest_cached(text: str, table: str, suffix: bool) -> tuple[str, str] | None:
    # Mentions repeat within and across articles; the tables never change.
    return _longest_in(text, tuple((ROLES if table == "roles" else BODIES).items()), suffix)


def _longest_in(text: str, items: tuple, suffix: bool) -> tuple[str, str] | None:
    best: tuple[str, str] | None = None
    for ident, fs in items:
        for f in fs:
            hit = text.endswith(f) if suffix else (f in text and _contains_word(text, f))
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
    whole = _whole_body(m, lang)
    if whole is not None:
        return whole
    if lang == "ja":
        out = parse_ja(m)
    elif lang == "ko":
        out = _parse_ko(m)
    else:
        out = _parse_en(m)
    _company_body(out, m, lang)
    if out.kind in ("person", "role", "body", "backref-role"):
        out.country = body_country(out.body) or country_in(m.split(",")[0] if lang == "en" else m)
    return out


def _whole_body(m: str, lang: str) -> Mention | None:
    """A country ("South Korea said", 韓国は) speaks as its government; a company name
    (한빛반도체, Hanbit Semiconductor, 東和マテリアル) as a company body."""
    head = m.partition(",")[0].strip() if lang == "en" else m
    if lang == "ko":
        if re.fullmatch(r"(?:이|그|해당|동)\s?회사(?:\s?측)?|회사\s?측", head):
            return Mention("backref-body", back="company")  # 이 회사, 회사 측: the company named before
        side = company_id(re.sub(r"\s?측$", "", head), lang)
        if side and head.endswith("측"):  # 호쿠신케미칼 측: the company's side is the company
            return Mention("body", body=side, name=head)
    low = re.sub(r"^the\s+", "", head.lower())
    code = next(
        (c for c, forms in COUNTRY_FORMS.items() if low in forms and not low.endswith(("'s", "’s"))), None
    )
    if code is not None and not low.endswith(
        ("ese", "ean", "can", "ian")
    ):  # "Japanese": an adjective, no speaker
        return Mention("body", body=f"{code}-government", country=code)
    if _longest(low, BODIES, suffix=False) is not None:
        return None
    cid = company_id(head, lang)
    return Mention("body", body=cid, name=head) if cid else None


def _company_body(out: Mention, m: str, lang: str) -> None:
    """A role or person speaking for a company (東和マテリアルの広報担当者, 이수진 한빛반도체 대변인,
    "a Hanbit spokeswoman") keeps the company as its body id."""
    if out.body and not out.body.startswith("co:") and out.body not in BODIES and "-" not in out.body:
        out.body = company_id(out.body, lang) or out.body
    if out.body is None and lang == "ja" and out.kind == "person" and "の" in m:
        out.body = company_id(m.split("の")[-2], lang)  # セジン電子の上野彩広報担当者
    if out.body or lang != "en" or out.kind not in ("role", "person") or not out.role:
        return
    head = m.partition(",")[0]
    role = _longest(head.lower(), ROLES, suffix=False)
    before = head[: head.lower().find(role[1])] if role else ""
    words = [w for w in before.split() if w[:1].isupper() and not is_title(w) and country_in(w) is None]
    if any(w.lower() in BACKREF_EN or w.lower() in GENERIC_BODIES for w in words):
        return  # "a Defense Ministry spokesperson": a ministry, not a company
    if words and words == before.split()[len(before.split()) - len(words) :]:
        out.body = company_id(" ".join(words), lang) or qualifier_id(" ".join(words), lang)


def parse_ja(m: str) -> Mention:
    reading = re.search(r"（([ァ-ヴー・=＝]{2,20})）", m)
    if reading:
        # 宋泰憲（ソン・テホン）報道官: the bracketed reading is kept aside for the key.
        out = parse_ja(m[: reading.start()] + m[reading.end() :])
        out.reading = reading.group(1) if out.kind == "person" else None
        return out
    if m in PERSON_PRONOUNS:
        return Mention("pronoun")
    if re.match(r"[0-9０-９]", m):
        return Mention("role", role=None, name=m)  # 31点, 3氏: a count of things or people, no name
    m = re.sub(r"（[A-ZＡ-Ｚ]{2,10}）", "", m)  # 日本政府観光局（JNTO）: the alias adds nothing
    if m.startswith("同") and len(m) >= 2:
        rest = m[1:]
        if rest in BACKREF_JA:
            return Mention("backref-body", back=BACKREF_JA[rest])
        role = _longest(rest, ROLES, suffix=True)
        if role:
            return Mention("backref-role", role=role[0])
    parts = m.split("の")
    last = re.sub(r"(氏|さん)$", "", parts[-1])
    body = _longest(m, BODIES, suffix=False)
    role = _longest(last, ROLES, suffix=True)
    name = last[: len(last) - len(role[1])] if role else last
    if role:  # 小西健一外務政務官: the ministry's field between the name and the title
        name = re.sub(
            r"(?<=.{2})(?:外務|財務|防衛|内閣府|経済産業|文部科学|総務|法務|厚生労働|農林水産|国土交通|環境)$",
            "",
            name,
        )
    if body and body[1] in name:
        name = name.replace(body[1], "")
    for c in COUNTRIES:
        name = name.removeprefix(c)
    named_org = len(last) > 2 and re.search(r"(?:局|機構|協会|委員会|財団|銀行|研究所)$", last)
    if not role and named_org and not (body and body[1] == last):
        return Mention("body", body=last)  # 日本政府観光局: its own body, not 日本政府
    body_id = body[0] if body else (HOME_GOVERNMENT["ja"][1] if "政府" in m else None)
    if name.endswith("政府") or re.search(r"[省庁]$", name):
        body_id = body_id or name
        name = ""
    if name and role and role[0] in UNNAMED_ROLES:
        # 市場関係者, 業界筋: the words before an unnamed role say where the source is, not who.
        return Mention("role", role=role[0], body=body_id, name=m)
    if name and not (body and not role and name == last):
        return Mention("person", name=name, role=role[0] if role else None, body=body_id)
    if role and not body_id and not name and len(parts) > 1 and parts[-2]:
        # 東和マテリアルの広報担当者: an unnamed role keeps the company it speaks for
        body_id = parts[-2]
    if role:
        return Mention("role", role=role[0], body=body_id)
    return Mention("body", body=body_id or m) if body_id else Mention("person", name=m)


def _parse_ko(m: str) -> Mention:
    if m in PERSON_PRONOUNS:
        return Mention("pronoun")
    if m in PLURAL_PRONOUNS:
        return Mention("plural")
    body = _longest(m, BODIES, suffix=False)
    body_id = body[0] if body else (HOME_GOVERNMENT["ko"][1] if re.search(r"(^|\s)정부", m) else None)
    rest = m.replace(body[1], " ") if body else m
    # 한 외교 소식통, 익명의 당국자: a determiner, not a name.
    rest = re.sub(r"^(?:한|두|세|복수의|익명의|일부|다른|또 다른|그|저)\s+", "", rest.strip())
    parts = _drop_mission(rest.split())
    if len(parts) == 2 and parts[0] == "이":
        head = _longest(parts[1], ROLES, suffix=True)
        if head is None:
            return Mention("role", role=None, name=m)  # 이 방침: "this policy", no person
        if parts[1] in KO_TITLE_HOMONYMS:
            return Mention("person", name="이", role=head[0], body=body_id, demonstrative=True)
    role = None
    company: str | None = None
    words = []
    headless = len(parts) > 1 and _longest(parts[-1], ROLES, suffix=True) is None
    if headless and not any(_ko_name_like(p) for p in parts):
        # 피해자 지원단체: the last word is the head, and it is neither a title nor a name.
        return Mention("body", body=body_id) if body_id else Mention("role", role=None, name=m)
    for w in parts:
        r = _longest(w, ROLES, suffix=True)
        if r and (len(w) <= len(r[1]) or (len(w) - len(r[1]) == 2 and not _ko_name_like(w))):
            role = r[0]  # 국무장관, 국방장관: a two-syllable field before the title is no name
        elif _KO_COMPANY.match(w) and not _ko_name_like(w):
            company = w  # 이수진 한빛반도체 대변인: the company she speaks for, no part of her name
        elif w in COUNTRIES or w in KO_SECTORS or (words and KO_ORG.search(w)):
            continue  # 박지훈 산업부 장관: after the name, an organisation qualifies the title
        else:
            words.append(w)
    words, before = _drop_qualifiers(words)
    body_id = body_id or before or company
    if body and "외교" in m and role == "minister":
        role = "foreign-minister"
    if role in UNNAMED_ROLES:
        # 강제동원 피해자 유족, 여행업계 관계자: the other words qualify an unnamed source.
        words = [w for w in words if _ko_name_like(w)]
    if words:
        return Mention("person", name=" ".join(words), role=role, body=body_id)
    if role:
        return Mention("role", role=role, body=body_id)
    return Mention("body", body=body_id) if body_id else Mention("person", name=m)


KO_COMPANY = _KO_COMPANY = re.compile(
    r"[가-힣A-Za-z]{1,}(?:반도체|전자|그룹|건설|자동차|제약|화학|증권|항공|물산|중공업|통신|소재|에너지|바이오|홀딩스|"
    r"상사|머티리얼즈?|테크|보험|카드|생명|은행)$"
)


def _drop_qualifiers(words: list[str]) -> tuple[list[str], str | None]:
    """수요처인 한빛반도체의 이수진 -> 이수진 (and 한빛반도체): before a Korean full name, a company
    (한빛반도체, 한빛반도체의) or a relative clause (…수요처인) says whom the person speaks for."""
    at = next((i for i, w in enumerate(words) if len(w) == 3 and _ko_name_like(w)), None)
    if not at:
        return words, None
    before = words[:at]
    company = None
    for w in before:
        core = w.removesuffix("의")
        if _ko_name_like(w) or not (
            w.endswith("의") or (len(w) >= 3 and w.endswith("인")) or _KO_COMPANY.match(core)
        ):
            return words, None
        if not w.endswith("인"):
            company = core
    return words[at:], company


def _drop_mission(parts: list[str]) -> list[str]:
    """Words without a diplomatic mission and its 주X posting word (주일 한국대사관, 주오사카 총영사관)."""
    out = []
    for i, w in enumerate(parts):
        if KO_MISSION.match(w) or (
            KO_POSTED.match(w) and i + 1 < len(parts) and KO_MISSION.match(parts[i + 1])
        ):
            continue
        out.append(w)
    return out


def _ko_name_like(w: str) -> bool:
    """A Korean personal name written as one word: a surname and a one- or two-syllable given name."""
    return (
        re.fullmatch(r"[가-힣]{2,3}", w) is not None
        and w[0] in nm.KOREAN_SURNAMES
        and w[-1] not in "의은는이가을를에도"
        and w not in KO_NOT_NAMES
    )


def is_title(word: str) -> bool:
    """'Minister', 'Vice-Minister', 'Sen.': a title word, not part of a name."""
    low = word.lower().rstrip(".")
    return low in TITLES or any(part in TITLES for part in low.split("-"))


def name_words(words: list[str]) -> list[str]:
    """The name in a capitalised run: the words after its last title ('Finance Minister Osamu Imai'
    -> Osamu Imai; 'Parliamentary Vice-Minister Kenichi Konishi' -> Kenichi Konishi)."""
    last = max((n for n, w in enumerate(words) if is_title(w)), default=-1)
    # "Mayor Ito’s claim": the possessive ending is not part of the name.
    return [re.sub(r"[’']s$", "", w) for w in words[last + 1 :] if not is_title(w)]


# Capitalised at the start of a sentence, never part of a name ("Another critic", "Only 40 percent").
_EN_DETERMINERS = {"another", "only", "no", "just", "even", "some", "many", "most", "one", "every", "each", "all",
                   "both", "few", "several", "other", "such", "this", "that", "these", "those", "his", "her",
                   "their", "its", "our", "my"}  # fmt: skip


_ARTICLES = {"the", "a", "an"}


def _parse_en(m: str) -> Mention:
    low = m.lower()
    if low in PERSON_PRONOUNS:
        return Mention("pronoun")
    if low in PLURAL_PRONOUNS:
        return Mention("plural")
    if low in {"who", "which", "it"}:
        return Mention("relative" if low != "it" else "backref-body", back=None)
    whole = _longest(low, BODIES, suffix=False)
    if whole and "," in whole[1] and low.endswith(whole[1]):
        # "Japan's Ministry of Economy, Trade and Industry": the comma is inside the body's name
        return Mention("body", body=whole[0])
    head, _, appos = m.partition(",")
    sourced = _noun_of_source(head)
    if sourced is not None:
        return sourced
    body = _longest(low, BODIES, suffix=False)
    role = _longest(low, ROLES, suffix=False)
    # "Secretary of State Martin Hale": the word after a title's "of" belongs to the title.
    titled = re.sub(r"\b(\w+) of (?:the )?[A-Z][\w'’-]*", lambda t: t[1] if is_title(t[1]) else t[0], head)
    lower_titles = [
        t for t in re.finditer(r"\b[a-z][\w-]*", titled) if is_title(t[0]) and t[0] not in _ARTICLES
    ]
    if lower_titles and re.search(r"\b[A-Z]", titled[lower_titles[-1].end() :]):
        # "Foreign Ministry spokesperson Noh Ji-yeon": the name follows the last title, lowercase or not
        titled = titled[lower_titles[-1].end() :]
    words = name_words([w for w in re.findall(r"[A-Z][\w.'’-]*", titled) if w.lower() not in _EN_DETERMINERS])
    second = appos.split(",")[0].strip()
    described = not words or all(country_in(w) for w in words)  # "Japan's top government spokesman,"
    if described and head.split()[:1] and _describes(head) and second[:1].isupper():
        # "Another critic, Laurence Tribe,": the name is the appositive.
        head, words = second, name_words(re.findall(r"[A-Z][\w.'’-]*", second))
    words = [w for w in words if not (body and w.lower() in body[1])]
    parts = head.split()
    if words == parts[:1] and len(parts) > 1 and parts[1][:1].islower():
        words = []  # "Civic groups representing the victims": capitalised only as the sentence's first word
    words = [
        w for w in words if w.lower().rstrip("'’s") not in {"japan", "korea", "seoul", "tokyo", "foreign"}
    ]
    if words and not head.lower().startswith(("the ", "a ", "an ")):
        return Mention(
            "person", name=" ".join(words), role=role[0] if role else None, body=body[0] if body else None
        )
    if body:
        return Mention("body", body=body[0], role=role[0] if role else None)
    generic = next((g for w, g in GENERIC_BODIES.items() if re.search(rf"\b{w}\b", low)), None)
    if low.startswith("the ") and generic:
        kind = "ministry" if "ministry" in generic else generic
        return Mention("backref-body", body=generic, back=kind)
    for noun, kind in BACKREF_EN.items():
        if low == f"the {noun}":
            return Mention("backref-body", back=kind)
    if role and low.startswith(("the ", "a ", "an ")):
        return Mention("backref-role" if low.startswith("the ") else "role", role=role[0])
    if head[:1].islower() or re.fullmatch(r"(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+)*[a-z-]+s", head.strip()):
        # "The two leaders": a group, no name ("The court" stays a word that an earlier
        # "Supreme Court" contains)
        return Mention("role", role=None, name=m)
    return Mention("person", name=head)


def _describes(head: str) -> bool:
    """'Another critic', "Japan's top government spokesman": a description that a name follows."""
    first = head.split()[0].lower()
    return first in _EN_DETERMINERS or (country_in(first) is not None and first.endswith(("'s", "’s")))


# "<noun> from/by/of <Name>": data and documents speak for whoever made them ("Figures from the
# Harbor Workforce Survey" -> Harbor Workforce Survey); people and groups are described by it
# ("lawyers for Trump", "officials from the Foreign Ministry": the phrase, with the body's role).
_SOURCE_OF = re.compile(
    r"^(?P<head>(?:[\w.'’-]+\s+){0,3}?[\w.'’-]+)\s+(?:(?:released|published|compiled|issued|conducted|gathered|"
    r"collected|commissioned|obtained)\s+)?(?P<prep>from|by|of|for|at|on|with|in)\s+(?P<tail>\S.*)$"
)
_DOC_NOUNS = {"figures", "data", "numbers", "statistics", "report", "reports", "study", "studies", "poll", "polls",
              "survey", "surveys", "analysis", "estimate", "estimates", "findings", "records", "documents",
              "statement", "tally", "count", "census", "research", "review", "audit", "ranking", "forecast",
              "projections", "results", "memo", "letter", "filing", "filings", "document", "record"}  # fmt: skip


_PERSON_TITLES = TITLES - {"the", "a", "an", "japanese", "korean", "south", "japan's", "korea's", "foreign", "party",
                           "presidential", "press", "chief", "cabinet", "deputy", "vice", "former", "acting"}  # fmt: skip
_TITLE_THEN_NAME = rf"(?i:\b(?:{'|'.join(sorted(_PERSON_TITLES))})\.?)\s+[A-Z]"


def _noun_of_source(head: str) -> Mention | None:
    """A speaker phrase '<noun> from/by/of <Name>' with a lowercase head noun (capitalised only
    as the sentence's first word); None for anything else ('Mr. Morgan of the Sierra Club' keeps
    its person, 'Secretary of State Martin Hale' its title)."""
    mm = _SOURCE_OF.match(head.strip())
    if mm is None:
        return None
    words = [w for w in mm["head"].split() if w.lower() not in {"a", "an", "the"}]
    tail = mm["tail"].strip()
    titled = any(w.lower().rstrip(".") in _PERSON_TITLES for w in words)
    if any(w[:1].isupper() and not is_title(w) for w in words[1:]):
        if mm["head"].split()[0].lower() in {"a", "an", "the"}:
            return None  # 'The Joint Chiefs of Staff': one name with 'of' inside
        return _parse_en(mm["head"])  # 'Mr. Morgan of the Sierra Club' -> Morgan
    if not words or titled or re.search(_TITLE_THEN_NAME, tail):
        return None  # 'Secretary of State Martin Hale', 'Bank of Japan Governor Kazuo Ueda'
    noun = words[-1].lower()
    if words[-1][:1].isupper() and not (len(words) == 1 and (noun.endswith("s") or noun in _DOC_NOUNS)):
        return None  # 'University of Tokyo': a name, not a noun of source
    name = re.sub(r"^the\s+", "", tail, flags=re.I)
    if noun in _DOC_NOUNS and mm["prep"] in ("from", "by", "of") and re.match(r"[A-Z]", name):
        inner = _parse_en(tail)
        if inner.kind in ("body", "backref-body"):
            return inner
        return Mention("body", body=None, name=name) if name.split()[0][:1].isupper() else None
    role = _longest(head.lower(), ROLES, suffix=False)
    body = _longest(tail.lower(), BODIES, suffix=False)
    generic = next((w for w in GENERIC_BODIES if re.search(rf"\b{w}\b", head.lower())), None)
    if generic and mm["prep"] == "in":  # "a foreign ministry official in Seoul": Seoul's ministry
        body = _longest(f"{generic} in {tail.lower()}", BODIES, suffix=False) or body
    if body is None:
        generic = next((w for w in GENERIC_BODIES if re.search(rf"\b{w}\b", tail.lower())), None)
    body_id = body[0] if body else GENERIC_BODIES.get(generic or "")
    if (
        role is None
        and body_id
        and re.search(r"\b(?:ministry|office|government|department)$", mm["head"].lower())
    ):
        return Mention("body", body=body_id)  # "The foreign ministry in Seoul": the body itself
    return Mention("role", role=role[0] if role else None, body=body_id, name=head.strip())
