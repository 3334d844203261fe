"""Tables behind comparator.anchors: numerals, units and qualifiers in Japanese, Korean and English.

Unit tables map a surface form to what a figure is normalised to: durations to seconds, money to
an ISO 4217 code, counts to a unit id, measures (lengths, weights) to metres and kilograms.
"""

from __future__ import annotations

import re
from typing import Any

FULLWIDTH = str.maketrans("０１２３４５６７８９．，％＄￥：～", "0123456789.,%$¥:~")

AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
KO_G = rf"{AR}(?:[십백천](?:{AR})?)*"
KO_NUM = rf"{KO_G}(?:[만억조](?: ?{KO_G}[만억조])*(?:{KO_G})?)?"
JA_KANJI = "〇一二三四五六七八九十百千"
JA_G = rf"(?:{AR}(?:[千百十](?:{AR})?)*|[{JA_KANJI}]+)"
JA_NUM = rf"{JA_G}(?:[万億兆](?:{JA_G}[万億兆])*(?:{JA_G})?)?"
JA_ARNUM = rf"{AR}(?:[千百十]?[万億兆](?:{AR}[千百十]?[万億兆])*(?:{AR})?)?"
# fmt: off
EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
}
EN_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
              "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
UNITS = "one|two|three|four|five|six|seven|eight|nine"
EN_WORD_NUM = (
    rf"(?:(?:{TENS})(?:-(?:{UNITS}))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    rf"|eighteen|nineteen|ten|{UNITS}|a dozen|dozen)"
)
EN_NUM = rf"(?:{AR}|{EN_WORD_NUM})(?:[ -](?:hundred|thousand|million|billion|trillion))*"
EN_MONEY_NUM = rf"{AR}(?:\s?(?:hundred|thousand|million|billion|trillion)|(?:bn|mn|mln|tn|[mbk])\b)?"
# Native Korean day counts: 이틀 is two days ("이틀째", "사흘간", "열흘 만에", "보름 동안").
KO_NATIVE_DAYS = {"하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7, "여드레": 8,
                  "아흐레": 9, "열흘": 10, "보름": 15}  # fmt: skip
KO_NATIVE = {"한": 1, "두": 2, "세": 3, "석": 3, "네": 4, "넉": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8,
              "아홉": 9, "열": 10, "열한": 11, "열두": 12, "스무": 20, "스물": 20, "서른": 30, "마흔": 40, "쉰": 50}
CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CJK_SMALL = {"十": 10, "百": 100, "千": 1000, "십": 10, "백": 100, "천": 1000}
CJK_BIG = {"万": 1e4, "億": 1e8, "兆": 1e12, "만": 1e4, "억": 1e8, "조": 1e12}
TOKEN = re.compile(rf"{AR}|\S")

# Kanji numerals inside ordinary words ("十分" enough, "一時" for a while, "一日" one day or the 1st).
JA_KANJI_WORDS = {"十分", "一時", "一日", "一度", "一人", "一つ", "一回", "一件", "一部"}

MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                            "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())} | {"sept": 9})
EN_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

