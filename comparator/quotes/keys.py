"""Language-independent keys of personal names: 강유정 / 姜由楨 / Kang Yoo-jung -> "kang yujung"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from comparator.quotes import names as nm
from comparator.quotes.mentions import TITLES


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
            # four syllables are a Korean name only with a two-syllable surname (남궁, 선우 …):
            # 이시카와 is one foreign surname, not 이 + 시카와
            return keys if len(name) < 4 or name[:2] in nm.COMPOUND_SURNAMES else keys[::-1]
        return [_join([nm.readable(nm.romanize_hangul(p)) for p in parts])]
    if nm.is_kana_or_kanji(name):
        core = re.sub(r"(氏|さん)$", "", name)
        # Every UniDic reading (高村: Komura, Takamura): a caller keeps the one other mentions confirm.
        ja, *others = [_join([nm.readable(t) for t in r]) for r in nm.japanese_name_readings(core)]
        others = [k for k in others if k != ja]
        ko = nm.sino_korean(core)
        if ko and len(core) in (2, 3, 4):
            ko_key = _join(nm.korean_name_roman(ko))
            keys = [ko_key, ja] if nm.looks_korean_hanja_name(core) else [ja, ko_key]
            return keys + [k for k in others if k != ko_key]
        return [ja, *others]
    tokens = [t for t in re.split(r"[\s]+", name) if t and t.lower().rstrip(".") not in TITLES]
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


def loose_tokens(key: str) -> frozenset[str]:
    return frozenset(nm.loose(t) for t in key.split())
