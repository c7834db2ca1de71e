"""A large PDF's pages read in two processes at once (one a core), joined in page order.

``PageSplitter`` keeps a pool of ``workers`` warm children (spawned, so pymupdf is never
shared with a thread of this process). ``ingest_file(path, read_parts=splitter)`` gives it the
page ranges of a PDF of ``ingest.SPLIT_FROM`` pages or more: each child reads its range with
``pdf_text.read_pages`` under the same memory limit and network guard as the import child,
and the pages come back in order for the layout, so the result is the one a single process
gives (``tests/services/test_split_ingest.py``). A range refused as damaged refuses the file
with the same message.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from shiny_review.domain.structure import IngestedDocument
from shiny_review.services.isolated_ingest import DEFAULT_MEMORY_LIMIT

if TYPE_CHECKING:
    from shiny_review.ingest.layout import Page


def start_reader(memory_limit: int | None) -> None:
    """A child's start: the network guard, the memory limit, pymupdf loaded once."""
    from shiny_review.runtime.network_guard import install_network_guard

    install_network_guard()
    if memory_limit and sys.platform != "win32":
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    import shiny_review.ingest.pdf_text  # noqa: F401  # pymupdf, before the first file


def _read(data: bytes, name: str, start: int, stop: int) -> list[Page]:
    from shiny_review.ingest.pdf_text import read_pages

    return read_pages(data, name, start, stop)


class PageSplitter:
    """A ``PageReader`` over ``workers`` warm child processes; ``close`` when done."""

    def __init__(self, workers: int = 2, memory_limit: int | None = DEFAULT_MEMORY_LIMIT) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=mp.get_context("spawn"),
            initializer=start_reader,
            initargs=(memory_limit,),
        )

    def warm(self) -> None:
        """Start every child now (they load pymupdf while the caller does other work)."""
        for future in [self._pool.submit(int) for _ in range(self.workers)]:
            future.result()

    def __call__(self, data: bytes, name: str, ranges: list[tuple[int, int]]) -> list[Page]:
        futures = [self._pool.submit(_read, data, name, start, stop) for start, stop in ranges]
        pages: list[Page] = []
        for future in futures:  # in page order
            pages.extend(future.result())
        return pages

    def ingest(self, path: Path) -> IngestedDocument:
        """``ingest_file`` with a large PDF's pages read by the children."""
        from shiny_review.ingest import ingest_file

        return ingest_file(path, read_parts=self, parts=self.workers)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
