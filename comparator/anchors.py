"""Language-independent anchors: numbers, durations, money, dates, percentages and counts.

"25 minutes", "25분" and "25分" all become ``Anchor(kind="duration", value=1500.0)``, so reports in
different languages can be compared on their facts (the comparison report) and paired as evidence
that they cover the same event (the events job). Pure regular expressions, no model.

Values by kind (see docs/alignment.md):
  number    float
  duration  float, seconds (a month is 30 days, a year 365 days)
  money     (amount: float, ISO 4217 code)
  date      ISO 8601 string, truncated when parts are unknown: "2026-03-09", "--03-09" (no year),
            "---09" (day of month only, as Korean and Japanese reports say "9일" / "9日"),
            "2026-03", "--03", "2026"
  time      "HH:MM" clock time (kept apart so "10時25分" is not a 25-minute duration)
  percent   float (percentage points too: "3.5%p", "3.5ポイント", "3.5 percentage points")
  count     (number: float, unit) with unit one of person, times, case, item, ship, missile, country,
            household, age, seat, vote, aircraft, m, kg (lengths in metres, weights in kilograms)
``qualifier`` is None for an exact figure, "approx" (about, 약, 約, 20여 명), "over" (more than,
이상, 以上, 超) or "under" (up to, 이하, 未満); agreement treats them as intervals.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from comparator.errors import UnsupportedLanguageError

KINDS = ("number", "duration", "money", "date", "time", "percent", "count")


@dataclass(frozen=True)
class Anchor:
    kind: str
    value: Any
    start: int  # character offsets into the text given to extract_anchors, end exclusive
    end: int
    text: str
    qualifier: str | None = None

    def key(self) -> tuple[str, Any]:
        """Hashable identity for exact matching across articles (the events job's pair evidence)."""
        return (self.kind, self.value)


# Fullwidth digits and signs map one character to one character, so offsets stay valid.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％＄￥：～", "0123456789.,%$¥:~")

_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_KO_G = rf"{_AR}(?:[십백천](?:{_AR})?)*"
_KO_NUM = rf"{_KO_G}(?:[만억조](?: ?{_KO_G}[만억조])*(?:{_KO_G})?)?"
_JA_KANJI = "〇一二三四五六七八九十百千"
_JA_G = rf"(?:{_AR}(?:[千百十](?:{_AR})?)*|[{_JA_KANJI}]+)"
_JA_NUM = rf"{_JA_G}(?:[万億兆](?:{_JA_G}[万億兆])*(?:{_JA_G})?)?"
_JA_ARNUM = rf"{_AR}(?:[千百十]?[万億兆](?:{_AR}[千百十]?[万億兆])*(?:{_AR})?)?"
# fmt: off
_EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
}
_EN_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
              "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_EN_WORD_NUM = (
    rf"(?:(?:{_TENS})(?:-(?:{_UNITS}))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    rf"|eighteen|nineteen|ten|{_UNITS}|a dozen|dozen)"
)
_EN_NUM = rf"(?:{_AR}|{_EN_WORD_NUM})(?:[ -](?:hundred|thousand|million|billion|trillion))*"
_EN_MONEY_NUM = rf"{_AR}(?:\s?(?:hundred|thousand|million|billion|trillion)|(?:bn|mn|mln|tn|[mbk])\b)?"
_KO_NATIVE = {"한": 1, "두": 2, "세": 3, "석": 3, "네": 4, "넉": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8,
              "아홉": 9, "열": 10, "열한": 11, "열두": 12, "스무": 20, "스물": 20, "서른": 30, "마흔": 40, "쉰": 50}
_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CJK_SMALL = {"十": 10, "百": 100, "千": 1000, "십": 10, "백": 100, "천": 1000}
_CJK_BIG = {"万": 1e4, "億": 1e8, "兆": 1e12, "만": 1e4, "억": 1e8, "조": 1e12}
_TOKEN = re.compile(rf"{_AR}|\S")

# Kanji numerals inside ordinary words ("十分" enough, "一時" for a while, "一日" one day or the 1st).
_JA_KANJI_WORDS = {"十分", "一時", "一日", "一度", "一人", "一つ", "一回", "一件", "一部"}

_MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                            "august", "september", "october", "november", "december"])}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())} | {"sept": 9})
_EN_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

