"""What a figure is about: the subject named just before a percentage (QA pass 9, S4/S5), a count's role and noun.

"코스피 지수는 1.3% 내렸다" and "Towa shares fell 2.1%" are two quantities, not one given
differently, however alike the "market reaction" sentences that hold them. A subject is a market index
(one name across the three languages: 코스피 / KOSPI / 韓国総合株価指数) or a company's shares ("한빛반도체
주가", "東和の株価", "Hanbit shares", "Hanbit Semiconductor dropped 4.2%"); an anaphor (同社, 이 회사, the
company) is the company named nearest before it in the article (resolve_anaphor). A count's role: a
total that a part is taken of (count_role: 乗組員10人のうち, 선원 10명 중, "eight of its 10 crew"). What a
count counts (counted_noun: 경비함 3척 / 警備艦2隻 / "three patrol vessels"). Pure regular expressions on
the text around the figure.
"""

from __future__ import annotations

import re

from comparator.anchors import Anchor

# fmt: off
INDICES: dict[str, dict[str, str]] = {
    "kospi": {"ko": "코스피", "ja": r"KOSPI|韓国総合株価指数|韓国総合指数", "en": r"KOSPI|Kospi"},
    "kosdaq": {"ko": "코스닥", "ja": r"KOSDAQ|コスダック", "en": r"KOSDAQ|Kosdaq"},
    "nikkei": {"ko": r"닛케이|니케이|닛께이", "ja": r"日経平均|日経225|日経", "en": r"Nikkei"},
    "topix": {"ko": r"토픽스|TOPIX", "ja": r"TOPIX|東証株価指数", "en": r"TOPIX|Topix"},
    "dow": {"ko": "다우", "ja": "ダウ", "en": r"Dow"},
    "nasdaq": {"ko": "나스닥", "ja": "ナスダック", "en": r"Nasdaq|NASDAQ"},
    "s&p 500": {"ko": r"S&P ?500", "ja": r"S&P ?500", "en": r"S&P ?500"},
}
# The company before a word for its share price; anaphors stand for a company named elsewhere.
SHARES: dict[str, str] = {
    "ko": r"(?P<name>[가-힣A-Za-z0-9&]+?)(?:의)?\s?(?:주가|주식)(?:는|은|가|도|이)?\s",
    "ja": r"(?P<name>[一-龥ァ-ヴーA-Za-z0-9&]+?)(?:の)?(?:株価|株式|株)(?:は|が|も)",
    "en": r"(?P<name>(?:[A-Z][\w&.-]*\s){1,3})(?:shares|stock)\b|(?:shares|stock) (?:of|in) "
          r"(?P<name2>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,2})"
          r"|(?P<name3>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,2})\s(?:fell|dropped|rose|gained|lost|slid|slumped|"
          r"jumped|climbed|declined|tumbled|plunged|surged|added|shed|closed|ended)\b"
          r"|(?P<anaphor>\b(?:[Tt]he (?:company|firm|bank)'s|[Ii]ts) (?:shares|stock)\b"
          r"|\b(?:[Ss]hares|[Ss]tock) (?:of|in) the (?:company|firm|bank)\b)",
}
ANAPHORS = {"ko": r"^(?:(?:이|그|해당|동)\s?)?(?:회사|기업|업체)$|^(?:동사|양사)$",
            "ja": r"^(?:同社|当社|両社|同グループ|同行)$",
            "en": r"^(?:The|Its|Their|Company|Company's)$"}
# Words a capitalised run may start with that are not a company ("Japan's benchmark Nikkei").
EN_NOT_NAME = r"^(?:The|A|An|Its|Their|Japan's|Korea's|South|Seoul|Tokyo|Japanese|Korean|Shares?|Stocks?)$"
# "両社" / "양사" / "both companies" stand for two companies: never resolved to one.
PLURAL_ANAPHOR = {"ko": r"양사|두 회사|두 기업", "ja": r"両社", "en": r"(?i)both companies|their (?:shares|stock)"}
# A company named in passing ("主要メーカーの東和マテリアルの広報担当者", "Towa Materials, a leading
# supplier"): a name ending in a word companies are called by. The back-reference of 同社 / 이 회사 /
# "the company" is the nearest one named earlier in the article (QA pass 9, S5).
COMPANY: dict[str, str] = {
    "ko": r"(?<![가-힣])[가-힣A-Za-z0-9&]+?(?:반도체|전자|전기|자동차|중공업|화학|그룹|홀딩스|은행|증권|제약|건설|"
          r"물산|상사|머티리얼즈?|소재|테크|에너지|항공|해운|철강|바이오|디스플레이|통신|전지|배터리)"
          r"(?:(?=에서|에게|으로|로서|까지|부터|보다|처럼|와의|과의|에는|에도|이며|이고|이다)|(?![가-힣]{2}))",
    "ja": r"(?<![一-龥ァ-ヴー])[一-龥ァ-ヴーA-Za-z0-9&]+?(?:マテリアルズ?|ホールディングス|半導体|電子|電機|電工|工業|"
          r"製作所|化学|自動車|重工業?|商事|物産|銀行|証券|製鉄|製薬|電力|航空|造船|建設|精機|通信|電池|グループ)",
    "en": r"\b[A-Z][\w&-]*(?:\s[A-Z][\w&-]*){0,2}\s(?:Materials|Semiconductors?|Electronics|Motors|Industries|"
          r"Holdings|Group|Bank|Chemicals?|Steel|Pharmaceuticals?|Energy|Airlines|Technologies|Corp\.?|"
          r"Corporation|Inc\.?|Co\.|Ltd\.?|Shipbuilding|Cells|Batteries|Electric)\b",
}
# fmt: on
_COMPANY_RES = {lang: re.compile(p) for lang, p in COMPANY.items()}
_PLURAL_RES = {lang: re.compile(p) for lang, p in PLURAL_ANAPHOR.items()}
_INDEX_RES = {lang: [(k, re.compile(f[lang])) for k, f in INDICES.items()] for lang in ("ko", "ja", "en")}
_SHARES_RES = {lang: re.compile(p) for lang, p in SHARES.items()}
WINDOW = 40  # characters before the figure searched for its subject