# unit surface form -> factor (durations: seconds; money: ISO code; counts: unit id); value = number * factor
DURATION = {
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
CURRENCY = {
    "en": {"dollars": "USD", "dollar": "USD", "usd": "USD", "won": "KRW", "krw": "KRW", "yen": "JPY",
           "jpy": "JPY", "euros": "EUR", "euro": "EUR", "eur": "EUR", "yuan": "CNY", "renminbi": "CNY",
           "gbp": "GBP"},
    "ko": {"원": "KRW", "달러": "USD", "엔": "JPY", "유로": "EUR", "위안": "CNY", "파운드": "GBP"},
    "ja": {"円": "JPY", "ドル": "USD", "米ドル": "USD", "ウォン": "KRW", "ユーロ": "EUR", "人民元": "CNY",
           "元": "CNY", "ポンド": "GBP"},
}
SYMBOLS = {"us$": "USD", "$": "USD", "₩": "KRW", "¥": "JPY", "€": "EUR", "£": "GBP", "usd": "USD",
            "krw": "KRW", "jpy": "JPY", "eur": "EUR"}
PERCENT = {
    "en": {"%": 1, "percent": 1, "per cent": 1, "pct": 1, "percentage points": 1, "percentage point": 1},
    "ko": {"%": 1, "퍼센트": 1, "프로": 1, "%포인트": 1, "%p": 1, "퍼센트포인트": 1},
    "ja": {"%": 1, "パーセント": 1, "ポイント": 1, "割": 10},
}
# Percentage points: a "count" of unit "pp", compared only with other point changes.
POINTS = {"percentage points", "percentage point", "%포인트", "%p", "퍼센트포인트", "ポイント"}
COUNT = {
    "en": {"people": "person", "persons": "person", "person": "person", "times": "times", "cases": "case",
           "ships": "ship", "vessels": "ship", "missiles": "missile", "rockets": "missile", "rounds": "missile",
           "countries": "country", "nations": "country", "households": "household", "years old": "age",
           "-year-old": "age", "seats": "seat", "votes": "vote", "aircraft": "aircraft", "planes": "aircraft",
           "jets": "aircraft"},
    "ko": {"명": "person", "번": "times", "회": "times", "차례": "times", "건": "case", "개국": "country",
           "개": "item", "척": "ship", "발": "missile", "가구": "household", "세": "age", "살": "age",
           "석": "seat", "표": "vote", "곳": "item", "가지": "item"},
    "ja": {"人": "person", "名": "person", "回": "times", "件": "case", "個": "item", "つ": "item", "隻": "ship",
           "発": "missile", "か国": "country", "カ国": "country", "ヵ国": "country", "ヶ国": "country",
           "世帯": "household", "歳": "age", "才": "age", "議席": "seat", "票": "vote", "機": "aircraft",
           },
}
# Measures: surface form -> (base unit, factor); lengths become metres, weights kilograms, so
# "약 800㎞", "約750キロ", "about 500 miles" and "800-kilometre" compare on one scale. "キロ" / "킬로"
# alone is a distance unless the sentence is about weight (WEIGHT_WORDS).
_KM, _MILE, _NMI = ("m", 1000.0), ("m", 1609.344), ("m", 1852.0)
MEASURES = {
    "en": {"km": _KM, "kms": _KM, "kilometre": _KM, "kilometres": _KM, "kilometer": _KM, "kilometers": _KM,
           "mile": _MILE, "miles": _MILE, "nautical mile": _NMI, "nautical miles": _NMI, "metre": ("m", 1.0),
           "metres": ("m", 1.0), "meter": ("m", 1.0), "meters": ("m", 1.0), "feet": ("m", 0.3048),
           "foot": ("m", 0.3048), "ft": ("m", 0.3048), "kg": ("kg", 1.0), "kilogram": ("kg", 1.0),
           "kilograms": ("kg", 1.0), "kilo": ("kg", 1.0), "kilos": ("kg", 1.0), "tonne": ("kg", 1000.0),
           "tonnes": ("kg", 1000.0), "ton": ("kg", 1000.0), "tons": ("kg", 1000.0),
           "metric tons": ("kg", 1000.0)},
    "ko": {"킬로미터": _KM, "km": _KM, "㎞": _KM, "킬로": _KM, "마일": _MILE, "해리": _NMI, "미터": ("m", 1.0),
           "m": ("m", 1.0), "킬로그램": ("kg", 1.0), "kg": ("kg", 1.0), "㎏": ("kg", 1.0), "톤": ("kg", 1000.0),
           "t": ("kg", 1000.0)},
    "ja": {"キロメートル": _KM, "km": _KM, "㎞": _KM, "キロ": _KM, "マイル": _MILE, "海里": _NMI, "カイリ": _NMI,
           "浬": _NMI,
           "メートル": ("m", 1.0), "m": ("m", 1.0), "キログラム": ("kg", 1.0), "kg": ("kg", 1.0),
           "㎏": ("kg", 1.0), "トン": ("kg", 1000.0), "t": ("kg", 1000.0)},
}
# Units that are a distance or a weight depending on the sentence ("10キロの覚醒剤").
AMBIGUOUS_KILO = {"キロ", "킬로", "kilo", "kilos"}
WEIGHT_WORDS = re.compile(
    r"(?i)重さ|重量|体重|グラム|覚醒剤|覚せい剤|麻薬|大麻|薬物|金塊|コメ|漁獲|収穫|ごみ|荷物|爆薬|"
    r"무게|중량|체중|그램|마약|필로폰|대마|금괴|쌀|어획|수확|쓰레기|화물|폭약|"
    r"\b(?:weigh\w*|cocaine|heroin|drugs?|gold|rice|cargo|explosives?)\b"
)
# Speeds are not distances: 時速300キロ, 시속 300㎞, 300 km/h.
SPEED_BEFORE = re.compile(r"(?:時速|秒速|시속|초속)\s?$")
SPEED_AFTER = re.compile(r"^\s?(?:/h|/s|per hour|an hour|毎時)", re.I)
PREFIX = {
    "en": {"about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
           "nearly": "approx", "almost": "approx", "some": "approx", "an estimated": "approx",
           "more than": "over", "over": "over", "at least": "over", "less than": "under",
           "fewer than": "under", "under": "under", "up to": "under"},
    "ko": {"약": "approx", "대략": "approx", "최소": "over", "최대": "under", "최장": "under", "최단": "over"},
    "ja": {"約": "approx", "およそ": "approx", "最大": "under", "最低": "over", "少なくとも": "over",
           "最長": "under", "最短": "over"},
}
SUFFIX = {
    "en": {"or more": "over", "or so": "approx"},
    "ko": {"가량": "approx", "쯤": "approx", "정도": "approx", "남짓": "approx", "안팎": "approx",
           "내외": "approx", "이상": "over", "넘게": "over", "넘는": "over", "초과": "over", "이하": "under",
           "미만": "under", "여": "approx"},
    "ja": {"余り": "approx", "ほど": "approx", "程度": "approx", "前後": "approx", "近く": "approx",
           "以上": "over", "超": "over", "以下": "under", "未満": "under"},
}
# fmt: on
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}