# unit surface form -> factor (durations: seconds; money: ISO code; counts: unit id); value = number * factor
_DURATION = {
    "en": {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": 86400,
           "week": 604800, "month": 2592000, "year": 31536000},
    "ko": {"초": 1, "초간": 1, "분": 60, "분간": 60, "분 동안": 60, "시간": 3600, "시간 동안": 3600,
           "일간": 86400, "일 동안": 86400, "일 만에": 86400, "일째": 86400, "주": 604800, "주간": 604800,
           "주일": 604800, "개월": 2592000, "달": 2592000, "년간": 31536000, "년 동안": 31536000,
           "년 만에": 31536000, "년째": 31536000, "년": 31536000},
    "ja": {"秒": 1, "秒間": 1, "分": 60, "分間": 60, "時間": 3600, "日間": 86400, "日ぶり": 86400,
           "週間": 604800, "か月": 2592000, "カ月": 2592000, "ヶ月": 2592000, "ヵ月": 2592000, "ケ月": 2592000,
           "箇月": 2592000, "年間": 31536000, "年ぶり": 31536000},
}
_CURRENCY = {
    "en": {"dollars": "USD", "dollar": "USD", "usd": "USD", "won": "KRW", "krw": "KRW", "yen": "JPY",
           "jpy": "JPY", "euros": "EUR", "euro": "EUR", "eur": "EUR", "yuan": "CNY", "renminbi": "CNY",
           "gbp": "GBP"},
    "ko": {"원": "KRW", "달러": "USD", "엔": "JPY", "유로": "EUR", "위안": "CNY", "파운드": "GBP"},
    "ja": {"円": "JPY", "ドル": "USD", "米ドル": "USD", "ウォン": "KRW", "ユーロ": "EUR", "人民元": "CNY",
           "元": "CNY", "ポンド": "GBP"},
}
_SYMBOLS = {"us$": "USD", "$": "USD", "₩": "KRW", "¥": "JPY", "€": "EUR", "£": "GBP", "usd": "USD",
            "krw": "KRW", "jpy": "JPY", "eur": "EUR"}
_PERCENT = {
    "en": {"%": 1, "percent": 1, "per cent": 1, "pct": 1, "percentage points": 1, "percentage point": 1},
    "ko": {"%": 1, "퍼센트": 1, "프로": 1, "%포인트": 1, "%p": 1, "퍼센트포인트": 1},
    "ja": {"%": 1, "パーセント": 1, "ポイント": 1, "割": 10},
}
_COUNT = {
    "en": {"people": "person", "persons": "person", "person": "person", "times": "times", "cases": "case",
           "ships": "ship", "vessels": "ship", "missiles": "missile", "rockets": "missile", "rounds": "missile",
           "countries": "country", "nations": "country", "households": "household", "years old": "age",
           "-year-old": "age", "seats": "seat", "votes": "vote", "aircraft": "aircraft", "planes": "aircraft",
           "jets": "aircraft", "km": "km", "kilometres": "km", "kilometers": "km", "kg": "kg",
           "kilograms": "kg", "tonnes": "t", "tons": "t"},
    "ko": {"명": "person", "번": "times", "회": "times", "차례": "times", "건": "case", "개국": "country",
           "개": "item", "척": "ship", "발": "missile", "가구": "household", "세": "age", "살": "age",
           "석": "seat", "표": "vote", "곳": "item", "가지": "item", "킬로미터": "km", "km": "km", "㎞": "km",
           "킬로그램": "kg", "kg": "kg", "톤": "t"},
    "ja": {"人": "person", "名": "person", "回": "times", "件": "case", "個": "item", "つ": "item", "隻": "ship",
           "発": "missile", "か国": "country", "カ国": "country", "ヵ国": "country", "ヶ国": "country",
           "世帯": "household", "歳": "age", "才": "age", "議席": "seat", "票": "vote", "機": "aircraft",
           "キロメートル": "km", "km": "km", "キログラム": "kg", "kg": "kg", "トン": "t"},
}
_MEASURE = {"km": ("m", 1000.0), "t": ("kg", 1000.0)}
_PREFIX = {
    "en": {"about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
           "nearly": "approx", "almost": "approx", "some": "approx", "an estimated": "approx",
           "more than": "over", "over": "over", "at least": "over", "less than": "under",
           "fewer than": "under", "under": "under", "up to": "under"},
    "ko": {"약": "approx", "대략": "approx", "최소": "over", "최대": "under"},
    "ja": {"約": "approx", "およそ": "approx", "最大": "under", "最低": "over", "少なくとも": "over"},
}
_SUFFIX = {
    "en": {"or more": "over", "or so": "approx"},
    "ko": {"가량": "approx", "쯤": "approx", "정도": "approx", "남짓": "approx", "안팎": "approx",
           "내외": "approx", "이상": "over", "넘게": "over", "넘는": "over", "초과": "over", "이하": "under",
           "미만": "under", "여": "approx"},
    "ja": {"余り": "approx", "ほど": "approx", "程度": "approx", "前後": "approx", "近く": "approx",
           "以上": "over", "超": "over", "以下": "under", "未満": "under"},
}
# fmt: on
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}


