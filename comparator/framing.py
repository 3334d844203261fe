"""Wording and framing: distinctive words by log-odds, and the curated lexicon of contested terms.

Two complementary signals (issue 4, difference kind 3):

- ``log_odds_z``: the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
  2008, "Fightin' Words", eq. 16-22) of word use in one article against the event's other coverage in
  the SAME language: words cannot be compared across languages, and the prior (the pooled counts of
  that language's coverage) keeps rare words from looking distinctive by chance.
- ``Lexicon``: contested terms (Dokdo / 竹島, East Sea / 日本海, 강제징용 / 旧朝鮮半島出身労働者, comfort
  women) from comparator/data/lexicon/contested_terms.json, flagging which side's wording an outlet
  uses. The same file lists topics (what a sentence is about) and official outlets.

Tokens are content words only: fugashi/UniDic for Japanese, particle and predicate rules for Korean
(no analyser: building Kiwi costs seconds per process, more than the whole comparison), a regex with a
stop list for English. Offsets index the text given.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from comparator.errors import ComparatorError, MissingDependencyError, UnsupportedLanguageError

log = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon" / "contested_terms.json"
LANGS = ("ja", "ko", "en")
MIN_Z = 1.96  # two-sided 95 %: weaker log-odds differences are not reported as distinctive
MIN_COUNT = 2  # a word used once is not a wording choice

# ------------------------------------------------------------------ tokens


@dataclass(frozen=True)
class Token:
    term: str  # lemma (ja/ko) or lower-cased word (en)
    start: int
    end: int


# Function-like words that pass the part-of-speech filter but say nothing about framing.
_EN_STOP = frozenset(
    str.split(
        "a about above after again against all also am an and any are as at be because been before being "
        "below between both but by can could did do does doing down during each few for from further had has "
        "have having he her here hers herself him himself his how i if in into is it its itself just me more "
        "most my myself no nor not now of off on once only or other our ours ourselves out over own same she "
        "should so some such than that the their theirs them themselves then there these they this those "
        "through to too under until up very was we were what when where which while who whom why will with "
        "would you your yours yourself yourselves said says say told tell added according mr ms mrs one two "
        "three four five six seven eight nine ten also would could may might must shall per via"
    )
)
# Stems that pass the Korean rules below but say nothing about framing (에 대한, 을 위해, 을 통해 …).
_KO_STOP = frozenset(
    "대한 위한 통한 관한 따른 의한 인한 향한 대해 위해 통해 관해 따라 인해 향해 이날 이번 지난 오전 오후 이후 당시 "  # noqa: SIM905
    "우리 저희 것은 것을 것이 것으로 이를 이에 있는 없는 같은 함께 또한 라고".split()
)
_JA_CONTENT = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
_JA_STOP_POS2 = frozenset({"数詞", "非自立可能", "助数詞可能"})
_JA_STOP = frozenset({"為る", "居る", "有る", "成る", "言う", "事", "物", "所", "者", "為", "様"})
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")

_tagger: Any = None
_tagger_lock = threading.Lock()


def _ja_tagger() -> Any:
    global _tagger
    if _tagger is None:
        with _tagger_lock:
            if _tagger is None:
                try:
                    import fugashi
                except ImportError as exc:
                    raise MissingDependencyError("fugashi", "Japanese word counts") from exc
                _tagger = fugashi.Tagger()
    return _tagger


def tokenize(text: str, lang: str) -> list[Token]:
    """Content words of ``text`` with their spans."""
    return list(_tokenize(text, lang))


@lru_cache(maxsize=512)  # the same stored article is often compared again (API, event pages)
def _tokenize(text: str, lang: str) -> tuple[Token, ...]:
    return tuple(_tokens(text, lang))


def _tokens(text: str, lang: str) -> list[Token]:
    if lang == "en":
        return [
            Token(m.group(0).lower(), m.start(), m.end())
            for m in _EN_WORD.finditer(text)
            if len(m.group(0)) > 1 and m.group(0).lower() not in _EN_STOP
        ]
    if lang == "ko":
        return _ko_tokens(text)
    if lang == "ja":
        return _ja_tokens(text)
    raise UnsupportedLanguageError(f"word counts are made for ja, ko and en text, not {lang!r}")


# Korean content words without a morphological analyser (building Kiwi and loading its dictionary
# costs 3-6 s per process, more than everything else in a comparison): an eojeol minus its particles,
# a 하다/되다 predicate reduced to its noun (합의했다 -> 합의), other predicates dropped. Cruder than
# Kiwi's lemmas, but the log-odds statistic only counts words, and a noun-heavy news text keeps its
# nouns. Single syllables are dropped as before (Kiwi tokens of length 1 were).
_KO_EOJEOL = re.compile(r"[가-힣]+|[一-龥]+|[A-Za-z]{2,}")
_KO_PREDICATE = re.compile(
    r"(?:하|했|한|할|하는|하고|하며|하면서|하기로|하기|하게|하겠|하여|해|해야|해서|했고|했으며|했지만|했던|하던|"
    r"되|됐|된|될|되는|되고|되며|돼|됐고|됐으며|받았|받은|받는|시켰|시킨|시키)"
    r"(?:다|다고|다며|다는|으며|고|며|지만|는데|던|음|기로|겠다|겠다고)?$"
)
# Longest first; a one-syllable particle only comes off a stem of two or more syllables, so 국가,
# 회의 and 나이 stay whole. 도 and 만 are left on (한반도, 독도 and 일본만 cannot be told apart).
_KO_PARTICLES = sorted(
    "은 는 이 가 을 를 의 에 와 과 로 들 으로 에서 에게 께서 까지 부터 보다 처럼 이나 라고 이라고 라는 "  # noqa: SIM905
    "이라는 이며 으로서 로서 에는 에서는 에도 와의 과의 으로는 로는 이란 에서의 에게는".split(),
    key=len,
    reverse=True,
)
# Other predicates (밝혔다, 이뤄졌으며, 떨어졌고): a past-tense syllable or a final 다 ends the word.
_KO_OTHER_PREDICATE = re.compile(
    r"(?:[었았였졌혔렸웠켰쳤겼왔갔났냈섰봤줬](?:다|으며|고|지만|는데|던|다고|다며|으나)?|다|다고|다며|다는)$"
)
_KO_KEEP = tuple(
    str.split("회의 합의 협의 논의 동의 결의 건의 항의 주의 정의 국가 평가 대가 작가 차이 사이 일본해")
)


def _ko_tokens(text: str) -> list[Token]:
    out = []
    for m in _KO_EOJEOL.finditer(text):
        word = m.group(0)
        if "\u4e00" <= word[0] <= "\u9fff" or word[0].isascii():
            out.append(Token(word, m.start(), m.end()))
            continue
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue  # a counter or unit after a number: 20명이, 25분간, 3번째
        stem = _ko_stem(word)
        if len(stem) >= 2 and stem not in _KO_STOP:
            out.append(Token(stem, m.start(), m.start() + len(stem)))
    return out


def _ko_stem(word: str) -> str:
    for _ in range(2):  # 관계자들이 -> 관계자들 -> 관계자
        for p in _KO_PARTICLES:
            if (
                word.endswith(p)
                and len(word) - len(p) >= (2 if len(p) == 1 else 1)
                and not word.endswith(_KO_KEEP)
            ):
                word = word[: -len(p)]
                break
        else:
            break
    pred = _KO_PREDICATE.search(word)
    if pred and pred.start() >= 2:
        return word[: pred.start()]
    return "" if _KO_OTHER_PREDICATE.search(word) else word


def _ja_tokens(text: str) -> list[Token]:
    out, at = [], 0
    for w in _ja_tagger()(text):
        surface = w.surface
        start = text.find(surface, at)
        if start < 0:  # the tagger normalised something: keep going from where we were
            continue
        at = start + len(surface)
        f = w.feature
        if f.pos1 not in _JA_CONTENT or f.pos2 in _JA_STOP_POS2:
            continue
        # Proper nouns keep their surface: UniDic's lemma of a name is its katakana reading.
        term = surface if f.pos2 == "固有名詞" or not f.lemma else str(f.lemma)
        if term not in _JA_STOP and not term.isdigit():
            out.append(Token(term, start, at))
    return out


# ------------------------------------------------------------------ log-odds (Monroe et al. 2008)


def log_odds_z(
    counts_i: Mapping[str, int], counts_j: Mapping[str, int], prior: Mapping[str, float]
) -> dict[str, float]:
    """z-scores of the log-odds ratio of each word in corpus i vs corpus j with Dirichlet prior ``prior``.

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w);   z_w = delta_w / sqrt(var_w)
    Positive z: distinctive of i; negative: of j. Words absent from the prior get no score.
    """
    a0 = float(sum(prior.values()))
    n_i, n_j = float(sum(counts_i.values())), float(sum(counts_j.values()))
    out: dict[str, float] = {}
    for w, a in prior.items():
        if a <= 0:
            continue
        yi, yj = float(counts_i.get(w, 0)), float(counts_j.get(w, 0))
        delta = math.log((yi + a) / (n_i + a0 - yi - a)) - math.log((yj + a) / (n_j + a0 - yj - a))
        out[w] = delta / math.sqrt(1.0 / (yi + a) + 1.0 / (yj + a))
    return out


def dirichlet_prior(background: Mapping[str, int], size: float) -> dict[str, float]:
    """Prior pseudo-counts a_w = size * p_bg(w): the background's word distribution, ``size`` strong."""
    total = float(sum(background.values())) or 1.0
    return {w: size * c / total for w, c in background.items()}


