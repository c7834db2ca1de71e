"""Importing files: the queue, the background worker, the progress dialog and its Cancel.

Files already in the workspace are found, not imported again. The extraction runs in a
child process waited on by an ``ImportWorker`` thread; each result is stored on the GUI
thread through the service. Cancel kills the child; files stored before it are kept.

Built with the window state, a parent widget (for the file and progress
dialogs) and the call that opens (and shows) a document; never the main window. The files
are read by the workspace's own ingester, ``service.documents.ingest`` (one import path: the
service is opened with the ingester, e.g. ``ingest_isolated`` for the window).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QWidget

from shiny_review.domain.errors import ShinyReviewError
from shiny_review.services.changes import Changed
from shiny_review.ui.focus import focus_kept
from shiny_review.ui.wording import SAVED, plural

if TYPE_CHECKING:
    from shiny_review.ui.dialogs.import_progress import ImportProgress
    from shiny_review.ui.import_worker import ImportWorker
    from shiny_review.ui.window_state import WindowState

IMPORTABLE = "Letters and reports (*.pdf *.docx *.txt *.md);;All files (*)"  # .docx: issue 13


def local_files(mime: QMimeData) -> list[Path]:
    """The local files in a drag, if any."""
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


def accept_drag(event: QDropEvent | QDragEnterEvent) -> None:
    """A drag over the window: accepted when it carries local files."""
    if local_files(event.mimeData()):
        event.acceptProposedAction()


class ImportController(QObject):
    """One import at a time. ``finished`` carries the ids imported or found."""

    finished = Signal(list)

    def __init__(
        self,
        state: WindowState,
        parent: QWidget,
        open_document: Callable[[int], object],
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.parent_widget = parent
        self.open_document = open_document
        self.failures: list[str] = []
        self.progress: ImportProgress | None = None
        self._worker: ImportWorker | None = None
        self._orphans: list[ImportWorker] = []
        self._imported: list[int] = []
        self._show_after = False
        self._cancelled = False
        self.warnings: list[str] = []  # issue 11: what to check after an import
        self.restored: list[int] = []  # issue 11: documents the import took out of the bin

    @property
    def running(self) -> bool:
        return self._worker is not None

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {"import": self.choose_files}

    def drop(self, event: QDropEvent) -> None:
        """Files dropped on the window: import them."""
        paths = local_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def choose_files(self) -> None:
        with focus_kept(self.parent_widget):
            paths, _ = QFileDialog.getOpenFileNames(
                self.parent_widget, "Import letters", str(Path.home()), IMPORTABLE
            )
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path], *, show: bool = True) -> None:
        """Import in the background; files already in the workspace are found, not redone."""
        if self._worker is not None:
            self.state.show_error("An import is already running; wait for it to finish.")
            return
        self.failures = []
        self.warnings = []
        self.restored = []
        self._imported = []
        self._show_after = show
        self._cancelled = False
        pending: list[Path] = []
        for path in paths:
            try:
                existing = self.state.service.documents.existing(path)
            except OSError as exc:
                self.failures.append(f"could not import {path.name}: {exc.strerror or exc}")
                continue
            if existing is not None and existing.removed_at is not None:
                self._take_out_of_bin(path)  # issue 11: the file of a document in the bin
            elif existing is not None:
                self._imported.append(existing.id)
            else:
                pending.append(path)
        if not pending:
            self._done()
            return
        from shiny_review.ui.dialogs.import_progress import ImportProgress
        from shiny_review.ui.import_worker import ImportWorker

        self.progress = ImportProgress.start(self.parent_widget, len(pending))
        documents = self.state.service.documents
        self._worker = ImportWorker(pending, documents.ingest, documents.batch)
        self._worker.started_file.connect(self.progress.step)
        self._worker.ingested.connect(self._ingested)
        self._worker.failed.connect(self._failed)
        self._worker.finished.connect(self._done)
        self.progress.canceled.connect(self.cancel)
        self._worker.start()

    def _take_out_of_bin(self, path: Path) -> None:
        """Importing a removed document's file again restores it (in the import's
        transaction), with everything it had."""
        try:
            outcome = self.state.service.documents.import_file(path)
        except ShinyReviewError as exc:
            self.failures.append(str(exc))
            return
        result = outcome.value
        self._imported.append(result.document.id)
        if result.restored:
            self.restored.append(result.document.id)
        self.state.apply(outcome.changed, quiet=True)

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
            outcome = self.state.service.documents.add_ingested(ingested)  # type: ignore[arg-type]
        except ShinyReviewError as exc:
            self.failures.append(str(exc))
            return
        self._imported.append(outcome.value.document.id)
        self.warnings += [f"{Path(_path).name}: {w}" for w in outcome.value.warnings]  # issue 11
        self.state.apply(Changed(documents=frozenset({outcome.value.document.id})), quiet=True)

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
            self.parent_widget.activateWindow()
        state = self.state
        if self._imported:
            state.apply(Changed(documents=frozenset(self._imported)), quiet=True)
        if self._imported and self._show_after:
            self.open_document(self._imported[-1])
        n = len(self._imported)
        if self._cancelled:
            kept = f" {plural(n, 'file')} imported before it {'is' if n == 1 else 'are'} kept."
            state.show_status(f"Import cancelled.{kept if n else ''}")
        elif self.failures:
            state.show_error("Some files were not imported:\n\n" + "\n".join(self.failures))
        elif n and self.warnings:  # issue 11: e.g. a text file's encoding was guessed
            state.show_error(f"Imported {plural(n, 'file')}; check:\n\n" + "\n".join(self.warnings))
        elif n and self.restored:
            back = plural(len(self.restored), "document")
            state.show_status(f"Imported {plural(n, 'file')}; {back} restored from the bin.")
        elif n:
            state.show_status(f"Imported {plural(n, 'file')}. {SAVED}")
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