def _alt(forms: dict[str, Any] | list[str]) -> str:
    """Alternation, longest first so "개국" wins over "개" and "時間" over "時"."""
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def parse_number(text: str) -> float:
    """Arabic, kanji and mixed numerals with CJK units: "3,000억", "1억1천만", "二十五", "1.2조"."""
    total = section = 0.0
    cur: float | None = None
    prev_kanji_digit = False
    for tok in _TOKEN.findall(text.translate(_FULLWIDTH)):
        if tok[0].isdigit():
            cur, prev_kanji_digit = float(tok.replace(",", "")), False
        elif tok in _CJK_DIGITS:
            d = _CJK_DIGITS[tok]
            cur = cur * 10 + d if prev_kanji_digit and cur is not None else float(d)
            prev_kanji_digit = True
        elif tok in _CJK_SMALL:
            section += (1.0 if cur is None else cur) * _CJK_SMALL[tok]
            cur, prev_kanji_digit = None, False
        elif tok in _CJK_BIG:
            section += cur or 0.0
            total += (section or 1.0) * _CJK_BIG[tok]
            section, cur, prev_kanji_digit = 0.0, None, False
    return total + section + (cur or 0.0)


def parse_en_number(text: str) -> float:
    """ "25", "1,200", "twenty-five", "3.5 million", "$3bn"'s "3bn", "two hundred"."""
    t = text.lower().strip()
    m = re.match(rf"({_AR}|{_EN_WORD_NUM})(.*)$", t)
    if not m:
        raise ValueError(f"not an English number: {text!r}")
    head, rest = m.group(1), m.group(2)
    if head[0].isdigit():
        value = float(head.replace(",", ""))
    else:
        parts = head.split("-")
        value = float(sum(_EN_WORDS[p] for p in parts))
    for scale in re.findall(r"[a-z]+", rest):
        value *= _EN_SCALES.get(scale, 1.0)
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
        n = _KO_NATIVE[num] if num in _KO_NATIVE else _num(num, lang)
        if kind == "number":
            return kind, float(n)
        if lang == "ja" and all(c in _JA_KANJI for c in num) and num + m.group("unit") in _JA_KANJI_WORDS:
            return None
        unit = m.group("unit").lower()
        if lang == "en" and unit not in table:
            unit = unit.rstrip("s") if unit.rstrip("s") in table else unit
        factor = table[unit]
        if kind == "duration":
            return kind, float(n * factor)
        if kind == "percent":
            return kind, float(n * factor)
        if kind == "money":
            return kind, (float(n), factor)
        unit_id, mult = _MEASURE.get(factor, (factor, 1.0))
        return kind, (float(n * mult), unit_id)

    return build


def _money_symbol(m: re.Match[str], lang: str) -> tuple[str, Any]:
    return "money", (parse_en_number(m.group("num")), _SYMBOLS[m.group("sym").lower()])


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
    if g.lower().rstrip(".") in _MONTHS:
        return _MONTHS[g.lower().rstrip(".")]
    if g == "元":
        return 1
    return int(parse_number(g))


def _date(m: re.Match[str], lang: str) -> tuple[str, Any] | None:
    y = _grp(m, "y")
    if y is not None and m.groupdict().get("era"):
        y += _ERAS[m.group("era")]
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


def _fixed(kind: str, value: Any) -> Builder:
    return lambda m, lang: (kind, value)


