"""Write a file completely or not at all: a temporary file beside it, then an atomic rename.

The temporary file is flushed to disk (fsync) before the rename and the folder after it, so a
power cut leaves the old file or the new one. The new file gets the permissions an ordinary
new file would get (``0o666`` less the umask), or keeps those of the file it replaces. A
symbolic link is followed: its target is replaced, the link stays. Temporary files are named
``.<name>.<pid>-<random>.part``; one left behind by an export that was killed (its process is
gone) is removed by the next export to the same name.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def _umask() -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # (not thread-safe, hence /proc first)
    os.umask(mask)
    return mask


def new_file_mode(target: Path) -> int:
    """The mode the written file should have: the replaced file's, else a new file's."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def real_target(target: Path) -> Path:
    """The file a write to ``target`` should replace: a symbolic link's target, not the link."""
    target = Path(target)
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False  # Windows: a file still open by a live export cannot be deleted anyway
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_leftovers(target: Path) -> list[Path]:
    """Delete ``.part`` files of ``target`` left by exports whose process has ended."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)-[^.]*\.part$")
    removed = []
    with contextlib.suppress(OSError):
        for path in target.parent.iterdir():
            match = pattern.match(path.name)
            if match and not _pid_alive(int(match[1])):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temporary(target: Path) -> tuple[int, str]:
    remove_leftovers(target)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}-", suffix=".part", dir=target.parent
    )
    with contextlib.suppress(OSError):
        os.chmod(tmp, new_file_mode(target))
    return fd, tmp


def _finish(tmp: str, target: Path) -> None:
    os.replace(tmp, target)
    with contextlib.suppress(OSError):
        fsync_folder(target.parent)


@contextlib.contextmanager
def atomic_writer(target: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    target = real_target(Path(target))
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder")
    fd, tmp = _temporary(target)
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _finish(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path to write to (for libraries that take a file name), then renamed."""
    target = real_target(Path(target))
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder")
    fd, tmp = _temporary(target)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as handle:  # the library closed it; flush it to disk
            os.fsync(handle.fileno())
        _finish(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
