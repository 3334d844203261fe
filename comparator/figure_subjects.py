"""What a percentage is about: the subject named just before the figure (QA pass 9, S4/S5).

"코스피 지수는 1.3% 내렸다" and "Towa shares fell 2.1%" are two quantities, not one given
differently, however alike the "market reaction" sentences that hold them. A subject is a market index
(one name across the three languages: 코스피 / KOSPI / 韓国総合株価指数) or a company's shares ("한빛반도체
주가", "東和の株価", "Hanbit shares", "Hanbit Semiconductor dropped 4.2%"); an anaphor (同社, 이 회사, the
company) names shares of an unknown company. Pure regular expressions on the text before the figure.
"""

from __future__ import annotations

import re

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
          r"jumped|climbed|declined|tumbled|plunged|surged|added|shed|closed|ended)\b",
}
ANAPHORS = {"ko": r"^(?:이|그|해당|동)\s?(?:회사|기업|업체)$|^동사$", "ja": r"^(?:同社|当社|両社|同グループ)$",
            "en": r"^(?:The|Its|Their|Company|Company's)$"}
# Words a capitalised run may start with that are not a company ("Japan's benchmark Nikkei").
EN_NOT_NAME = r"^(?:The|A|An|Its|Their|Japan's|Korea's|South|Seoul|Tokyo|Japanese|Korean|Shares?|Stocks?)$"
# fmt: on
_INDEX_RES = {lang: [(k, re.compile(f[lang])) for k, f in INDICES.items()] for lang in ("ko", "ja", "en")}
_SHARES_RES = {lang: re.compile(p) for lang, p in SHARES.items()}
WINDOW = 40  # characters before the figure searched for its subject

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


def _company(m: re.Match[str], lang: str) -> str | None | bool:
    """The company a shares match names; None for an anaphor; False when the match names no company."""
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