def _rules(lang: str) -> list[tuple[re.Pattern[str], Builder, int]]:
    """(pattern, builder, priority) for one language; lower priority wins ties of equal length."""
    lb = r"(?<![\d.,A-Za-z\-])"  # a number starts here, not inside "G7" or "COVID-19"
    sym = _alt(list(_SYMBOLS))
    rules: list[tuple[str, Builder, int]] = [
        (rf"(?i)(?P<sym>{sym})\s?(?P<num>{_EN_MONEY_NUM})", _money_symbol, 1),
        (r"(?<!\d)(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?!\d)", _date, 0),
        (r"(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])", _clock, 2),
        (rf"{lb}(?P<num>{_AR})\s?(?P<unit>%)", _unit_builder("percent", {"%": 1}), 3),
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
    dur, cur = _alt(_DURATION["en"]), _alt(_CURRENCY["en"])
    count_words = _alt([u for u in _COUNT["en"] if not u.startswith("-")])
    d, y = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?", r"(?P<y>(?:1[89]|20)\d{2})"
    preps = "in|since|by|until|till|from|of|before|after|during|through|early|late|mid|between"
    one_unit = r"(?i)\ban? (?:hour|day|week|month|year)(?:-long)?\b(?! (?:ago|later|earlier|before|after))"
    return [
        (rf"(?i){lb}(?P<num>{_EN_MONEY_NUM})\s(?P<unit>{cur})\b", _unit_builder("money", _CURRENCY["en"]), 1),
        (rf"(?i)\b(?P<mo>{_EN_MONTH})\s{d}\b(?:,?\s{y}\b)?", _date, 0),
        (rf"(?i)\b{d}\s(?P<mo>{_EN_MONTH})(?:,?\s{y}\b)?", _date, 0),
        (rf"(?i)\b(?P<mo>{_EN_MONTH})\s{y}\b", _date, 0),
        (rf"(?i)\b(?:{preps})[\s-]+(?P<core>{y})\b", _date, 5),
        (rf"(?i){lb}(?P<h>\d{{1,2}})(?::(?P<mi>\d{{2}}))?\s?(?P<ampm>[ap]\.m\.|[ap]m\b)", _clock, 2),
        (rf"(?i)\b(?P<num>{_EN_NUM})[\s-](?P<unit>(?:{dur})s?)\b", _unit_builder("duration", _DURATION["en"]), 2),
        (r"(?i)\bhalf an hour\b", _fixed("duration", 1800.0), 2),
        (r"(?i)\ban hour and a half\b", _fixed("duration", 5400.0), 2),
        (one_unit, lambda m, lang: ("duration", float(_DURATION["en"][re.split(r"[ -]", m.group(0))[1].lower()])), 4),
        (rf"(?i){lb}(?P<num>{_AR}|{_EN_WORD_NUM})\s?(?P<unit>%|{_alt(_PERCENT['en'])})(?![a-z])",
         _unit_builder("percent", _PERCENT["en"]), 3),
        (rf"(?i)\b(?P<num>{_EN_NUM})(?P<unit>-year-old)\b", _unit_builder("count", _COUNT["en"]), 3),
        (rf"(?i){lb}(?P<num>{_EN_NUM})\s(?P<unit>{count_words})\b", _unit_builder("count", _COUNT["en"]), 3),
        (rf"(?i){lb}(?P<num>{_AR}(?:\s(?:hundred|thousand|million|billion|trillion))*)(?![\d%])",
         _unit_builder("number", {}), 9),
    ]


def _ko_rules(lb: str) -> list[tuple[str, Builder, int]]:
    native = _alt(list(_KO_NATIVE))
    dur_native = {"시간": 3600, "달": 2592000, "주": 604800}
    count_native = {k: v for k, v in _COUNT["ko"].items() if k in {"명", "번", "차례", "개", "척", "발", "곳", "가지", "살"}}
    n = rf"{lb}(?<!제)(?P<num>{_KO_NUM})(?P<inf>여)?\s?"  # "제3회" is an ordinal
    not_duration = r"(?!\s?(?:간|동안|만에|째))"
    clock = r"(?P<ampm>오전|오후|새벽|저녁|밤|낮)?\s?(?<!\d)(?P<h>\d{1,2})시(?!간)(?:\s?(?P<mi>\d{1,2})분|\s?(?P<half>반))?"
    return [
        (rf"{n}(?P<unit>{_alt(_CURRENCY['ko'])})", _unit_builder("money", _CURRENCY["ko"]), 1),
        (rf"(?<!\d)(?:(?P<y>\d{{4}})년\s?)?(?P<mo>\d{{1,2}})월\s?(?P<d>\d{{1,2}})일{not_duration}", _date, 0),
        (r"(?<!\d)(?P<y>\d{4})년\s?(?P<mo>\d{1,2})월(?!\s?\d)", _date, 0),
        (r"(?<![\d개])(?P<mo>\d{1,2})월", _date, 5),
        (rf"(?<!\d)(?P<d>\d{{1,2}})일{not_duration}", _date, 5),
        (rf"(?<!\d)(?P<y>(?:1[89]|20)\d{{2}})년{not_duration}", _date, 0),
        (clock, _clock, 2),
        (rf"{n}(?P<unit>{_alt(_DURATION['ko'])})(?!년)", _unit_builder("duration", _DURATION["ko"]), 2),
        (rf"{n}(?P<unit>{_alt(_PERCENT['ko'])})", _unit_builder("percent", _PERCENT["ko"]), 3),
        (rf"{n}(?P<unit>{_alt(_COUNT['ko'])})(?![째대])", _unit_builder("count", _COUNT["ko"]), 3),
        (rf"(?<![가-힣])(?P<num>{native})\s?(?P<unit>{_alt(dur_native)})", _unit_builder("duration", dur_native), 2),
        (rf"(?<![가-힣])(?P<num>{native})\s?(?P<unit>{_alt(count_native)})(?!\s?째)",
         _unit_builder("count", count_native), 3),
        (rf"{lb}(?P<num>{_KO_NUM})(?![\d%])", _unit_builder("number", {}), 9),
    ]


def _ja_rules(lb: str) -> list[tuple[str, Builder, int]]:
    kd = f"[{_JA_KANJI}]+"
    nd = rf"(?:\d{{1,2}}|{kd})"
    # A kanji numeral glued to a preceding kanji is part of a word (統一, 唯一), unless that kanji is
    # a prefix such as 約 or 計; Arabic digits are numbers wherever they stand.
    kanji_ok = r"(?:(?<=[約計各毎全同総満超])|(?<=およそ)|(?<=最大)|(?<=最低)|(?<![一-龥々]))"
    n = rf"(?<![\d.,第])(?:(?=\d)|{kanji_ok})(?P<num>{_JA_NUM})(?P<inf>余)?"
    era = rf"(?P<era>令和|平成|昭和)(?P<y>\d{{1,2}}|元|{kd})年(?:(?P<mo>{nd})月(?:(?P<d>{nd})日)?)?"
    clock = rf"(?P<ampm>午前|午後)?(?<!\d)(?P<h>\d{{1,2}}|{kd})時(?!間)(?:(?P<mi>\d{{1,2}}|{kd})分|(?P<half>半))?"
    return [
        (rf"{n}(?P<unit>{_alt(_CURRENCY['ja'])})", _unit_builder("money", _CURRENCY["ja"]), 1),
        (era, _date, 0),
        (rf"(?<!\d)(?:(?P<y>\d{{4}})年)?(?P<mo>{nd})月(?P<d>{nd})日(?!間|ぶり)", _date, 0),
        (r"(?<!\d)(?P<y>\d{4})年(?P<mo>\d{1,2})月(?!\d)", _date, 0),
        (r"(?<![\dか])(?P<mo>\d{1,2})月(?!間)", _date, 5),
        (r"(?<!\d)(?P<d>\d{1,2})日(?!間|ぶり|連続)", _date, 5),
        (r"(?<!\d)(?P<y>(?:1[89]|20)\d{2})年(?!間|ぶり)", _date, 0),
        (clock, _clock, 2),
        (rf"{n}(?P<unit>{_alt(_DURATION['ja'])})(?!(?<=分)の)", _unit_builder("duration", _DURATION["ja"]), 2),
        (rf"{n}(?P<unit>{_alt(_PERCENT['ja'])})", _unit_builder("percent", _PERCENT["ja"]), 3),
        (rf"{n}(?P<unit>{_alt(_COUNT['ja'])})", _unit_builder("count", _COUNT["ja"]), 3),
        (rf"{lb}(?P<num>{_JA_ARNUM})(?![\d%])", _unit_builder("number", {}), 9),
    ]
# fmt: on


_RULES: dict[str, list[tuple[re.Pattern[str], Builder, int]]] = {}


def _compiled(lang: str) -> list[tuple[re.Pattern[str], Builder, int]]:
    if lang not in _RULES:
        _RULES[lang] = _rules(lang)
    return _RULES[lang]


# ------------------------------------------------------------------ extraction


def extract_anchors(text: str, lang: str) -> list[Anchor]:
    """Anchors found in ``text`` (a sentence or a whole article) written in ``lang`` ("ja", "ko", "en").

    Overlapping matches are resolved longest first ("2026년 3월 9일" is one date, not a year, a month
    and a day); qualifiers next to a figure (about, 약, 約, 이상, 以上) extend its span.
    """
    if lang not in _DURATION:
        raise UnsupportedLanguageError(f"anchors are extracted from ja, ko and en text, not {lang!r}")
    norm = text.translate(_FULLWIDTH)
    found: list[tuple[int, int, int, str, Any, bool]] = []
    for pattern, build, prio in _compiled(lang):
        for m in pattern.finditer(norm):
            start, end = _trim(norm, *(m.span("core") if "core" in pattern.groupindex else m.span()))
            if start >= end or (lang == "ja" and norm[start:end] in _JA_KANJI_WORDS):
                continue
            try:
                built = build(m, lang)
            except (ValueError, KeyError, OverflowError):
                built = None  # a pattern matched something its parser rejects: not an anchor
            if built is not None:
                found.append((start, end, prio, built[0], built[1], bool(m.groupdict().get("inf"))))
    chosen = _resolve(found)
    anchors = [
        Anchor(kind, value, s, e, text[s:e], "approx" if inf else None)
        for s, e, _, kind, value, inf in chosen
    ]
    anchors = _join_durations(anchors, text)
    return [_qualify(a, norm, text, lang) for a in anchors]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _resolve(found: list[tuple[int, int, int, str, Any, bool]]) -> list[tuple[int, int, int, str, Any, bool]]:
    """Longest span first, then priority; drop anything overlapping a chosen span."""
    taken: list[tuple[int, int]] = []
    chosen = []
    for cand in sorted(found, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        s, e = cand[0], cand[1]
        if all(e <= ts or s >= te for ts, te in taken):
            taken.append((s, e))
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c[0])


def _join_durations(anchors: list[Anchor], text: str) -> list[Anchor]:
    """ "1시간 25분", "1時間25分", "1 hour and 25 minutes": one duration, larger unit first."""
    out: list[Anchor] = []
    for a in anchors:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == a.kind == "duration"
            and prev.value > a.value
            and re.fullmatch(r"\s*(?:,\s*)?(?:and\s+)?", text[prev.end : a.start])
        ):
            out[-1] = Anchor("duration", prev.value + a.value, prev.start, a.end, text[prev.start : a.end])
        else:
            out.append(a)
    return out


