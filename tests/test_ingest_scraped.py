"""Scraped page splitting: the real seed page, invented pages in three languages, detection rules."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from comparator.errors import InputError
from comparator.ingest.scraped import (
    BOILERPLATE_RULES,
    is_scraped_page,
    looks_like_headline,
    parse_relative_time,
    split_scraped_page,
)
from comparator.schema import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "scraped-page-example.txt"
CRAWL = datetime(2025, 6, 22, 9, 0, tzinfo=UTC)
_RULE_RES = [re.compile(r.pattern, re.IGNORECASE) for r in BOILERPLATE_RULES]


def _docs(text: str, crawl_time: datetime | None = CRAWL) -> list[RawDocument]:
    out = split_scraped_page(text, source="page.txt", crawl_time=crawl_time)
    errors = [d for d in out if isinstance(d, InputError)]
    assert not errors, errors
    return [d for d in out if isinstance(d, RawDocument)]


def _assert_no_boilerplate(docs: list[RawDocument], extra: tuple[str, ...] = ()) -> None:
    for doc in docs:
        for line in [doc.title, *doc.text.splitlines()]:
            assert not any(rx.fullmatch(line.strip()) for rx in _RULE_RES), (doc.title, line)
            assert line.strip() not in extra, (doc.title, line)


def _ago(minutes: float) -> str:
    return (CRAWL - timedelta(minutes=minutes)).isoformat()


SEED_BOILERPLATE = (
    "Hashtags",
    "Try Our AI Features",
    "Explore what Daily8 AI can do for you:",
    "Comments",
    "No comments yet...",
    "Related Articles",
    "Japan Today",
    "- Japan Today",
    "Japan Times",
    "- Japan Times",
)


@pytest.mark.shared_data
def test_seed_page_splits_into_main_story_and_three_related() -> None:
    if not SEED.is_file():
        pytest.skip(f"seed page absent: {SEED}")
    text = SEED.read_text(encoding="utf-8")
    assert is_scraped_page(text)
    docs = _docs(text)
    got = [(d.title, d.outlet, d.published_at) for d in docs]
    assert got == [
        ("Ishiba agrees to strengthen ties with South Korea's Lee in call", None, None),
        ("Ishiba refrains from saying if Japan supports U.S. attacks on Iran", "Japan Today", _ago(27)),
        ("Ishiba Calls for Calming Down Situation Regarding Iran", "Jiji Press", _ago(42)),
        ("Tokyo votes in local election seen as key test for ruling party", "Japan Times", _ago(44)),
    ]
    _assert_no_boilerplate(docs, SEED_BOILERPLATE)
    main, iran, jiji, tokyo = docs
    assert main.text.startswith("South Korea's newly-elected President Lee Jae-myung")
    assert main.text.endswith("The call lasted for about 25 minutes, the ministry said.")
    assert len(main.text.splitlines()) == 7
    assert iran.text.endswith("according to the ministry.")  # "© KYODO" credit tail removed
    assert jiji.text.startswith("News from Japan Politics") and "Ishiba" in jiji.text
    assert jiji.text.endswith("the Middle East.")  # "END [Copyright ...] Jiji Press" removed
    assert tokyo.text.endswith("particularly low.")
    # Every story's text appears in the page, in page order: nothing invented, nothing merged.
    positions = [text.index(d.text.splitlines()[0]) for d in docs]
    assert positions == sorted(positions)


@pytest.mark.shared_data
def test_seed_page_without_crawl_time_has_no_dates() -> None:
    if not SEED.is_file():
        pytest.skip(f"seed page absent: {SEED}")
    docs = _docs(SEED.read_text(encoding="utf-8"), crawl_time=None)
    assert len(docs) == 4
    assert all(d.published_at is None for d in docs)
    assert all("minutes ago" not in d.text for d in docs)


# (fixture, expected [(title, outlet, minutes before crawl or None)], boilerplate lines that must be gone)
INVENTED_PAGES = [
    (
        "scraped_ko.txt",
        [
            ("울산 앞바다 부유식 해상풍력 단지 첫 삽…2030년 가동 목표", "동해신문", None),
            ("전력망 부족에 발목 잡힌 해상풍력…송전선로 건설 지연", "한빛경제", 180),
            ('어민들 "보상 없는 착공 반대"…울산 해상 시위 예고', "남도일보", 45),
        ],
        (
            "메뉴",
            "공유하기",
            "광고",
            "기사 더보기",
            "태그",
            "#해상풍력 #울산 #신재생에너지",
            "댓글 2",
            "- 남도일보",
        ),
    ),
    (
        "scraped_ja.txt",
        [
            ("北陸新幹線、大雪で終日運転見合わせ\u3000金沢―敦賀間", None, None),
            ("福井市内の小中学校、あす臨時休校に", "北陸日報", 35),
            ("大雪で高速道路に車列、一時１５キロ立ち往生", None, 120),
        ],
        (
            "メニュー",
            "シェア",
            "ツイート",
            "広告",
            "関連記事",
            "北陸日報",
            "コメント",
            "コメントはまだありません",
        ),
    ),
    (
        "scraped_en_courier.txt",
        [
            ("Harbor City council approves ferry fare freeze", "Coastline Courier", 120),
            ("Ferry operator warns of winter timetable cuts", "Bayline Marine", 300),
            ("Dockworkers reach tentative wage deal", "Harbor Times", 24 * 60),
        ],
        (
            "Skip to content",
            "Advertisement",
            "Share this article",
            "Read next",
            "Great news for the port, finally.",
        ),
    ),
]


@pytest.mark.parametrize(("name", "expected", "gone"), INVENTED_PAGES, ids=[p[0] for p in INVENTED_PAGES])
def test_invented_scraped_pages(name: str, expected: list, gone: tuple[str, ...]) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert is_scraped_page(text)
    docs = _docs(text)
    got = [(d.title, d.outlet, d.published_at) for d in docs]
    assert got == [(t, o, None if m is None else _ago(m)) for t, o, m in expected]
    _assert_no_boilerplate(docs, gone)
    for doc in docs:
        assert doc.text.strip() and all(line.strip() for line in doc.text.splitlines())
        assert "©" not in doc.text and "ⓒ" not in doc.text and "무단" not in doc.text


def test_invented_pages_keep_every_content_line() -> None:
    text = (FIXTURES / "scraped_ja.txt").read_text(encoding="utf-8")
    main = _docs(text)[0]
    assert main.text.splitlines() == [
        "北陸地方は２日、強い冬型の気圧配置の影響で大雪となり、ＪＲ西日本は北陸新幹線の金沢―敦賀間で終日運転を見合わせた。",
        "気象台によると、福井市では午前９時までの２４時間に４５センチの降雪を観測した。",
        "ＪＲ西日本の担当者は「安全確認ができ次第、運転を再開したい」と話している。",
        "県は除雪車を増やして主要道路の確保を急いでいる。",  # after the mid-article "広告" line
    ]
    last = _docs(text)[-1]
    assert last.text.endswith("呼びかけている。（共同）")  # inline attribution is content and stays


def test_related_story_sources_name_their_header_line() -> None:
    docs = _docs((FIXTURES / "scraped_en_courier.txt").read_text(encoding="utf-8"))
    assert [d.source for d in docs] == ["page.txt", "page.txt:16", "page.txt:20"]


def test_headline_only_teaser_is_reported_not_dropped() -> None:
    page = (
        "Lighthouse museum opens on Gull Point\n"
        "The keeper's cottage opened as a museum on Friday after a two-year restoration.\n"
        "Related Articles\n"
        "Coastline Courier\n"
        "10 minutes ago\n"
        "- Coastline Courier\n"
        "Island ferry adds Sunday sailings\n"
    )
    out = split_scraped_page(page, source="teaser.txt", crawl_time=CRAWL)
    assert isinstance(out[0], RawDocument) and out[0].title == "Lighthouse museum opens on Gull Point"
    assert isinstance(out[1], InputError)
    assert out[1].source == "teaser.txt" and out[1].line == 5
    assert "has no text" in str(out[1])


def test_page_with_boilerplate_but_no_related_stories() -> None:
    page = (
        "Share\n"
        "Gull Point lighthouse gets a new lamp\n"
        "The lighthouse on Gull Point was fitted with an LED lamp on Monday.\n"
        "Advertisement\n"
        "The old lamp will go to the island museum.\n"
        "Comments\n"
        "No comments yet...\n"
    )
    assert is_scraped_page(page)
    (doc,) = _docs(page)
    assert doc.title == "Gull Point lighthouse gets a new lamp"
    assert doc.text == (
        "The lighthouse on Gull Point was fitted with an LED lamp on Monday.\n"
        "The old lamp will go to the island museum."
    )


DETECTION = [
    ("plain_en.txt", False),
    ("plain_ko.txt", False),
    ("plain_ja.txt", False),
    ("scraped_en_courier.txt", True),
    ("scraped_ko.txt", True),
    ("scraped_ja.txt", True),
]


@pytest.mark.parametrize(("name", "scraped"), DETECTION)
def test_detection_on_fixtures(name: str, scraped: bool) -> None:
    assert is_scraped_page((FIXTURES / name).read_text(encoding="utf-8")) is scraped


INLINE_DETECTION = [
    ("Title\nBody sentence one.\nShare\nBody sentence two.", False),  # one stray marker
    ("Title\nBody sentence one.\n3 hours ago\nBody sentence two.", False),  # one stray time line
    ("Title\nBody sentence one.\nAdvertisement\nMore body.\nAdvertisement", False),  # one rule, twice
    ("Title\nBody.\nShare\nComments", True),
    ("Title\nBody.\nRelated Articles\n5 minutes ago\nOther title\nOther body.", True),
    ("제목\n본문 문장입니다.\n공유하기\n관련 기사", True),
    ("見出し\n本文です。\n10分前\n別の見出し\n別の本文です。\n2時間前", True),
    ("A report written three hours ago.\nComments from residents were mixed.", False),
]


@pytest.mark.parametrize(("text", "scraped"), INLINE_DETECTION)
def test_detection_rule(text: str, scraped: bool) -> None:
    assert is_scraped_page(text) is scraped


RELATIVE_TIMES = [
    ("27 minutes ago", timedelta(minutes=27)),
    ("1 hour ago", timedelta(hours=1)),
    ("an hour ago", timedelta(hours=1)),
    ("5 mins ago", timedelta(minutes=5)),
    ("2h ago", timedelta(hours=2)),
    ("3 days ago", timedelta(days=3)),
    ("Yesterday", timedelta(days=1)),
    ("just now", timedelta(0)),
    ("3시간 전", timedelta(hours=3)),
    ("45분 전", timedelta(minutes=45)),
    ("2일 전", timedelta(days=2)),
    ("방금 전", timedelta(0)),
    ("35分前", timedelta(minutes=35)),
    ("２時間前", timedelta(hours=2)),
    ("1週間前", timedelta(weeks=1)),
    ("昨日", timedelta(days=1)),
    ("27 minutes", None),
    ("Ten years ago", None),
]


@pytest.mark.parametrize(("phrase", "age"), RELATIVE_TIMES)
def test_relative_times(phrase: str, age: timedelta | None) -> None:
    assert parse_relative_time(phrase) == age


HEADLINES = [
    ("Ishiba agrees to strengthen ties with South Korea's Lee in call", True),
    ("Will the ferry run on Sunday?", True),
    ("The call lasted for about 25 minutes, the ministry said.", False),
    ("울산 앞바다 부유식 해상풍력 단지 첫 삽…2030년 가동 목표", True),
    ("시는 2030년 상업 가동을 목표로 하고 있다.", False),
    ("北陸新幹線、大雪で終日運転見合わせ", True),
    ("気象台によると、福井市では大雪となった。", False),
    ("Note:", False),
    ("x" * 151, False),
    ("", False),
]


@pytest.mark.parametrize(("line", "headline"), HEADLINES)
def test_headline_rule(line: str, headline: bool) -> None:
    assert looks_like_headline(line) is headline


CREDIT_TAILS = [
    ("Body sentence. © KYODO", "Body sentence.", "KYODO"),
    ("Body. END [Copyright The Jiji Press, Ltd.] Jiji Press", "Body.", "Jiji Press"),
    ("Body.\n<저작권자 © 동해신문, 무단 전재-재배포 금지>", "Body.", "동해신문"),
    ("본문입니다. ⓒ 남도일보, 무단전재 및 재배포 금지", "본문입니다.", "남도일보"),
    ("Body.\nCopyright © 2025 Coastline Courier. All rights reserved.", "Body.", "Coastline Courier"),
    ("本文です。無断転載禁止", "本文です。", None),
]


@pytest.mark.parametrize(("body", "kept", "outlet"), CREDIT_TAILS)
def test_credit_tails_are_removed_and_name_the_publisher(body: str, kept: str, outlet: str | None) -> None:
    page = f"Main title\nMain body.\nRelated Articles\n5 minutes ago\nA headline for the test\n{body}\nComments\n"
    docs = _docs(page)
    assert docs[-1].text == kept
    assert docs[-1].outlet == outlet


def test_main_story_dated_by_its_own_byline() -> None:
    page = (
        "Ferry fares frozen\nHarbor Times · 40 minutes ago\nShare\nThe council froze ferry fares.\nComments\n"
    )
    (doc,) = _docs(page)
    assert (doc.title, doc.outlet, doc.published_at) == ("Ferry fares frozen", "Harbor Times", _ago(40))
    assert doc.text == "The council froze ferry fares."


def test_page_that_is_only_a_story_list() -> None:
    page = (
        "Share\n"
        "Coastline Courier\n"
        "10 minutes ago\n"
        "- Coastline Courier\n"
        "Island ferry adds Sunday sailings\n"
        "Bayline Marine will add two Sunday sailings to the island route from May.\n"
        "\n"
        "1 hour ago\n"
        "- Harbor Times\n"
        "Gull Point lighthouse gets a new lamp\n"
        "The lighthouse on Gull Point was fitted with an LED lamp on Monday.\n"
    )
    docs = _docs(page)
    assert [(d.title, d.outlet, d.published_at) for d in docs] == [
        ("Island ferry adds Sunday sailings", "Coastline Courier", _ago(10)),
        ("Gull Point lighthouse gets a new lamp", "Harbor Times", _ago(60)),
    ]


def test_main_story_with_no_text_is_an_error_when_alone() -> None:
    (err,) = split_scraped_page("Share\nComments\nNo comments yet...\n", source="empty.txt")
    assert isinstance(err, InputError) and "main story" in str(err) and err.source == "empty.txt"


@pytest.mark.shared_data
def test_real_plain_articles_are_not_taken_for_scraped_pages() -> None:
    """84 real English news articles (PolNeAR dev) must pass through as plain text."""
    folder = SEED.parents[1] / "data" / "polnear_quote_attribution_en_dev" / "upstream" / "dev" / "text"
    if not folder.is_dir():
        pytest.skip(f"absent: {folder}")
    files = sorted(folder.glob("*.txt"))
    assert len(files) > 50
    detected = [f.name for f in files if is_scraped_page(f.read_text(encoding="utf-8"))]
    assert detected == []
