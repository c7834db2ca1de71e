"""A large PDF's pages read by the import's process and one helper process at once.

The import runs in a child process (``isolated_ingest``, ``warm_ingest``), which on a machine
with two cores or more gives ``ingest_file`` a ``PageSharer``: for a PDF of
``ingest.SPLIT_FROM`` pages or more it spawns one helper (under the same network guard and
memory limit), and the two read the pages in chunks, this process from the front and the
helper from the back, until they meet. Neither waits for the other to start: a helper still
loading pymupdf when the front reaches the back has read nothing and is stopped. The pages
come back in order for the layout, so the result is the one a single process gives
(``tests/services/test_split_ingest.py``). A chunk the helper claimed but never sent (it died)
is read here; a range it found damaged refuses the file with the same message as here. The
helper ends with the import's process (a cancelled or timed-out import kills that process).
No named semaphore is made (nothing for the resource tracker to report after a kill).
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
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from shiny_review.domain.errors import InputFileError

if TYPE_CHECKING:
    from shiny_review.ingest.layout import Page

CHUNKS = 32  # a document is cut into about this many chunks: the last one decides the wait
MIN_CHUNK = 4  # pages
CPU_LIMIT_S = 120  # seconds of CPU a helper may use (the import's own time limit)
_PR_SET_PDEATHSIG = 1

log = logging.getLogger(__name__)


def start_reader(memory_limit: int | None) -> None:
    """A reading child's start: the network guard, the memory limit, pymupdf loaded once."""
    from shiny_review.services.isolated_ingest import guard_child

    guard_child(memory_limit)
    import shiny_review.ingest.pdf_text  # noqa: F401  # pymupdf, before the first file


def page_chunks(count: int) -> list[tuple[int, int]]:
    """``count`` pages cut into consecutive chunks of at least ``MIN_CHUNK`` pages."""
    size = max(MIN_CHUNK, -(-count // CHUNKS))
    return [(at, min(at + size, count)) for at in range(0, count, size)]


class _Claims:
    """Which chunks are taken, without a lock: those before ``front`` by the reader (only the
    reader writes it), those from ``back`` on by the helper (only the helper writes it). Each
    side publishes its claim before reading the chunk and stops once the two meet, so a chunk
    is never left unread; at the meeting both may read the same one, whose pages are the
    same either way."""

    def __init__(self, ctx: Any, chunks: int) -> None:
        self.chunks = chunks
        self.front = ctx.RawValue("i", 0)
        self.back = ctx.RawValue("i", chunks)

    def from_front(self) -> int | None:
        index = int(self.front.value)
        if index >= self.back.value:
            return None
        self.front.value = index + 1
        return index

    def from_back(self) -> int | None:
        index = int(self.back.value) - 1
        if index < self.front.value:
            return None
        self.back.value = index
        return index

    def helper_took(self) -> range:
        """The helper's chunks, once ``from_front`` has said None (they no longer change)."""
        return range(int(self.back.value), self.chunks)


def _help(
    source: Connection,
    name: str,
    chunks: list[tuple[int, int]],
    claims: _Claims,
    out: Connection,
    memory_limit: int | None,
) -> None:
    """The helper: read chunks from the back, send each (index, pages), then ``None``."""
    end_with_reader()
    start_reader(memory_limit)
    from shiny_review.ingest.pdf_text import read_pages

    try:
        data = source.recv_bytes()
    except (EOFError, OSError):  # the reader finished (or stopped) without it
        return
    source.close()
    sending = _Sender(out)
    try:
        while (index := claims.from_back()) is not None:
            sending.put((index, read_pages(data, name, *chunks[index])))
    except InputFileError as exc:
        sending.put(("error", str(exc)))
    sending.close()


class _Sender:
    """The helper's pages sent from a thread, so that it reads on while the reader, busy
    with its own chunks, has not yet taken them off the pipe."""

    def __init__(self, out: Connection) -> None:
        self._out = out
        self._items: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def put(self, item: object) -> None:
        self._items.put(item)

    def close(self) -> None:
        self._items.put(None)
        self._thread.join()

    def _run(self) -> None:
        with contextlib.suppress(OSError):  # the reader is gone
            while (item := self._items.get()) is not None:
                self._out.send(item)
            self._out.send(None)
        self._out.close()


def end_with_reader() -> None:
    """This helper process ends with the process that started it (the import, which a cancel
    or time-out kills), even in the middle of a page: a thread waits for that process to end
    (``watch_reader``); on Linux the kernel also sends the kill at once (the thread needs the
    interpreter, which a long page holds); on POSIX a CPU-time limit ends it in any case."""
    watch_reader()
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


def watch_reader() -> None:
    """A thread that ends this process when the process that started it ends."""
    reader = mp.parent_process()
    if reader is not None:
        threading.Thread(target=_exit_after, args=(reader,), daemon=True).start()


def _exit_after(reader: Any) -> None:
    reader.join()
    os._exit(0)


Helper = Callable[[Connection, str, list[tuple[int, int]], _Claims, Connection, "int | None"], None]


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
        self.claims: _Claims | None = None  # during a call (tests watch it)
        self.helper_chunks = 0  # chunks the helper read in the last call

    def __call__(self, data: bytes, name: str, count: int) -> list[Page]:
        from shiny_review.ingest.pdf_text import read_pages

        chunks = page_chunks(count)
        ctx = mp.get_context("spawn")
        claims = self.claims = _Claims(ctx, len(chunks))
        source, sink = ctx.Pipe(duplex=False)
        pages_in, pages_out = ctx.Pipe(duplex=False)
        process = ctx.Process(
            target=self.helper,
            args=(source, name, chunks, claims, pages_out, self.memory_limit),
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
            # Only the helper holds these ends now: its death is an end of file here.
            source.close()
            pages_out.close()
        pages: dict[int, list[Page]] = {}
        try:
            while (index := claims.from_front()) is not None:
                pages[index] = read_pages(data, name, *chunks[index])
            helpers = self._helpers_pages(process, pages_in, claims.helper_took())
            self.helper_chunks = len(helpers)
            pages.update(helpers)
            for index in range(len(chunks)):  # claimed by a helper that died first
                if index not in pages:
                    pages[index] = read_pages(data, name, *chunks[index])
        finally:
            self.claims = None
            if process.is_alive():
                process.kill()
            if process.pid is not None:
                process.join()
            pages_in.close()
        return [page for index in range(len(chunks)) for page in pages[index]]

    @staticmethod
    def _helpers_pages(process: Any, pages_in: Connection, took: range) -> dict[int, list[Page]]:
        """The chunks the helper claimed, as it sends them; fewer if it dies first."""
        wanted = set(took)
        got: dict[int, list[Page]] = {}
        while wanted:
            wait([pages_in, process.sentinel])
            try:
                message = pages_in.recv()
            except (EOFError, OSError):  # it died, perhaps in the middle of a message
                break
            if message is None:
                break
            if message[0] == "error":
                raise InputFileError(message[1])
            wanted.discard(message[0])
            got[message[0]] = message[1]
        return got