_QUALIFIABLE = {"number", "duration", "money", "percent", "count"}


def _qualify(a: Anchor, norm: str, text: str, lang: str) -> Anchor:
    if a.kind not in _QUALIFIABLE:
        return a
    start, end, qual = a.start, a.end, a.qualifier
    sep = r"\s?" if lang != "en" else r"\s"
    # The qualifier must start a word: "계약 25억" and "契約5億円" are not "약"/"約" qualifiers.
    edge = r"\b" if lang == "en" else r"(?<![一-龥가-힣])"
    pre = re.search(rf"(?i){edge}({_alt(_PREFIX[lang])}){sep}$", norm[max(0, start - 16) : start])
    if pre:
        start -= len(pre.group(0))
        qual = _PREFIX[lang][pre.group(1).lower()]
    # "20여" is caught inside the match; "3년여", "20人余り", "10분가량" follow it.
    post = re.match(rf"{sep if lang == 'en' else r'[ ]?'}({_alt(_SUFFIX[lang])})", norm[end : end + 12])
    if post and not (post.group(1) == "여" and post.group(0) != "여"):
        end += len(post.group(0))
        qual = _SUFFIX[lang][post.group(1)] if qual is None or qual == "approx" else qual
    if (start, end, qual) == (a.start, a.end, a.qualifier):
        return a
    return replace(a, start=start, end=end, text=text[start:end], qualifier=qual)


