"""Regular-expression rules of comparator.anchors, one list per language, and numeral parsing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from comparator import anchor_tables as T


def parse_number(text: str) -> float:
    """Arabic, kanji and mixed numerals with CJK units: "3,000억", "1억1천만", "二十五", "1.2조"."""
    total = section = 0.0
    cur: float | None = None
    prev_kanji_digit = False
    for tok in T.TOKEN.findall(text.translate(T.FULLWIDTH)):
        if tok[0].isdigit():
            cur, prev_kanji_digit = float(tok.replace(",", "")), False
        elif tok in T.CJK_DIGITS:
            d = T.CJK_DIGITS[tok]
            cur = cur * 10 + d if prev_kanji_digit and cur is not None else float(d)
            prev_kanji_digit = True
        elif tok in T.CJK_SMALL:
            section += (1.0 if cur is None else cur) * T.CJK_SMALL[tok]
            cur, prev_kanji_digit = None, False
        elif tok in T.CJK_BIG:
            section += cur or 0.0
            total += (section or 1.0) * T.CJK_BIG[tok]
            section, cur, prev_kanji_digit = 0.0, None, False
    return total + section + (cur or 0.0)


def parse_en_number(text: str) -> float:
    """ "25", "1,200", "twenty-five", "3.5 million", "$3bn"'s "3bn", "two hundred"."""
    t = text.lower().strip()
    m = re.match(rf"({T.AR}|{T.EN_WORD_NUM})(.*)$", t)
    if not m:
        raise ValueError(f"not an English number: {text!r}")
    head, rest = m.group(1), m.group(2)
    if head[0].isdigit():
        value = float(head.replace(",", ""))
    else:
        parts = head.split("-")
        value = float(sum(T.EN_WORDS[p] for p in parts))
    for scale in re.findall(r"[a-z]+", rest):
        value *= T.EN_SCALES.get(scale, 1.0)
    return value


def _num(text: str, lang: str) -> float:
    if lang == "en" and re.search(r"[a-z]", text.lower()):
        return parse_en_number(text)
    return parse_number(text)


# ------------------------------------------------------------------ rules

Builder = Callable[[re.Match[str], str], tuple[str, Any] | None]


def _unit_builder(kind: str, table: dict[str, Any]) -> Builder:
    def build(m: re.Match[str], lang: str) -> tuple[str, Any] | None:
        num = m.group("num")
        n = T.KO_NATIVE[num] if num in T.KO_NATIVE else _num(num, lang)
        if kind == "number":
            return kind, float(n)
        if lang == "ja" and all(c in T.JA_KANJI for c in num) and num + m.group("unit") in T.JA_KANJI_WORDS:
            return None
        unit = m.group("unit").lower()
        if lang == "en" and unit not in table:
            unit = unit.rstrip("s") if unit.rstrip("s") in table else unit
        factor = table[unit]
        if kind == "duration":
            return kind, float(n * factor)
        if kind == "percent" and unit in T.POINTS:
            # A point change is not a percent change (15 % -> 18 % is 3 points, 20 %): its own unit.
            return "count", (float(n), "pp")
        if kind == "percent":
            return kind, float(n * factor)
        if kind == "money":
            return kind, (float(n), factor)
        return kind, (float(n), factor)

    return build


def _measure(m: re.Match[str], lang: str) -> tuple[str, Any] | None:
    """A length or weight, normalised to metres or kilograms: ("count", (value, "m" | "kg"))."""
    text, start, end = m.string, m.start(), m.end()
    if T.SPEED_BEFORE.search(text[max(0, start - 4) : start]) or T.SPEED_AFTER.match(text[end : end + 10]):
        return None
    unit = re.sub(r"\s+", " ", m.group("unit").lower())
    base, factor = T.MEASURES[lang][unit]
    if unit in T.AMBIGUOUS_KILO and T.WEIGHT_WORDS.search(text[max(0, start - 30) : end + 30]):
        base, factor = "kg", 1.0
    return "count", (float(_num(m.group("num"), lang) * factor), base)


def _money_symbol(m: re.Match[str], lang: str) -> tuple[str, Any]:
    return "money", (parse_en_number(m.group("num")), T.SYMBOLS[m.group("sym").lower()])


