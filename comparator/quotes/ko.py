"""Korean quotes: "…"고 말했다 / "…"라고 밝혔다 (direct), …다고 전했다 (indirect), …에 따르면.

A quotation counts only when a quotative ending and a speech verb follow it ("…"(이)라고 / 고 /
며 + 말했다, 밝혔다, 전했다, 강조했다 …); quotation marks around titles and scare quotes have none
and are skipped. '…' inside "…" stays part of the outer quotation. The speaker is the sentence's
topic or subject phrase (…은/는/이/가) with the nouns before it (강유정 대통령실 대변인은), or one
placed between the quotation and the verb ("…"라고 외교부는 밝혔다).
"""

from __future__ import annotations

import re

from comparator.quotes import names as nm
from comparator.quotes.common import Candidate, quote_spans, sentence_spans, trim
from comparator.quotes.mentions import BODIES, COUNTRIES, ROLES
from comparator.schema import Article

_VERBS = (
    "말했|밝혔|전했|강조했|덧붙였|설명했|지적했|주장했|비판했|언급했|발표했|답했|반박했|촉구했|당부했|"
    "경고했|호소했|토로했|시사했|우려했|평가했|분석했|보도했|전망했|적었|썼|꼬집었|일축했|부인했|"
    "반발했|항의했|요구했|설명|말하|밝히|강조하|전하|했|"
    # the uncontracted forms of official readouts: 말하였다, 강조하였다, 화답하였다, 밝히었다, 덧붙이었다
    "하였|밝히었|붙이었"
)
_CUE = rf"(?P<cue>(?:{_VERBS})(?:다|습니다|으며|며|고|는데|지만|다며|어요|던|[ㄴ은]|)?)"
_AFTER = re.compile(
    rf"^(?P<q>(?:이)?라(?:고|며|면서)|고|며|면서)\s*(?P<mid>[^\"“”.]{{0,50}}?)\s*{_CUE}(?=[\s.,]|$)"
)
_CHAIN = re.compile(r"^(?:(?:이)?라며|며|면서|(?:이)?라고)\s*,?\s*(?=[\"“])")
_INDIRECT = re.compile(rf"(?<=[다라냐자까])(?P<q>고)\s+(?P<mid>[^\"“”.]{{0,30}}?){_CUE}(?=[\s.,]|$)")
_ACCORDING = re.compile(r"(?P<src>[^,.\"“”]{1,40}?)\s*(?P<cue>에 따르면|에 의하면)\s*,?\s*")
_EOJEOL = re.compile(r"\S+")
_PARTICLE = re.compile(r"^(?P<np>.+?)(?P<p>은|는|이|가)$")
_ALSO = re.compile(r"^(?P<np>.+?)(?P<p>도)$")
_NOT_SPEAKERS = {
    "이는", "이번에는", "또는", "이날", "한편", "또", "또한", "앞서", "이어", "특히", "그러면서", "다만",
    "하지만", "그러나", "이에", "이번", "지난", "오늘", "어제", "당시", "현재", "최근", "전날", "이후",
    "그동안", "이같이", "같이", "많이", "이것이", "그것이", "문제는", "관계가", "것이", "수가",
}  # fmt: skip
# Endings that make a word a verb or an adverbial, not a speaker: 하는, 되는, 있는, 에는, 에서는 …
_VERBAL = re.compile(r"(?:하|되|있|없|않|받|보|나오|라|다|에|에서|에게|으로|로|과|와|까지|부터)$")
# "외교부에 따르면 박 장관은 …": the channel that ends before a speaker is not part of the speaker's name.
_CHANNELS = {"따르면", "의하면"}
# Titles that can follow a personal name (외무상, 대변인, 장관 …), not unnamed-source words.
_TITLES = [fs for role, fs in ROLES.items() if role not in ("official", "member-of-public")]
_ADVERBS = {
    "이날",
    "한편",
    "또",
    "또한",
    "앞서",
    "이어",
    "특히",
    "그러면서",
    "다만",
    "하지만",
    "그러나",
    "이에",
    "전날",
    "당시",
}


def extract(article: Article) -> list[Candidate]:
    """Quote candidates of a Korean article, in text order."""
    text = article.text
    out: list[Candidate] = []
    for s, e in sentence_spans(article):
        out.extend(_sentence(text, s, e))
    return out


