"""One child process for a batch of imports (the command line's ``import FILES...``).

``ingest_isolated`` spawns a fresh interpreter for every file: about 0.2-0.4 s a file before
a page is read (interpreter start, importing pymupdf and the ingest package). ``WarmIngester``
keeps one child for the batch, fed paths over its pipe, so those imports are paid once, and
starts it at once so that it loads pymupdf while this process opens the workspace.

The isolation is the same as ``ingest_isolated``'s: the child runs under the same memory
limit and network guard, its output goes to the log (never to stdout), a file that takes too
long, crashes the child or exhausts its memory is reported exactly as there, and the child is
then killed and a fresh one started for the next file. A file refused with an ordinary error
(damaged, encrypted, no text) leaves the child running. The child is also replaced after
``RECYCLE_AFTER`` files, so one file's left-over memory never counts against many others.
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
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from shiny_review.domain.errors import ImportCancelled, InputFileError, ShinyReviewError
from shiny_review.domain.structure import IngestedDocument
from shiny_review.services.isolated_ingest import (
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_TIMEOUT_S,
    _chain,
    _looks_out_of_memory,
    _redirect_output,
    _wait_for,
    check_size,
    guard_child,
    ingest_isolated,
    out_of_memory,
)

if TYPE_CHECKING:
    from shiny_review.services.documents import Ingester

RECYCLE_AFTER = 16  # files one child imports before a fresh one takes over

log = logging.getLogger(__name__)


def _worker(
    memory_limit: int | None, conn: Connection, output: str | None, share: bool = False
) -> None:
    """The child: import each path it is sent, answer each, stop at ``None``. ``share``: a
    large PDF's pages are read with a helper process (``split_ingest``), for a child alone."""
    _redirect_output(output)
    guard_child(memory_limit)
    from shiny_review.ingest import ingest_file
    from shiny_review.services.split_ingest import page_sharer

    read_parts = page_sharer(memory_limit) if share else None
    try:
        while True:
            try:
                path = conn.recv()
            except EOFError:
                return
            if path is None:
                _leave(conn)
            try:
                answer: tuple[str, Any] = ("ok", ingest_file(Path(path), read_parts=read_parts))
            except ShinyReviewError as exc:
                answer = ("error", str(exc))
            except MemoryError:
                answer = ("memory", "")
            except Exception as exc:  # a hostile file must never take the parent down
                text = f"{type(exc).__name__}: {exc}"
                kind = "memory" if memory_limit and _looks_out_of_memory(_chain(exc)) else "error"
                answer = (kind, text)
            conn.send(answer)
            if answer[0] == "memory":
                return  # the parent starts a fresh child for the next file
    finally:
        conn.close()


def _leave(conn: Connection) -> NoReturn:
    """The batch is done: exit at once, without the interpreter's teardown of the modules
    (0.1-0.3 s with pymupdf loaded, which the parent's ``stop`` waits for); what the child
    printed is flushed to its output file first."""
    conn.close()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0)


class _Child:
    """One running worker, its pipe and the file its output goes to."""

    def __init__(self, memory_limit: int | None, share: bool = False) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child_end = ctx.Pipe(duplex=True)
        fd, self.output = tempfile.mkstemp(prefix="shiny-review-import-", suffix=".log")
        os.close(fd)
        self.read_to = 0
        self.files = 0
        self.process = ctx.Process(
            target=_worker,
            args=(memory_limit, child_end, self.output, share),
            name="shiny-review-import",
        )
        self.process.start()
        child_end.close()

    def printed(self, name: str) -> str:
        """What the child printed since the last call, written to the log."""
        try:
            with open(self.output, "rb") as handle:
                handle.seek(self.read_to)
                data = handle.read()
        except OSError:
            return ""
        self.read_to += len(data)
        text = data.decode("utf-8", errors="replace").strip()
        if text:
            log.warning("the import of %s printed:\n%s", name, text)
        return text

    def stop(self, name: str = "", *, kill: bool = False) -> None:
        if not kill:
            with contextlib.suppress(OSError, ValueError):
                if self.process.is_alive():
                    self.conn.send(None)
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()
        if name:
            self.printed(name)
        with contextlib.suppress(OSError):
            os.unlink(self.output)


