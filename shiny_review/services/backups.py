"""Backups of the workspace: list them, make one, set how many to keep, restore one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from shiny_review.services.write_targets import check_restore

if TYPE_CHECKING:
    from shiny_review.storage.backups import BackupInfo, BackupPolicy
    from shiny_review.storage.workspace import Workspace


class Backups:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    @property
    def policy(self) -> BackupPolicy:
        return self._workspace.policy

    def set_policy(self, keep: int | None = None, interval_minutes: float | None = None) -> None:
        self._workspace.set_backup_policy(keep, interval_minutes)

    def now(self, reason: str = "manual") -> Path:
        """A rotating backup of the workspace now."""
        return self._workspace.backup_now(reason)

    def all(self) -> list[BackupInfo]:
        return self._workspace.backups()

    def watch(self, report: Callable[[str], None]) -> None:
        """``report(message)`` from the backup thread when a background backup fails (the
        window's open backup finding the workspace damaged, a full disk)."""
        self._workspace.watch_backups(report)


def restore_workspace(workspace_path: Path, backup: Path) -> Path:
    """Replace the workspace with a backup, without opening the workspace first (it may be
    damaged), then open it once so an older backup is migrated. Returns where the replaced
    workspace was kept."""
    from shiny_review.storage.lock import WorkspaceLock
    from shiny_review.storage.restore import restore_backup
    from shiny_review.storage.workspace import Workspace

    check_restore(backup, workspace_path)
    with WorkspaceLock(workspace_path, "restore"):
        saved = restore_backup(backup, workspace_path)
    with Workspace(workspace_path, "restore") as workspace:  # migrates an older backup
        del workspace
    return saved
