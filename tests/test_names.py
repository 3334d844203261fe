"""Japanese name readings: the reading a name key uses, and the alternatives UniDic offers."""

from __future__ import annotations

import pytest

from comparator.quotes.names import japanese_name_readings, japanese_name_roman, readable

# Common surnames with one reading in news use (most frequent surnames, plus cabinet names).
SURNAMES = {
    "佐藤": "sato", "鈴木": "suzuki", "高橋": "takahashi", "田中": "tanaka", "伊藤": "ito",
    "渡辺": "watanabe", "山本": "yamamoto", "中村": "nakamura", "小林": "kobayashi", "加藤": "kato",
    "吉田": "yoshida", "山田": "yamada", "佐々木": "sasaki", "山口": "yamaguchi", "松本": "matsumoto",
    "井上": "inoue", "木村": "kimura", "林": "hayashi", "斎藤": "saito", "清水": "shimizu",
    "山崎": "yamazaki", "森": "mori", "池田": "ikeda", "橋本": "hashimoto", "阿部": "abe",
    "石川": "ishikawa", "中島": "nakajima", "小川": "ogawa", "前田": "maeda", "長谷川": "hasegawa",
    "後藤": "goto", "近藤": "kondo", "村上": "murakami", "遠藤": "endo", "青木": "aoki",
    "太田": "ota", "西村": "nishimura", "藤原": "fujiwara", "三浦": "miura", "竹内": "takeuchi",
    "小野": "ono", "高木": "takagi", "高田": "takada", "渡部": "watanabe", "吉川": "yoshikawa",
    "中田": "nakata", "五十嵐": "igarashi", "服部": "hattori", "小泉": "koizumi", "岸田": "kishida",
    "石破": "ishiba", "上川": "kamikawa", "高市": "takaichi", "安倍": "abe", "麻生": "aso",
    "中谷": "nakatani", "木原": "kihara", "小野寺": "onodera", "萩生田": "hagiuda", "二階": "nikai",
    "大森": "omori", "桜井": "sakurai", "上村": "uemura",
    # UniDic's first entry is a given name or a common noun; the surname entry is meant.
    "茂木": "motegi", "小村": "komura",
}  # fmt: skip

# Surnames with two readings in real use: the one an English or Korean report gives must be
# among the alternatives (which one comes first is UniDic's corpus frequency, not a rule).
AMBIGUOUS = {
    "高村": "takamura", "河野": "kawano", "菅": "suga", "東": "higashi", "大谷": "otani",
    "萩原": "hagiwara", "角田": "kakuta", "林": "rin", "菅野": "sugano", "中島": "nakashima",
}  # fmt: skip


@pytest.mark.parametrize(("name", "expected"), SURNAMES.items())
def test_surname_reading(name: str, expected: str) -> None:
    assert readable("".join(japanese_name_roman(name))) == readable(expected)


@pytest.mark.parametrize(("name", "reading"), AMBIGUOUS.items())
def test_other_readings_are_offered(name: str, reading: str) -> None:
    readings = [readable("".join(r)) for r in japanese_name_readings(name)]
    assert readable(reading) in readings
    assert readings[0] == readable("".join(japanese_name_roman(name)))


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("石破茂", ("ishiba", "shigeru")),
        ("林芳正", ("hayashi", "yoshimasa")),
        ("大森浩一", ("omori", "koichi")),
        ("茂木敏充", ("motegi", "toshimitsu")),
        ("カン・ユジョン", ("kan", "yujon")),
    ],
)
def test_full_name_reading(name: str, tokens: tuple[str, ...]) -> None:
    assert japanese_name_roman(name) == tokens


def test_alternatives_change_one_word_before_two() -> None:
    readings = japanese_name_readings("高村健一")
    assert readings[:2] == (("komura", "kenichi"), ("takamura", "kenichi"))


def test_reading_limit_and_no_common_nouns() -> None:
    assert len(japanese_name_readings("茂木", limit=2)) == 2
    # 茂 read as a noun (シゲ) or on-reading (ボウ) is no given name.
    assert japanese_name_readings("石破茂") == (("ishiba", "shigeru"),)


@pytest.mark.parametrize(
    ("hanja", "hangul"),
    [("韓道允", "한도윤"), ("李在洙", "이재수"), ("朴燦浩", "박찬호"), ("金光範", "김광범")],
)
def test_more_given_name_hanja_read_as_korean(hanja: str, hangul: str) -> None:
    from comparator.quotes.names import sino_korean

    assert sino_korean(hanja) == hangul