def _sentence(text: str, s: int, e: int) -> list[Candidate]:
    quotes = [q for q in quote_spans(text, s, e) if text[q[0]] in '"“']
    found: list[Candidate] = []
    pending: list[tuple[int, int]] = []  # "…"며 "…"고 말했다: earlier parts share the last cue
    for qs, qe in quotes:
        if _CHAIN.match(text[qe:e]):
            pending.append((qs, qe))
            continue
        c = _direct(text, s, e, qs, qe)
        if c:
            found.extend(Candidate(ps, pe, "direct", c.cue, c.speaker) for ps, pe in pending)
            found.append(c)
        pending = []
    if found:
        return found
    c = _indirect(text, s, e) or _according(text, s, e)
    return [c] if c else []


def _direct(text: str, s: int, e: int, qs: int, qe: int) -> Candidate | None:
    m = _AFTER.match(text[qe:e])
    if not m:
        return None
    cue = (qe + m.start("cue"), qe + m.end("cue"))
    mid = _speaker_in(text, qe + m.start("mid"), qe + m.end("mid"))
    before = _speaker_in(text, s, qs)
    return Candidate(qs, qe, "direct", cue, _pick_speaker(text, m.group("q"), mid, before))


def _pick_speaker(
    text: str, quotative: str, mid: tuple[int, int] | None, before: tuple[int, int] | None
) -> tuple[int, int] | None:
    """Topic (은/는) beats subject (이/가); after 며/면서 a subject between the quotation and the verb
    is the subject of the next clause ("…"며 일본 기업들이 참여해 줄 것을 요청했다), not the speaker."""

    def topic(span: tuple[int, int] | None) -> bool:
        return span is not None and text[span[1] : span[1] + 1] in ("은", "는")

    if mid and (topic(mid) or before is None) and not (quotative in ("며", "면서", "라며") and before):
        return mid
    if before and (topic(before) or not mid):
        return before
    return mid or before


def _indirect(text: str, s: int, e: int) -> Candidate | None:
    """'강 대변인은 …다고 말했다': content between the speaker phrase and the quotative 고."""
    seg = text[s:e]
    # the sentence's last speech verb governs the clause before it
    m = next(reversed(list(_INDIRECT.finditer(seg))), None)
    if m is None:
        return None
    cue = (s + m.start("cue"), s + m.end("cue"))
    if _glued_non_speech(text, cue[0]):
        return None  # "…열겠다고 약속한 데 따라 등재에 동의했다": agreeing, not a report of speech
    end = s + m.start("q")
    speaker = _speaker_in(text, s + m.start("mid"), s + m.end("mid"))
    if speaker is None:
        speaker = _speaker_in(text, s, end)
        cs = _after_adverbials(text, speaker[1] if speaker else s, end)
    else:
        cs = _after_adverbials(text, s, end)
    cs, ce = trim(text, cs, end, ",")
    if ce - cs < 4:
        return None
    return Candidate(cs, ce, "indirect", cue, speaker)


# Nouns that make a speech verb with 했다 (요청했다, 약속했다, 판결했다); 동의했다, 결정했다 … do not.
_SPEECH_NOUNS = {"요청", "약속", "제안", "판결", "지시", "발언", "답변", "질문", "주문", "권고", "다짐", "공언", "예고",
                 "통보", "확인", "해명", "제의", "건의", "표명", "항의", "말", "밝", "보고", "지적", "강조", "설명",
                 "주장", "비판", "언급", "발표", "촉구", "당부", "경고", "호소", "시사", "우려", "평가", "분석", "보도",
                 "전망", "반박", "부인", "일축", "요구", "반발", "토로", "답", "선언", "결론", "판단", "초청", "권유",
                 "부탁", "문의", "안내", "제기", "질타", "반문", "자평", "고백", "회고", "전언", "예상", "예측", "추정",
                 "진단", "인정", "시인", "부정", "해석", "회신", "응답", "화답", "공감", "감사", "역설", "거론",
                 "맹비난", "비난", "규탄", "항변", "조언", "제언", "증언", "진술", "고발", "폭로"}  # fmt: skip


