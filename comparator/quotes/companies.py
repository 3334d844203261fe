"""Companies as speakers: one body id for 한빛반도체 / ハンビット半導体 / Hanbit Semiconductor.

A company name is a distinctive core (한빛, ハンビット, 東和, Hanbit, Towa) and a generic sector
word (반도체 / 半導体 / Semiconductor). The id is ``co:<core>:<field>``: the core romanized and
folded to a coarse spelling (Hangul romanization, katakana and kanji readings and English words
meet: 도와 / 東和 / Towa -> ``towa``), the field a language-independent sector id. Two companies
that share only the sector word (한빛반도체, 세진반도체) have different cores and never link; the
same core in two sectors (한빛전자, Hanbit Semiconductor) is two companies too. A legal form
(Co., Corp., Inc., 株式会社, (주)) marks a company name but is no part of its id: reports in
different languages add or drop it freely.
"""

from __future__ import annotations

import re

from comparator.quotes import names as nm

FIELDS: dict[str, tuple[str, ...]] = {
    "semiconductor": ("반도체", "半導体", "semiconductor", "semiconductors"),
    "electronics": ("전자", "電子", "electronics"),
    "materials": ("머티리얼즈", "머티리얼스", "머티리얼", "マテリアルズ", "マテリアル", "materials", "material"),
    "group": ("그룹", "グループ", "group"),
    "chemical": ("화학", "케미칼", "化学", "ケミカル", "chemical", "chemicals"),
    "motors": ("자동차", "모터스", "自動車", "モーターズ", "motor", "motors", "automotive"),
    "steel": ("제철", "철강", "製鉄", "鉄鋼", "steel"),
    "heavy-industries": ("중공업", "重工業", "heavy industries"),
    "pharmaceutical": ("제약", "製薬", "pharmaceutical", "pharmaceuticals", "pharma"),
    "holdings": ("홀딩스", "ホールディングス", "holdings"),
    "trading": ("상사", "商事", "trading"),
    "telecom": ("텔레콤", "テレコム", "telecom"),
}  # fmt: skip
_LEGAL = re.compile(
    r"(?:^\s*(?:株式会社|주식회사|\(주\)|㈜|（株）|\(株\)|㈱)\s*)|"
    r"(?:\s*(?:株式会社|주식회사|\(주\)|㈜|（株）|\(株\)|㈱)\s*$)|"
    r"(?:,?\s+(?:co\.,?\s*ltd\.?|co\.|corp\.?|corporation|inc\.?|ltd\.?|company|k\.k\.)$)",
    re.I,
)
_EN_NOT_CORE = {"the", "a", "an", "south", "korean", "japanese", "korea's", "japan's", "chipmaker", "maker"}


def company_id(name: str, lang: str) -> str | None:
    """``co:<core>:<field>`` of a company name (한빛반도체 -> co:hanpit:semiconductor), or None
    when ``name`` is not written as a company (no sector word, no legal form, or no core)."""
    text = name.strip()
    legal = _LEGAL.search(text)
    if legal:
        text = (text[: legal.start()] + text[legal.end() :]).strip()
    core, field = _split_field(text, lang)
    if field is None and not legal:
        return None
    if core.isascii() and not all(w[:1].isupper() for w in core.split() if w.lower() not in _EN_NOT_CORE):
        return None  # "a civic group": a common noun, not a company's name
    key = core_key(core, lang)
    if not key:
        return None
    return f"co:{key}:{field or ''}"


def qualifier_id(word: str, lang: str) -> str | None:
    """A bare company core used as a qualifier ("a Hanbit spokeswoman"): ``co:hanpit:``."""
    key = core_key(word, lang)
    return f"co:{key}:" if key else None


def same_company(a: str, b: str) -> bool:
    """Two company ids name one company: the same core, and the same field unless one lacks it."""
    ca, _, fa = a.removeprefix("co:").partition(":")
    cb, _, fb = b.removeprefix("co:").partition(":")
    return bool(ca) and ca == cb and (fa == fb or not fa or not fb)


def core_key(core: str, lang: str) -> str:
    """The core's coarse spelling in any script: 한빛 / ハンビット / Hanbit -> 'hanpit'."""
    core = core.strip(" ·・-")
    if not core:
        return ""
    if nm.is_hangul(core):
        roman = nm.romanize_hangul(core.replace(" ", ""))
    elif re.search(r"[ァ-ヴー]", core) and not re.search(r"[一-龯]", core):
        roman = nm.kana_to_romaji(core.replace("・", ""))
    elif nm.is_kana_or_kanji(core):
        readings = nm.japanese_name_readings(core)
        roman = "".join(readings[0]) if readings else ""
    else:
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", core) if w.lower() not in _EN_NOT_CORE]
        roman = "".join(words)
    folded = nm.loose(roman)
    # Katakana adds a vowel after a final consonant (ハンビット, hanbitto): Hanbit has none.
    return re.sub(r"(?<=[^aeioy])[oi]$", "", folded) if len(folded) > 3 else folded


def _split_field(text: str, lang: str) -> tuple[str, str | None]:
    low = text.lower()
    best: tuple[int, str, str] | None = None
    for field, forms in FIELDS.items():
        for f in forms:
            if f.isascii():
                hit = re.search(rf"(?<=\s){re.escape(f)}$", low)
            else:
                hit = low.endswith(f) and len(low) > len(f)
            if hit and (best is None or len(f) > best[0]):
                best = (len(f), field, f)
    if best is None:
        return text, None
    return text[: len(text) - best[0]].strip(), best[1]
