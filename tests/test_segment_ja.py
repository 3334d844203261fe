"""Japanese sentence segmentation: a table of (text, expected sentences), all texts written for this test."""

from __future__ import annotations

import pytest

from comparator.segment import split_sentences
from tests.segment_support import assert_segmented

CASES: list[tuple[str, list[str]]] = [
    # plain 。 and a decimal inside a number
    (
        "政府は25日、新たな経済対策を決定した。総額は3.5兆円に上る。",
        ["政府は25日、新たな経済対策を決定した。", "総額は3.5兆円に上る。"],
    ),
    # a quote that spans a 。 stays in its sentence
    ("首相は「来年も続ける。国民のためだ」と述べた。", ["首相は「来年も続ける。国民のためだ」と述べた。"]),
    # a closing 」 after 。 stays with its sentence
    ("首相は記者団に語った。「対話を続ける。」", ["首相は記者団に語った。", "「対話を続ける。」"]),
    ("「対話を続ける。」首相は会見でこう強調した。", ["「対話を続ける。」", "首相は会見でこう強調した。"]),
    # a quote ending in 。 followed by a particle continues the sentence
    ("「撤回しない。」との立場を示した。", ["「撤回しない。」との立場を示した。"]),
    # ！ and ？ end sentences, with numbers like 25分 in them
    (
        "会談は25分で終わった！両首脳は握手したのか？",
        ["会談は25分で終わった！", "両首脳は握手したのか？"],
    ),
    # mixed script
    ("G7サミットが開幕した。議長国は日本だ。", ["G7サミットが開幕した。", "議長国は日本だ。"]),
    # a headline without final punctuation, then the body on the next line
    (
        "岸田首相、G7で演説へ\n首相は20日に広島入りする。",
        ["岸田首相、G7で演説へ", "首相は20日に広島入りする。"],
    ),
    # never inside brackets
    ("同社（本社・大阪市。従業員約500人）は発表した。", ["同社（本社・大阪市。従業員約500人）は発表した。"]),
    (
        "『核なき世界。それが目標だ』と題する演説を行った。",
        ["『核なき世界。それが目標だ』と題する演説を行った。"],
    ),
    # nested quotes
    (
        "首相は「外相が『慎重に検討する。』と述べた。」と明かした。次に移る。",
        ["首相は「外相が『慎重に検討する。』と述べた。」と明かした。", "次に移る。"],
    ),
    # ASCII !? after Japanese text ends a sentence; after Latin text (Yahoo!) it does not
    ("まさか!?本当に起きた。", ["まさか!?", "本当に起きた。"]),
    ("Yahoo!ニュースが報じた。", ["Yahoo!ニュースが報じた。"]),
    # a dateline in 【】
    (
        "【ソウル共同】韓国政府は25日、声明を発表した。日本側は反発した。",
        ["【ソウル共同】韓国政府は25日、声明を発表した。", "日本側は反発した。"],
    ),
    ("金利は0.5%上昇した。市場は混乱した。", ["金利は0.5%上昇した。", "市場は混乱した。"]),
    # full-width spaces and blank lines are not part of any sentence
    (
        "\u3000首相が会見した。\n\n\u3000質疑は25分間続いた。\u3000",
        ["首相が会見した。", "質疑は25分間続いた。"],
    ),
    # ！ followed by the quotative と
    ("やった！と選手は叫んだ。", ["やった！と選手は叫んだ。"]),
    ("首相は辞任しない考えを示した……。野党は反発。", ["首相は辞任しない考えを示した……。", "野党は反発。"]),
    # a bracket left open does not reach over a line break
    ("「続ける。\n次の議題。", ["「続ける。", "次の議題。"]),
    ("記者：今後の見通しは？\n首相：慎重に判断する。", ["記者：今後の見通しは？", "首相：慎重に判断する。"]),
    # a separator line is not a sentence
    ("会見は終わった。\n＊＊＊\n次の話題。", ["会見は終わった。", "次の話題。"]),
    # half-width 「」 and full-width ．
    ("声明は｢遺憾だ。｣とした。報道官は説明した．", ["声明は｢遺憾だ。｣とした。", "報道官は説明した．"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:12] for c in CASES])
def test_japanese_sentences(text: str, expected: list[str]) -> None:
    assert_segmented(text, "ja", expected)


def test_language_code_with_region_uses_japanese_rules() -> None:
    assert [s.text for s in split_sentences("まさか!?本当だ。", "ja-JP")] == ["まさか!?", "本当だ。"]
