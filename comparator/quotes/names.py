"""Offline name readings: Hangul romanization, kana to romaji, kanji readings, Sino-Korean readings.

Everything a speaker key needs to put 강유정 / 姜由楨 / Kang Yu-jung, or 石破 / 이시바 / Ishiba,
on the same Latin spelling. fugashi + unidic-lite give Japanese readings; the Tagger is built once,
on first use.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from comparator.errors import MissingDependencyError

# ---------------------------------------------------------------- Hangul (Revised Romanization)

_INITIALS = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "_",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_VOWELS = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
# Final consonants as pronounced at the end of a syllable (representative sounds).
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t",
           "t", "ng", "t", "t", "k", "t", "p", "t"]  # fmt: skip


def romanize_hangul(text: str) -> str:
    """Revised Romanization, syllable by syllable (no sound-change rules): 강유정 -> gangyujeong."""
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            out.append(ch)
            continue
        ini, rest = divmod(code, 588)
        med, fin = divmod(rest, 28)
        out.append(_INITIALS[ini].replace("_", "") + _VOWELS[med] + _FINALS[fin])
    return "".join(out)


def is_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


# Korean surnames: Hangul -> the spelling most used in English, plus every other common spelling.
KOREAN_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"), "이": ("lee", "yi", "rhee", "i", "ri", "rhie"), "박": ("park", "bak", "pak", "bahk"),
    "최": ("choi", "choe", "chae"), "정": ("jung", "jeong", "chung", "cheong"), "강": ("kang", "gang"),
    "조": ("cho", "jo", "joh"), "윤": ("yoon", "yun"), "장": ("jang", "chang"), "임": ("lim", "im", "rim"),
    "한": ("han",), "오": ("oh", "o"), "서": ("seo", "suh", "so"), "신": ("shin", "sin"),
    "권": ("kwon", "gwon"), "황": ("hwang",), "안": ("ahn", "an"), "송": ("song",), "류": ("ryu", "yoo", "yu"),
    "유": ("yoo", "yu", "you"), "홍": ("hong",), "전": ("jeon", "chun", "jun"), "고": ("ko", "go"),
    "문": ("moon", "mun"), "손": ("son", "sohn"), "양": ("yang",), "배": ("bae", "pae"), "백": ("baek", "paik"),
    "허": ("heo", "huh"), "남": ("nam",), "심": ("shim", "sim"), "노": ("roh", "noh", "no"), "하": ("ha",),
    "곽": ("kwak", "gwak"), "성": ("sung", "seong"), "차": ("cha",), "주": ("joo", "ju", "chu"),
    "우": ("woo", "u"), "구": ("koo", "ku", "gu"), "민": ("min",), "진": ("jin", "chin"), "나": ("na", "ra"),
    "지": ("ji", "chi"), "엄": ("eom", "um"), "채": ("chae",), "원": ("won",), "천": ("cheon", "chun"),
    "방": ("bang",), "공": ("kong", "gong"), "현": ("hyun", "hyeon"), "함": ("ham",), "변": ("byun", "byeon"),
    "염": ("yeom", "yum"), "여": ("yeo", "yuh"), "추": ("choo", "chu"), "도": ("do", "doh"), "석": ("seok", "suk"),
    "설": ("seol", "sul"), "길": ("gil", "kil"), "위": ("wi", "wee"), "표": ("pyo",), "기": ("ki", "gi"),
    "반": ("ban",), "왕": ("wang",), "금": ("keum", "geum"), "옥": ("ok",), "육": ("yook", "yuk"),
    "맹": ("maeng",), "탁": ("tak",), "국": ("kook", "guk"), "마": ("ma",),
}  # fmt: skip
_SURNAME_VARIANT = {v: hangul for hangul, vs in KOREAN_SURNAMES.items() for v in vs}


def canonical_surname(token: str) -> str | None:
    """'Yi' / 'Rhee' / 'Lee' -> 'lee' when the token is a known Korean surname spelling."""
    hangul = _SURNAME_VARIANT.get(token.lower())
    return KOREAN_SURNAMES[hangul][0] if hangul else None


COMPOUND_SURNAMES = {"남궁", "황보", "제갈", "선우", "독고", "사공"}


def korean_name_roman(name: str) -> list[str]:
    """Hangul personal name -> [surname, given]: 강유정 -> ['kang', 'yujung'] (variants squashed)."""
    name = name.replace(" ", "")
    if len(name) >= 4 and name[:2] in COMPOUND_SURNAMES:
        return [romanize_hangul(name[:2]), readable(romanize_hangul(name[2:]))]
    if len(name) in (2, 3, 4) and name[0] in KOREAN_SURNAMES:
        return [KOREAN_SURNAMES[name[0]][0], readable(romanize_hangul(name[1:]))]
    return [readable(romanize_hangul(name))]


def readable(roman: str) -> str:
    """Fold the spelling variants of romanized Korean and Japanese: yoo/yu, jeong/jung, ō/ou/o."""
    s = unicodedata.normalize("NFKD", roman.lower())
    s = "".join(ch for ch in s if ch.isalpha())
    for a, b in (("eo", "u"), ("oo", "u"), ("ee", "i"), ("ou", "o"), ("oh", "o"), ("uu", "u"), ("wo", "o")):
        s = s.replace(a, b)
    return s


def loose(roman: str) -> str:
    """A coarser spelling for matching only: voicing, r/l, sh/s, ch/j, doubled letters, final nasals."""
    s = readable(roman)
    # Japanese su / tsu in Hangul are 스 / 쓰 / 츠 (seu, sseu, cheu): 마쓰무라 = Matsumura
    s = re.sub(r"(?:ss|s|tts|ch|jj)eu", "su", s)
    s = re.sub(r"(?<!n)g", "k", s)
    for a, b in (("sh", "s"), ("ch", "j"), ("ts", "s"), ("d", "t"), ("b", "p"), ("r", "l"), ("f", "h")):
        s = s.replace(a, b)
    s = re.sub(r"(.)\1", r"\1", s)
    s = re.sub(r"(ng|m)(?=[^aeiouy]|$)", "n", s)
    # Katakana writes the Korean vowel ㅓ as o (ジョン for 정), English as u (Jung): merge them.
    return s.replace("u", "o")


# ---------------------------------------------------------------- kana -> romaji (Hepburn)

_KANA = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o", "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke",
    "コ": "ko", "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so", "タ": "ta", "チ": "chi",
    "ツ": "tsu", "テ": "te", "ト": "to", "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho", "マ": "ma", "ミ": "mi", "ム": "mu",
    "メ": "me", "モ": "mo", "ヤ": "ya", "ユ": "yu", "ヨ": "yo", "ラ": "ra", "リ": "ri", "ル": "ru",
    "レ": "re", "ロ": "ro", "ワ": "wa", "ヲ": "o", "ン": "n", "ガ": "ga", "ギ": "gi", "グ": "gu",
    "ゲ": "ge", "ゴ": "go", "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo", "ダ": "da",
    "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do", "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be",
    "ボ": "bo", "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po", "ヴ": "vu", "ァ": "a",
    "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}  # fmt: skip
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}


def kana_to_romaji(kana: str) -> str:
    """Katakana or hiragana -> Hepburn romaji without macrons: イシバ -> ishiba, ジョン -> jon."""
    kata = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in kana)
    out: list[str] = []
    double = False
    for ch in kata:
        if ch == "ッ":
            double = True
            continue
        if ch in _SMALL_Y and out:
            prev = out.pop()
            stem = prev[:-1] if prev.endswith("i") else prev
            syl = stem + ("" if stem.endswith(("sh", "ch", "j")) else "y") + _SMALL_Y[ch]
        elif ch in "ァィゥェォ" and out and out[-1][-1] in "aeiou" and len(out[-1]) > 1:
            syl = out.pop()[:-1] + _KANA[ch]  # ファ -> fa, ティ -> ti
        elif ch == "ー":
            continue  # long vowel: dropped, as in most English spellings (Ōno -> Ono)
        else:
            syl = _KANA.get(ch, "")
        if double and syl:
            syl = syl[0] + syl
            double = False
        out.append(syl)
    return "".join(out)


def is_kana_or_kanji(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


# ---------------------------------------------------------------- Japanese readings (fugashi)


@functools.cache
def _tagger():  # type: ignore[no-untyped-def]
    try:
        import fugashi
    except ImportError as exc:  # pragma: no cover - fugashi is a core dependency
        raise MissingDependencyError("fugashi", "Japanese name readings") from exc
    return fugashi.Tagger()


def japanese_reading(text: str) -> list[tuple[str, str, str]]:
    """(surface, katakana reading, UniDic name tag: 姓 / 名 / other) for each token of ``text``."""
    return [(word.surface, *_kana_and_tag(word)) for word in _tagger()(text)]


@functools.cache
def japanese_name_roman(name: str) -> tuple[str, ...]:
    """Kanji/kana name -> romaji tokens: 石破茂 -> ('ishiba', 'shigeru'); カン・ユジョン -> ('kan', 'yujon').

    The first of ``japanese_name_readings``: a lone name or a full name's first word is read as a
    surname when UniDic has a surname entry for it (茂木 -> motegi, not the given name shigeki).
    """
    return japanese_name_readings(name)[0]


@functools.cache
def japanese_name_readings(name: str, limit: int = 4) -> tuple[tuple[str, ...], ...]:
    """Every reading UniDic offers for a name, most likely first, at most ``limit``.

    Kanji names are ambiguous in ways no rule settles: 高村 is Kōmura (UniDic's first, after
    Kōmura Masahiko) or Takamura, 河野 is Kōno or Kawano, 菅 is Kan or Suga. The alternatives let a
    caller keep the reading that other-language mentions of the same person confirm.
    """
    if re.fullmatch(r"[ァ-ヴー・=＝]+", name):
        return (tuple(kana_to_romaji(p) for p in re.split(r"[・=＝]", name) if p),)
    per_token = [[_fold_long(kana_to_romaji(k)) for k in ks] for ks in _ranked_token_readings(name)]
    per_token = [ks for ks in per_token if ks]
    if not per_token:
        return ((),)
    # Alternatives by total rank: change one word's reading before two.
    combos = sorted(
        itertools.product(*(list(enumerate(ks)) for ks in per_token)),
        key=lambda combo: sum(rank for rank, _ in combo),
    )
    out: list[tuple[str, ...]] = []
    for combo in combos:
        reading = tuple(r for _, r in combo)
        if reading not in out:
            out.append(reading)
        if len(out) == limit:
            break
    return tuple(out)


_NBEST = 24  # lattice paths searched for other readings of the best segmentation's words


def _ranked_token_readings(name: str) -> list[list[str]]:
    """Katakana readings of each word of the best segmentation of ``name``, most likely first.

    UniDic's cost order, except that the first word prefers a surname (姓) entry and later words a
    given-name (名) entry: a name's first word is its family name in Japanese order.
    """
    paths = _tagger().nbestToNodeList(name, _NBEST)
    best = [w.surface for w in paths[0]]
    found: list[list[tuple[str, str]]] = [[] for _ in best]
    for path in paths:
        if [w.surface for w in path] != best:
            continue  # another segmentation: its words are not alternatives of these
        for i, word in enumerate(path):
            entry = _kana_and_tag(word)
            if entry[0] and entry not in found[i]:
                found[i].append(entry)
    ranked = []
    for i, entries in enumerate(found):
        wanted = "姓" if i == 0 else "名"
        # Beyond UniDic's first entry only name entries count: 茂 as シゲ (a common noun) is no name.
        entries = entries[:1] + [e for e in entries[1:] if e[1] in ("姓", "名")]
        entries = sorted(entries, key=lambda e: e[1] != wanted)  # stable: cost order otherwise
        ranked.append(list(dict.fromkeys(kana for kana, _ in entries)))
    return ranked


def _kana_and_tag(word) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    f = word.feature
    kana = getattr(f, "kana", None) or ""
    if not kana and re.fullmatch(r"[ァ-ヴー・]+", word.surface):
        kana = word.surface
    tag = f.pos4 if getattr(f, "pos3", "") == "人名" else (f.pos3 or "")
    return kana.replace("・", ""), tag


def _fold_long(roman: str) -> str:
    # Long vowels written out in kana (オオモリ, コウイチ) are folded as English spells names: Omori, Koichi.
    return re.sub(r"o[ou]|uu", lambda m: m.group()[0], roman)


# ---------------------------------------------------------------- Sino-Korean readings of hanja

_SINO_KOREAN_PAIRS = (
    "金김李이朴박崔최鄭정姜강趙조尹윤張장林임韓한吳오呉오申신徐서權권権권黃황黄황安안宋송柳류洪홍全전高고"
    "文문孫손梁양裵배白백曺조曹조許허南남沈심盧노河하郭곽成성車차朱주禹우具구閔민兪유劉유陳진羅나池지嚴엄"
    "厳엄元원蔡채千천方방孔공玄현咸함卞변廉염楊양邊변辺변呂여秋추魯노都도石석蘇소愼신慎신馬마薛설吉길延연"
    "魏위表표明명奇기潘반王왕琴금玉옥陸육印인孟맹卓탁秦진鞠국在재寅인錫석悅열悦열博박槿근惠혜恵혜大대中중"
    "泳영三삼武무鉉현俊준賢현秀수英영美미貞정正정楨정晶정由유有유裕유維유永영榮영栄영泰태鎭진鎮진眞진真진"
    "珍진知지智지志지浩호鎬호昊호勳훈勲훈薰훈勇용龍용竜용容용東동珉민民민敏민旻민壽수淑숙淳순順순承승昇승"
    "勝승湜식植식信신新신善선宣선鮮선仙선雪설燮섭世세聖성性성誠성星성盛성昭소素소松송宗종鍾종種종周주珠주"
    "柱주駿준埈준峻준重중仲중基기起기琪기奎규圭규赫혁炫현玹현顯현顕현泫현亨형炯형衡형慧혜好호虎호弘홍和화"
    "華화煥환桓환喜희熙희姬희姫희希희男남年년娜나蘭란來래来래亮량良량連련蓮련烈렬玲령鈴령寧녕禮례礼례路로"
    "祿록倫륜律률栗률利리理리梨리麟린立립海해夏하學학学학翰한漢한恒항奉봉鳳봉富부斌빈彬빈士사思사相상"
    "尙상尚상祥상常상瑞서書서碩석奭석先선說설説설晟성守수受수修수樹수純순崇숭瑟슬時시始시軾식臣신實실"
    "実실心심我아雅아娥아岳악愛애若약陽양洋양彦언汝여然연姸연妍연硏연研연淵연燕연鍊련練련列열炎염葉엽映영"
    "瑛영藝예芸예睿예五오吾오溫온温온完완旺왕堯요耀요用용鏞용雨우宇우佑우祐우旭욱昱욱雲운雄웅源원媛원"
    "月월偉위允윤潤윤胤윤銀은恩은乙을音음義의宜의二이伊이翼익仁인一일日일任임姿자子자慈자作작長장章장宰재"
    "載재才재哉재典전定정廷정庭정政정靜정静정禎정鼎정祖조朝조照조佐좌主주宙주之지址지芝지直직辰진振진晋진"
    "昌창彩채采채天천哲철喆철徹철淸청清청靑청青청楚초初초聰총聡총春춘忠충治치台태太태澤택沢택宅택平평"
    "杓표豊풍弼필必필鶴학含함杏행香향憲헌馨형紅홍花화晃황會회会회孝효曉효暁효輝휘休휴興흥德덕徳덕國국国국"
    "道도洙수燦찬換환西서北북小소光광範범禧희熏훈斗두杜두濟제済제澈철翔상暢창彰창旼민玟민求구九구球구"
    "揆규珪규炳병秉병丙병升승郁욱鐘종晙준鎔용溶용瑢용氣기箕기洗세豪호根근殖식材재"
)
SINO_KOREAN: dict[str, str] = {
    _SINO_KOREAN_PAIRS[i]: _SINO_KOREAN_PAIRS[i + 1] for i in range(0, len(_SINO_KOREAN_PAIRS), 2)
}


def sino_korean(name: str) -> str | None:
    """Hanja -> Hangul when every character is in the table: 姜由楨 -> 강유정."""
    if not name or any(ch not in SINO_KOREAN for ch in name):
        return None
    return "".join(SINO_KOREAN[ch] for ch in name)


def looks_korean_hanja_name(name: str) -> bool:
    """A one-character Korean surname and a two-character given name that UniDic does not read
    as one Japanese given name (姜由楨 yes; 林芳正 no: UniDic knows 芳正 = ヨシマサ)."""
    if len(name) != 3 or sino_korean(name) is None or name[0] not in SINO_KOREAN:
        return False
    tokens = japanese_reading(name)
    given = [t for t in tokens if t[0] != name[0]]
    return not (len(given) == 1 and given[0][2] == "名" and given[0][1])
