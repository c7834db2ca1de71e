"""One writer per workspace: an operating-system lock on a file beside the workspace.

``workspace.sqlite`` is guarded by ``workspace.sqlite.lock``. The writer opens that file and
takes an exclusive, non-blocking lock on it (``fcntl.flock`` on Linux and macOS,
``msvcrt.locking`` on Windows) and keeps the handle open for as long as the workspace is open.
The lock belongs to the open handle, so the operating system releases it when the process ends
in any way, including a crash, a kill or a power cut: a lock file left behind is therefore
never "stale" in a way that blocks anyone; the next writer simply takes the lock and overwrites
the owner details. Those details (process id, host, time) are written into the file only so
that the refusal can say who holds the workspace.

On Windows the locked byte sits past the owner details, so another process can still read them.

Deleting or replacing the lock file while a writer holds it must not let a second writer in
(on Windows an open file cannot be deleted; on Linux and macOS it can). So the writer also
locks the workspace file itself: an open-file-description byte-range lock (Linux
``F_OFD_SETLK``) on one byte far past anything SQLite locks or writes (SQLite locks bytes near
1 GiB), which belongs to our open handle as the lock file's lock does and does not disturb
SQLite's own locks. And after locking the lock file, the writer checks that the file it
locked is still the one at the lock file's name (a lock file swapped in between is retried).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from shiny_review.domain.errors import WorkspaceError, WorkspaceLockedError
from shiny_review.storage.io_errors import explain_os_error

_LOCK_OFFSET = 4096  # the locked byte; owner details are written before it
# The byte of the workspace file a writer locks (far past any page SQLite can write).
_DATABASE_LOCK_OFFSET = 1 << 62
_ATTEMPTS = 5


def lock_path(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + ".lock")


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_LOCK_OFFSET)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _same_inode(handle: IO[bytes], path: Path) -> bool:
    try:
        mine, named = os.fstat(handle.fileno()), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)


def _lock_database(workspace: Path) -> tuple[bool, int | None]:
    """Lock one byte of the workspace file; (False, None) if another writer holds it.

    Returns (True, None) where the file does not exist yet or this platform has no
    open-file-description locks (the lock file alone guards it there).
    """
    if sys.platform == "win32":
        return True, None
    import fcntl
    import struct

    op = getattr(fcntl, "F_OFD_SETLK", None)
    if op is None:
        return True, None
    try:
        fd = os.open(workspace, os.O_RDWR)
    except OSError:  # absent (a new workspace) or not writable: nothing to guard yet
        return True, None
    # struct flock: l_type, l_whence, l_start, l_len, l_pid (l_pid must be 0 for OFD locks)
    request = struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, _DATABASE_LOCK_OFFSET, 1, 0)
    try:
        fcntl.fcntl(fd, op, request)
    except OSError:
        os.close(fd)
        return False, None
    return True, fd


def read_owner(workspace: Path) -> dict[str, Any] | None:
    """The owner details last written into the lock file, if any can be read."""
    try:
        with lock_path(workspace).open("rb") as handle:
            raw = handle.read(_LOCK_OFFSET)
        data = json.loads(raw.rstrip(b"\x00 \n").decode("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _describe(owner: dict[str, Any] | None) -> str:
    if not owner:
        return "another Shiny Review window or command"
    parts = [f"process {owner.get('pid', '?')}"]
    if owner.get("host"):
        parts.append(f"on {owner['host']}")
    if owner.get("since"):
        parts.append(f"since {owner['since']}")
    if owner.get("purpose"):
        parts.append(f"({owner['purpose']})")
    return "another Shiny Review window or command: " + " ".join(parts)


class WorkspaceLock:
    """The exclusive writer lock of one workspace. Use ``acquire()`` then ``release()``."""

    def __init__(self, workspace: Path, purpose: str = "") -> None:
        self.workspace = Path(workspace)
        self.path = lock_path(self.workspace)
        self.purpose = purpose
        self._handle: IO[bytes] | None = None
        self._database_fd: int | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def _locked(self) -> WorkspaceLockedError:
        return WorkspaceLockedError(
            f"{self.workspace} is open in {_describe(read_owner(self.workspace))}; "
            "close it there first"
        )

    def cover_database(self) -> None:
        """Lock the workspace file too, once it exists (a new workspace is made after the
        lock is taken)."""
        if self._handle is None or self._database_fd is not None:
            return
        free, self._database_fd = _lock_database(self.workspace)
        if not free:
            raise self._locked()

    def acquire(self, attempt: int = 1) -> WorkspaceLock:
        """Take the lock now or raise ``WorkspaceLockedError`` naming who holds it."""
        if self._handle is not None:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
            handle = os.fdopen(fd, "r+b")
        except OSError as exc:
            raise WorkspaceError(
                f"cannot create the lock file {self.path}: {explain_os_error(exc)}"
            ) from exc
        locked = _try_lock(handle)
        if not locked or not _same_inode(handle, self.path):
            # Held by another writer, or the lock file was swapped between open and lock.
            if locked:
                _unlock(handle)
            handle.close()
            if locked and attempt < _ATTEMPTS:
                return self.acquire(attempt + 1)
            raise self._locked()
        free, self._database_fd = _lock_database(self.workspace)
        if not free:  # the lock file was deleted or replaced under a running writer
            _unlock(handle)
            handle.close()
            raise self._locked()
        owner = {
            "pid": os.getpid(),
            "host": platform.node(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
            "purpose": self.purpose,
        }
        try:
            handle.seek(0)
            handle.write(json.dumps(owner).encode("utf-8").ljust(_LOCK_OFFSET - 1) + b"\n")
            handle.flush()
        except OSError:
            pass  # the details are a courtesy; the lock itself is what matters
        self._handle = handle
        return self

    def release(self) -> None:
        fd, self._database_fd = self._database_fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)  # closing the descriptor releases its byte-range lock
        handle, self._handle = self._handle, None
        if handle is None:
            return
        _unlock(handle)
        handle.close()

    def __enter__(self) -> WorkspaceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