def _glued_non_speech(text: str, cue_start: int) -> bool:
    """A bare 했 written onto a noun that makes no speech verb of it."""
    if not text.startswith("했", cue_start) or cue_start == 0 or text[cue_start - 1].isspace():
        return False
    m = re.search(r"([가-힣]+)$", text[max(0, cue_start - 12) : cue_start])
    return m is not None and m.group(1) not in _SPEECH_NOUNS


def _after_adverbials(text: str, cs: int, end: int) -> int:
    """Skip the particle and the adverbials after a speaker ('은 이날 브리핑에서')."""
    m = re.match(r"[은는이가]?\s*", text[cs:end])
    cs += m.end() if m else 0
    while True:
        w = re.match(r"(\S+)\s+", text[cs:end])
        if not w or not (
            w.group(1).rstrip(",") in _ADVERBS
            or re.search(r"(?:에서|에서는|에게|에|,)$", w.group(1))
            or re.fullmatch(r"\d{1,2}일,?", w.group(1))  # the news dateline day: "JNTO는 21일 …"
        ):
            return cs
        cs += w.end()


def _according(text: str, s: int, e: int) -> Candidate | None:
    m = _ACCORDING.search(text, s, e)
    if not m:
        return None
    src = _noun_phrase_before(text, m.start("src"), m.end("src"))
    cs, ce = m.end(), e
    tail = re.search(r"(?:고 한다|고 전했다|는 것이다)?\s*\.?$", text[cs:ce])
    if tail:
        ce = cs + tail.start()
    cs, ce = trim(text, cs, ce, ",")
    if ce - cs < 4:
        return None
    return Candidate(cs, ce, "indirect", (m.start("cue"), m.end("cue")), src)


def _noun_phrase_before(text: str, s: int, e: int) -> tuple[int, int] | None:
    words = [(w.start(), w.end()) for w in _EOJEOL.finditer(text, s, e)]
    keep: list[tuple[int, int]] = []
    for ws, we in reversed(words):
        if text[ws:we] in _ADVERBS or text[we - 1] == "," or len(keep) >= 4:
            break
        keep.insert(0, (ws, we))
    return (keep[0][0], keep[-1][1]) if keep else None


def _has_batchim(ch: str) -> bool:
    code = ord(ch) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


