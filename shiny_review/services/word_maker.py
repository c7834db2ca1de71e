"""A kept PDF's word boxes made in a child process (the window's first need of them).

The import does not make word boxes (issue 16): the page view asks for them when it first
shows a PDF's pages. pymupdf is not thread-safe and holds the GIL while it reads, so the
window's worker thread waits here on a spawned child (the import child's network guard and
memory limit) that runs ``ingest.page_words``; the window stores what comes back
(``PageService.keep_word_boxes``). A file the child cannot read, or a child that dies or
takes too long, gives an ``InputFileError`` with a plain message.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import tempfile
import threading
import time
from multiprocessing.connection import Connection

from shiny_review.domain.errors import ImportCancelled, InputFileError, ShinyReviewError
from shiny_review.domain.structure import PageWords
from shiny_review.services.isolated_ingest import (
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_TIMEOUT_S,
    POLL_S,
    _log_output,
    _redirect_output,
)
from shiny_review.services.split_ingest import start_reader


def _child(data: bytes, name: str, memory_limit: int | None, conn: Connection, output: str) -> None:
    _redirect_output(output)  # never the window's terminal: the log, as an import child's
    start_reader(memory_limit)
    try:
        from shiny_review.ingest import page_words

        conn.send(("ok", page_words(data, name)))
    except ShinyReviewError as exc:
        conn.send(("error", str(exc)))
    except Exception as exc:  # a hostile file must never take the window down
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def make_in_child(
    data: bytes,
    name: str,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    cancel: threading.Event | None = None,
) -> PageWords:
    """``ingest.page_words(data, name)`` run in a fresh child process. Setting ``cancel``
    (from any thread) kills the child within ``POLL_S`` and raises ``ImportCancelled``."""
    ctx = mp.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    fd, output = tempfile.mkstemp(prefix="shiny-review-words-", suffix=".log")
    os.close(fd)
    process = ctx.Process(
        target=_child, args=(data, name, memory_limit, sender, output), name="shiny-review-words"
    )
    deadline = time.monotonic() + timeout
    try:
        process.start()
        sender.close()
        while not receiver.poll(POLL_S):
            if cancel is not None and cancel.is_set():
                raise ImportCancelled(f"reading the pages of {name} was cancelled")
            if time.monotonic() > deadline:
                raise InputFileError(f"the pages of {name} took longer than {timeout:.0f} s")
        try:
            status, payload = receiver.recv()
        except EOFError:
            process.join(5)
            raise InputFileError(
                f"the pages of {name} could not be read: the reading stopped unexpectedly "
                f"(exit code {process.exitcode})"
            ) from None
    finally:
        receiver.close()
        if process.pid is not None:  # started (a failed start raises its own error)
            if process.is_alive() and not (cancel is not None and cancel.is_set()):
                process.join(1)  # it has answered and is leaving
            if process.is_alive():
                process.kill()
            process.join(5)
        _log_output(output, name)
        with contextlib.suppress(OSError):
            os.unlink(output)
    if status != "ok":
        raise InputFileError(f"the pages of {name} could not be read: {payload}")
    assert isinstance(payload, PageWords)
    return payload
