"""Where an export, a history export, a backup or a restore may write: never onto the workspace.

One check for every writer (the command line, the window's export dialog, backups and
restore): a target that is the open workspace, its write-ahead log (``-wal``), its shared
memory file (``-shm``), its rollback journal, its writer lock or one of its backups is
refused with one line before anything is written. Paths are compared after resolving
symbolic links and ``..``, and by file identity (a hard link or another spelling of the same
file is the same file).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from shiny_review.domain.errors import ValidationError

SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
_BACKUP_NAME = re.compile(r"^(?P<stem>.+)-\d{8}T\d{12}-[a-z-]+\.sqlite(-wal|-shm|-journal)?$")


def _norm(path: Path) -> str:
    return os.path.normcase(str(Path(path).expanduser().resolve()))


def _same_file(a: Path, b: Path) -> bool:
    if _norm(a) == _norm(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): the resolved names decide
        return False


def looks_like_backup(path: Path) -> bool:
    """A file in a ``<stem>-backups`` folder named like one of our backups."""
    resolved = Path(path).expanduser().resolve()
    match = _BACKUP_NAME.match(resolved.name)
    return match is not None and resolved.parent.name == f"{match['stem']}-backups"


def protected_files(workspace: Path) -> dict[Path, str]:
    """The files of ``workspace`` nothing but the workspace itself may write, with a name."""
    workspace = Path(workspace)
    names = {
        "-wal": "its write-ahead log",
        "-shm": "its shared-memory file",
        "-journal": "its journal",
        ".lock": "its writer lock",
    }
    found = {workspace: "the open workspace"}
    for suffix in SIDECAR_SUFFIXES:
        found[workspace.with_name(workspace.name + suffix)] = (
            f"{names[suffix]} ({workspace.name}{suffix})"
        )
    return found


def refusal(target: Path, workspace: Path | None, backup_folder: Path | None = None) -> str | None:
    """Why ``target`` must not be written while ``workspace`` is open, or None if it may."""
    target = Path(target)
    if workspace is not None:
        for path, what in protected_files(workspace).items():
            if _same_file(target, path):
                whose = "" if path == Path(workspace) else f" of {Path(workspace).name}"
                return (
                    f"refusing to write to {target}: it is {what}{whose}; choose another file name"
                )
        folder = backup_folder or Path(workspace).with_name(f"{Path(workspace).stem}-backups")
        if _norm(target.parent) == _norm(folder):
            return (
                f"refusing to write to {target}: it is in the backup folder of "
                f"{Path(workspace).name}; choose another folder"
            )
    if looks_like_backup(target):
        return f"refusing to write to {target}: it is a workspace backup; choose another file"
    return None


def check_write_target(
    target: Path, workspace: Path | None, backup_folder: Path | None = None
) -> None:
    """Raise ``ValidationError`` (one line) if ``target`` is a workspace file or a backup."""
    reason = refusal(target, workspace, backup_folder)
    if reason is not None:
        raise ValidationError(reason)


def check_restore(backup: Path, workspace: Path) -> None:
    """A restore reads ``backup`` and writes over ``workspace``: neither may be the other's
    file, and the workspace written over may not itself be a backup."""
    for path, what in protected_files(workspace).items():
        if _same_file(backup, path):
            raise ValidationError(
                f"refusing to restore from {backup}: it is {what} of {Path(workspace).name}, "
                "not a backup"
            )
    if looks_like_backup(workspace):
        raise ValidationError(
            f"refusing to restore over {workspace}: it is a backup; backups are never changed"
        )