@dataclass
class Distinctive:
    term: str
    z: float
    count: int
    spans: list[tuple[int, int]]


def distinctive_terms(
    tokens: list[list[Token]], langs: list[str], *, min_z: float = MIN_Z, min_count: int = MIN_COUNT
) -> list[list[Distinctive]]:
    """For each article, the words distinctive of it against the other articles in its language.

    The prior is the pooled counts of that language's coverage (this article included), at a strength
    equal to their total: the informative prior of Monroe et al. with the event as background. An
    article with no other same-language coverage gets nothing: there is nothing to compare it to.
    """
    counts = [Counter(t.term for t in toks) for toks in tokens]
    out: list[list[Distinctive]] = []
    for i, toks in enumerate(tokens):
        others = [j for j in range(len(tokens)) if j != i and langs[j] == langs[i]]
        if not others or not toks:
            out.append([])
            continue
        rest: Counter[str] = Counter()
        for j in others:
            rest.update(counts[j])
        background = counts[i] + rest
        z = log_odds_z(counts[i], rest, dirichlet_prior(background, float(sum(background.values()))))
        found = [
            Distinctive(w, s, counts[i][w], [(t.start, t.end) for t in toks if t.term == w])
            for w, s in z.items()
            if s >= min_z and counts[i][w] >= min_count
        ]
        out.append(sorted(found, key=lambda d: (-d.z, d.term)))
    return out


