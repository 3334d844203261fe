"""An exact re-publication (same text, another id/url/site) is named in the ingest report with the
stored article it repeats, apart from a plain re-run. Invented texts; fake embedder."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

import comparator.cli.corpus as corpus_cli
from comparator.collection import Collection
from comparator.config import Settings
from comparator.pipeline import ingest_paths
from tests.fakes import HashEmbedder

WIRE = (
    "Port operators in Busan and Yokohama agreed on Tuesday to share berth schedules in real time. "
    "The pilot starts in April and covers container ships above 8,000 TEU. "
    "Shipping lines said the plan could cut waiting times by a third."
)


def _ingest(tmp_path: Path, records: list[dict[str, str]], name: str = "in.jsonl"):
    src = tmp_path / name
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "idx", model="fake-hash")
    coll = Collection(settings.index_dir, exact_max=1000)
    try:
        report = ingest_paths([src], collection=coll, embedder=HashEmbedder(), settings=settings)
    finally:
        coll.save()
    return report, coll


def test_republication_is_an_exact_copy_naming_the_stored_article(tmp_path: Path) -> None:
    wire = {"id": "wire-1", "outlet": "Harbor Wire", "url": "https://wire.example/a", "text": WIRE}
    _ingest(tmp_path, [wire], "first.jsonl")
    repub = {"id": "daily-1", "outlet": "Coastal Daily", "url": "https://daily.example/b", "text": WIRE}
    report, _ = _ingest(tmp_path, [repub], "second.jsonl")
    assert report.added == []
    assert report.to_dict()["exact_copies"] == [
        {"source": f"{tmp_path / 'second.jsonl'}:1", "copy_of": "wire-1", "outlet": "Coastal Daily"}
    ]


def test_rerun_is_already_stored_not_a_copy(tmp_path: Path) -> None:
    wire = {"id": "wire-1", "outlet": "Harbor Wire", "text": WIRE}
    _ingest(tmp_path, [wire])
    report, _ = _ingest(tmp_path, [wire])
    assert len(report.already_stored) == 1
    assert report.exact_copies == []


def test_cli_summary_names_file_and_stored_outlet(tmp_path: Path, monkeypatch) -> None:
    _ingest(tmp_path, [{"id": "wire-1", "outlet": "Harbor Wire", "text": WIRE}], "first.jsonl")
    report, coll = _ingest(
        tmp_path, [{"id": "daily-1", "outlet": "Coastal Daily", "text": WIRE}], "second.jsonl"
    )
    console = Console(width=300, record=True)
    monkeypatch.setattr(corpus_cli, "console", console)
    corpus_cli.print_ingest_report(report, tmp_path / "idx", store=coll.store)
    out = console.export_text()
    assert "0 already stored, 1 exact copies skipped" in out
    assert "second.jsonl:1 (Coastal Daily) = wire-1 (Harbor Wire)" in out
