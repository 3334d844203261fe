"""The events job on the real default model: the sample corpus, the demo, and the quality gate.

The gate runs scripts/eval_events.py on fixed subsets of WMT22 and FLORES (every 8th / 4th
document, to keep the suite short; and WMT22's support chats, all in one pool, where look-alike
texts in one language are the difficulty) and compares with tests/eval_baseline.json ("events"),
minus a small tolerance. The full-set figures are in docs/events.md.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from comparator.eventjob import list_events, run_job
from comparator.store import Store

REPO = Path(__file__).resolve().parents[1]
BASELINE = Path(__file__).with_name("eval_baseline.json")
GOLD = REPO / "comparator" / "data" / "sample" / "gold.json"
TOLERANCE = 0.02


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_events", REPO / "scripts" / "eval_events.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))["events"]


@pytest.fixture(scope="module")
def sample_events(sample_index: Path, tmp_path_factory) -> tuple[Path, list]:
    index = tmp_path_factory.mktemp("events") / "index"
    shutil.copytree(sample_index, index)
    store = Store(index / "store.sqlite", create=False)
    try:
        run_job(store, out_dir=index.parent / "out")
        return index, list_events(store)
    finally:
        store.close()


@pytest.mark.slow
def test_sample_grouping_against_gold(sample_events):
    _, events = sample_events
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    labels = {a: ev["id"] for ev in gold["events"] for a in ev["articles"]}
    pred = {a: e.id for e in events for a in e.article_ids}
    scores = _eval_module().cluster_scores(pred, labels)
    assert scores["f1"] >= _baseline()["sample"]["f1"] - TOLERANCE, scores
    assert scores["bcubed_f1"] >= _baseline()["sample"]["bcubed_f1"] - TOLERANCE, scores


@pytest.mark.slow
@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("call-ko-office", "missile-ko-kna"),  # two days apart, same governments and vocabulary
        ("call-ja-mofa", "missile-ja-tsuho"),
        ("call-en-asiawire", "missile-en-khp"),
    ],
)
def test_hard_negatives_inside_the_window_stay_apart(sample_events, one, other):
    _, events = sample_events
    event_of = {a: e.id for e in events for a in e.article_ids}
    assert event_of[one] != event_of[other]


@pytest.mark.slow
def test_the_leaders_call_is_one_event_across_three_languages(sample_events):
    _, events = sample_events
    call = next(e for e in events if "call-ko-office" in e.article_ids)
    assert call.langs == ["ja", "ko", "en"]
    assert set(call.titles) == {"ja", "ko", "en"}
    assert len(call.article_ids) >= 4


@pytest.mark.slow
def test_demo_runs_the_job_and_prints_the_report(sample_index: Path, tmp_path: Path):
    from typer.testing import CliRunner

    from comparator.cli import app, compare, corpus, demo, events, serve  # noqa: F401  (as main() does)

    index = tmp_path / "demo"
    shutil.copytree(sample_index, index)  # the ingest step then finds every article stored
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["demo", "--index", str(index), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "3. events" in res.output and "report.html" in res.output
    found = [json.loads(x) for x in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(len(e["langs"]) == 3 for e in found)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "東都新聞" in html and "한빛일보" in html


@pytest.mark.slow
@pytest.mark.shared_data
@pytest.mark.parametrize("gate", ["wmt22", "flores", "wmt22_conversation"])
def test_quality_gate(shared_data, real_embedder, tmp_path: Path, gate):
    mod = _eval_module()
    dataset, every, domain = mod.GATES[gate]
    scores = mod.run_dataset(dataset, tmp_path, real_embedder, every=every, domain=domain)
    base = _baseline()["gate"][gate]
    for key in ("f1", "bcubed_f1"):
        assert scores[key] >= base[key] - TOLERANCE, (gate, key, scores, base)


def test_baseline_has_every_dataset():
    base = _baseline()
    assert set(base) >= {"sample", "wmt22", "flores", "gate"}
    for name in ("sample", "wmt22", "flores"):
        assert set(base[name]) >= {"precision", "recall", "f1", "bcubed_f1"}


def test_cluster_scores_by_hand():
    mod = _eval_module()
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    s = mod.cluster_scores(pred, gold)
    # gold pairs ab ac bc; predicted ab cd; one true
    assert (s["precision"], s["recall"]) == (0.5, round(1 / 3, 4))
    perfect = mod.cluster_scores(gold, gold)
    assert perfect["f1"] == perfect["bcubed_f1"] == 1.0
    singletons = mod.cluster_scores({k: k for k in gold}, gold)
    assert singletons["recall"] == 0.0


def test_grouping_errors_by_hand():
    mod = _eval_module()
    gold = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 3, "f": 3}
    # a, b and c found together (two gold events merged); e and f split; d alone.
    pred = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "z", "f": "w"}
    out = mod.grouping_errors(pred, gold)
    assert out["wrong_merges"] == [[["a", "b"], ["c"]]]
    assert sorted(map(sorted, out["split_events"])) == [[["c"], ["d"]], [["e"], ["f"]]]
    assert mod.grouping_errors(gold, gold) == {"wrong_merges": [], "split_events": []}