# ------------------------------------------------------------------ agreement


def anchors_agree(a: Anchor, b: Anchor) -> bool | None:
    """Whether two anchors state the same fact; None when they are not comparable.

    Not comparable: different kinds, money in different currencies (no exchange rates are applied),
    counts of different units, dates with no field in common ("3월" vs "9일"), and two bare numbers that
    differ (without a unit a different number is not a contradiction; equal bare numbers agree).
    Qualified figures are intervals: "approx" is +-10 %, "over" is [v, inf), "under" is [0, v].
    """
    if a.kind != b.kind:
        return None
    if a.kind == "date":
        return _dates_agree(a.value, b.value)
    if a.kind == "time":
        ha, ma = map(int, a.value.split(":"))
        hb, mb = map(int, b.value.split(":"))
        return ha % 12 == hb % 12 and ma == mb  # "3시" may be 3 p.m. when 오후 is said elsewhere
    va, vb = a.value, b.value
    if a.kind in {"money", "count"}:
        if va[1] != vb[1]:
            return None
        va, vb = va[0], vb[0]
    agree = _intervals_meet(_interval(float(va), a.qualifier), _interval(float(vb), b.qualifier))
    if a.kind == "number" and not agree:
        return None
    return agree


def _interval(v: float, qualifier: str | None) -> tuple[float, float]:
    if qualifier == "approx":
        return (v * 0.9, v * 1.1) if v >= 0 else (v * 1.1, v * 0.9)
    if qualifier == "over":
        return (v, math.inf)
    if qualifier == "under":
        return (-math.inf, v)
    return (v, v)


