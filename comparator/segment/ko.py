"""Korean sentence cuts: punctuation rules plus kiwipiepy where punctuation is missing.

Sentence marks followed by space end a sentence (the English rules, which also keep "조지 W. 부시"
together), except when a quotative particle follows a closing quote ("…없다.” 고 말했다"). Korean
sentences may also end without a mark (-다, -요 and other final endings); for those stretches the
morphology-based splitter of kiwipiepy (``Kiwi().split_into_sents``) decides. Running Kiwi only on
stretches that contain a candidate ending keeps a 40-sentence article at a few milliseconds, where
running it on every character costs about 1 ms per sentence; on FLORES and the Park news set its
extra cuts were all on mark-less endings, which this still covers (docs/language.md).

Building a ``Kiwi`` takes seconds and its model loads on first use, so one instance is built lazily
and shared (``get_kiwi``); other stages that need Korean morphology should reuse it.
"""

from __future__ import annotations

import logging
import re
import threading
import warnings
from typing import Any

from comparator.errors import MissingDependencyError
from comparator.segment import en
from comparator.segment._core import CLOSERS, words

log = logging.getLogger(__name__)

_kiwi: Any = None
_kiwi_lock = threading.Lock()


def get_kiwi() -> Any:
    """The shared ``kiwipiepy.Kiwi`` instance (single-threaded: the machine is shared)."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                try:
                    from kiwipiepy import Kiwi
                except ImportError as exc:
                    raise MissingDependencyError("kiwipiepy", "Korean sentence segmentation") from exc
                log.debug("building Kiwi")
                with warnings.catch_warnings():
                    # 0 means one thread since kiwipiepy 0.21, which is what we want; it warns anyway.
                    warnings.simplefilter("ignore", DeprecationWarning)
                    _kiwi = Kiwi(num_workers=0)
    return _kiwi


# A syllable that can close a sentence (했다, 합니다, 해요, 하죠, 할까), followed by more text.
_MARKLESS_END = re.compile(r"[다요죠까네](?=\s+\S)")
# Final consonants (jongseong index) of the syllable before 다 in a predicate: 한다/했다/없다/많다/
# 좋다/같다/높다. Nouns ending in 다 (캐나다, 바다) and the particle 보다 have none of them.
_JONG_BEFORE_DA = frozenset({4, 6, 18, 20, 25, 26, 27})
_BEFORE_YO = frozenset("어아해에예네지게래까세데워와줘봐돼여셔서러군걸")  # 해요, 있어요; not 주요, 필요
# A mark after a Hangul syllable ends a sentence whatever follows ("변합니다. pH 레벨은"): unlike in
# English, a lower-case word after it is no hint of an abbreviation.
_HANGUL_MARK = re.compile(r"(?<=[\uac00-\ud7a3])[.!?…]+[\"”’'」』)]*\s+(?=\S)")
# Particles and quotative endings that continue a sentence after a closing quote: "…다.” 고 말했다.
_PARTICLES = words(
    "고 라고 이라고 하고 며 라며 이라며 면서 라면서 는 은 을 를 이 가 에 의 와 과 로 으로 라는 이라는 란 이란 나 이나 등 도 만"
)
# A quotative or connective ending glued to a period continues the sentence: 어렵다.라고 말했다.
_GLUED_CONTINUATION = re.compile(r"(?:이?라(?:고|며|는|면서)|하고|고|며|란)(?:\s|$)")
# Headline-style one-character Hanja for a person or country (尹, 日, 美, 北) opens a sentence.
_LEADING_HANJA = re.compile(r"(?<=\s)[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,2}\s+$")


def cuts(line: str) -> list[int]:
    """Positions in ``line`` where a new sentence starts."""
    found = set(en.cuts(line)) | {m.end() for m in _HANGUL_MARK.finditer(line)}
    marked = sorted(c for c in found if c < len(line) and not _particle_follows(line, c))
    out = set(marked)
    bounds = [0, *marked, len(line)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if _has_markless_end(line, a, b):
            out.update(a + c for c in kiwi_cuts(line[a:b]))
    return sorted(out)


def _has_markless_end(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` may hold a sentence end without a mark: only then is Kiwi asked."""
    for m in _MARKLESS_END.finditer(line, start, end):
        i = m.start()
        prev = line[i - 1] if i > start else ""
        if not _is_hangul(prev):
            continue
        end_syllable = m.group()
        if end_syllable == "다" and ((ord(prev) - 0xAC00) % 28 in _JONG_BEFORE_DA or prev in "이니"):
            return True
        if end_syllable == "요" and prev in _BEFORE_YO:
            return True
        if end_syllable == "까" and ((ord(prev) - 0xAC00) % 28 == 8 or prev == "니"):
            return True  # 할까, 습니까
        if end_syllable == "네" and ((ord(prev) - 0xAC00) % 28 == 20 or prev in "하이"):
            return True  # 있네, 하네
        if end_syllable == "죠":
            return True
    return False


def _particle_follows(line: str, cut: int) -> bool:
    j = cut
    while j > 0 and line[j - 1].isspace():
        j -= 1
    if j == 0 or line[j - 1] not in CLOSERS:
        return False
    return line[cut:].split(maxsplit=1)[0] in _PARTICLES


def kiwi_cuts(line: str) -> list[int]:
    """Kiwi's sentence starts in ``line`` (after the first), with two corrections.

    Kiwi sometimes splits a word from its glued ending ("어렵다.라고", ""클리퍼"에") and attaches a
    headline Hanja (尹, 日) to the sentence before it.
    """
    sents = get_kiwi().split_into_sents(line, return_sub_sents=False)
    out: list[int] = []
    for s in sents[1:]:
        start = _checked_start(line, s.start, s.text)
        if start is None or _glued(line, start):
            continue
        # Kiwi attaches "尹" in "말했다. 尹 대통령은" to the sentence before; move the cut before it.
        m = _LEADING_HANJA.search(line, max(0, start - 8), start)
        out.append(m.start() if m else start)
    return out


def _glued(line: str, start: int) -> bool:
    """A cut with no space before it that splits a word from its particle or ending."""
    if start == 0 or line[start - 1].isspace():
        return False
    if line[start - 1] in CLOSERS:
        return _is_hangul(line[start])  # "클리퍼"에 대한: a particle after a quote
    return bool(_GLUED_CONTINUATION.match(line, start))


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _checked_start(line: str, start: int, text: str) -> int | None:
    # Kiwi reports Python character offsets; verify rather than trust, since a mismatch would put
    # every later sentence at the wrong place.
    if line.startswith(text, start):
        return start
    found = line.find(text, max(0, start - len(text)))
    if found < 0:
        log.warning("Kiwi sentence %r not found in its line; cut dropped", text[:40])
        return None
    return found
