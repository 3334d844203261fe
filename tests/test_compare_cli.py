"""comparator compare: stored ids, files ingested on the fly, output formats, errors (fake embedder)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import comparator.cli.compare  # noqa: F401  (registers the command)
import comparator.cli.corpus  # noqa: F401  (with more than one command, typer dispatches by name)
import comparator.embed
from comparator.cli import app
from comparator.collection import Collection
from comparator.config import Settings
from comparator.pipeline import ingest_paths
from tests.fakes import HashEmbedder
from tests.test_compare import OUTLETS, A, B, C

runner = CliRunner()


@pytest.fixture
def index(tmp_path, monkeypatch):
    """An index of reports a and b (fake-hash model) and a file holding report c."""
    monkeypatch.setenv("COMPARATOR_MODEL", "fake-hash")
    loads: list[int] = []

    def fake_load(settings):
        loads.append(1)
        return HashEmbedder()

    monkeypatch.setattr(comparator.embed, "load_embedder", fake_load)
    src = tmp_path / "ab.jsonl"
    src.write_text(
        "\n".join(
            json.dumps({"id": i, "text": t, "lang": "en", "outlet": OUTLETS[i]})
            for i, t in (("a", A), ("b", B))
        )
        + "\n",
        encoding="utf-8",
    )
    settings = Settings(index_dir=tmp_path / "idx", model="fake-hash")
    coll = Collection(settings.index_dir, exact_max=1000)
    ingest_paths([src], collection=coll, embedder=HashEmbedder(), settings=settings)
    coll.save()
    coll.close()
    c_file = tmp_path / "kelton.txt"
    c_file.write_text(C, encoding="utf-8")
    return settings.index_dir, c_file, loads


def test_stored_ids_need_no_model(index):
    idx, _, loads = index
    result = runner.invoke(app, ["compare", "a", "b", "--index", str(idx), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [a["id"] for a in report["articles"]] == ["a", "b"]
    assert loads == []


def test_a_file_is_read_prepared_and_embedded_but_not_stored(index):
    idx, c_file, loads = index
    result = runner.invoke(app, ["compare", "a", str(c_file), "--index", str(idx), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"][0]["id"] == "a" and report["articles"][1]["lang"] == "en"
    assert loads == [1]
    numbers = [d for d in report["differences"] if d["kind"] == "number" and d["subkind"] == "disagree"]
    c_id = report["articles"][1]["id"]
    assert numbers and numbers[0]["details"]["values"] == {"a": "25 min", c_id: "35 min"}
    coll = Collection(idx, exact_max=1000, create=False)
    try:
        assert coll.store.count("articles") == 2
    finally:
        coll.close()


def test_a_file_without_ids_is_named_after_the_file(index, tmp_path):
    _, c_file, _ = index
    other = tmp_path / "arland.txt"
    other.write_text(A, encoding="utf-8")
    result = runner.invoke(app, ["compare", str(other), str(c_file), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [a["id"] for a in report["articles"]] == [str(other), str(c_file)]


def test_files_only_need_no_index(index, tmp_path):
    _, c_file, _ = index
    other = tmp_path / "arland.txt"
    other.write_text(A, encoding="utf-8")
    result = runner.invoke(app, ["compare", str(other), str(c_file), "--index", str(tmp_path / "none")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Comparison of 2 reports")


@pytest.mark.parametrize(("flag", "start"), [("--markdown", "# Comparison"), ("--html", "<!doctype html>")])
def test_formats_and_out_file(index, tmp_path, flag, start):
    idx, _, _ = index
    out = tmp_path / "report.out"
    result = runner.invoke(app, ["compare", "a", "b", "--index", str(idx), flag, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a", "missing-id"], "missing-id"),
        (["a"], "at least two"),
        (["a", "b", "--json", "--html"], "at most one"),
    ],
)
def test_errors_are_one_line_with_exit_code_1(index, args, message):
    idx, _, _ = index
    result = runner.invoke(app, ["compare", *args, "--index", str(idx)])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_stored_copy_picked_with_its_original_is_compared_once(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPARATOR_MODEL", "fake-hash")
    monkeypatch.setattr(comparator.embed, "load_embedder", lambda settings: HashEmbedder())
    src = tmp_path / "wire.jsonl"
    records = [
        {"id": "a", "text": A, "lang": "en", "outlet": "Arland Wire"},
        {"id": "a-copy", "text": A + " (Arland Wire)", "lang": "en", "outlet": "Reposted Daily"},
        {"id": "b", "text": B, "lang": "en", "outlet": "Borovia Post"},
    ]
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "idx", model="fake-hash")
    coll = Collection(settings.index_dir, exact_max=1000)
    ingest_paths([src], collection=coll, embedder=HashEmbedder(), settings=settings)
    coll.save()
    coll.close()
    result = runner.invoke(app, ["compare", "a", "a-copy", "b", "--index", str(settings.index_dir), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [a["id"] for a in report["articles"]] == ["a", "b"]
    assert "a-copy is a copy of a" in result.stderr
