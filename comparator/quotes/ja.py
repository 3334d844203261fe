"""Japanese quotes: 「…」と述べた, …と強調した (indirect), …によると, …としている, …という。

A quotation counts only when a speech cue follows it (と/などと/との + 述べた, 語った, 強調した …):
「」 and 『』 around titles and scare quotes (映画『…』, いわゆる「…」) have no cue and are skipped.
The speaker is the topic or subject phrase (…は / …が) of the sentence, or one placed between the
quotation and the verb (「…」と林官房長官は述べた). Without one, resolution falls back to the
article's previous speaker (Japanese drops repeated subjects).
"""

from __future__ import annotations

import re

from comparator.quotes.common import Candidate, quote_spans, sentence_spans, trim
from comparator.schema import Article

_CUE_STEMS = (
    "述べ|語っ|語り|語る|話し|話す|強調し|説明し|明らかにし|指摘し|批判し|主張し|発表し|表明し|訴え|言っ|"
    "明かし|反論し|伝え|答え|コメントし|発言し|書き込ん|投稿し|記し|報じ|非難し|警告し|呼びかけ|明言し|"
    "言及し|抗議し|要求し|求め|否定し|認め|示唆し|分析し|反発し|述懐し|断言し|力説し|強調|応じ|返し|"
    # readouts: …旨の発言があった / …旨の説明があった
    "発言があ|説明があ|言及があ"
)
_SHOWN = r"(?:考え|認識|見方|見通し|意向|方針|懸念|立場|姿勢|見解|期待)を(?:示し|明らかにし|表明し|強調し)"
# an official statement: 「…」とのコメントを出した / との声明を出した / との談話を発表した
_ISSUED = r"(?:コメント|声明|声明文|談話|見解|メッセージ)を(?:出し|発表し|公表し|発し|寄せ)"
_CUE = rf"(?P<cue>(?:{_SHOWN}|{_ISSUED}|{_CUE_STEMS})(?:ている|ていた|ています|りました|ました|ます|った|た|る)?)(?=[、。）」\s]|$|て|ず|と)"
# What may stand between the quotation's と and the verb: a speaker, a listener, an adverbial.
_AFTER = re.compile(rf"^(?P<to>(?:など|とも)?と(?:も)?、?|との|って)(?P<mid>[^。「」『』]{{0,40}}?){_CUE}")
# 「…」と呼ぶ / 呼んで / 称する: the quotation is what something is called.
_NAMING = re.compile(r"(?:呼[ばびぶべぼん]|称[しすさせ])")
_TOSHI = re.compile(r"^(?:など)?(?P<cue>と(?:している|していた|した))(?=[、。]|$)")
_NP = r"[々〆ヵヶ一-龯ァ-ヴーA-Za-zＡ-Ｚａ-ｚ・]"
# A bracketed reading may follow a name: 宋泰憲（ソン・テホン）大統領は.
# So may an alias in Latin letters: 日本政府観光局（JNTO）は.
_READING = r"(?:（[ァ-ヴー・]{2,20}）|（[A-ZＡ-Ｚ]{2,10}）)"
# Official readouts put the speaker before から: 大森総理から、…旨述べました.
_SPEAKER = re.compile(
    rf"(?<!{_NP})(?P<np>(?:{_NP}+の)?{_NP}+?(?:{_READING}{_NP}*?)?(?:氏|さん)?)(?P<p>は|が|からは?(?=、))(?!ず)"
)
_NOT_SPEAKERS = {
    "同日", "今回", "一方", "今後", "現在", "当時", "これ", "それ", "問題", "今日", "昨年", "今年", "背景",
    "理由", "目的", "狙い", "結果", "内容", "会談", "会見", "発言", "声明",
}  # fmt: skip
# と closes reported speech; 旨 ("to the effect that") does in official readouts (…したい旨述べた).
# と + a meeting or "together" is "with" (…長官と会談し, …伝えるとともに), never the end of a report.
_WITH = r"(?:会談|会見|面会|協議|会っ|会い|対談|電話|ともに|共に|一緒|連携|協力|同様|比べ|並ん)"
# A clause nominalised by こと also ends a report (…があったことを/も明らかにした); the と of こと is
# no quotative と. A clause right before a shown-intent noun is one too (…確認する考えを示した).
_CLAUSE_END = re.compile(
    rf"(?P<to>(?<=[ぁ-んァ-ヴー一-龯々）)」])(?:など)?(?:(?<![こと])と(?!{_WITH})|旨を?)|(?<=こと)[をも]|"
    rf"(?<=[るたい])(?=(?:考え|意向|方針|見通し|認識|見解)を))、?(?P<mid>[^。「」]{{0,30}}?){_CUE}"
)
_REPLY = re.compile(r"(?<=[たる])のに対し(?:て)?、")
_ACCORDING = re.compile(r"(?P<src>[^、。]{1,30}?)(?P<cue>によると|によれば)、?")
_HEARSAY = re.compile(r"(?P<cue>という|とのことだ|としている|とした)。?$")


