"""Rotating backups of a workspace, made with the SQLite online backup API, and restoring one.

Backups live in a folder beside the workspace (``workspace-backups/`` for ``workspace.sqlite``)
and are named ``<stem>-<UTC time>-<reason>.sqlite`` so they sort by age. Backups made on open
and on the timer ("open", "timer", "manual") rotate: only the newest N are kept. Backups made
before a migration or before a restore are never rotated away.

Each backup is written to a temporary name, checked with ``PRAGMA quick_check``, synced and
then renamed, so a crash while backing up never leaves a half-written backup with a real name.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from shiny_review.domain.errors import WorkspaceError
from shiny_review.storage.io_errors import explain_os_error, explain_storage_failure

ROTATED_REASONS = frozenset({"open", "timer", "manual"})
DEFAULT_KEEP = 10
DEFAULT_INTERVAL_S = 600.0
# How many replaced workspaces ("before-restore") restore keeps; older ones are deleted.
RESTORE_KEEP = 5
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\d{6})-(?P<reason>[a-z-]+)\.sqlite$")


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """How many rotating backups to keep and how often the timer makes one."""

    keep: int = DEFAULT_KEEP
    interval_s: float = DEFAULT_INTERVAL_S
    on_open: bool = True
    folder: Path | None = None


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    made_at: datetime
    reason: str
    size: int


def backup_folder(workspace: Path, policy: BackupPolicy | None = None) -> Path:
    if policy is not None and policy.folder is not None:
        return policy.folder
    return workspace.with_name(f"{workspace.stem}-backups")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: Path, target: Path) -> Path:
    """Copy a live SQLite database consistently (backup API), atomically, checked and synced."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                result = dst.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if result != "ok":
            raise WorkspaceError(
                f"the backup of {source} failed its check ({result}): the workspace is "
                "damaged; restore it from an earlier backup"
            )
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            raise WorkspaceError(
                f"{source} is damaged ({exc}); restore it from an earlier backup"
            ) from exc
        cause = explain_storage_failure(str(exc), target)
        raise WorkspaceError(cause or f"could not back up {source}: {exc}") from exc
    except OSError as exc:
        raise WorkspaceError(f"could not back up {source}: {explain_os_error(exc)}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return target


def list_backups(workspace: Path, policy: BackupPolicy | None = None) -> list[BackupInfo]:
    """Backups of ``workspace``, oldest first."""
    folder = backup_folder(workspace, policy)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or match["stem"] != workspace.stem:
            continue
        found.append(
            BackupInfo(path, _made_at(match["stamp"]), match["reason"], path.stat().st_size)
        )
    return sorted(found, key=lambda b: b.path.name)


def _made_at(stamp: str) -> datetime:
    """A backup name's stamp (``%Y%m%dT%H%M%S%f``, six digits of microseconds) as a time.
    Read by hand: ``strptime`` imports ``_strptime`` (with ``calendar`` and ``locale``) when
    the window opens its workspace (issue 16)."""
    day, time = stamp[:8], stamp[9:]
    return datetime(
        int(day[:4]),
        int(day[4:6]),
        int(day[6:]),
        int(time[:2]),
        int(time[2:4]),
        int(time[4:6]),
        int(time[6:]),
        tzinfo=UTC,
    )


def make_backup(
    workspace: Path, reason: str = "manual", policy: BackupPolicy | None = None
) -> Path:
    """Back up ``workspace`` now, then rotate the rotating backups down to ``policy.keep``."""
    policy = policy or BackupPolicy()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    folder = backup_folder(workspace, policy)
    target = folder / f"{workspace.stem}-{stamp}-{reason}.sqlite"
    copy_database(workspace, target)
    if reason in ROTATED_REASONS:
        rotate(workspace, policy)
    return target


def rotate(workspace: Path, policy: BackupPolicy) -> list[Path]:
    """Delete the oldest rotating backups beyond ``policy.keep``; return what was deleted."""
    rotating = [b for b in list_backups(workspace, policy) if b.reason in ROTATED_REASONS]
    excess = rotating[: max(0, len(rotating) - max(1, policy.keep))]
    for backup in excess:
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
    return [b.path for b in excess]


def prune_replaced(
    workspace: Path, policy: BackupPolicy | None = None, keep: int = RESTORE_KEEP
) -> list[Path]:
    """Keep the newest ``keep`` workspaces replaced by a restore (with their raw sidecars)."""
    replaced = [b for b in list_backups(workspace, policy) if b.reason == "before-restore"]
    excess = replaced[: max(0, len(replaced) - max(1, keep))]
    for backup in excess:
        for path in (backup.path, *_sidecars(backup.path)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    return [b.path for b in excess]


def newest_backup_age_s(workspace: Path, policy: BackupPolicy | None = None) -> float | None:
    rotating = [b for b in list_backups(workspace, policy) if b.reason in ROTATED_REASONS]
    if not rotating:
        return None
    return (datetime.now(UTC) - rotating[-1].made_at).total_seconds()


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
