"""Run the import of one file in a child process with a time and memory limit.

pymupdf is not thread-safe and a hostile file may crash or exhaust it; a child process
keeps both away from the window and the workspace. A failure there comes back as an
``InputFileError`` saying "could not import FILE: reason".

The wait for the child can be cancelled from another thread: pass ``cancel`` (a
``threading.Event``); once it is set, the child is killed within ``POLL_S`` seconds and
``ImportCancelled`` is raised.

Whatever the child or its libraries print (MuPDF's messages, a traceback of a child that ran
out of memory) goes to a file that is then written to the log, never to the terminal: the
command line's stdout stays clean (``import --json``). Reaching the memory limit is reported in
one line that names the limit.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from shiny_review.domain.errors import ImportCancelled, InputFileError, ShinyReviewError
from shiny_review.domain.structure import IngestedDocument

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_LIMIT = 2 * 1024**3
MAX_PDF_BYTES = 300 * 1024**2
MAX_TEXT_BYTES = 10 * 1024**2
MAX_DOCX_BYTES = 50 * 1024**2  # a Word file with pictures (issue 13)
POLL_S = 0.05  # how often the wait looks at the cancel event
_MB = 1024**2
# What a child that reached its address-space limit says (it may not manage a MemoryError:
# loading a shared library or a C++ allocation fails first).
_OUT_OF_MEMORY = (
    "failed to map segment",
    "cannot allocate memory",
    "bad_alloc",
    "malloc",
    "out of memory",
    "error return without exception set",
)

log = logging.getLogger(__name__)


def memory_limit_text(limit: int) -> str:
    if limit >= 1024**3 and limit % 1024**3 == 0:
        return f"{limit // 1024**3} GiB"
    return f"{limit / _MB:.0f} MiB"


def out_of_memory(name: str, limit: int) -> InputFileError:
    return InputFileError(
        f"could not import {name}: it needs more memory than the import limit of "
        f"{memory_limit_text(limit)}"
    )


def _redirect_output(path: str | None) -> None:
    """Send the child's stdout and stderr (file descriptors 1 and 2) to ``path``."""
    if not path:
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        for target in (1, 2):
            os.dup2(fd, target)
        os.close(fd)


def check_size(path: Path) -> None:
    """Refuse, before any parsing, a file far larger than any letter or report."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise InputFileError(f"could not import {path.name}: {exc.strerror or exc}") from exc
    is_pdf = b"%PDF-" in head
    is_docx = head.startswith(b"PK\x03\x04") and path.suffix.lower() in (".docx", ".docm")
    limit = MAX_PDF_BYTES if is_pdf else MAX_DOCX_BYTES if is_docx else MAX_TEXT_BYTES
    if size > limit:
        kind = "PDF files" if is_pdf else "Word files" if is_docx else "text files"
        raise InputFileError(
            f"could not import {path.name}: it is {size / _MB:.1f} MB, and {kind} larger "
            f"than {limit // _MB} MB are not imported (split it into smaller files)"
        )


def guard_child(memory_limit: int | None) -> None:
    """What every reading child does first: the network guard, then the memory limit."""
    from shiny_review.runtime.network_guard import install_network_guard

    install_network_guard()
    if memory_limit and sys.platform != "win32":
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))


def _child(
    path: str, memory_limit: int | None, conn: Connection, output: str | None = None
) -> None:
    _redirect_output(output)
    guard_child(memory_limit)
    try:
        from shiny_review.ingest import ingest_file
        from shiny_review.services.split_ingest import page_sharer

        conn.send(("ok", ingest_file(Path(path), read_parts=page_sharer(memory_limit))))
    except ShinyReviewError as exc:
        conn.send(("error", str(exc)))
    except MemoryError:
        conn.send(("memory", ""))
    except Exception as exc:  # a hostile file must never take the parent down
        text = f"{type(exc).__name__}: {exc}"
        kind = "memory" if memory_limit and _looks_out_of_memory(_chain(exc)) else "error"
        conn.send((kind, text))
    finally:
        conn.close()


def _chain(exc: BaseException) -> str:
    """The messages of an exception and of those it was raised from or during."""
    parts: list[str] = []
    seen: BaseException | None = exc
    while seen is not None and len(parts) < 20:
        parts.append(f"{type(seen).__name__}: {seen}")
        if isinstance(seen, MemoryError):
            parts.append("out of memory")
        seen = seen.__cause__ or seen.__context__
    return "\n".join(parts)


def _looks_out_of_memory(text: str) -> bool:
    lowered = text.lower()
    return any(sign in lowered for sign in _OUT_OF_MEMORY)


def _log_output(path: str, name: str) -> str:
    """Write what the child printed to the log; return it."""
    try:
        text = Path(path).read_text("utf-8", errors="replace").strip()
    except OSError:
        return ""
    if text:
        log.warning("the import of %s printed:\n%s", name, text)
    return text


def _wait_for(
    receiver: Connection, path: Path, timeout: float, cancel: threading.Event | None
) -> None:
    """Return once the child has answered (or died); raise on timeout or cancel."""
    deadline = time.monotonic() + timeout
    while True:
        if cancel is not None and cancel.is_set():
            raise ImportCancelled(f"the import of {path.name} was cancelled")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise InputFileError(
                f"could not import {path.name}: it took longer than {timeout:.0f} s"
            )
        if receiver.poll(min(POLL_S, remaining) if cancel is not None else remaining):
            return


def ingest_isolated(
    path: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    cancel: threading.Event | None = None,
) -> IngestedDocument:
    """Ingest ``path`` in a fresh child process; raise InputFileError on any failure.

    When ``cancel`` is set (from any thread) the child is killed and ``ImportCancelled``
    is raised; the child never outlives this call.
    """
    path = Path(path)
    if cancel is not None and cancel.is_set():
        raise ImportCancelled(f"the import of {path.name} was cancelled")
    check_size(path)
    ctx = mp.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    fd, output = tempfile.mkstemp(prefix="shiny-review-import-", suffix=".log")
    os.close(fd)
    process = ctx.Process(
        target=_child,
        args=(str(path), memory_limit, sender, output),
        name="shiny-review-import",
    )
    printed = ""
    try:
        process.start()
        sender.close()
        try:
            _wait_for(receiver, path, timeout, cancel)
            try:
                status, payload = receiver.recv()
            except EOFError:
                process.join(5)
                printed = _log_output(output, path.name)
                if memory_limit and (_looks_out_of_memory(printed) or "MemoryError" in printed):
                    raise out_of_memory(path.name, memory_limit) from None
                raise InputFileError(
                    f"could not import {path.name}: the import stopped unexpectedly "
                    f"(exit code {process.exitcode}; details are in the log)"
                ) from None
        finally:
            receiver.close()
            if process.is_alive():
                process.kill()
            process.join(5)
    finally:
        if not printed:
            _log_output(output, path.name)
        with contextlib.suppress(OSError):
            os.unlink(output)
    if status == "memory":
        log.warning("the import of %s ran out of memory: %s", path.name, payload)
        raise out_of_memory(path.name, memory_limit or 0)
    if status == "ok":
        assert isinstance(payload, IngestedDocument)
        return payload
    message = str(payload)
    if message.startswith("could not import"):
        raise InputFileError(message)
    raise InputFileError(f"could not import {path.name}: {message}")