# A count that is the whole a part is taken of: "乗組員10人のうち8人", "선원 10명 중 8명", "eight of
# its 10 crew". Two reports' totals of one counted noun state one quantity, whatever the parts (8
# rescued, 2 missing) beside them (QA pass 4, N1b).
TOTAL_AFTER = {
    "ja": r"\s?の?うち|中(?=\s?[\d０-９一二三四五六七八九十])",
    "ko": r"\s?(?:중|가운데)(?:에서)?\s",
}
# English: a part before "of": "eight of its 10 crew", "two of the 10" (not "the rescue of 8 crew").
TOTAL_BEFORE = {
    "en": r"(?i)\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|all|none|most|some|"
    r"half) (?:of|among) (?:its|the|their|all)?\s?$"
}
_TOTAL_AFTER_RES = {lang: re.compile(p) for lang, p in TOTAL_AFTER.items()}
_TOTAL_BEFORE_RES = {lang: re.compile(p) for lang, p in TOTAL_BEFORE.items()}

Subject = tuple[str, str | None]  # ("index", "kospi") | ("shares", company name or None)


def figure_subject(text: str, lang: str, start: int, floor: int = 0) -> Subject | None:
    """The subject of a percentage starting at ``start`` in ``text``: the index or company named
    nearest before it, searched from ``floor`` (the end of the previous percentage in the sentence,
    so "한빛반도체 주가는 4.2% 하락했고, 코스피 지수는 1.3%" gives 1.3 to the KOSPI) and at most
    WINDOW characters back. None when nothing is named."""
    if lang not in _SHARES_RES:
        return None
    lo = max(floor, start - WINDOW)
    window = text[lo:start]
    best: tuple[int, Subject] | None = None
    for key, rx in _INDEX_RES[lang]:
        for m in rx.finditer(window):
            if best is None or m.end() > best[0]:
                best = (m.end(), ("index", key))
    for m in _SHARES_RES[lang].finditer(window):
        name = _company(m, lang)
        end = m.end("name") if m.group("name") else m.end()
        if name is not False and (best is None or end > best[0]):
            best = (end, ("shares", name))
    return best[1] if best else None


def resolve_anaphor(subject: Subject | None, text: str, lang: str, start: int) -> Subject | None:
    """``subject`` with an anaphor's company filled in: for ("shares", None) found for a percentage
    at ``start`` of the article ``text`` (同社の株価 / 이 회사 주가 / "the company's shares"), the
    company named nearest before it in the article, by a shares phrase ("한빛반도체 주가") or a
    company name ("東和マテリアル", "Towa Materials"). Unchanged for "両社" (two companies) and when
    no company is named earlier."""
    if subject != ("shares", None) or lang not in _COMPANY_RES:
        return subject
    if _PLURAL_RES[lang].search(text[max(0, start - WINDOW) : start]):
        return subject
    best: tuple[int, str] | None = None
    for m in _COMPANY_RES[lang].finditer(text, 0, start):
        best = (m.end(), m.group(0).strip())
    for m in _SHARES_RES[lang].finditer(text, 0, start):
        name = _company(m, lang)
        if isinstance(name, str) and (best is None or m.end() > best[0]):
            best = (m.end(), name)
    return ("shares", best[1]) if best else subject


def _company(m: re.Match[str], lang: str) -> str | None | bool:
    """The company a shares match names; None for an anaphor; False when the match names no company."""
    if "anaphor" in m.re.groupindex and m.group("anaphor"):
        return None
    raw = next((m.group(g) for g in ("name", "name2", "name3") if g in m.re.groupindex and m.group(g)), "")
    words = raw.split()
    if lang == "en":
        while words and re.match(EN_NOT_NAME, words[0]):
            words = words[1:]
        if not words:
            return (
                None
                if re.search(r"(?i)\b(?:its|their|the company's)\s+(?:shares|stock)", m.group(0))
                else False
            )
    name = re.sub(r"'s$", "", " ".join(words))
    if not name or re.match(ANAPHORS[lang], name):
        return None
    if any(re.fullmatch(f[lang], name) for f in INDICES.values()):
        return False  # "코스피 지수" is the index, found above
    return name


