"""Exports are synced before the rename, get ordinary permissions, follow symbolic links and
clean up after a killed export (issue 11)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from shiny_review.runtime import atomic_file
from shiny_review.runtime.atomic_file import atomic_path, atomic_writer, remove_leftovers
from shiny_review.services.export.exporting import ExportFormat, export
from shiny_review.services.review import ReviewService
from tests.factories import make_ingested

FORMATS = list(ExportFormat)


@pytest.fixture
def exporting(service: ReviewService) -> ReviewService:
    doc = service.documents.add_ingested(make_ingested()).value.document.id
    service.annotations.add_quote(doc, "Supervision is regular")
    return service


@pytest.mark.parametrize("fmt", FORMATS)
def test_data_is_synced_before_the_rename_and_the_folder_after(
    exporting: ReviewService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: ExportFormat
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync-dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(atomic_file.os, "fsync", fsync)
    monkeypatch.setattr(atomic_file.os, "replace", replace)
    export(exporting, fmt, tmp_path / f"log.{fmt.value}")
    assert events[-3:] == ["fsync-file", "rename", "fsync-dir"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_new_export_gets_the_permissions_of_an_ordinary_new_file(
    exporting: ReviewService, tmp_path: Path, fmt: ExportFormat
) -> None:
    old = os.umask(0o027)
    try:
        target = tmp_path / f"log.{fmt.value}"
        export(exporting, fmt, target)
        assert stat.S_IMODE(target.stat().st_mode) == 0o640  # 0o666 less the umask
        target.chmod(0o604)
        export(exporting, fmt, target)  # replacing a file keeps its permissions
        assert stat.S_IMODE(target.stat().st_mode) == 0o604
    finally:
        os.umask(old)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_symbolic_link_is_followed_not_replaced(
    exporting: ReviewService, tmp_path: Path, fmt: ExportFormat
) -> None:
    real = tmp_path / "shared" / f"log.{fmt.value}"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / f"link.{fmt.value}"
    link.symlink_to(real)
    export(exporting, fmt, link)
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() != b"old" and real.stat().st_size > 0


def test_parts_left_by_a_killed_export_are_removed_by_the_next(
    exporting: ReviewService, tmp_path: Path
) -> None:
    target = tmp_path / "log.csv"
    dead = tmp_path / ".log.csv.999999999-abc123.part"  # no process has this id
    live = tmp_path / f".log.csv.{os.getppid()}-def456.part"  # an export still running
    other = tmp_path / ".other.csv.999999999-abc123.part"
    for path in (dead, live, other):
        path.write_bytes(b"half")
    export(exporting, ExportFormat.CSV, target)
    assert not dead.exists()
    assert live.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.glob(".log.csv*")) == [live.name]
    assert remove_leftovers(tmp_path / "other.csv") == [other]


def test_a_failed_write_leaves_no_part_and_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    target.write_text("old")

    def killed_writer() -> None:
        with atomic_writer(target) as handle:
            handle.write("half")
            raise RuntimeError("killed")

    def killed_path() -> None:
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        killed_writer()
    with pytest.raises(RuntimeError):
        killed_path()
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]
