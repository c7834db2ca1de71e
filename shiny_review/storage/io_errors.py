"""Say why a write failed, and what to do, when the cause is the disk and not the workspace.

A full disk or a folder without write permission must never be reported as "the workspace is
damaged; restore it from a backup": following that advice would replace good work with an
older copy. These functions turn operating-system errors (``ENOSPC``, ``EACCES``, ``EROFS``...)
and SQLite's own wording ("database or disk is full", "attempt to write a readonly database",
"disk I/O error", "unable to open database file") into one line that names the real cause.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from pathlib import Path

NO_SPACE = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
NO_PERMISSION = frozenset({errno.EACCES, errno.EPERM})
READ_ONLY_FS = frozenset({errno.EROFS})
# Below this much free space, a failed write is put down to the disk being full.
LOW_SPACE_BYTES = 1024 * 1024


def no_space(path: Path | str) -> str:
    return (
        f"there is no space left on the disk holding {path}: free some space (or move the "
        "workspace to a disk with room) and try again; the workspace itself is unchanged"
    )


def no_permission(path: Path | str) -> str:
    return (
        f"no permission to write to {path}: the file or its folder is read-only; make it "
        "writable (or choose a folder you can write to) and try again; nothing was lost"
    )


def read_only_disk(path: Path | str) -> str:
    return (
        f"{path} is on a read-only disk: copy the workspace to a writable folder and open "
        "it there; nothing was lost"
    )


def explain_os_error(exc: OSError) -> str:
    """One line for an operating-system error, naming the cause and what to do."""
    where = exc.filename or "the file"
    if exc.errno in NO_SPACE:
        return no_space(where)
    if exc.errno in NO_PERMISSION:
        return no_permission(where)
    if exc.errno in READ_ONLY_FS:
        return read_only_disk(where)
    if exc.errno == errno.EFBIG:
        return (
            f"{where} would be larger than this disk or system allows: free some space or "
            "move the workspace, then try again; the workspace itself is unchanged"
        )
    return f"{exc.strerror or exc}: {where}" if exc.filename else str(exc.strerror or exc)


def _writable(path: Path) -> bool:
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK) and (not path.exists() or os.access(path.parent, os.W_OK))


def _low_space(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return shutil.disk_usage(path.parent if not path.is_dir() else path).free < LOW_SPACE_BYTES
    return False


def explain_storage_failure(message: str, path: Path) -> str | None:
    """The real cause of a SQLite failure on ``path`` when it is the disk, else None.

    ``message`` is SQLite's own text. None means the cause is not the disk's space or
    permissions (the caller may then consider the file damaged).
    """
    text = message.lower()
    path = Path(path)
    if "disk is full" in text or "database or disk is full" in text:
        return no_space(path)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        if not _writable(path):
            return no_permission(path if path.exists() else path.parent)
        if "readonly" in text or "read-only" in text:
            return no_permission(path)
    if "disk i/o error" in text or "unable to open" in text:
        if _low_space(path):
            return no_space(path)
        if not _writable(path):
            return no_permission(path)
        return (
            f"the disk reported an error while using {path}: check the disk or network "
            "drive (is it still connected, is there space?), then try again"
        )
    return None