def count_role(text: str, lang: str, start: int, end: int, kind: str) -> str | None:
    """ "total" for a count at ``start``:``end`` of ``text`` that a part is taken of (`10人のうち`,
    `10명 중`, "of its 10 crew"); None otherwise."""
    if kind != "count":
        return None
    after = _TOTAL_AFTER_RES.get(lang)
    before = _TOTAL_BEFORE_RES.get(lang)
    if after is not None and after.match(text, end):
        return "total"
    if before is not None and before.search(text[max(0, start - 20) : start]):
        return "total"
    return None


def subjects_relation(a: Subject | None, b: Subject | None) -> str:
    """ "same", "different" (two known subjects: an index and a company, two indices, two companies
    named in one script), "unknown" (one subject missing, an anaphor, or two names in different
    scripts: 한빛반도체 and Hanbit may be one company) or "none" (neither figure names a subject)."""
    if a is None and b is None:
        return "none"
    if a is None or b is None:
        return "unknown"
    if a[0] != b[0]:
        return "different"
    if a[0] == "index":
        return "same" if a[1] == b[1] else "different"
    na, nb = a[1], b[1]
    if na is None or nb is None or _script(na) != _script(nb):
        return "unknown"
    x, y = na.lower(), nb.lower()
    same = x.startswith(y) or y.startswith(x) or x.split()[0] == y.split()[0]
    return "same" if same else "different"


def _script(name: str) -> str:
    if re.search(r"[가-힣]", name):
        return "ko"
    if re.search(r"[ぁ-ヴ一-龥]", name):
        return "ja"
    return "latin"


# Kinds of counted things, in the three languages. Two counts of one unit that count the same kind
# ("경비함 3척" / "警備艦2隻" / "three patrol vessels") state one quantity; this settles a pairing that
# other counts of the unit in the articles ("측량선 1척" / "測量船1隻") leave ambiguous.
# fmt: off
COUNTED_NOUNS: dict[str, dict[str, str]] = {
    # Before "patrol ship": "fisheries patrol vessels" are a fisheries ministry's, not a coast guard's.
    "fisheries ship": {"ko": "어업지도선|어업관리선|지도선", "ja": "漁業取締船|漁業監視船|取締船",
                       "en": r"fisher(?:y|ies) (?:guidance|inspection|patrol)"},
    # 경비함정 before 경비함: an alternation takes the first that fits, and "경비함" left "정 3척".
    "patrol ship": {"ko": "경비함정|경비함|경비정|경비선|순시선|함정", "ja": "警備艦|警備艇|警備船|巡視船|巡視艇|艦艇",
                    "en": r"patrol|coast guard (?:vessels?|ships?|boats?)|cutters?"},
    "survey ship": {"ko": "측량선|조사선|탐사선|관측선|연구선", "ja": "測量船|調査船|観測船|探査船|研究船",
                    "en": r"survey|research"},
    "fishing boat": {"ko": "어선", "ja": "漁船", "en": "fishing"},
    "warship": {"ko": "군함|구축함|호위함|잠수함", "ja": "軍艦|駆逐艦|護衛艦|潜水艦",
                "en": r"warships?|destroyers?|frigates?|submarines?"},
    "fighter": {"ko": "전투기", "ja": "戦闘機", "en": "fighter"},
    "passenger": {"ko": "승객", "ja": "乗客", "en": "passengers?"},
    "crew": {"ko": "승무원|선원|승조원", "ja": "乗員|乗組員|船員", "en": "crew|sailors"},
}
# fmt: on
_NOUN_RES = {
    lang: [(cls, re.compile(rf"(?i){forms[lang]}")) for cls, forms in COUNTED_NOUNS.items()]
    for lang in ("ko", "ja", "en")
}
# Between a Korean or Japanese noun and its count: a particle at most ("경비함 3척", "測量船1隻").
_NOUN_GAP = re.compile(r"(?:은|는|이|가|도|만|は|が|も|の)?\s?")


def counted_noun(text: str, lang: str, anchor: Anchor) -> str | None:
    """The COUNTED_NOUNS class of what a count anchor counts: for English the words of the anchor
    ("three patrol vessels"), for Korean and Japanese the noun just before it ("경비함 3척"). The
    class nearest the number wins ("coast guard survey ship" is a survey ship)."""
    if anchor.kind != "count" or lang not in _NOUN_RES:
        return None
    span = anchor.text if lang == "en" else text[max(0, anchor.start - 12) : anchor.start]
    best: tuple[int, str] | None = None
    for cls, rx in _NOUN_RES[lang]:
        for m in rx.finditer(span):
            next_to_number = lang == "en" or _NOUN_GAP.fullmatch(span, m.end()) is not None
            if next_to_number and (best is None or m.end() > best[0]):
                best = (m.end(), cls)
    return best[1] if best else None
