"""Atomic file and folder writes: the old content survives a failure, the new one lands whole."""

from __future__ import annotations

import os
import stat

import pytest

from comparator.atomic import staged_dir, write_bytes, write_text


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_write_replaces_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "index.faiss"
    write_bytes(target, b"old")
    write_text(target, "새 내용 / 新しい内容")
    assert target.read_text("utf-8") == "새 내용 / 新しい内容"
    assert [p.name for p in tmp_path.iterdir()] == ["index.faiss"]


def test_written_files_are_readable_by_others(tmp_path):
    old = os.umask(0o022)
    try:
        write_bytes(tmp_path / "report.html", b"<p>x</p>")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "report.html") == 0o644


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "store.json"
    write_text(target, "old")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["store.json"]


def test_staged_dir_swaps_in_a_finished_folder(tmp_path):
    target = tmp_path / "model"
    with staged_dir(target) as tmp:
        (tmp / "a.bin").write_bytes(b"1")
    with staged_dir(target) as tmp:
        (tmp / "b.bin").write_bytes(b"2")
    assert sorted(p.name for p in target.iterdir()) == ["b.bin"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_staged_dir_failure_keeps_the_old_folder(tmp_path):
    target = tmp_path / "model"
    with staged_dir(target) as tmp:
        (tmp / "a.bin").write_bytes(b"1")
    with pytest.raises(RuntimeError), staged_dir(target) as tmp:
        (tmp / "half.bin").write_bytes(b"2")
        raise RuntimeError("export failed")
    assert sorted(p.name for p in target.iterdir()) == ["a.bin"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
