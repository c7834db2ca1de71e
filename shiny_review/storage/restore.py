"""Restoring a workspace from a backup: the one storage module that needs both the backups
and the database's check of a file (kept apart so the two do not import each other)."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from shiny_review.domain.errors import WorkspaceError
from shiny_review.storage.backups import (
    BackupPolicy,
    _fsync_dir,
    _sidecars,
    backup_folder,
    copy_database,
    prune_replaced,
)
from shiny_review.storage.database import inspect_file


def restore_backup(backup: Path, workspace: Path, policy: BackupPolicy | None = None) -> Path:
    """Replace ``workspace`` with ``backup``; return where the replaced workspace was saved.

    The caller must hold the workspace's writer lock. The current workspace is kept first:
    through the backup API when it is healthy, else as a raw copy of its files (with its
    write-ahead log), so a restore can itself be undone.
    """
    backup = Path(backup)
    if not backup.is_file():
        raise WorkspaceError(f"no backup at {backup}")
    # refuses files that are not ours, damaged (every page read), or too new
    state = inspect_file(backup, integrity=True)
    if not state.exists:
        raise WorkspaceError(f"{backup} is empty, not a backup")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    folder = backup_folder(workspace, policy)
    saved = folder / f"{workspace.stem}-{stamp}-before-restore.sqlite"
    healthy = False
    if workspace.exists() and workspace.stat().st_size > 0:
        try:
            healthy = inspect_file(workspace, integrity=True).exists
        except WorkspaceError:
            healthy = False
        if healthy:
            copy_database(workspace, saved)
        else:
            saved.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(workspace, saved)
            for side in _sidecars(workspace):
                if side.exists():
                    shutil.copy2(side, saved.with_name(saved.name + side.name[-4:]))
    if healthy:
        # Written through SQLite in one transaction: a crash leaves the old or the new content.
        try:
            src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
            try:
                dst = sqlite3.connect(str(workspace))
                try:
                    src.backup(dst)
                    dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    dst.close()
            finally:
                src.close()
        except sqlite3.Error as exc:
            raise WorkspaceError(f"could not restore {backup}: {exc}") from exc
    else:
        tmp = workspace.with_name(f".{workspace.name}.restore.part")
        copy_database(backup, tmp)
        for side in _sidecars(workspace):
            with contextlib.suppress(FileNotFoundError):
                side.unlink()
        os.replace(tmp, workspace)
        _fsync_dir(workspace.parent)
    prune_replaced(workspace, policy)
    return saved