class WarmIngester:
    """An ``Ingester`` (``path, cancel=...``) that imports every file through a warm child;
    with ``workers=2``, ``ingest_all`` keeps two children busy (one a core), files in turn."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
        start: bool = True,
        workers: int = 1,
    ) -> None:
        self.timeout = timeout
        self.memory_limit = memory_limit
        # One child alone shares a large PDF's pages with a helper; two keep both cores busy.
        self.share = workers <= 1
        self._slots: list[_Child | None] = [
            _Child(memory_limit, self.share) if start else None for _ in range(max(1, workers))
        ]

    @property
    def _child(self) -> _Child | None:
        return self._slots[0]

    def __call__(self, path: Path, *, cancel: threading.Event | None = None) -> IngestedDocument:
        path = Path(path)
        if cancel is not None and cancel.is_set():
            raise ImportCancelled(f"the import of {path.name} was cancelled")
        child = self._send(0, path)
        return self._receive(0, child, path, time.monotonic() + self.timeout, cancel)

    def ingest_all(self, paths: Sequence[Path]) -> list[IngestedDocument]:
        """Every file, in order (``read_all`` to the end)."""
        return list(self.read_all(paths))

    def read_all(self, paths: Sequence[Path]) -> Iterator[IngestedDocument]:
        """Every file, in order, each as soon as it and those before it are read, by the
        children side by side: each child is given the next file as soon as it answers
        (files differ in length, so taking them in turn left one child idle; issue 16). The
        first file that fails raises as ``__call__`` would, and the children still reading
        another file are stopped (so are they if the caller stops iterating)."""
        paths = [Path(p) for p in paths]
        found: dict[int, IngestedDocument] = {}
        waiting = iter(enumerate(paths))
        busy: dict[int, tuple[int, _Child, float]] = {}  # slot: file, child, deadline
        given = 0  # the files handed back so far

        def give(slot: int) -> None:
            for k, path in waiting:  # the next file not yet given, if any
                busy[slot] = (k, self._send(slot, path), time.monotonic() + self.timeout)
                return

        try:
            for slot in range(len(self._slots)):
                give(slot)
            while busy:
                slot = self._next_answer(busy)
                k, child, deadline = busy.pop(slot)
                found[k] = self._receive(slot, child, paths[k], deadline, None)
                give(slot)
                while given in found:
                    yield found.pop(given)
                    given += 1
        finally:
            for slot, (_, child, _) in busy.items():  # still reading when another failed
                self._slots[slot] = None
                child.stop(kill=True)

    @staticmethod
    def _next_answer(busy: dict[int, tuple[int, _Child, float]]) -> int:
        """The slot whose child answered (or died) first; the one whose file's time is up
        first if none does before then."""
        soonest = min(busy, key=lambda slot: busy[slot][2])
        by_conn = {busy[slot][1].conn: slot for slot in busy}
        ready = wait(list(by_conn), timeout=max(0.0, busy[soonest][2] - time.monotonic()))
        return by_conn[ready[0]] if ready else soonest  # type: ignore[index]

    def _send(self, slot: int, path: Path) -> _Child:
        """Give ``path`` to the slot's child (a fresh one if it died or has done its share)."""
        check_size(path)
        child = self._slots[slot]
        if child is None or not child.process.is_alive() or child.files >= RECYCLE_AFTER:
            if child is not None:
                child.stop(path.name)
            child = self._slots[slot] = _Child(self.memory_limit, self.share)
        child.files += 1
        try:
            child.conn.send(str(path))
        except OSError:
            child.process.join(5)
            self._slots[slot] = None
            error = self._died(child, path)
            child.stop(kill=True)
            raise error from None
        return child

    def _receive(
        self,
        slot: int,
        child: _Child,
        path: Path,
        deadline: float,
        cancel: threading.Event | None,
    ) -> IngestedDocument:
        ok = False
        try:
            _wait_until(child.conn, path, deadline, self.timeout, cancel)
            try:
                status, payload = child.conn.recv()
            except EOFError:
                child.process.join(5)
                raise self._died(child, path) from None
            ok = status in ("ok", "error")
        finally:
            child.printed(path.name)
            if not ok:  # timed out, cancelled, crashed or out of memory: never reused
                if self._slots[slot] is child:
                    self._slots[slot] = None
                child.stop(kill=True)
        if status == "memory":
            log.warning("the import of %s ran out of memory: %s", path.name, payload)
            raise out_of_memory(path.name, self.memory_limit or 0)
        if status == "ok":
            assert isinstance(payload, IngestedDocument)
            return payload
        message = str(payload)
        if message.startswith("could not import"):
            raise InputFileError(message)
        raise InputFileError(f"could not import {path.name}: {message}")

    def _died(self, child: _Child, path: Path) -> InputFileError:
        printed = child.printed(path.name)
        if self.memory_limit and (_looks_out_of_memory(printed) or "MemoryError" in printed):
            return out_of_memory(path.name, self.memory_limit)
        return InputFileError(
            f"could not import {path.name}: the import stopped unexpectedly "
            f"(exit code {child.process.exitcode}; details are in the log)"
        )

    def close(self) -> None:
        """Stop the children (after the batch); safe to call twice."""
        for slot, child in enumerate(self._slots):
            if child is not None:
                child.stop("the batch")
                self._slots[slot] = None


def _wait_until(
    receiver: Connection,
    path: Path,
    deadline: float,
    timeout: float,
    cancel: threading.Event | None,
) -> None:
    """``_wait_for`` with the file's deadline set when it was sent (a file waiting behind
    another's answer is not given longer)."""
    if cancel is not None and cancel.is_set():
        raise ImportCancelled(f"the import of {path.name} was cancelled")
    remaining = deadline - time.monotonic()
    if remaining <= 0 and not receiver.poll(0):
        raise InputFileError(f"could not import {path.name}: it took longer than {timeout:.0f} s")
    if remaining > 0 and not receiver.poll(0):
        try:
            _wait_for(receiver, path, remaining, cancel)
        except InputFileError:
            raise InputFileError(
                f"could not import {path.name}: it took longer than {timeout:.0f} s"
            ) from None


@contextlib.contextmanager
def ingester_for(command: str, files: int = 1) -> Iterator[Ingester]:
    """The ingester a command-line command runs with: for ``import`` of ``files`` files, a
    ``WarmIngester`` started now (its children load pymupdf while the workspace opens) and
    stopped afterwards; for any other command, ``ingest_isolated`` (a child a file, started
    only if a file is read)."""
    if command != "import":
        yield ingest_isolated
        return
    # Two children for a batch (files side by side, one a core), one for a single file.
    # Since the import stopped making word boxes (issue 16, round 9) two children take the
    # 12 corpus reports in ~0.72 s against ~0.96 s for one, process starts included (two
    # were slower while each file cost more than the second child's start).
    ingester = WarmIngester(workers=max(1, min(2, files, os.cpu_count() or 1)))
    try:
        yield ingester
    finally:
        ingester.close()