def _intervals_meet(x: tuple[float, float], y: tuple[float, float]) -> bool:
    tol = 1e-9 * max(
        1.0, abs(x[0]) if math.isfinite(x[0]) else 1.0, abs(y[0]) if math.isfinite(y[0]) else 1.0
    )
    return x[0] <= y[1] + tol and y[0] <= x[1] + tol


def _date_parts(iso: str) -> tuple[int | None, int | None, int | None]:
    if iso.startswith("---"):
        return None, None, int(iso[3:])
    if iso.startswith("--"):
        parts = iso[2:].split("-")
        return None, int(parts[0]), int(parts[1]) if len(parts) > 1 else None
    parts = iso.split("-")
    return int(parts[0]), int(parts[1]) if len(parts) > 1 else None, int(parts[2]) if len(parts) > 2 else None


def _dates_agree(x: str, y: str) -> bool | None:
    common = [
        (p, q) for p, q in zip(_date_parts(x), _date_parts(y), strict=True) if p is not None and q is not None
    ]
    if not common:
        return None
    return all(p == q for p, q in common)


def is_specific(a: Anchor) -> bool:
    """Whether an anchor is rare enough to tie two sentences together: a sum of money, a duration,
    a percentage, a count, a clock time, a day of a given month, or a bare number of 3+ digits that
    is not a year. A bare "2" or "2026", or a day of month alone, recurs all over an article."""
    if a.kind == "date":
        return _date_parts(a.value)[1:] != (None, None) and None not in _date_parts(a.value)[1:]
    if a.kind == "number":
        return a.value >= 100 and not (1900 <= a.value <= 2100 and float(a.value).is_integer())
    return True


def anchor_evidence(anchors_a: list[list[Anchor]], anchors_b: list[list[Anchor]]) -> list[list[int]]:
    """Sentence-pair evidence from anchors: 1 when the two sentences share an agreeing specific
    anchor (see is_specific), else 0. Rows are sentences of one article, columns of the other; feed
    to ``align_sentences(evidence=...)``. Disagreeing figures give no penalty on purpose: "25분" vs
    "35 minutes" is the kind of difference the comparison must still line up and report."""
    spec_b = [[y for y in ys if is_specific(y)] for ys in anchors_b]
    out = []
    for xs in anchors_a:
        spec = [x for x in xs if is_specific(x)]
        out.append([int(any(anchors_agree(x, y) for x in spec for y in ys)) for ys in spec_b])
    return out