def _iso(y: int | None, mo: int | None, d: int | None) -> str | None:
    if (mo is not None and not 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    ys = f"{y:04d}" if y is not None else "-"
    if mo is None and d is None:
        return ys
    if d is None:
        return f"{ys}-{mo:02d}" if y is not None else f"--{mo:02d}"
    if mo is None:
        return f"---{d:02d}"
    return f"{ys}-{mo:02d}-{d:02d}" if y is not None else f"--{mo:02d}-{d:02d}"


def _grp(m: re.Match[str], name: str) -> int | None:
    g = m.groupdict().get(name)
    if not g:
        return None
    if g.lower().rstrip(".") in T.MONTHS:
        return T.MONTHS[g.lower().rstrip(".")]
    if g == "元":
        return 1
    return int(parse_number(g))


def _date(m: re.Match[str], lang: str) -> tuple[str, Any] | None:
    y = _grp(m, "y")
    if y is not None and m.groupdict().get("era"):
        y += T.ERAS[m.group("era")]
    iso = _iso(y, _grp(m, "mo"), _grp(m, "d"))
    return ("date", iso) if iso else None


def _clock(m: re.Match[str], lang: str) -> tuple[str, Any] | None:
    h, mi = _grp(m, "h"), _grp(m, "mi") or 0
    mark = (m.groupdict().get("ampm") or "").lower()
    if m.groupdict().get("half"):
        mi = 30
    if h is None or h > 24 or mi > 59:
        return None
    if mark in {"pm", "p.m.", "오후", "저녁", "밤", "午後"} and h < 12:
        h += 12
    if mark in {"am", "a.m.", "오전", "새벽", "午前"} and h == 12:
        h = 0
    return "time", f"{h:02d}:{mi:02d}"


# Counted nouns beyond anchor_tables.COUNT: the people, craft and vehicles news reports count.
# fmt: off
EN_COUNTED = {
    **T.COUNT["en"], "ship": "ship", "vessel": "ship", "boats": "ship", "boat": "ship", "missile": "missile",
    "passengers": "person", "crew members": "person", "crew": "person", "sailors": "person",
    "fishermen": "person", "soldiers": "person", "troops": "person", "helicopters": "aircraft",
    "drones": "aircraft", "vehicles": "vehicle", "vehicle": "vehicle", "cars": "vehicle",
    "trucks": "vehicle", "buses": "vehicle",
}
# Words that cannot sit between a number and its counted noun ("one of the ships", "ten years ago
# ships"): function words, time words, numbers.
EN_NOT_MODIFIER = (
    r"of|the|a|an|and|or|but|to|in|on|at|for|from|by|with|than|as|were|was|are|is|be|been|had|has|have"
    r"|that|which|who|said|says|per|each|those|these|their|its|his|her|our|ago|later|earlier|after|before"
    rf"|(?:{'|'.join(T.DURATION['en'])})s?|{T.EN_WORD_NUM}|\d\S*"
)
JA_COUNTED = {**T.COUNT["ja"], "台": "vehicle"}
JA_GLUED = ("隻", "機", "台", "人", "名")  # not 発: 一発 is idiomatic (張り手一発, 一発逆転)
KO_DAE_AIRCRAFT = ("전투기", "항공기", "여객기", "정찰기", "초계기", "폭격기", "수송기", "헬기", "헬리콥터",
                   "비행기", "무인기", "드론")
KO_DAE_VEHICLE = ("차량", "승용차", "버스", "트럭", "택시", "장갑차", "전차", "탱크", "구급차", "소방차",
                  "순찰차", "자동차")
# fmt: on


def _en_counted(m: re.Match[str], lang: str) -> tuple[str, Any] | None:
    """ "three patrol vessels": a count; "In 2025 fishing boats" is a year before a noun phrase."""
    num = m.group("num")
    if m.group("mods") and re.fullmatch(r"(?:1[89]|20)\d{2}", num):
        return None
    return "count", (float(_num(num, lang)), EN_COUNTED[m.group("unit").lower()])


def _ko_dae(m: re.Match[str], lang: str) -> tuple[str, Any] | None:
    """대 counts vehicles and aircraft only after such a noun: "20대 남성" is an age bracket, "3대
    기업" a ranking."""
    num = m.group("num")
    n = T.KO_NATIVE[num] if num in T.KO_NATIVE else parse_number(num)
    return "count", (float(n), "aircraft" if m.group("noun") in KO_DAE_AIRCRAFT else "vehicle")


def _ko_days(m: re.Match[str], lang: str) -> tuple[str, Any] | None:
    return "duration", float(T.KO_NATIVE_DAYS[m.group("num")] * 86400)


def _fixed(kind: str, value: Any) -> Builder:
    return lambda m, lang: (kind, value)


def _rules(lang: str) -> list[tuple[re.Pattern[str], Builder, int]]:
    """(pattern, builder, priority) for one language; lower priority wins ties of equal length."""
    lb = r"(?<![\d.,A-Za-z\-])"  # a number starts here, not inside "G7" or "COVID-19"
    sym = T.alt(list(T.SYMBOLS))
    rules: list[tuple[str, Builder, int]] = [
        (rf"(?i)(?P<sym>{sym})\s?(?P<num>{T.EN_MONEY_NUM})", _money_symbol, 1),
        (r"(?<!\d)(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?!\d)", _date, 0),
        (r"(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])", _clock, 2),
        (rf"{lb}(?P<num>{T.AR})\s?(?P<unit>%)", _unit_builder("percent", {"%": 1}), 3),
    ]
    if lang == "en":
        rules += _en_rules(lb)
    elif lang == "ko":
        rules += _ko_rules(lb)
    else:
        rules += _ja_rules(lb)
    return [(re.compile(p), b, pr) for p, b, pr in rules]


# fmt: off
def _en_rules(lb: str) -> list[tuple[str, Builder, int]]:
    dur, cur = T.alt(T.DURATION["en"]), T.alt(T.CURRENCY["en"])
    count_words = T.alt([u for u in T.COUNT["en"] if not u.startswith("-")])
    # Up to three modifiers: "three Coast Guard patrol vessels".
    en_mods = rf"(?:(?!(?:{EN_NOT_MODIFIER})\b)[a-z][a-z'-]*\s){{0,3}}"
    en_counted = T.alt([u for u in EN_COUNTED if not u.startswith("-")])
    d, y = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?", r"(?P<y>(?:1[89]|20)\d{2})"
    preps = "in|since|by|until|till|from|of|before|after|during|through|early|late|mid|between"
    one_unit = r"(?i)\ban? (?:hour|day|week|month|year)(?:-long)?\b(?! (?:ago|later|earlier|before|after))"
    return [
        (rf"(?i){lb}(?P<num>{T.EN_MONEY_NUM})\s(?P<unit>{cur})\b", _unit_builder("money", T.CURRENCY["en"]), 1),
        (rf"(?i)\b(?P<mo>{T.EN_MONTH})\s{d}\b(?:,?\s{y}\b)?", _date, 0),
        (rf"(?i)\b{d}\s(?P<mo>{T.EN_MONTH})(?:,?\s{y}\b)?", _date, 0),
        (rf"(?i)\b(?P<mo>{T.EN_MONTH})\s{y}\b", _date, 0),
        (rf"(?i)\b(?:{preps})[\s-]+(?P<core>{y})\b", _date, 5),
        (rf"(?i){lb}(?P<h>\d{{1,2}})(?::(?P<mi>\d{{2}}))?\s?(?P<ampm>[ap]\.m\.|[ap]m\b)", _clock, 2),
        (rf"(?i)\b(?P<num>{T.EN_NUM})[\s-](?P<unit>(?:{dur})s?)\b", _unit_builder("duration", T.DURATION["en"]), 2),
        (r"(?i)\bhalf an hour\b", _fixed("duration", 1800.0), 2),
        (r"(?i)\ban hour and a half\b", _fixed("duration", 5400.0), 2),
        (one_unit, lambda m, lang: ("duration", float(T.DURATION["en"][re.split(r"[ -]", m.group(0))[1].lower()])), 4),
        (rf"(?i){lb}(?P<num>{T.AR}|{T.EN_WORD_NUM})\s?(?P<unit>%|{T.alt(T.PERCENT['en'])})(?![a-z])",
         _unit_builder("percent", T.PERCENT["en"]), 3),
        (rf"(?i)\b(?P<num>{T.EN_NUM})(?P<unit>-year-old)\b", _unit_builder("count", T.COUNT["en"]), 3),
        (rf"(?i){lb}(?P<num>{T.EN_NUM})\s(?P<unit>{count_words})\b", _unit_builder("count", T.COUNT["en"]), 3),
        (rf"(?i){lb}(?P<num>{T.EN_NUM})\s(?P<mods>{en_mods})(?P<unit>{en_counted})\b", _en_counted, 4),
        # "eight of its 10 crew members": the part counts what the whole counts. Only after a
        # possessive: "one of the three ships" names one ship of a known three, not a count.
        (rf"(?i){lb}(?P<num>{T.EN_NUM})(?=\sof\s(?:its|their|his|her|our)\s(?:{T.EN_NUM})\s"
         rf"(?P<mods>{en_mods})(?P<unit>{en_counted})\b)", _en_counted, 4),
        (rf"(?i){lb}(?P<num>{T.EN_NUM})[\s-]?(?P<unit>{T.alt(T.MEASURES['en'])})\b(?!-year)", _measure, 3),
        (rf"(?i){lb}(?P<num>{T.AR}(?:\s(?:hundred|thousand|million|billion|trillion))*)(?![\d%])",
         _unit_builder("number", {}), 9),
    ]


def _ko_rules(lb: str) -> list[tuple[str, Builder, int]]:
    native = T.alt(list(T.KO_NATIVE))
    dur_native = {"시간": 3600, "달": 2592000, "주": 604800}
    count_native = {k: v for k, v in T.COUNT["ko"].items() if k in {"명", "번", "차례", "개", "척", "발", "곳", "가지", "살"}}
    n = rf"{lb}(?<!제)(?P<num>{T.KO_NUM})(?P<inf>여)?\s?"  # "제3회" is an ordinal
    not_duration = r"(?!\s?(?:간|동안|만에|째))"
    clock = r"(?P<ampm>오전|오후|새벽|저녁|밤|낮)?\s?(?<!\d)(?P<h>\d{1,2})시(?!간)(?:\s?(?P<mi>\d{1,2})분|\s?(?P<half>반))?"
    return [
        (rf"{n}(?P<unit>{T.alt(T.CURRENCY['ko'])})", _unit_builder("money", T.CURRENCY["ko"]), 1),
        (rf"(?<!\d)(?:(?P<y>\d{{4}})년\s?)?(?P<mo>\d{{1,2}})월\s?(?P<d>\d{{1,2}})일{not_duration}", _date, 0),
        (r"(?<!\d)(?P<y>\d{4})년\s?(?P<mo>\d{1,2})월(?!\s?\d)", _date, 0),
        (r"(?<![\d개])(?P<mo>\d{1,2})월", _date, 5),
        (rf"(?<!\d)(?P<d>\d{{1,2}})일{not_duration}", _date, 5),
        (rf"(?<!\d)(?P<y>(?:1[89]|20)\d{{2}})년{not_duration}", _date, 0),
        (clock, _clock, 2),
        (rf"{n}(?P<unit>{T.alt(T.DURATION['ko'])})(?!년)", _unit_builder("duration", T.DURATION["ko"]), 2),
        (rf"{n}(?P<unit>{T.alt(T.PERCENT['ko'])})", _unit_builder("percent", T.PERCENT["ko"]), 3),
        # "최장 90일": after a bound, 일 counts days (90 is no day of a month; 最長 marks a duration).
        (rf"(?:최장|최대|최소|최단|약)\s?(?P<core>(?P<num>{T.AR})(?P<unit>일))", _unit_builder("duration", {"일": 86400}), 2),
        (rf"{n}(?P<unit>{T.alt(T.COUNT['ko'])})(?![째대])", _unit_builder("count", T.COUNT["ko"]), 3),
        (rf"{n}(?P<unit>{T.alt(T.MEASURES['ko'])})(?![A-Za-z/])", _measure, 3),
        (rf"(?<![가-힣])(?P<num>{native})\s?(?P<unit>{T.alt(dur_native)})", _unit_builder("duration", dur_native), 2),
        # Only with 간 / 째 / 동안 / 만에: "하루 평균", "이틀 뒤" are not a duration of the story.
        (rf"(?<![가-힣])(?P<num>{T.alt(list(T.KO_NATIVE_DAYS))})(?:간|째|\s?동안|\s?만에)", _ko_days, 2),
        (rf"(?<![가-힣])(?P<num>{native})\s?(?P<unit>{T.alt(count_native)})(?!\s?째)",
         _unit_builder("count", count_native), 3),
        (rf"(?P<noun>{T.alt(list(KO_DAE_AIRCRAFT + KO_DAE_VEHICLE))})(?:이|가|은|는)?\s?"
         rf"(?P<core>(?<!\d)(?P<num>{T.KO_NUM}|{native})(?P<inf>여)?\s?대)(?![가-힣]?째)", _ko_dae, 3),
        (rf"{lb}(?P<num>{T.KO_NUM})(?![\d%])", _unit_builder("number", {}), 9),
    ]


def _ja_rules(lb: str) -> list[tuple[str, Builder, int]]:
    kd = f"[{T.JA_KANJI}]+"
    nd = rf"(?:\d{{1,2}}|{kd})"
    # A kanji numeral glued to a preceding kanji is part of a word (統一, 唯一), unless that kanji is
    # a prefix such as 約 or 計; Arabic digits are numbers wherever they stand.
    kanji_ok = r"(?:(?<=[約計各毎全同総満超])|(?<=およそ)|(?<=最大)|(?<=最低)|(?<![一-龥々]))"
    n = rf"(?<![\d.,第])(?:(?=\d)|{kanji_ok})(?P<num>{T.JA_NUM})(?P<inf>余)?"
    era = rf"(?P<era>令和|平成|昭和)(?P<y>\d{{1,2}}|元|{kd})年(?:(?P<mo>{nd})月(?:(?P<d>{nd})日)?)?"
    clock = rf"(?P<ampm>午前|午後)?(?<!\d)(?P<h>\d{{1,2}}|{kd})時(?!間)(?:(?P<mi>\d{{1,2}}|{kd})分|(?P<half>半))?"
    return [
        (rf"{n}(?P<unit>{T.alt(T.CURRENCY['ja'])})", _unit_builder("money", T.CURRENCY["ja"]), 1),
        (era, _date, 0),
        (rf"(?<!\d)(?:(?P<y>\d{{4}})年)?(?P<mo>{nd})月(?P<d>{nd})日(?!間|ぶり)", _date, 0),
        (r"(?<!\d)(?P<y>\d{4})年(?P<mo>\d{1,2})月(?!\d)", _date, 0),
        (r"(?<![\dか])(?P<mo>\d{1,2})月(?!間)", _date, 5),
        (r"(?<!\d)(?P<d>\d{1,2})日(?!間|ぶり|連続)", _date, 5),
        (r"(?<!\d)(?P<y>(?:1[89]|20)\d{2})年(?!間|ぶり)", _date, 0),
        (clock, _clock, 2),
        (rf"{n}(?P<unit>{T.alt(T.DURATION['ja'])})(?!(?<=分)の)", _unit_builder("duration", T.DURATION["ja"]), 2),
        (rf"{n}(?P<unit>{T.alt(T.PERCENT['ja'])})", _unit_builder("percent", T.PERCENT["ja"]), 3),
        # "最長90日" is a duration; "3年で" (within three years) a period, not the year 3.
        (rf"(?:最長|最大|最短|最低|約)(?P<core>(?P<num>{T.AR}|{kd})(?P<unit>日))(?!間|ぶり)",
         _unit_builder("duration", {"日": 86400}), 2),
        (rf"(?<![\d.,第])(?P<core>(?P<num>\d{{1,2}}|{kd})(?P<unit>年))(?=で)", _unit_builder("duration", {"年": 31536000}), 2),
        (rf"{n}(?P<unit>{T.alt(T.COUNT['ja'])})", _unit_builder("count", T.COUNT["ja"]), 3),
        # 巡視船三隻, 乗員二人: a kanji numeral glued to the counted noun (not 数千人, 第三, 同一人物).
        (rf"(?<=[一-龥々])(?<![数何幾第同唯単])(?P<num>[{T.JA_KANJI}]+)(?P<unit>{T.alt(JA_GLUED)})",
         _unit_builder("count", JA_COUNTED), 4),
        (rf"{n}(?P<unit>台)(?![湾風地頭所詞本帳])", _unit_builder("count", JA_COUNTED), 3),
        (rf"{n}(?P<unit>{T.alt(T.MEASURES['ja'])})(?![A-Za-z/])", _measure, 3),
        (rf"{lb}(?P<num>{T.JA_ARNUM})(?![\d%])", _unit_builder("number", {}), 9),
    ]
# fmt: on


_RULES: dict[str, list[tuple[re.Pattern[str], Builder, int]]] = {}


def compiled_rules(lang: str) -> list[tuple[re.Pattern[str], Builder, int]]:
    if lang not in _RULES:
        _RULES[lang] = _rules(lang)
    return _RULES[lang]


# ------------------------------------------------------------------ extraction
