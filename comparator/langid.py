"""Language identification: script heuristics first, langdetect (seeded) for the rest.

Scripts settle the three languages comparator is built for: Hangul means Korean, kana means
Japanese. Text written only in Han characters is Chinese unless it is short and shows no Chinese
marker (a kanji-only Japanese headline): the body of the article decides, since the title and body
are counted together. Latin and other scripts go to langdetect, seeded so the answer is the same on
every run. A language declared by the input is kept unless it contradicts a clear signal; then the
detected language wins and a warning is logged. Codes are ISO 639-1 as langdetect spells them
('ja', 'ko', 'en', 'fr', 'zh-cn', 'zh-tw').
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

from comparator.errors import UnsupportedLanguageError

log = logging.getLogger(__name__)

# Han-only text at least this long is Chinese: Japanese prose always carries kana.
MIN_HAN_FOR_CHINESE = 20
# A kana share (of kana + Han) at or above this marks Japanese even with a stray kana in Chinese text.
MIN_KANA_SHARE = 0.05
# Latin text this long on which langdetect is this sure overrides a declared Latin-script language.
MIN_LETTERS_TO_OVERRIDE = 200
MIN_PROB_TO_OVERRIDE = 0.99
# langdetect reads at most this much; more only costs time.
MAX_DETECT_CHARS = 3000


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Share of words from _ENGLISH_ONLY_WORDS that makes short Latin text English despite langdetect.
ENGLISH_WORD_SHARE = 0.2
_ENGLISH_ONLY_WORDS = _words(
    "the and that this you she they his what why how who would have had with but been said says "
    "your their there which when were it's i'm don't didn't doesn't can't won't isn't aren't "
    "wasn't i've i'll he's she's they're we're you're"
)

# Characters that occur in one of Japanese / simplified / traditional Chinese and not the others.
_JA_ONLY = frozenset(
    "経総図駅検権歳転価円気広売読続関発対実鉄県変伝労営応沢焼戦様両済挙働覧辺拠脳楽薬歩悪帰単弾"
    "団乗処毎満訳観顔険験駆軽継証譲剤雑桜縦徳闘稲盗豊齢湾巣浜"
)
_ZH_CN_ONLY = frozenset(
    "们这说发经时对过还进关东车长门问间书见为开业实现动从产员达运选举务总导领网华亿个吗呢讲认让"
)
_ZH_TW_ONLY = frozenset("們這說發經對關實從產舉總嗎沒國會學體臺灣來讓價樂藥氣廣賣讀續變傳戰圖權歲轉鐵縣兩濟")

_ALIASES = {
    "jp": "ja",
    "jpn": "ja",
    "japanese": "ja",
    "kr": "ko",
    "kor": "ko",
    "korean": "ko",
    "eng": "en",
    "english": "en",
    "zh": "zh-cn",
    "zho": "zh-cn",
    "cmn": "zh-cn",
    "chinese": "zh-cn",
    "zh-hans": "zh-cn",
    "zh-sg": "zh-cn",
    "zh-hant": "zh-tw",
    "zh-hk": "zh-tw",
    "zh-mo": "zh-tw",
}
_CJK_SCRIPT = {"ko": "hangul", "ja": "kana", "zh-cn": "han", "zh-tw": "han"}

_detect_lock = threading.Lock()


@dataclass
class ScriptCounts:
    hangul: int = 0
    kana: int = 0
    han: int = 0
    latin: int = 0
    other: int = 0  # letters of any other script (Cyrillic, Arabic, Thai, ...)
    ja_marks: int = 0
    zh_cn_marks: int = 0
    zh_tw_marks: int = 0

    @property
    def letters(self) -> int:
        return self.hangul + self.kana + self.han + self.latin + self.other

    @property
    def cjk(self) -> int:
        return self.hangul + self.kana + self.han


@dataclass
class Detection:
    lang: str
    script: str  # "hangul" | "kana" | "han" | "latin" | "other"
    clear: bool  # strong enough to overrule a declared language


def count_scripts(text: str) -> ScriptCounts:
    c = ScriptCounts()
    for ch in text:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            c.hangul += 1
        elif 0x3041 <= o <= 0x30FA or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9D:
            c.kana += 1
        elif (
            0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF
        ):
            c.han += 1
            c.ja_marks += ch in _JA_ONLY
            c.zh_cn_marks += ch in _ZH_CN_ONLY
            c.zh_tw_marks += ch in _ZH_TW_ONLY
        elif ch in "々〆":
            c.kana += 1  # Japanese-only iteration marks
        elif ch.isalpha():
            if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
                c.latin += 1
            else:
                c.other += 1
    return c


def detect_language(
    text: str, *, title: str = "", declared: str | None = None, source: str | None = None
) -> str:
    """The language of an article (body ``text`` and ``title`` together), as an ISO 639-1 code.

    Raises UnsupportedLanguageError when there is nothing to identify (no letters) or langdetect
    finds no language; ``source`` names the input in that message.
    """
    counts = count_scripts(f"{title}\n{text}")
    if counts.letters == 0:
        raise UnsupportedLanguageError("no letters in text, so no language can be identified", source=source)
    found = _by_script(counts) or _by_langdetect(text if _has_letters(text) else title, counts, source)
    wanted = normalize_code(declared) if declared else None
    if wanted is None:
        return found.lang
    if _contradicts(wanted, found):
        log.warning(
            "%sdeclared language %r contradicts the text (%s script, detected %r); using %r",
            f"{source}: " if source else "",
            declared,
            found.script,
            found.lang,
            found.lang,
        )
        return found.lang
    return wanted


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _mostly_cjk(c: ScriptCounts) -> bool:
    # A CJK character carries about as much as two Latin letters: "Appleは新型iPhoneを発表" is Japanese.
    return 2 * c.cjk >= c.latin + c.other


def _by_script(c: ScriptCounts) -> Detection | None:
    """ko / ja / zh from the CJK scripts, or None when the text is mostly in another script."""
    if not _mostly_cjk(c):
        return None
    if c.hangul and c.hangul >= 0.3 * c.cjk and c.hangul > c.kana:
        return Detection("ko", "hangul", True)
    if c.kana and (c.kana >= 2 or c.kana >= MIN_KANA_SHARE * (c.kana + c.han)):
        return Detection("ja", "kana", True)
    if c.han == 0:
        return None
    return _han_only(c)


def _han_only(c: ScriptCounts) -> Detection | None:
    marks = {"ja": c.ja_marks, "zh-cn": c.zh_cn_marks, "zh-tw": c.zh_tw_marks}
    best = max(marks, key=lambda k: marks[k])
    if c.han >= MIN_HAN_FOR_CHINESE:
        # Long Han-only text is Chinese; the markers only choose simplified or traditional.
        lang = "zh-tw" if c.zh_tw_marks > c.zh_cn_marks else "zh-cn"
        return Detection(lang, "han", True)
    if marks[best] > 0 and list(marks.values()).count(marks[best]) == 1:
        return Detection(best, "han", False)
    return None  # short and unmarked: langdetect, or the declared language, decides


def _by_langdetect(text: str, c: ScriptCounts, source: str | None) -> Detection:
    langs = _langdetect(text[:MAX_DETECT_CHARS], source)
    if _mostly_cjk(c):
        # Short Han-only text: langdetect's n-grams are weak here; keep to the Han-script languages.
        ranked = [(lang, p) for lang, p in langs if lang in ("ja", "zh-cn", "zh-tw")]
        lang = ranked[0][0] if ranked else "zh-cn"
        return Detection(lang, "han", False)
    script = "latin" if c.latin >= c.other else "other"
    lang, prob = langs[0]
    if script == "latin" and lang != "en" and _looks_english(text):
        lang, prob = "en", 0.0
    confident = c.latin + c.other >= MIN_LETTERS_TO_OVERRIDE and prob >= MIN_PROB_TO_OVERRIDE
    # Latin or another non-CJK script is always clear against a declared ja/ko/zh.
    return Detection(lang, script, confident)


def _looks_english(text: str) -> bool:
    """Short English ("Tom grabbed his bag.") that langdetect calls Danish or Afrikaans.

    Only words that are not also common words of another Latin-script language count ("is", "to",
    "he", "of", "my" are left out: Dutch, Polish, Spanish).
    """
    words = re.findall(r"[a-z]+(?:['’][a-z]+)?", text[:MAX_DETECT_CHARS].lower())
    if not words:
        return False
    hits = sum(w.replace("’", "'") in _ENGLISH_ONLY_WORDS for w in words)
    return hits >= 1 and hits >= ENGLISH_WORD_SHARE * len(words)


def _langdetect(text: str, source: str | None) -> list[tuple[str, float]]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    with _detect_lock:  # the seed is global state
        DetectorFactory.seed = 0
        try:
            found = detect_langs(text)
        except LangDetectException as exc:
            raise UnsupportedLanguageError(f"langdetect found no language ({exc})", source=source) from exc
    if not found:
        raise UnsupportedLanguageError("langdetect found no language", source=source)
    return [(x.lang, x.prob) for x in found]


def _contradicts(wanted: str, found: Detection) -> bool:
    if _base(wanted) == _base(found.lang):
        return False
    expected = _CJK_SCRIPT.get(wanted, "latin-or-other")
    if found.script in ("hangul", "kana"):
        return True  # Hangul and kana are unmistakable
    if found.script == "han":
        # A kanji-only headline may well be Japanese; only long Han-only text rules ja out.
        return expected != "han" and (expected != "kana" or found.clear)
    # Latin or other script: a CJK declaration is wrong; another one only if langdetect is sure.
    return expected != "latin-or-other" or found.clear


def _base(code: str) -> str:
    return code.split("-")[0]


def normalize_code(code: str | None) -> str | None:
    """'ja-JP' -> 'ja', 'zh_Hant' -> 'zh-tw', 'Korean' -> 'ko'; None for something unusable."""
    if not code:
        return None
    key = code.strip().lower().replace("_", "-")
    if key in _ALIASES:
        return _ALIASES[key]
    if key.startswith("zh-"):
        return "zh-tw" if key in ("zh-tw",) or "hant" in key else "zh-cn"
    primary = key.split("-")[0]
    if primary in _ALIASES:
        return _ALIASES[primary]
    if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha():
        return primary
    log.warning("ignoring unusable declared language %r", code)
    return None
