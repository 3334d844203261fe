"""A stored near-copy (a re-published wire story) in the API: copy_of in event summaries and in the
comparison, and folded into its original when both are picked (QA9 S6). No model needed."""

from __future__ import annotations

import pytest

from comparator.api.models import summary_out
from comparator.api.routers.compare import with_copies
from comparator.copies import fold_copies
from comparator.schema import Article


def _art(aid: str, outlet: str, copy_of: str | None = None) -> Article:
    return Article(
        id=aid, text="Harbor cranes resumed work on Monday.", outlet=outlet, lang="en", copy_of=copy_of
    )


WIRE, DAILY, KO, JA = (
    _art("wire", "Harbor Wire"),
    _art("daily", "Coastal Daily", copy_of="wire"),
    _art("ko", "바다일보"),
    _art("ja", "港湾新聞"),
)


@pytest.mark.parametrize(
    ("picked", "kept", "folded"),
    [
        ([KO, JA, WIRE, DAILY], ["ko", "ja", "wire"], ["daily"]),  # the copy is the same source as the wire
        ([KO, DAILY], ["ko", "daily"], []),  # without its original, the copy stands in for it
        ([WIRE, DAILY], ["wire", "daily"], []),  # only the two: a deliberate look at the edits
        ([KO, JA], ["ko", "ja"], []),
    ],
)
def test_fold_copies(picked: list[Article], kept: list[str], folded: list[str]) -> None:
    vectors = [f"v-{a.id}" for a in picked]
    arts, vecs, out = fold_copies(picked, vectors)
    assert [a.id for a in arts] == kept
    assert vecs == [f"v-{i}" for i in kept]
    assert [f["id"] for f in out] == folded
    assert all(f["copy_of"] == "wire" and f["outlet"] == "Coastal Daily" for f in out)


def test_report_articles_carry_copy_of() -> None:
    report = {"articles": [{"id": "ko"}, {"id": "daily"}]}
    out = with_copies(report, [KO, DAILY], [])
    assert [a["copy_of"] for a in out["articles"]] == [None, "wire"]
    assert out["folded_copies"] == []


def test_event_summary_carries_copy_of() -> None:
    assert summary_out(DAILY).copy_of == "wire"
    assert summary_out(WIRE).copy_of is None