# ------------------------------------------------------------------ lexicon


@dataclass(frozen=True)
class TermMatch:
    concept: str
    variant: str  # "ko" | "ja" | "neutral", or the topic name for topics
    term: str
    start: int
    end: int
    text: str
    # Cited rather than the outlet's own wording: inside quotation marks, attributed to a side
    # ("竹島（韓国名・独島）", "which Seoul calls Dokdo") or one of a neutral pair ("Dokdo/Takeshima").
    quoted: bool = False


_OPEN_CLOSE = {"「": "」", "『": "』", "“": "”", "‘": "’", "《": "》", "〈": "〉"}
_STRAIGHT = "\"'"


class Lexicon:
    """Contested terms, topics and official outlets, matched per language."""

    def __init__(self, data: Mapping[str, Any], *, source: str = "<lexicon>") -> None:
        try:
            self.concepts: dict[str, dict[str, Any]] = dict(data["concepts"])
            self.topics: dict[str, dict[str, list[str]]] = dict(data.get("topics", {}))
            self.official: dict[str, list[str]] = dict(data.get("official_outlets", {}))
            self._terms = {lang: self._compile(lang) for lang in LANGS}
            self._topics = {lang: self._compile_topics(lang) for lang in LANGS}
        except (KeyError, TypeError, AttributeError, re.error) as exc:
            raise ComparatorError(f"{source}: not a valid contested-terms lexicon ({exc!r})") from exc

    def label(self, concept: str) -> str:
        return str(self.concepts.get(concept, {}).get("label", concept))

    def _compile(self, lang: str) -> list[tuple[re.Pattern[str], str, str, str]]:
        rows = []
        for concept, spec in self.concepts.items():
            for variant, by_lang in spec["variants"].items():
                rows += [(_pattern(t, lang), concept, variant, t) for t in by_lang.get(lang, [])]
        return rows

    def _compile_topics(self, lang: str) -> list[tuple[re.Pattern[str], str, str, str]]:
        return [
            (_pattern(t, lang), topic, topic, t)
            for topic, spec in self.topics.items()
            for t in spec.get(lang, [])
        ]

    def match(self, text: str, lang: str) -> list[TermMatch]:
        """Contested terms in ``text``; where two matches overlap the longer one wins. A term inside
        quotation marks, attributed to a side or paired with the other side's name is ``quoted``."""
        found = _matches(self._terms.get(lang, []), text, mark_quoted=True)
        paired = _neutral_pairs(found, text)
        return [
            m
            if m.quoted or not (m in paired or attributed(text, m.start, m.end, lang))
            else replace(m, quoted=True)
            for m in found
        ]

    def match_topics(self, text: str, lang: str) -> list[TermMatch]:
        return _matches(self._topics.get(lang, []), text, mark_quoted=False)

    def is_official(self, outlet: str | None) -> bool:
        """Whether ``outlet`` names a government office (its article is an official readout)."""
        if not outlet:
            return False
        low = outlet.casefold()
        return any(name.casefold() in low for names in self.official.values() for name in names)


