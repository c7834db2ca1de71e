"""Atomic writes: the target is the whole new file or the old one, never a part."""

from __future__ import annotations

from pathlib import Path

import pytest

from shiny_review.runtime.atomic_file import atomic_path, atomic_writer


def test_writer_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    target.write_text("old", encoding="utf-8")
    with atomic_writer(target, "w", encoding="utf-8") as handle:
        handle.write("new é")
        assert target.read_text(encoding="utf-8") == "old"  # not yet
    assert target.read_text(encoding="utf-8") == "new é"
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_part(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    target.write_text("old", encoding="utf-8")

    def fail_half_way() -> None:
        with atomic_writer(target, "w", encoding="utf-8") as handle:
            handle.write("half")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        fail_half_way()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]
    with pytest.raises(IsADirectoryError), atomic_writer(tmp_path):
        pass


def test_atomic_path_for_libraries_that_take_a_name(tmp_path: Path) -> None:
    target = tmp_path / "log.xlsx"
    with atomic_path(target) as part:
        assert part.parent == tmp_path and part != target
        part.write_bytes(b"PK")
    assert target.read_bytes() == b"PK"

    def fail_half_way() -> None:
        with atomic_path(target) as part:
            part.write_bytes(b"broken")
            raise ValueError

    with pytest.raises(ValueError):
        fail_half_way()
    assert target.read_bytes() == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["log.xlsx"]
