from pathlib import Path

import pytest

from comparator.config import Settings, describe_settings
from comparator.errors import ComparatorError

DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"


def test_every_setting_is_documented():
    doc = DOC.read_text(encoding="utf-8")
    for env, _default, help_text in describe_settings():
        assert f"`{env}`" in doc, f"{env} missing from docs/configuration.md"
        assert help_text in doc, f"help text of {env} differs from docs/configuration.md"


def test_every_setting_has_help():
    for env, _default, help_text in describe_settings():
        assert len(help_text) > 15, env


def test_environment_then_overrides():
    s = Settings.from_env({"COMPARATOR_BATCH_SIZE": "8", "COMPARATOR_INDEX_DIR": "/tmp/x"}, index_dir=Path("/tmp/y"))
    assert s.batch_size == 8
    assert s.index_dir == Path("/tmp/y")


def test_bad_environment_value_names_the_variable():
    with pytest.raises(ComparatorError, match="COMPARATOR_BATCH_SIZE"):
        Settings.from_env({"COMPARATOR_BATCH_SIZE": "many"})