# A term inside another name is no wording choice: (text not before it, text not after it). 동해 in
# 동해어업관리단 (an agency), 동해안 (the coast), 동해시 / 동해항 (a city and its port), 이동해 (a given
# name); 日本海溝 is the Japan Trench, in the Pacific. 동해상 ("on the East Sea") stays the sea.
_INSIDE_A_NAME: dict[tuple[str, str], tuple[str, str]] = {
    ("ko", "동해"): (r"[가-힣]", r"안|시|항|선|어업관리단|해양경찰서|해경서|지방해양경찰청"),
    ("ko", "독도"): (r"[가-힣]", ""),  # 단독도 ("alone, too")
    ("ja", "日本海"): ("", r"溝|新聞"),
    ("ja", "固有の領土"): ("韓国", ""),  # 「独島は韓国固有の領土だ」 is Seoul's claim, not Tokyo's wording
    ("en", "East Sea"): ("", r"\s+(?:Fisheries|Regional|Coast\s+Guard)\b"),
    # Retaliation in war, crime and politics is no trade wording: 보복전 / 보복 공격 (reprisal attacks),
    # 보복 운전 (road rage), 정치 보복, 報復攻撃, "retaliation strikes".
    ("ko", "보복"): (r"정치|정치 ", r"전|\s?(?:운전|공격|폭격|사격|타격|살인|폭행|범죄|테러|보도)"),
    ("ja", "報復"): (r"政治", r"攻撃|爆撃|戦|テロ|殺人"),
    ("en", "retaliation"): ("", r"\s+(?:strikes?|attacks?|fire|killings?)\b"),
    ("en", "retaliatory"): ("", r"\s+(?:strikes?|attacks?|fire|killings?|raids?|bombing)\b"),
}


def _pattern(term: str, lang: str) -> re.Pattern[str]:
    body = re.escape(term).replace(r"\ ", r"\s+")
    before, after = _INSIDE_A_NAME.get((lang, term), ("", ""))
    if before:
        # One look-behind per alternative: Python's must each be of fixed width ("정치" / "정치 ").
        body = "".join(rf"(?<!{alt})" for alt in before.split("|")) + body
    if after:
        body = rf"{body}(?!{after})"
    if lang == "en":
        return re.compile(rf"(?i)(?<![A-Za-z]){body}(?![A-Za-z])")
    return re.compile(body)


def _matches(
    rows: Iterable[tuple[re.Pattern[str], str, str, str]], text: str, *, mark_quoted: bool
) -> list[TermMatch]:
    found = [(m.start(), m.end(), c, v, t) for pat, c, v, t in rows for m in pat.finditer(text)]
    taken: list[tuple[int, int]] = []
    out = []
    for s, e, concept, variant, term in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(e <= ts or s >= te for ts, te in taken):
            taken.append((s, e))
            quoted = mark_quoted and in_quotes(text, s, e)
            out.append(TermMatch(concept, variant, term, s, e, text[s:e], quoted))
    return sorted(out, key=lambda m: m.start)


def in_quotes(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] sits inside quotation marks on its line (「竹島の日」, '다케시마의 날')."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before, after = text[line_start:start], text[end : len(text) if line_end < 0 else line_end]
    for o, c in _OPEN_CLOSE.items():
        if before.rfind(o) > before.rfind(c) and c in after:
            return True
    for q in _STRAIGHT:
        # An odd number of straight quotes before means one is open (apostrophes excluded in English).
        n = len(re.findall(rf"(?<![A-Za-z]){q}|{q}(?![A-Za-z])", before)) if q == "'" else before.count(q)
        if n % 2 == 1 and q in after:
            return True
    return False


