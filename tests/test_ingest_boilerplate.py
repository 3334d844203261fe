"""In-article boilerplate (bylines, datelines, labelled links, paywall notices, credits): dropped from
HTML bodies and scraped pages with one table of rules, real sentences kept. Texts are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from comparator.errors import InputError
from comparator.ingest.boilerplate import (
    boilerplate_rule,
    clean_article_lines,
    is_in_article_boilerplate,
    normalize_line,
)
from comparator.ingest.html import extract_html
from comparator.ingest.scraped import split_scraped_page

PARK = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "korean_english_news_park" / "upstream"
)


def _dropped(line: str) -> bool:
    return clean_article_lines(["본문 첫 문장입니다.", line]) == ["본문 첫 문장입니다."]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "By Mark Ellison | March 3, 2026 at 7:15 a.m. GMT+9"),
        ("en", "By Mark Ellison and Rina Sato, Harbor Post"),
        ("en", "Read more: Port strike ends after two weeks"),
        ("en", "Sign up for our Morning Ports newsletter to get the news first."),
        ("en", "This article is for subscribers only."),
        ("en", "Updated: March 3, 2026 8:02 a.m."),
        ("en", "Contact the writer: mellison@harborpost.example.com"),
        ("en", "12 likes"),
        ("ko", "입력 2026.03.03 07:15 | 수정 2026.03.03 09:40"),
        ("ko", "박서연 기자 syp@bada.example.kr"),
        ("ko", "박서연 기자"),
        ("ko", "▶ 관련기사: 부산항 파업 2주 만에 종료"),
        ("ko", "[관련기사] 항만 물동량 3개월 연속 감소"),
        ("ko", "[이 시각 많이 본 뉴스] 유가 80달러 돌파 | 금값 사상 최고"),
        ("ko", "ⓒ 바다일보, 무단전재 및 재배포 금지"),
        ("ko", "이 기사는 유료 회원에게만 공개됩니다."),
        ("ko", "좋아요 3"),
        ("ja", "2026年3月3日 7時15分"),
        ("ja", "【関連記事】港湾スト、2週間で終結"),
        ("ja", "（経済部　佐藤真理）"),
        ("ja", "この記事は有料会員限定です。"),
        ("ja", "続きを読むにはログインしてください。"),
        ("ja", "記事の無断転載を禁じます。"),
        ("ja", "いいね！ 5"),
    ],
)
def test_boilerplate_line_is_dropped(lang: str, line: str) -> None:
    assert _dropped(line), (lang, line)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "By Friday, container traffic had fallen 12% from a year earlier."),
        ("en", "By contrast, the port of Ulsan reported no delays."),
        ("en", "The union said it would read more than 300 complaints at the meeting."),
        ("en", "Related costs rose to $4 million, the company said."),
        ("en", "Officials said the strike began on March 3, 2026 at 7 a.m."),
        ("ko", "박서연 기자는 현장에서 노조 관계자 3명을 만났다."),
        ("ko", "부산항 물동량은 지난달 12% 줄었다."),
        ("ko", '노조는 "좋아요 한 번 누르는 것처럼 쉬운 일이 아니다"라고 말했다.'),
        ("ko", "2026년 3월 3일 오전 파업이 시작됐다."),
        ("ja", "港湾労組は3日、ストライキを終えると発表した。"),
        ("ja", "経済部の佐藤部長は「影響は限定的だ」と述べた。"),
        ("ja", "関連記事によると、物流各社は代替港を探している。"),
    ],
)
def test_real_sentence_is_kept(lang: str, line: str) -> None:
    assert not _dropped(line), (lang, line)


def test_credit_tail_cut_from_last_line_and_author_bio_dropped() -> None:
    lines = [
        "The port reopened on Tuesday.",
        "Mark Ellison is a Busan-based correspondent covering shipping.",
    ]
    assert clean_article_lines(lines) == ["The port reopened on Tuesday."]
    assert clean_article_lines(["부두 운영이 재개됐다. ⓒ 바다일보, 무단전재 및 재배포 금지"]) == [
        "부두 운영이 재개됐다."
    ]


_PAGE = """<html lang="ko"><head><title>부산항 파업 종료</title>
<meta property="og:site_name" content="바다일보"></head><body>
<nav><a href="/">홈</a> <a href="/eco">경제</a></nav>
<article><h1>부산항 파업 2주 만에 종료…물류 정상화 착수</h1>
<p class="byline">입력 2026.03.03 07:15 | 수정 2026.03.03 09:40</p>
<p>부산항 화물연대 파업이 2주 만에 끝나면서 항만 물류가 정상화 절차에 들어갔다.</p>
<p>▶ 관련기사: 항만 물동량 3개월 연속 감소</p>
<p>부산항만공사는 적체된 컨테이너 1만2천 개를 이번 주 안에 처리하겠다고 밝혔다.</p>
<p>한 선사 관계자는 "운임이 안정되려면 한 달은 걸릴 것"이라고 말했다.</p>
<p>박서연 기자 syp@bada.example.kr</p>
<p>ⓒ 바다일보, 무단전재 및 재배포 금지</p>
<p>[이 시각 많이 본 뉴스] 유가 80달러 돌파 | 금값 사상 최고</p>
</article><footer>회사소개 | 광고문의</footer></body></html>"""


def test_html_page_drops_boilerplate_inside_article() -> None:
    doc = extract_html(_PAGE, source="bada.html")
    assert doc.text.splitlines() == [
        "부산항 화물연대 파업이 2주 만에 끝나면서 항만 물류가 정상화 절차에 들어갔다.",
        "부산항만공사는 적체된 컨테이너 1만2천 개를 이번 주 안에 처리하겠다고 밝혔다.",
        '한 선사 관계자는 "운임이 안정되려면 한 달은 걸릴 것"이라고 말했다.',
    ]


def test_html_page_of_only_boilerplate_has_no_text() -> None:
    page = (
        "<html><body><article><h1>港湾スト終結</h1><p>【関連記事】港湾スト、2週間で終結</p>"
        "<p>この記事は有料会員限定です。続きを読むにはログインしてください。</p></article></body></html>"
    )
    with pytest.raises(InputError, match="no main text"):
        extract_html(page, source="kita.html")


def test_scraped_page_drops_like_count_and_byline() -> None:
    page = "\n".join(
        [
            "부산항 파업 2주 만에 종료",
            "바다일보",
            "2시간 전",
            "부산항 화물연대 파업이 2주 만에 끝났다.",
            "박서연 기자 syp@bada.example.kr",
            "좋아요 3",
            "댓글 0",
            "",
            "3시간 전",
            "- 바다일보",
            "유가 80달러 돌파",
            "국제 유가가 배럴당 80달러를 넘어섰다.",
        ]
    )
    docs = split_scraped_page(page, source="page.txt")
    assert not any(isinstance(d, InputError) for d in docs)
    assert docs[0].text == "부산항 화물연대 파업이 2주 만에 끝났다."  # type: ignore[union-attr]
    assert docs[1].text == "국제 유가가 배럴당 80달러를 넘어섰다."  # type: ignore[union-attr]


@pytest.mark.shared_data
@pytest.mark.parametrize("name", ["korean-english-park.dev.ko", "korean-english-park.dev.en"])
def test_no_real_news_sentence_dropped(name: str) -> None:
    path = PARK / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    lines = [normalize_line(x) for x in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    hits = [x for x in lines if x and (boilerplate_rule(x) is not None or is_in_article_boilerplate(x))]
    assert hits == []
