"""Shared fixtures: the real default model and a real index of the sample corpus, built once per session.

Tests that write to an index take ``sample_index_copy`` (a private copy); readers may use
``sample_index`` directly and must not modify it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from comparator.config import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("COMPARATOR_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real evaluation data not present at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Default settings (the real bundled model, built once into the usual models folder)."""
    return Settings.from_env(index_dir=tmp_path_factory.mktemp("index") / "default")


@pytest.fixture(scope="session")
def real_embedder(real_settings: Settings):
    from comparator.embed import load_embedder

    return load_embedder(real_settings)


@pytest.fixture(scope="session")
def real_embedder_fp32(real_settings: Settings):
    """The default model on the exact fp32 path (the reference the int8 default is checked against)."""
    from dataclasses import replace

    from comparator.config import DEFAULT_MODEL
    from comparator.embed import load_embedder

    return load_embedder(replace(real_settings, model=DEFAULT_MODEL, precision="fp32"))


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory, real_embedder, real_settings: Settings) -> Path:
    """The shipped sample corpus ingested with the real model into a session-wide index."""
    from comparator.collection import Collection
    from comparator.demo import sample_corpus_path
    from comparator.pipeline import ingest_paths

    index_dir = tmp_path_factory.mktemp("sample") / "index"
    settings = Settings.from_env(index_dir=index_dir, models_dir=real_settings.models_dir)
    coll = Collection(index_dir, exact_max=settings.exact_index_max)
    report = ingest_paths([sample_corpus_path()], collection=coll, embedder=real_embedder, settings=settings)
    coll.close()
    assert not report.skipped, report.skipped
    return index_dir


@pytest.fixture
def sample_index_copy(sample_index: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "index"
    shutil.copytree(sample_index, dest)
    return dest