# A side's name for the islets, sea or people, given as that side's and not the outlet's (QA pass 5,
# W2): "竹島（韓国名・独島）", "독도(일본명 다케시마)", "일본이 다케시마라고 부르는", "which Seoul calls
# Dokdo and Tokyo calls Takeshima", "Seoul, which calls them Dokdo", "known as Dokdo in Korea".
_SIDE_JA = r"(?:韓国|日本|北朝鮮|中国|米国)"
_SIDE_KO = r"(?:한국|일본|북한|중국|미국)"
_SIDE_EN = r"(?:Seoul|Tokyo|(?:South |North )?Korea|Japan|Koreans?|Japanese|Pyongyang|Beijing|China)"
_ATTRIBUTED_BEFORE = {
    "ja": re.compile(
        rf"{_SIDE_JA}(?:側)?(?:名|の?呼称|語名|での名称|では|で[はの]呼び名)[・：:、\s]?[「『]?$"
    ),
    "ko": re.compile(
        rf"{_SIDE_KO}\s?(?:측\s?)?(?:명|이름|명칭|식\s?표기|식\s?명칭|에서는|이\s?부르는)[\s:·,]*['‘\"“]?$"
    ),
    "en": re.compile(
        rf"(?i)(?:\b(?:which|who|that|what)\s+{_SIDE_EN}?\s*calls?\s+(?:them\s+|it\s+)?"
        rf"|\b{_SIDE_EN}\s+calls?\s+(?:them\s+|it\s+)?"
        rf"|\b(?:known|called|referred\s+to)\s+(?:in|by)\s+{_SIDE_EN}\s+as\s+"
        rf"|\b(?:Korean|Japanese)\s+name[,:]?\s+|\b{_SIDE_EN}'s\s+name\s+(?:for\s+them\s+)?(?:is\s+)?)[\"“']?$"
    ),
}
_ATTRIBUTED_AFTER = {
    "ja": re.compile(r"^[」』]?(?:と(?:呼ぶ|呼ん|呼ば|称す|称し))"),
    "ko": re.compile(r"^['’\"”]?(?:이?라고|로)\s?(?:부르|칭하|표기하|주장하|명명)"),
    "en": re.compile(rf"(?i)^[\"”']?,?\s+(?:as\s+{_SIDE_EN}\s+calls?\b|\((?:Korean|Japanese)\s+name\))"),
}
# "known as Dokdo in Korea": the side follows the name, after "known as" / "called".
_EN_KNOWN_AS = re.compile(r"(?i)\b(?:known|called|referred\s+to)\s+as\s+[\"“']?$")
_EN_IN_SIDE = re.compile(rf"(?i)^[\"”']?\s+in\s+{_SIDE_EN}\b")


def attributed(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the term at text[start:end] is given as a side's name for the place rather than as
    the outlet's own word ("韓国名・独島", "which Seoul calls Dokdo", "일본이 다케시마라고 부르는")."""
    before, after = _ATTRIBUTED_BEFORE.get(lang), _ATTRIBUTED_AFTER.get(lang)
    if before is None or after is None:
        return False
    head, tail = text[max(0, start - 40) : start], text[end : end + 20]
    if lang == "en" and _EN_KNOWN_AS.search(head) and _EN_IN_SIDE.match(tail):
        return True
    return bool(before.search(head) or after.search(tail))


# Two sides' names joined as one neutral name: "Dokdo/Takeshima", "독도·다케시마", "竹島/独島".
_PAIR_GAP = re.compile(r"\s?(?:/|／|・|·)\s?")


def _neutral_pairs(found: list[TermMatch], text: str) -> set[TermMatch]:
    out: set[TermMatch] = set()
    for a, b in zip(found, found[1:], strict=False):
        same = a.concept == b.concept and {a.variant, b.variant} == {"ko", "ja"}
        if same and _PAIR_GAP.fullmatch(text[a.end : b.start]):
            out |= {a, b}
    return out


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ComparatorError(f"{path}: cannot read the contested-terms lexicon ({exc})") from exc
    return Lexicon(data, source=str(path))
