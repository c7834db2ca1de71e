"""Imports off the GUI thread. The thread only waits on the child process that runs the
extraction (``services.isolated_ingest``; for several files one warm child kept for the
batch, ``Documents.batch``); pymupdf never runs in a Qt thread. Storing each result happens
back on the GUI thread, through the service.

``cancel()`` really stops the import: the ingester gets the worker's cancel event, kills
its child process and raises ``ImportCancelled``; the thread then ends quietly (no
``ingested`` or ``failed``)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal

from shiny_review.domain.errors import ImportCancelled, ShinyReviewError

if TYPE_CHECKING:  # the one ingester type, shared with the command line
    from shiny_review.services.documents import Ingester

BatchIngester = Callable[[int], "AbstractContextManager[Ingester]"]


class ImportWorker(QThread):
    started_file = Signal(int, str)  # index, file name
    ingested = Signal(str, object)  # path, IngestedDocument
    failed = Signal(str, str)  # path, plain message

    def __init__(
        self, paths: list[Path], ingester: Ingester, batch: BatchIngester | None = None
    ) -> None:
        super().__init__()
        self._paths = list(paths)
        self._ingest = ingester
        self._batch = batch  # one warm child for the files (``Documents.batch``)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        batch = self._batch
        reader = batch(len(self._paths)) if batch else contextlib.nullcontext(self._ingest)
        with reader as ingest:
            self._read(ingest)

    def _read(self, ingest: Ingester) -> None:
        for i, path in enumerate(self._paths):
            if self._cancel.is_set():
                return
            self.started_file.emit(i, path.name)
            try:
                document = ingest(path, cancel=self._cancel)
            except ImportCancelled:
                return
            except ShinyReviewError as exc:
                self.failed.emit(str(path), str(exc))
                continue
            except Exception as exc:  # never let a worker die silently
                self.failed.emit(str(path), f"could not import {path.name}: {exc}")
                continue
            if self._cancel.is_set():
                return
            self.ingested.emit(str(path), document)
