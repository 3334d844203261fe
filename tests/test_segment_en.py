"""English sentence segmentation: a table of (text, expected sentences), all texts written for this test."""

from __future__ import annotations

import pytest

from tests.segment_support import assert_segmented

CASES: list[tuple[str, list[str]]] = [
    # a quote that spans sentence marks stays one sentence
    (
        '"We will act. We will not wait," she said. The talks resumed on Monday.',
        ['"We will act. We will not wait," she said.', "The talks resumed on Monday."],
    ),
    (
        "'We are ready. We will go,' he said. Then he left.",
        ["'We are ready. We will go,' he said.", "Then he left."],
    ),
    # nested quotes
    (
        "\"The minister told me, 'We are ready. We will go,' and then left,\" he said. Nobody replied.",
        ["\"The minister told me, 'We are ready. We will go,' and then left,\" he said.", "Nobody replied."],
    ),
    # abbreviations and titles
    (
        "The U.S. and the U.K. signed the deal. Mr. Smith welcomed it.",
        ["The U.S. and the U.K. signed the deal.", "Mr. Smith welcomed it."],
    ),
    (
        "Dr. Jane Lee spoke at 9 a.m. on Friday. Gen. Park declined to comment.",
        ["Dr. Jane Lee spoke at 9 a.m. on Friday.", "Gen. Park declined to comment."],
    ),
    (
        "Mrs. Tanaka arrived at 10 p.m. Tuesday. She did not speak.",
        ["Mrs. Tanaka arrived at 10 p.m. Tuesday.", "She did not speak."],
    ),
    # months before a day, decimals and percentages
    (
        "Inflation rose 3.5% in Sept. 2023, the ministry said. Prices fell later.",
        ["Inflation rose 3.5% in Sept. 2023, the ministry said.", "Prices fell later."],
    ),
    (
        "The meeting ended on Jun. 12 after 25 minutes. Both sides left.",
        ["The meeting ended on Jun. 12 after 25 minutes.", "Both sides left."],
    ),
    (
        "The index closed at 3,412.55 points. Traders were calm.",
        ["The index closed at 3,412.55 points.", "Traders were calm."],
    ),
    ("It is the No. 1 priority. Officials agree.", ["It is the No. 1 priority.", "Officials agree."]),
    # initials
    (
        "J. Smith and A. B. Carter attended. They left early.",
        ["J. Smith and A. B. Carter attended.", "They left early."],
    ),
    # an abbreviation that ends a sentence
    (
        "Troops returned to the U.S. The Pentagon confirmed it.",
        ["Troops returned to the U.S.", "The Pentagon confirmed it."],
    ),
    ("He works for Acme Corp. The firm makes tools.", ["He works for Acme Corp.", "The firm makes tools."]),
    (
        "Shares in Acme Corp. rose 4%. The company said demand was strong.",
        ["Shares in Acme Corp. rose 4%.", "The company said demand was strong."],
    ),
    (
        "The U.S.-led coalition met in St. Louis. Sen. Kim attended.",
        ["The U.S.-led coalition met in St. Louis.", "Sen. Kim attended."],
    ),
    # a headline without final punctuation, then the body on the next line
    (
        "Leaders meet in Hiroshima as G7 summit opens\nThe leaders arrived on Friday.",
        ["Leaders meet in Hiroshima as G7 summit opens", "The leaders arrived on Friday."],
    ),
    ("Why now? Because the vote is near!", ["Why now?", "Because the vote is near!"]),
    # never inside brackets
    (
        "The ministry (which declined to comment. It rarely does.) issued a note.",
        ["The ministry (which declined to comment. It rarely does.) issued a note."],
    ),
    # curly single quotes, and an apostrophe that is not a quote
    (
        "‘We will win,’ the coach said. ‘No doubt.’ The crowd cheered.",
        ["‘We will win,’ the coach said.", "‘No doubt.’", "The crowd cheered."],
    ),
    (
        "The players’ union said it will strike. Talks failed.",
        ["The players’ union said it will strike.", "Talks failed."],
    ),
    ('He called it "a disgrace." Others disagreed.', ['He called it "a disgrace."', "Others disagreed."]),
    # a speaker tag after a quoted question belongs to it
    ("“Is it over?” Kang asked. Nobody answered.", ["“Is it over?” Kang asked.", "Nobody answered."]),
    ("Visit example.com for details. Thanks.", ["Visit example.com for details.", "Thanks."]),
    ("He said... nothing more.", ["He said... nothing more."]),
    ("1. Cut taxes. 2. Raise wages.", ["1. Cut taxes.", "2. Raise wages."]),
    # mixed script
    (
        "Protesters chanted “독도는 우리 땅” outside. Police watched.",
        ["Protesters chanted “독도는 우리 땅” outside.", "Police watched."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:16] for c in CASES])
def test_english_sentences(text: str, expected: list[str]) -> None:
    assert_segmented(text, "en", expected)
