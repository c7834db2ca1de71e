"""Importing files: the queue, the background worker, the progress dialog and its Cancel.

Files already in the workspace are found, not imported again. The extraction runs in a
child process waited on by an ``ImportWorker`` thread; each result is stored on the GUI
thread through the service. Cancel kills the child; files stored before it are kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QFileDialog

from shiny_review.domain.errors import ShinyReviewError
from shiny_review.ui.dialogs.import_progress import ImportProgress
from shiny_review.ui.import_worker import ImportWorker, Ingester
from shiny_review.ui.wording import SAVED, plural

if TYPE_CHECKING:
    from shiny_review.ui.main_window import MainWindow

IMPORTABLE = "Letters and reports (*.pdf *.docx *.txt *.md);;All files (*)"  # .docx: issue 13


def local_files(mime: QMimeData) -> list[Path]:
    """The local files in a drag, if any."""
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


class ImportController(QObject):
    """One import at a time. ``finished`` carries the ids imported or found."""

    finished = Signal(list)

    def __init__(self, window: MainWindow, ingester: Ingester) -> None:
        super().__init__(window)
        self.window = window
        self.ingester = ingester
        self.failures: list[str] = []
        self.progress: ImportProgress | None = None
        self._worker: ImportWorker | None = None
        self._orphans: list[ImportWorker] = []
        self._imported: list[int] = []
        self._show_after = False
        self._cancelled = False

    @property
    def running(self) -> bool:
        return self._worker is not None

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Import letters", str(Path.home()), IMPORTABLE
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path], *, show: bool = True) -> None:
        """Import in the background; files already in the workspace are found, not redone."""
        if self._worker is not None:
            self.window.show_error("An import is already running; wait for it to finish.")
            return
        self.failures = []
        self._imported = []
        self._show_after = show
        self._cancelled = False
        pending: list[Path] = []
        for path in paths:
            try:
                existing = self.window.service.existing_document(path)
            except OSError as exc:
                self.failures.append(f"could not import {path.name}: {exc.strerror or exc}")
                continue
            if existing is not None:
                self._imported.append(existing.id)
            else:
                pending.append(path)
        if not pending:
            self._done()
            return
        self.progress = ImportProgress.start(self.window, len(pending))
        self._worker = ImportWorker(pending, self.ingester)
        self._worker.started_file.connect(self.progress.step)
        self._worker.ingested.connect(self._ingested)
        self._worker.failed.connect(self._failed)
        self._worker.finished.connect(self._done)
        self.progress.canceled.connect(self.cancel)
        self._worker.start()

    def cancel(self) -> None:
        """Stop the import: the worker kills its child process; stored files are kept."""
        if self._worker is not None:
            self._worker.cancel()
            self._cancelled = True
            self._done()

    def _ingested(self, _path: str, ingested: object) -> None:
        if self._worker is None or self._worker.cancelled:
            return
        try:
            outcome = self.window.service.add_ingested(ingested)  # type: ignore[arg-type]
        except ShinyReviewError as exc:
            self.failures.append(str(exc))
            return
        self._imported.append(outcome.value.document.id)
        self.window.refresh_documents()

    def _failed(self, _path: str, message: str) -> None:
        self.failures.append(message)

    def _done(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.started_file.disconnect()
            worker.ingested.disconnect()
            worker.failed.disconnect()
            worker.finished.disconnect()
            if worker.isRunning():  # cancelled: its child is being killed; forget it after
                self._orphans.append(worker)
                worker.finished.connect(self._forget_finished_workers)  # queued: GUI thread
            else:
                worker.deleteLater()
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
            self.window.activateWindow()
        window = self.window
        window.refresh_documents()
        if self._imported and self._show_after:
            window.open_document(self._imported[-1])
        n = len(self._imported)
        if self._cancelled:
            kept = f" {plural(n, 'file')} imported before it {'is' if n == 1 else 'are'} kept."
            window.show_status(f"Import cancelled.{kept if n else ''}")
        elif self.failures:
            window.show_error("Some files were not imported:\n\n" + "\n".join(self.failures))
        elif n:
            window.show_status(f"Imported {plural(n, 'file')}. {SAVED}")
        self.finished.emit(list(self._imported))

    def _forget_finished_workers(self) -> None:
        for worker in [w for w in self._orphans if w.isFinished()]:
            self._orphans.remove(worker)
            worker.deleteLater()

    def shut_down(self) -> None:
        """The window is closing: stop the import and wait for every worker thread."""
        if self._worker is not None:
            self._worker.cancel()
        for worker in [self._worker, *self._orphans]:
            if worker is not None:
                worker.wait()
