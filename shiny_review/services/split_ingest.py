"""A large PDF's pages read by the import's process and one helper process at once.

The import runs in a child process (``isolated_ingest``, ``warm_ingest``), which on a machine
with two cores or more gives ``ingest_file`` a ``PageSharer``: for a PDF of
``ingest.SPLIT_FROM`` pages or more it spawns one helper (under the same network guard and
memory limit), and the two read the pages in chunks, this process from the front and the
helper from the back, until they meet. Neither waits for the other to start: a helper still
loading pymupdf when the front reaches the back has read nothing and is stopped. The pages
come back in order for the layout, so the result is the one a single process gives
(``tests/services/test_split_ingest.py``). A chunk the helper claimed but never sent (it died)
is read here; a range it found damaged refuses the file with the same message as here.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import queue
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from shiny_review.domain.errors import InputFileError

if TYPE_CHECKING:
    from shiny_review.ingest.layout import Page

CHUNKS = 32  # a document is cut into about this many chunks: the last one decides the wait
MIN_CHUNK = 4  # pages
CPU_LIMIT_S = 120  # seconds of CPU a helper may use (the import's own time limit)
_PR_SET_PDEATHSIG = 1
_WAIT_S = 0.5  # how often the wait for the helper's pages looks whether it is still alive

log = logging.getLogger(__name__)


def start_reader(memory_limit: int | None) -> None:
    """A reading child's start: the network guard, the memory limit, pymupdf loaded once."""
    from shiny_review.runtime.network_guard import install_network_guard

    install_network_guard()
    if memory_limit and sys.platform != "win32":
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    import shiny_review.ingest.pdf_text  # noqa: F401  # pymupdf, before the first file


def page_chunks(count: int) -> list[tuple[int, int]]:
    """``count`` pages cut into consecutive chunks of at least ``MIN_CHUNK`` pages."""
    size = max(MIN_CHUNK, -(-count // CHUNKS))
    return [(at, min(at + size, count)) for at in range(0, count, size)]


class _Claims:
    """Which chunks are taken: those before ``front`` by the reader, from ``back`` on by the
    helper (shared memory, under one lock)."""

    def __init__(self, ctx: Any, chunks: int) -> None:
        self.chunks = chunks
        self.lock = ctx.Lock()
        self.front = ctx.Value("i", 0, lock=False)
        self.back = ctx.Value("i", chunks, lock=False)

    def from_front(self) -> int | None:
        with self.lock:
            if self.front.value >= self.back.value:
                return None
            self.front.value += 1
            return int(self.front.value) - 1

    def from_back(self) -> int | None:
        with self.lock:
            if self.back.value <= self.front.value:
                return None
            self.back.value -= 1
            return int(self.back.value)

    def helper_took(self, chunks: int) -> range:
        with self.lock:
            return range(int(self.back.value), chunks)


def _help(
    source: Connection,
    name: str,
    chunks: list[tuple[int, int]],
    claims: _Claims,
    out: Any,
    memory_limit: int | None,
) -> None:
    """The helper: read chunks from the back, send each (index, pages), then ``None``."""
    _die_with_reader()
    start_reader(memory_limit)
    from shiny_review.ingest.pdf_text import read_pages

    try:
        data = source.recv_bytes()
    except (EOFError, OSError):  # the reader finished (or stopped) without it
        return
    source.close()
    reader = mp.parent_process()
    try:
        while (index := claims.from_back()) is not None:
            if reader is not None and not reader.is_alive():
                os._exit(0)  # the import was cancelled or timed out: nobody wants the pages
            out.put((index, read_pages(data, name, *chunks[index])))
    except InputFileError as exc:
        out.put(("error", str(exc)))
    out.put(None)


def _die_with_reader() -> None:
    """Killed with the process that started it (the import, when it is cancelled or times
    out) even in the middle of a page: on Linux by the kernel; elsewhere the helper looks
    before each chunk. A CPU-time limit stops it in any case on a POSIX system."""
    if sys.platform == "win32":
        return
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S))
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


Helper = Callable[[Connection, str, list[tuple[int, int]], _Claims, Any, "int | None"], None]


def _send(sink: Connection, data: bytes) -> None:
    with contextlib.suppress(OSError):  # the helper stopped before it took the file
        sink.send_bytes(data)
    sink.close()


def page_sharer(memory_limit: int | None) -> PageSharer | None:
    """A ``PageSharer`` where this process may use two cores, else None (one reader)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return PageSharer(memory_limit) if cores >= 2 else None


class PageSharer:
    """An ``ingest.PageReader``: the pages read here and in one helper process."""

    def __init__(self, memory_limit: int | None = None, helper: Helper = _help) -> None:
        self.memory_limit = memory_limit
        self.helper = helper
        self.claims: _Claims | None = None  # the last call's
        self.helper_chunks = 0  # chunks the helper read in the last call

    def __call__(self, data: bytes, name: str, count: int) -> list[Page]:
        from shiny_review.ingest.pdf_text import read_pages

        chunks = page_chunks(count)
        ctx = mp.get_context("spawn")
        claims = self.claims = _Claims(ctx, len(chunks))
        out = ctx.Queue()
        source, sink = ctx.Pipe(duplex=False)
        process = ctx.Process(
            target=self.helper,
            args=(source, name, chunks, claims, out, self.memory_limit),
            daemon=True,
        )
        try:
            process.start()
        except OSError as exc:  # no helper: every page is read here
            log.warning("no helper process to read the pages of %s: %s", name, exc)
            sink.close()
        else:
            # The file goes over a pipe from a thread, not in the start's arguments: those
            # are written before ``start`` returns, which waited for the new interpreter to
            # read them (0.1 s before a page was read here).
            threading.Thread(target=_send, args=(sink, data), daemon=True).start()
        finally:
            source.close()
        pages: dict[int, list[Page]] = {}
        try:
            while (index := claims.from_front()) is not None:
                pages[index] = read_pages(data, name, *chunks[index])
            helpers = self._helpers_pages(process, out, claims, len(chunks))
            self.helper_chunks = len(helpers)
            pages.update(helpers)
            for index in range(len(chunks)):  # claimed by a helper that died first
                if index not in pages:
                    pages[index] = read_pages(data, name, *chunks[index])
        finally:
            if process.is_alive():
                process.kill()
            if process.pid is not None:
                process.join()
            out.close()
        return [page for index in range(len(chunks)) for page in pages[index]]

    @staticmethod
    def _helpers_pages(
        process: Any, out: Any, claims: _Claims, chunks: int
    ) -> list[tuple[int, list[Page]]]:
        """The chunks the helper claimed, as it sends them; fewer if it dies first."""
        wanted = set(claims.helper_took(chunks))
        got: list[tuple[int, list[Page]]] = []
        while wanted:
            try:
                message = out.get(timeout=_WAIT_S)
            except queue.Empty:
                if process.is_alive():
                    continue
                try:  # it may have sent its last chunk just before it stopped
                    message = out.get(timeout=_WAIT_S)
                except (queue.Empty, EOFError, OSError):
                    break
            except (EOFError, OSError):  # it died while sending
                break
            if message is None:
                break
            if message[0] == "error":
                raise InputFileError(message[1])
            wanted.discard(message[0])
            got.append(message)
        return got
