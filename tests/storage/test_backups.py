"""Rotating backups (SQLite backup API) on open, on demand and on a timer; restoring one."""

from __future__ import annotations

import queue
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from shiny_review.cli import main as cli_main
from shiny_review.domain.errors import WorkspaceError
from shiny_review.services.review import ReviewService
from shiny_review.storage.backups import BackupPolicy, list_backups, make_backup
from shiny_review.storage.restore import restore_backup
from shiny_review.storage.workspace import Workspace
from tests.factories import make_ingested


def _annotations(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM annotations").fetchone()[0])
    finally:
        conn.close()


def _workspace_with(path: Path, annotations: int) -> None:
    with Workspace(path, "a") as ws:
        service = ReviewService(ws)
        doc = service.documents.add_ingested(make_ingested()).value.document.id
        for _ in range(annotations):
            service.annotations.add_quote(doc, "Supervision is regular")


def test_backup_is_made_on_open_of_an_existing_workspace(workspace_path: Path) -> None:
    _workspace_with(workspace_path, 2)
    assert list_backups(workspace_path) == []  # a brand-new workspace has nothing to keep
    with Workspace(workspace_path, "b") as ws:
        backups = ws.backups()
    assert [b.reason for b in backups] == ["open"]
    assert _annotations(backups[0].path) == 2
    conn = sqlite3.connect(backups[0].path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one standalone file
    conn.close()
    with Workspace(workspace_path, "c") as ws:  # within the interval: no second copy
        assert len(ws.backups()) == 1


def test_rotation_keeps_the_last_n(workspace_path: Path) -> None:
    _workspace_with(workspace_path, 1)
    policy = BackupPolicy(keep=3, interval_s=0)
    made = [make_backup(workspace_path, "manual", policy) for _ in range(6)]
    kept = [b.path for b in list_backups(workspace_path, policy)]
    assert kept == made[-3:]


def test_migration_and_restore_backups_are_never_rotated(workspace_path: Path) -> None:
    _workspace_with(workspace_path, 1)
    policy = BackupPolicy(keep=1, interval_s=0)
    keep_me = make_backup(workspace_path, "before-migration", policy)
    for _ in range(3):
        make_backup(workspace_path, "timer", policy)
    reasons = [b.reason for b in list_backups(workspace_path, policy)]
    assert reasons == ["before-migration", "timer"]
    assert keep_me.exists()


def test_keep_n_is_a_workspace_setting(workspace_path: Path) -> None:
    _workspace_with(workspace_path, 1)
    with Workspace(workspace_path, "a") as ws:
        ws.set_backup_policy(keep=2, interval_minutes=5)
    with Workspace(workspace_path, "a") as ws:
        assert ws.policy.keep == 2
        assert ws.policy.interval_s == 300
        for _ in range(4):
            ws.backup_now()
        assert len(ws.backups()) == 2
        with pytest.raises(WorkspaceError):
            ws.set_backup_policy(keep=0)


def test_timer_backs_up_while_the_workspace_changes(workspace_path: Path) -> None:
    _workspace_with(workspace_path, 1)
    policy = BackupPolicy(keep=5, interval_s=0.05, on_open=False)
    made: queue.Queue[Path] = queue.Queue()
    with Workspace(workspace_path, "a", backups=policy, backup_timer=True) as ws:
        original = ws.backup_now

        def spy(reason: str = "manual") -> Path:
            path = original(reason)
            if reason == "timer":
                made.put(path)
            return path

        ws.backup_now = spy  # type: ignore[method-assign]
        ReviewService(ws).annotations.add_quote(1, "Children")  # a change for the timer to notice
        # Opening the workspace is itself a change of its files, which the timer may back up
        # before the new annotation: wait for the timer backup that holds it.
        counts: list[int] = []
        deadline = time.monotonic() + 10
        while 2 not in counts and time.monotonic() < deadline:
            try:
                counts.append(_annotations(made.get(timeout=max(0.0, deadline - time.monotonic()))))
            except queue.Empty:
                break
        assert counts, "the timer made no backup"
    timer_backups = [b for b in list_backups(workspace_path, policy) if b.reason == "timer"]
    assert timer_backups
    assert counts[-1] == 2


def test_restore_brings_back_the_backup_and_keeps_the_replaced_workspace(
    workspace_path: Path,
) -> None:
    _workspace_with(workspace_path, 1)
    backup = make_backup(workspace_path, "manual")
    with Workspace(workspace_path, "a") as ws:
        ReviewService(ws).annotations.add_quote(1, "Children")
    assert _annotations(workspace_path) == 2
    with Workspace(workspace_path, "a") as ws:  # holding the lock, as the CLI does
        ws.close()
    saved = restore_backup(backup, workspace_path)
    assert _annotations(workspace_path) == 1
    assert _annotations(saved) == 2  # the restore itself can be undone
    with Workspace(workspace_path, "a") as ws, ws.read() as repo:
        assert len(repo.annotations()) == 1


def test_restore_command(workspace_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _workspace_with(workspace_path, 3)
    backup = make_backup(workspace_path, "manual")
    with Workspace(workspace_path, "a") as ws:
        service = ReviewService(ws)
        for ann in service.annotations.all():
            service.annotations.delete(ann.id)
    code = cli_main(["restore", str(backup), "--workspace", str(workspace_path)])
    out = capsys.readouterr().out
    assert code == 0, capsys.readouterr().err
    assert "restored" in out and "before-restore" in out
    with Workspace(workspace_path, "a") as ws:
        assert len(ReviewService(ws).annotations.all()) == 3


def test_restore_over_a_damaged_workspace(workspace_path: Path) -> None:
    _workspace_with(workspace_path, 2)
    backup = make_backup(workspace_path, "manual")
    data = workspace_path.read_bytes()
    workspace_path.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))
    assert cli_main(["restore", str(backup), "--workspace", str(workspace_path)]) == 0
    assert _annotations(workspace_path) == 2


def test_restore_refuses_what_is_not_a_backup(
    workspace_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _workspace_with(workspace_path, 1)
    before = workspace_path.read_bytes()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 50)
    assert cli_main(["restore", str(junk), "--workspace", str(workspace_path)]) == 1
    assert "not a SQLite database" in capsys.readouterr().err
    assert cli_main(["restore", str(tmp_path / "none"), "--workspace", str(workspace_path)]) == 1
    assert "no backup at" in capsys.readouterr().err
    assert workspace_path.read_bytes() == before


def test_restore_is_refused_while_another_writer_holds_the_workspace(
    workspace_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _workspace_with(workspace_path, 1)
    backup = make_backup(workspace_path, "manual")
    with Workspace(workspace_path, "window"):
        assert cli_main(["restore", str(backup), "--workspace", str(workspace_path)]) == 1
    assert "is open in another" in capsys.readouterr().err


def test_restore_keeps_a_bounded_number_of_replaced_workspaces(workspace_path: Path) -> None:
    from shiny_review.storage.backups import RESTORE_KEEP

    _workspace_with(workspace_path, 1)
    backup = make_backup(workspace_path, "manual")
    saved = [restore_backup(backup, workspace_path) for _ in range(RESTORE_KEEP + 3)]
    replaced = [b.path for b in list_backups(workspace_path) if b.reason == "before-restore"]
    assert replaced == saved[-RESTORE_KEEP:]  # the newest, and only those
    assert backup.exists()


def test_a_backups_time_is_read_from_its_name(tmp_path: Path) -> None:
    """The stamp in a backup's name, to the microsecond and in UTC (read without strptime)."""
    workspace = tmp_path / "ws.sqlite"
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20240229T235959999999", "20261205T000000000001"):
        (folder / f"ws-{stamp}-manual.sqlite").write_bytes(b"")
    made = [b.made_at for b in list_backups(workspace, BackupPolicy(folder=folder))]
    assert made == [
        datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2026, 12, 5, 0, 0, 0, 1, tzinfo=UTC),
    ]
