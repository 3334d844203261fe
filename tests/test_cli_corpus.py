"""comparator search / stats / ingest: option checks that need no model or index."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import comparator.cli.compare  # noqa: F401  (with more than one command, typer dispatches by name)
import comparator.cli.corpus  # noqa: F401  (registers the commands)
from comparator.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("flag", "value"), [("--since", "2026-99-01"), ("--until", "yesterday"), ("--since", "03/09/2026")]
)
def test_search_refuses_a_date_that_is_not_iso(tmp_path, flag, value):
    # The filters compare ISO strings: a bad date used to match nothing and print "no results".
    result = runner.invoke(app, ["search", "Dokdo", flag, value, "--index", str(tmp_path / "idx")])
    assert result.exit_code == 1, result.output
    assert flag in result.output and value in result.output


@pytest.mark.slow
def test_ingest_fails_when_every_input_is_skipped(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    index = str(tmp_path / "idx")
    result = runner.invoke(app, ["ingest", str(tmp_path / "missing.jsonl"), str(empty), "--index", index])
    assert result.exit_code == 1, result.output
    assert "nothing was ingested" in result.output

    good = tmp_path / "good.txt"
    good.write_text("서울과 도쿄는 9일 외교장관 회담을 열고 셔틀외교를 이어가기로 했다.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(good), str(empty), "--index", index])
    assert result.exit_code == 0, result.output  # one good input: the skipped one is listed, not fatal
    assert "skipped 1 input" in result.output
