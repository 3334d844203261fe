"""Boilerplate lines of news pages, shared by scraped page text and HTML article bodies.

One table of line rules serves both readers (no copy): :mod:`comparator.ingest.scraped` uses the
END / NOISE rules to split a page into stories, :mod:`comparator.ingest.html` drops the same lines
from the text trafilatura extracts, because real pages carry furniture INSIDE ``<article>`` too.

Three kinds of rule, each matched against the whole stripped, NFKC-normalized line, case-insensitively:

- BOILERPLATE_RULES: END lines ("Related Articles", "관련 기사", "関連記事") and NOISE lines
  (share buttons, "좋아요 3", "Sign up").
- IN_ARTICLE_RULES: lines that sit inside an article body: bylines ("By Jane Doe | May 3, 2026"),
  datelines ("입력 2026.05.03 10:00 | 수정 …", "2026年5月3日 10時"), reporter e-mail lines,
  labelled links ("▶ 관련기사: …", "【関連記事】…", "Read more: …"), paywall and newsletter notices.
  A real sentence never matches: each rule needs a label, a separator or a line made only of a date.
- CREDIT_TAIL_RULES: credit tails ("ⓒ 한울뉴스, 무단전재 및 재배포 금지", "無断転載を禁じます"); removed
  from the end of a body, and a line that is nothing but a credit is dropped wherever it stands.

Left in, each of these becomes a one-line "sentence" that later steps count as a fact one outlet
reports and the others omit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

END = "end"
NOISE = "noise"


@dataclass(frozen=True)
class LineRule:
    """A boilerplate line: ``pattern`` must match the whole stripped line, case-insensitively."""

    kind: str  # END closes the current story; NOISE is dropped where it stands
    lang: str  # "en" | "ko" | "ja" | "*": for the reader of this table
    pattern: str


BOILERPLATE_RULES: tuple[LineRule, ...] = (
    # Sections that follow an article.
    LineRule(END, "en", r"(?:hash)?tags?"),
    LineRule(END, "en", r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?"),
    LineRule(END, "en", r"related (?:articles?|stories|news|posts|content|coverage)"),
    LineRule(END, "en", r"more from .{1,40}"),
    LineRule(END, "en", r"(?:you (?:may|might) also like|recommended(?: for you| stories| articles)?)"),
    LineRule(END, "en", r"(?:most (?:read|popular|viewed)|top stories|trending(?: now)?|read next)"),
    LineRule(END, "en", r"try our ai features"),
    LineRule(END, "en", r"explore what .{1,40} can do for you:?"),
    LineRule(END, "en", r"leave a (?:comment|reply)"),
    LineRule(END, "ko", r"(?:댓글|덧글)(?:\s*\(?\d+\)?)?"),
    LineRule(END, "ko", r"(?:관련\s?기사|관련\s?뉴스|추천\s?기사|주요\s?뉴스|많이\s?본\s?(?:뉴스|기사))"),
    LineRule(
        END,
        "ko",
        r"(?:가장\s?)?많이\s?본\s?기사|이\s?시각\s?(?:주요|인기)\s?뉴스|오늘의\s?(?:주요|인기)\s?뉴스",
    ),
    LineRule(END, "ko", r"(?:해시)?태그"),
    LineRule(
        END, "ja", r"(?:関連記事|関連ニュース|おすすめ記事|あわせて読みたい|人気記事|アクセスランキング)"
    ),
    LineRule(END, "ja", r"コメント(?:\s*\(?\d+件?\)?)?"),
    LineRule(END, "ja", r"(?:ハッシュ)?タグ"),
    # Share, navigation, account and advertising lines.
    LineRule(NOISE, "en", r"share(?: (?:this|the) (?:article|story|page))?(?: (?:on|via) \w+)?"),
    LineRule(
        NOISE, "en", r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|e-?mail|print|copy link)"
    ),
    LineRule(NOISE, "en", r"(?:read more|continue reading|show more|load more|see more)(?: \W)?"),
    LineRule(NOISE, "en", r"(?:sign up|sign in|log in|register|subscribe)(?: now| for free)?"),
    LineRule(
        NOISE, "en", r"(?:advertisement|ad|sponsored(?: content)?|story continues below(?: advertisement)?)"
    ),
    LineRule(NOISE, "en", r"(?:no comments yet|be the first to comment)\W*"),
    LineRule(NOISE, "en", r"(?:back to top|skip to (?:main )?content|menu|home|close|search)"),
    LineRule(NOISE, "en", r"(?:listen to this article|\d+ min(?:ute)? read|follow us(?: on .{1,30})?)"),
    # Like / reaction widgets with their counts ("좋아요 3", "12 likes", "いいね！ 5").
    LineRule(NOISE, "en", r"(?:\d+\s*likes?|likes?\s*\(?\d+\)?)"),
    LineRule(NOISE, "ko", r"(?:공유(?:하기)?|기사\s?더보기|더보기|구독(?:하기)?|광고|스크랩|인쇄)"),
    LineRule(NOISE, "ko", r"(?:좋아요|싫어요|추천|비추천|공감)(?:\s*\(?\d+\)?)?"),
    LineRule(
        NOISE, "ko", r"(?:카카오톡|페이스북|트위터|엑스|네이버\s?블로그|url\s?복사|링크\s?복사|글자\s?크기)"
    ),
    LineRule(NOISE, "ko", r"(?:로그인|회원가입|맨\s?위로|본문\s?바로가기|기사\s?원문\s?보기|메뉴|홈)"),
    LineRule(
        NOISE,
        "ko",
        r"(?:첫\s?(?:번째\s?)?댓글을\s?남겨\s?(?:주세요|보세요)|댓글을\s?입력하세요|등록된\s?댓글이\s?없습니다)\W*",
    ),
    LineRule(NOISE, "ja", r"(?:シェア(?:する)?|ツイート|ポスト|はてなブックマーク|はてブ|line|印刷|広告|pr)"),
    LineRule(NOISE, "ja", r"いいね\s*!?\s*\(?\d*\)?"),
    LineRule(
        NOISE,
        "ja",
        r"(?:続きを読む|もっと見る|ログイン|会員登録|無料会員登録|フォローする|ページの先頭へ|メニュー|ホーム)",
    ),
    LineRule(NOISE, "ja", r"(?:コメントはまだありません|最初のコメントを書こう)\W*"),
)

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CLOCK = r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|\d{1,2}時(?:\d{1,2}分)?)"
_ZONE = r"(?:(?:gmt|utc)\s*[+-]?\s*\d{0,2}(?::?\d{2})?|kst|jst|[+-]\d{2}:?\d{2})"
_DATE = (
    rf"(?:\d{{4}}[./-]\d{{1,2}}[./-]\d{{1,2}}\.?|\d{{4}}年\s*\d{{1,2}}月\s*\d{{1,2}}日|\d{{4}}년\s*\d{{1,2}}월\s*\d{{1,2}}일"
    rf"|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})"
)
_DATE_LABEL = (
    r"(?:입력|수정|승인|등록|기사\s?입력|최종\s?수정|更新|配信|公開|updated|published|posted|last updated)"
)
# one "label date time zone" stamp; a dateline line is one or more stamps joined by separators
_STAMP = rf"(?:{_DATE_LABEL}\s*:?\s*)?(?:{_DATE}(?:\s*(?:at\s+)?{_CLOCK})?|{_CLOCK})(?:\s*\(?{_ZONE}\)?)?"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_NAME_EN = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){0,3}"

IN_ARTICLE_RULES: tuple[LineRule, ...] = (
    # Datelines: a line made only of (labelled) dates and times.
    LineRule(NOISE, "*", rf"{_STAMP}(?:\s*[|·•/,]?\s*{_STAMP})*"),
    # Bylines: "By Jane Park", "By Jane Park | November 25, 2026 …", "By Jane Park and Tom Lee, Reuters".
    LineRule(
        NOISE, "en", rf"by\s+{_NAME_EN}(?:\s+and\s+{_NAME_EN})?(?:\s*(?:[|·•]|,\s*(?=[^.!?]{{1,40}}$)).*)?"
    ),
    # A short line carrying a reporter's e-mail ("김하늘 기자 sky@…", "Contact: jp@…").
    LineRule(NOISE, "*", rf"[^@.。!?]{{0,40}}{_EMAIL}(?:\s*[^@.。!?\s]{{0,40}})?"),
    LineRule(
        NOISE, "ko", r"[/=\s]*[가-힣]{2,4}\s?(?:기자|특파원|선임기자|객원기자|논설위원|인턴기자)(?:\s*[=/])?"
    ),
    # "（経済部　山田花子）", "（ソウル＝山田花子）" after NFKC.
    LineRule(NOISE, "ja", r"\(\s*\S{1,12}(?:部|局|支局|総局|本社|特派員|=)\s*\S{1,12}\s*\)"),
    # Labelled links to other stories: the label then a headline.
    LineRule(NOISE, "*", r"[▶►▷☞→]\s*.{0,120}"),
    LineRule(
        NOISE,
        "ko",
        r"[\[【<]?\s*(?:관련\s?기사|관련\s?뉴스|추천\s?기사|함께\s?보면\s?좋은\s?기사)\s*[\]】>:]\s*.{0,120}",
    ),
    LineRule(NOISE, "ko", r"\[\s*(?:이\s?시각\s?)?(?:가장\s?)?많이\s?본\s?(?:뉴스|기사)\s*\]\s*.{0,160}"),
    LineRule(
        NOISE,
        "ja",
        r"[\[【]\s*(?:関連記事|関連ニュース|あわせて読みたい|こちらも読まれています)\s*[\]】:]\s*.{0,120}",
    ),
    LineRule(NOISE, "en", r"(?:read more|related|see also|also read|more on this|read next)\s*:\s*.{1,160}"),
    # Paywall and newsletter notices.
    LineRule(NOISE, "ja", r"(?:この記事は)?有料会員(?:限定|向け|の方).{0,60}"),
    LineRule(NOISE, "ja", r".{0,30}続きを(?:読む|お読み)には.{0,40}"),
    LineRule(NOISE, "ja", r".{0,30}(?:メルマガ|ニュースレター)(?:の)?(?:登録|購読|配信).{0,40}"),
    LineRule(NOISE, "ko", r"(?:이\s?기사는\s?)?유료\s?(?:회원|구독자|기사).{0,60}"),
    LineRule(NOISE, "ko", r".{0,40}뉴스레터\s?(?:를\s?)?(?:구독|신청|받아\s?보).{0,40}"),
    LineRule(
        NOISE,
        "en",
        r"(?:this (?:article|story|content) is (?:for|available to|only available to|reserved for) "
        r"(?:paying )?(?:subscribers|members)(?: only)?|subscribe (?:now )?to (?:continue|keep) reading"
        r"|to continue reading,? .{0,60}|you have reached your (?:free )?(?:article )?limit.{0,60}).?",
    ),
    LineRule(
        NOISE,
        "en",
        r"(?:sign up|subscribe|register)(?: now)? (?:for|to) .{0,80}newsletters?\b.{0,80}"
        r"|get (?:our|the) .{0,40}newsletter.{0,80}",
    ),
    LineRule(
        NOISE, "ja", r"(?:この)?(?:記事|写真|記事・写真|内容)(?:・写真)?の無断転載(?:・複製)?を禁じます。?"
    ),
)

# Credit tails at the end of a story; group "name" (else "holder") is the publisher.
CREDIT_TAIL_RULES: tuple[str, ...] = (
    r"(?:\bEND\s*)?\[\s*Copyright\s+(?:©\s*)?(?P<holder>[^\]]{2,60}?)\s*\]\s*(?P<name>[^\s\]][^\]]{0,39})?",
    r"[<〈(\[]?\s*(?:저작권자\s*)?[©ⓒ]\s*(?P<holder>[^,<>〈〉()\[\]]{1,30}?)\s*[,.]?\s*무단\s*전재.{0,20}?금지\s*[>〉)\]]?",
    r"Copyright\s*(?:©\s*)?(?:\d{4}\s*)?(?P<holder>[^.©]{1,40}?)\.?\s*All rights reserved\.?",
    r"[©ⓒ]\s*(?:\d{4}\s*)?(?P<holder>[^\W\d][^©.。]{0,39}?)\.?",
    r"[「『]?無断転載(?:・複製)?(?:を)?禁(?:止|じます)。?[」』]?",
)
_CREDIT_RES = tuple(re.compile(rf"\s*(?:{p})\s*$", re.IGNORECASE) for p in CREDIT_TAIL_RULES)
_HOLDER_NOISE = re.compile(r"^(?:the\s+)|[,\s]*(?:ltd|inc|co|corp|llc)\.?$", re.IGNORECASE)
_RULE_RES = tuple(re.compile(r.pattern, re.IGNORECASE) for r in BOILERPLATE_RULES)
# Bylines need the capitals of a name, so this table is matched case-sensitively except for labels.
_IN_ARTICLE_RES = tuple(
    re.compile(r.pattern, 0 if r.pattern.startswith("by\\s+") else re.IGNORECASE) for r in IN_ARTICLE_RULES
)
_BYLINE_BY = re.compile(r"^by\s", re.IGNORECASE)
# An author bio closing a body: "Jane Park is a Seoul-based correspondent covering trade."
_AUTHOR_BIO = re.compile(
    rf"{_NAME_EN} (?:is|was) (?:a|an|the) [^.]{{0,80}}\b(?:correspondent|reporter|writer|editor|journalist"
    rf"|columnist|contributor)s?\b[^.]{{0,100}}\.?"
)


def normalize_line(line: str) -> str:
    """The form every rule matches: stripped and NFKC-normalized (full-width forms folded)."""
    return unicodedata.normalize("NFKC", line.strip())


def boilerplate_rule(norm: str) -> int | None:
    """Index into BOILERPLATE_RULES of the first rule matching the whole normalized line, else None."""
    return next((i for i, rx in enumerate(_RULE_RES) if rx.fullmatch(norm)), None)


def is_in_article_boilerplate(norm: str) -> bool:
    """True for a byline, dateline, e-mail, labelled link, paywall or newsletter line (normalized)."""
    if _BYLINE_BY.match(norm):
        # "By" may be capitalized or not; the name after it must be.
        norm = "by" + norm[2:]
    return any(rx.fullmatch(norm) for rx in _IN_ARTICLE_RES)


def strip_credit(text: str) -> tuple[str, str | None]:
    """(text without its credit tail, the publisher the tail names or None)."""
    for rx in _CREDIT_RES:
        m = rx.search(text)
        if m:
            groups = m.groupdict()
            name = (groups.get("name") or groups.get("holder") or "").strip()
            name = _HOLDER_NOISE.sub("", name).strip() or None
            return text[: m.start()].rstrip(), name
    return text, None


def clean_article_lines(lines: list[str]) -> list[str]:
    """The lines of one article body without boilerplate lines and without its credit tail.

    Every rule drops a line where it stands (END lines too: inside an article body there are no
    related stories to split off, and what follows a stray label may be real text). A line that is only
    a credit is dropped anywhere; a credit at the end of the last line is cut from it, and a closing
    author bio ("Jane Park is a Seoul-based correspondent …") is dropped.
    """
    out: list[str] = []
    for line in lines:
        norm = normalize_line(line)
        if not norm or boilerplate_rule(norm) is not None or is_in_article_boilerplate(norm):
            continue
        if not strip_credit(norm)[0]:
            continue
        out.append(line.strip())
    if out and _AUTHOR_BIO.fullmatch(normalize_line(out[-1])):
        out.pop()
    while out:
        last, _ = strip_credit(out[-1])
        if last:
            out[-1] = last
            break
        out.pop()
    return out