def alt(forms: dict[str, Any] | list[str]) -> str:
    """Alternation, longest first so "개국" wins over "개" and "時間" over "時"."""
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


# Time zones a clock time may be given in ("午後4時（日本時間）", "오후 3시(현지시간)", "3 p.m. local
# time"). One canonical zone per offset: Japan and Korea share UTC+9, so 日本時間 and 한국시간 are
# one clock. A place's "local time" is its own zone, unknown here, kept apart from every other.
# fmt: off
TIME_ZONES = {
    "UTC+9": ["日本時間", "韓国時間", "東京時間", "日本時刻", "한국시간", "한국 시간", "서울시간", "일본시간",
              "일본 시간", "도쿄시간", "KST", "JST", "Japan time", "Korea time", "Korean time",
              "Japanese time", "Tokyo time", "Seoul time"],
    "UTC+8": ["北京時間", "중국시간", "베이징시간", "Beijing time", "Manila time"],
    "UTC": ["UTC", "GMT", "協定世界時", "グリニッジ標準時", "세계표준시", "그리니치", "Greenwich Mean Time"],
    "US Eastern": ["米東部時間", "미국 동부시간", "미 동부시간", "동부시간", "EST", "EDT", "Eastern time"],
    "local": ["現地時間", "現地時刻", "현지시간", "현지 시간", "local time"],
}
# fmt: on
ZONE_OF = {form.lower(): zone for zone, forms in TIME_ZONES.items() for form in forms}
