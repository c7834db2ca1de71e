"""A full disk or a read-only folder is reported as what it is, never as a damaged workspace.

What is real and what is simulated:
- read-only folder and read-only file: real file permissions. Root ignores permissions, so
  when the tests run as root the command runs in a child process that drops to the "nobody"
  user (after importing, as the interpreter may live in root's home) on a root-owned file.
- a full disk while writing the workspace: SQLite's real "database or disk is full"
  (SQLITE_FULL), produced by capping the file with ``PRAGMA max_page_count`` on every
  connection, so the failure comes from SQLite through the app's real write path.
- a full disk while writing an export: ``fsync`` raising ``ENOSPC`` (monkeypatched), which is
  where a full disk surfaces for a buffered write on Linux.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shiny_review import cli
from shiny_review.runtime import atomic_file
from shiny_review.services.review import ReviewService
from shiny_review.storage.io_errors import explain_os_error, explain_storage_failure
from shiny_review.storage.workspace import Workspace
from tests.factories import make_ingested

REPO = Path(__file__).resolve().parents[2]
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
NOBODY = 65534
AS_NOBODY = f"""
import os, sys
from shiny_review.cli import main
import _strptime, sqlalchemy.dialects.sqlite.pysqlite  # before dropping rights
import shiny_review.storage.workspace  # (the command line loads storage lazily)
import shiny_review.services.isolated_ingest, shiny_review.services.session
import multiprocessing.connection
os.setgid({NOBODY}); os.setuid({NOBODY})
sys.exit(main(sys.argv[1:]))
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    # Under /tmp with a traversable path, so that "nobody" can reach it when running as root.
    made = Path(tempfile.mkdtemp(prefix="shiny-review-ro-", dir=tempfile.gettempdir()))
    made.chmod(0o755)
    yield made
    for path in [made, *made.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(made)


def _workspace(folder: Path) -> Path:
    path = folder / "w.sqlite"
    with Workspace(path, "Maker") as ws:
        ReviewService(ws).documents.add_ingested(make_ingested())
    return path


def _run_without_write_permission(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    if ROOT:
        done = subprocess.run(
            [sys.executable, "-c", AS_NOBODY, *argv],
            cwd="/",
            env={**os.environ, "PYTHONPATH": str(REPO), "HOME": tempfile.gettempdir()},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return done.returncode, done.stderr
    code = cli.main(argv, out=io.StringIO())
    return code, capsys.readouterr().err


@pytest.mark.parametrize("what", ["folder", "file"])
def test_read_only_folder_or_file_is_named_not_called_damaged(
    folder: Path, what: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _workspace(folder)
    if what == "folder":
        path.chmod(0o444)
        folder.chmod(0o555)
    else:
        folder.chmod(0o777)
        path.chmod(0o444)
        os.chmod(path.with_name(path.name + ".lock"), 0o666)
    before = _digest(path)
    code, err = _run_without_write_permission(
        ["annotate", "1", "--quote", "Supervision is regular", "--workspace", str(path)], capsys
    )
    assert code == 1
    assert err.count("\n") == 1, err
    assert "no permission to write" in err, err
    assert "damaged" not in err and "restore" not in err
    assert _digest(path) == before


def test_a_full_disk_while_saving_is_named_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _workspace(tmp_path)
    with sqlite3.connect(path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    from shiny_review.storage.engines import sqlite as sqlite_engine

    real = sqlite_engine._on_connect

    def capped(dbapi_connection: sqlite3.Connection, record: Any) -> None:
        real(dbapi_connection, record)
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(sqlite_engine, "_on_connect", capped)
    from shiny_review.storage import quick_writes

    plain = quick_writes.prepare_connection

    def capped_driver(conn: sqlite3.Connection) -> None:  # the highlight's own connection
        plain(conn)
        conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(quick_writes, "prepare_connection", capped_driver)
    before = _digest(path)
    note = "A long note. " * 20000  # needs more pages than the file may grow to
    code = cli.main(
        [
            "annotate",
            "1",
            "--quote",
            "Supervision is regular",
            "--note",
            note,
            "--workspace",
            str(path),
        ],
        out=io.StringIO(),
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1, err
    assert "no space left" in err and "damaged" not in err, err
    assert _digest(path) == before  # the failed action left nothing behind
    monkeypatch.undo()
    with Workspace(path, "Checker") as ws:
        assert ReviewService(ws).annotations.all() == []


def test_a_full_disk_while_exporting_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _workspace(tmp_path)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic_file.os, "fsync", full)
    target = tmp_path / "log.csv"
    code = cli.main(
        ["export", "--format", "csv", "-o", str(target), "--workspace", str(path)],
        out=io.StringIO(),
    )
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1, err
    assert "no space left" in err
    assert not target.exists() and not list(tmp_path.glob("*.part"))


def test_the_explanations() -> None:
    assert "no space left" in explain_os_error(OSError(errno.ENOSPC, "No space", "/x"))
    assert "no permission" in explain_os_error(OSError(errno.EACCES, "Denied", "/x"))
    assert "read-only disk" in explain_os_error(OSError(errno.EROFS, "Read-only", "/x"))
    assert "no space left" in (
        explain_storage_failure("database or disk is full", Path("/x")) or ""
    )
    # Damage is still damage: SQLite's corruption message is not explained away.
    assert explain_storage_failure("database disk image is malformed", Path("/x")) is None