def extract(article: Article) -> list[Candidate]:
    """Quote candidates of a Japanese article, in text order."""
    text = article.text
    out: list[Candidate] = []
    for s, e in sentence_spans(article):
        out.extend(_sentence(text, s, e))
    return out


def _sentence(text: str, s: int, e: int) -> list[Candidate]:
    found: list[Candidate] = []
    for qs, qe in quote_spans(text, s, e):
        if text[qs] not in '「『“"':
            continue
        c = _direct(text, s, e, qs, qe)
        if c:
            found.append(c)
    if found:
        return found
    # "AからX旨述べたのに対し、BからはY旨述べました": a readout's exchange is two reports
    cuts = list(_REPLY.finditer(text, s, e))
    if cuts:
        starts = [s] + [m.end() for m in cuts]
        ends = [m.start() for m in cuts] + [e]
        pieces = [_indirect(text, a, b) for a, b in zip(starts, ends, strict=True)]
        if sum(c is not None for c in pieces) > 1:
            return [c for c in pieces if c]
    return [c for c in (_indirect(text, s, e), _according(text, s, e)) if c][:1]


def _direct(text: str, s: int, e: int, qs: int, qe: int) -> Candidate | None:
    rest = text[qe:e]
    m = _AFTER.match(rest)
    if m and _NAMING.match(m.group("mid")):
        return None  # 「独島」と呼んで…主張している: a name for a thing, not the words of a speaker
    toshi = None if m else _TOSHI.match(rest)
    if not m and not toshi:
        return None
    hit = m or toshi
    assert hit is not None
    cue = (qe + hit.start("cue"), qe + hit.end("cue"))
    speaker = None
    if m:
        speaker = _speaker_in(text, qe + m.start("mid"), qe + m.end("mid"))
    if speaker is None:
        speaker = _speaker_in(text, s, qs)
    return Candidate(qs, qe, "direct", cue, speaker)


def _indirect(text: str, s: int, e: int) -> Candidate | None:
    """'林長官は、…と述べた' / '…としている': content between the speaker and と."""
    seg = text[s:e]
    # the last cue in the sentence governs the whole clause before it
    # "ロシアとの軍事協力に…懸念を表明し": と + の + another noun is "with", not the end of a report
    ends = [
        c
        for c in _CLAUSE_END.finditer(seg)
        if not (c.group("mid").startswith("の") and c.group("mid") != "の")
    ]
    m = ends[-1] if ends else None
    if m is not None and _NAMING.match(m.group("mid")):
        return None  # …と呼んで主張している: what a thing is called, not reported speech
    if m is None:
        hs = _HEARSAY.search(seg)
        if not hs or hs.group("cue") == "という":
            return None
        return _span_before(text, s, s + hs.start(), (s + hs.start("cue"), s + hs.end("cue")))
    cue = (s + m.start("cue"), s + m.end("cue"))
    speaker = _speaker_in(text, s + m.start("mid"), s + m.end("mid"))
    if speaker is not None:
        cs, ce = _content_start(text, s, s + m.start()), s + m.start()
        cs, ce = trim(text, cs, ce, "、")
        return Candidate(cs, ce, "indirect", cue, speaker) if ce - cs >= 4 else None
    return _span_before(text, s, s + m.start(), cue)


