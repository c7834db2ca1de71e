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

_LOCK_OFFSET = 4096  # the locked byte; owner details are written before it


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

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> WorkspaceLock:
        """Take the lock now or raise ``WorkspaceLockedError`` naming who holds it."""
        if self._handle is not None:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
            handle = os.fdopen(fd, "r+b")
        except OSError as exc:
            raise WorkspaceError(
                f"cannot create the lock file {self.path}: {exc.strerror or exc}"
            ) from exc
        if not _try_lock(handle):
            handle.close()
            raise WorkspaceLockedError(
                f"{self.workspace} is open in {_describe(read_owner(self.workspace))}; "
                "close it there first"
            )
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
        handle, self._handle = self._handle, None
        if handle is None:
            return
        _unlock(handle)
        handle.close()

    def __enter__(self) -> WorkspaceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