def _speaker_in(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The first topic/subject phrase in ``text[s:e]`` that is not inside a relative clause, with
    up to three nouns before it."""
    words = [(w.start(), w.end()) for w in _EOJEOL.finditer(text, s, e)]
    for n, (ws, we) in enumerate(words):
        # "일본정부관광국(JNTO)은": an alias in brackets is part of the name, not a reason to skip it
        word = re.sub(r"\([^()\s]*\)", "", text[ws:we])
        m = _PARTICLE.match(word) or _ALSO.match(word)
        if not m or word in _NOT_SPEAKERS or not re.fullmatch(r"[가-힣A-Za-z0-9·]+", word):
            continue
        np, p = m.group("np"), m.group("p")
        if p == "도":
            # "관방장관도 … 밝혔다" ("the secretary, too, said"): only a title or a body takes 도
            # as the subject; "이번에도", "일본 측과도" are adverbials.
            if not _titled(np):
                continue
        # 은/이 follow a final consonant, 는/가 a vowel: this rules out most verb endings.
        elif _has_batchim(np[-1]) != (p in "은이") or _VERBAL.search(np):
            continue
        if _is_adnominal(text, words, n) or (p in "이가" and _modifies_later_noun(text, words, n)):
            continue  # "탄광이 있던 섬에서 자란 대표는": the subject of a relative clause
        if n + 1 < len(words) and _titled_head(text, words[n + 1]):
            continue  # "박현석 한은 총재는": 한은 (the bank) ends like a topic; the title is the head
        return _noun_start(text, words, n), we - 1
    return None


def _titled(np: str) -> bool:
    """The noun ends in a title (관방장관, 대변인) or is a known body (외교부, 해양경찰청)."""
    return any(np.endswith(f) for fs in _TITLES for f in fs) or any(
        np.endswith(f) for fs in BODIES.values() for f in fs if nm.is_hangul(f)
    )


def _titled_head(text: str, word: tuple[int, int]) -> bool:
    """The word is a title with a topic/subject particle ('총재는', '대변인이')."""
    m = _PARTICLE.match(text[word[0] : word[1]])
    return m is not None and any(m.group("np").endswith(f) for fs in _TITLES for f in fs)


def _noun_start(text: str, words: list[tuple[int, int]], n: int) -> int:
    """Start of the noun phrase ending in word ``n``: up to three bare nouns before it."""
    start = words[n][0]
    for i in range(n - 1, max(0, n - 3) - 1, -1):
        prev = text[words[i][0] : words[i][1]]
        if (
            prev in _ADVERBS
            or prev in _CHANNELS
            or not re.fullmatch(r"[가-힣A-Za-z0-9·]+", prev)
            or (_VERBAL.search(prev) and not _foreign_name_part(text, words, i, n))
            or _is_adnominal(text, words, i)
        ):
            break
        topic_name = i == n - 1 and prev[-1] in "은는" and _titled_head(text, words[n])  # 한은 총재는
        if re.search(r"(?:은|는|을|를|의|에서)$", prev) and not prev.endswith("의") and not topic_name:
            break
        if re.search(r"[다라]고$", prev):
            break  # "…화답했다고 강 대변인은": a quotative verb ends the clause before the speaker
        if prev.endswith("인") and _titled(prev[:-1]):
            break  # "정부 대변인인 마쓰다 관방장관은": "who is the spokesperson" describes the name
        start = words[i][0]
    return start


# A Japanese or Western name in Hangul often ends in a syllable that is also a verb ending or a
# particle (다카무라, 요시다, 이치로, 이시카와, 구보): before a title it is a name, not a verb.
_NAME_ENDINGS = re.compile(r"[가-힣][라다로와보하에]$")
_NOT_NAME_WORDS = {"따라", "그리고", "하지만", "또한", "이에", "함께", "아울러", "다만", "나아가"}


def _foreign_name_part(text: str, words: list[tuple[int, int]], i: int, head: int) -> bool:
    """Word ``i`` is part of a transliterated personal name in the noun phrase ending in word
    ``head`` ('다카무라 겐이치 일본 외무상은', '다카무라 외무상은'): it ends in a name-like syllable,
    the head is a title, and no case particle before it makes it the verb of an argument
    ('회담에 따라' is a verb)."""
    word = text[words[i][0] : words[i][1]]
    if not _NAME_ENDINGS.search(word) or word in _NOT_NAME_WORDS or word in _ADVERBS:
        return False
    if i > 0 and _ARGUMENT.search(text[words[i - 1][0] : words[i - 1][1]]):
        return False
    head_word = _ALSO.sub(r"\g<np>", _PARTICLE.sub(r"\g<np>", text[words[head][0] : words[head][1]]))
    return any(head_word.endswith(f) for fs in _TITLES for f in fs)


# Case particles that mark a verb's argument: the word after one is a verb, not a noun.
_ARGUMENT = re.compile(r"(?:을|를|에서|에게|에|으로|로|과|와|이|가)$")


def _is_adnominal(text: str, words: list[tuple[int, int]], i: int) -> bool:
    """Word ``i`` is a verb in an adnominal form that closes a relative clause: '일했던', '있던',
    or an -ㄴ/-은 past form ('자란', '닫은', '배석한') right after one of its arguments. A bare
    noun ending in ㄴ ('대변인', '최민호 씨' after '유족') has no argument before it."""
    word = text[words[i][0] : words[i][1]]
    if re.fullmatch(r"[가-힣]+던", word):
        return True
    last = ord(word[-1]) - 0xAC00
    if not (0 <= last < 11172 and last % 28 == 4) or i == 0 or word in COUNTRIES:  # final ㄴ; 일본
        return False
    prev = text[words[i - 1][0] : words[i - 1][1]]
    if word[-1] in "은는":
        # also the topic particle: only an object right before it ('문을 닫은') makes it a verb,
        # a place or time before a topic is common ('회견에서 대변인은')
        return prev.endswith(("을", "를"))
    return bool(_ARGUMENT.search(prev)) and prev not in _NOT_SPEAKERS


def _modifies_later_noun(text: str, words: list[tuple[int, int]], n: int) -> bool:
    """The subject in word ``n`` belongs to a relative clause: an adnominal verb follows it
    before the next topic/subject word."""
    for i in range(n + 1, len(words)):
        if _is_adnominal(text, words, i):
            return True
        if _PARTICLE.match(text[words[i][0] : words[i][1]]):
            return False
    return False