def _span_before(text: str, s: int, end: int, cue: tuple[int, int]) -> Candidate | None:
    speaker = _speaker_in(text, s, end)
    if speaker and text.startswith("から", speaker[1]):
        # 'Aから、…求め、Bから、…旨の発言があった': the cue belongs to the last 'Xから、'.
        while (nxt := _speaker_in(text, speaker[1] + 2, end)) and text.startswith("から", nxt[1]):
            speaker = nxt
    cs = speaker[1] + (2 if speaker and text.startswith("から", speaker[1]) else 1) if speaker else s
    cs = _content_start(text, cs, end)
    cs, ce = trim(text, cs, end, "、")
    if ce - cs < 4:
        return None
    return Candidate(cs, ce, "indirect", cue, speaker)


def _content_start(text: str, cs: int, end: int) -> int:
    """Skip the adverbial right after the speaker ('8日の記者会見で、') up to its comma."""
    while cs < end and text[cs] in "はが、 ":
        cs += 1
    lead = re.match(r"(?:また|さらに|なお|一方で?)、", text[cs:end])
    if lead:  # 同氏はまた、…: a connective, not part of what was said
        cs += lead.end()
    comma = text.find("、", cs, min(end, cs + 20))
    if comma != -1 and re.search(r"(?:で|に|後|際|中|日|では|には|(?<!こと)から)$", text[cs:comma]):
        return comma + 1
    return cs


def _according(text: str, s: int, e: int) -> Candidate | None:
    seg = text[s:e]
    m = _ACCORDING.search(seg)
    if not m:
        return None
    src = _tail_np(text, s + m.start("src"), s + m.end("src"))
    cs = s + m.end()
    ce = e
    tail = re.search(r"(?:という|とのことだ|としている|と伝えた|と報じた)?。?$", text[cs:ce])
    if tail:
        ce = cs + tail.start()
    cs, ce = trim(text, cs, ce, "、")
    if ce - cs < 4:
        return None
    return Candidate(cs, ce, "indirect", (s + m.start("cue"), s + m.end("cue")), src)


def _tail_np(text: str, s: int, e: int) -> tuple[int, int] | None:
    m = re.search(rf"(?:{_NP}+の)?{_NP}+$", text[s:e])
    return (s + m.start(), e) if m else None


def _speaker_in(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The first topic or source phrase (…は, …から、) in ``text[s:e]``, else the first subject
    phrase (…が): in '賠償命令が確定した訴訟を巡り、財団は…と明らかにした' the が is in a relative clause."""
    first = None
    for m in _SPEAKER.finditer(text, s, e):
        np = m.group("np")
        core = re.sub(_READING, "", np).split("の")[-1]
        count = re.search(r"[0-9０-９]+$", text[max(s, m.start() - 6) : m.start()])
        if count and m.group("p") == "は" and len(core) == 1:
            # "このうち31点は、韓国が…と明記した", "3氏は…": a counted topic is the sentence's subject,
            # and the が-phrase after it is inside the reported clause
            return m.start("np") - len(count.group()), m.end("np")
        if core in _NOT_SPEAKERS or len(core) < 2 and core != "同":
            continue
        if m.group("p").startswith("から") and not _names_a_source(np):
            continue  # 9日から、東京から: a time or a place, not a speaker
        if m.group("p") != "が":
            return m.start("np"), m.end("np")  # 'Xは' or 'Xから、' ('大森総理から、…旨述べた')
        first = first or (m.start("np"), m.end("np"))
    return first


def _names_a_source(np: str) -> bool:
    from comparator.quotes.mentions import parse_ja

    m = parse_ja(np)
    return (
        (m.kind == "person" and m.role is not None)
        or m.kind in ("role", "body")
        or np.endswith(("氏", "さん"))
    )
