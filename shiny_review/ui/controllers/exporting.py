"""Export: File > Export asks for a format, a scope and a file, and writes the evidence log.

The dialog opens on the folder of the last export and suggests a file name with the
authority and the date ("evidence-log-halton-2026-12-04.csv"). The file is written off the
GUI thread (``ExportWorker``, with a read-only service of its own) while a progress dialog
counts the rows; ``exported`` carries the rows written, or None when the export failed
(the error is shown). ``export_to`` writes at once, on the calling thread (scripts, tests).

Built with the window state, the window's settings (the last export folder) and a parent
widget for the dialogs; never the main window.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from shiny_review.domain.errors import ShinyReviewError
from shiny_review.ui.wording import plural

if TYPE_CHECKING:
    from shiny_review.ui.dialogs.export import ExportRequest
    from shiny_review.ui.export_worker import ExportWorker
    from shiny_review.ui.settings import WindowSettings
    from shiny_review.ui.window_state import WindowState


def suggested_name(authority: str | None, day: date) -> str:
    """The export's file name (no suffix): "evidence-log-halton-2026-12-04"."""
    parts = ["evidence-log"]
    if authority:
        slug = re.sub(r"[^a-z0-9]+", "-", authority.lower()).strip("-")
        if slug:
            parts.append(slug)
    parts.append(day.isoformat())
    return "-".join(parts)


class ExportController(QObject):
    exported = Signal(object)  # rows written, or None
    progressed = Signal(int)  # rows read so far

    def __init__(self, state: WindowState, settings: WindowSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.settings = settings
        self.parent_widget = parent
        self.progress: QProgressDialog | None = None
        self._worker: ExportWorker | None = None
        self._result: int | None = None

    @property
    def running(self) -> bool:
        return self._worker is not None

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {"export": self.export_interactively}

    def export_interactively(self) -> None:
        from shiny_review.ui.dialogs.export import ExportDialog

        doc = self.state.document
        current = (doc.id, doc.title) if doc else None
        name = suggested_name(doc.authority if doc else None, date.today())
        folder = self.settings.export_folder()
        request = ExportDialog.ask(  # issue 11: the dialog refuses the workspace's own files
            self.parent_widget,
            current,
            folder,
            name=name,
            workspace=self.state.service.workspace_path,
        )
        if request is not None:
            self.start_export(request)

    def start_export(self, request: ExportRequest) -> None:
        """Write the evidence log in the background; ``exported`` when done."""
        from shiny_review.ui.export_worker import ExportWorker

        if self._worker is not None:
            self.state.show_error("An export is already running; wait for it to finish.")
            return
        service = self.state.service
        worker = ExportWorker(
            service.workspace_target,
            None if service.on_server else service.author,
            request.format,
            request.path,
            request.document_id,
            service.worker_password(),
        )
        from shiny_review.ui.service_worker import busy_dialog

        progress = busy_dialog(
            self.parent_widget,
            "Exporting the evidence log…",
            "Export evidence log",
            "exportProgress",
        )
        self.progress, self._worker, self._result = progress, worker, None
        worker.progressed.connect(self._progressed)
        worker.exported.connect(lambda count: self._exported(request, count))
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        worker.start()

    def _progressed(self, rows: int) -> None:
        self.progressed.emit(rows)
        if self.progress is not None:
            self.progress.setLabelText(f"Exporting the evidence log… {plural(rows, 'row')} read")

    def _exported(self, request: ExportRequest, count: int) -> None:
        self.settings.set_export_folder(request.path.parent)
        self.state.show_status(f"Exported {plural(count, 'row')} to {request.path}")
        self._result = count

    def _failed(self, message: str) -> None:
        self.state.show_error(message)
        self._result = None

    def _finished(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.deleteLater()
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.exported.emit(self._result)

    def shut_down(self) -> None:
        """The window is closing: let a running export finish writing its file."""
        if self._worker is not None:
            self._worker.wait()

    def export_to(self, request: ExportRequest) -> int | None:
        """Write the evidence log now, on this thread; the number of rows, or None (the
        error is shown)."""
        from shiny_review.services.export.exporting import (  # XlsxWriter: ~40 ms
            ExportFormat,
            export,
        )

        state = self.state
        try:
            count = export(
                state.service, ExportFormat(request.format), request.path, request.document_id
            )
        except ShinyReviewError as exc:
            state.show_error(str(exc))
            return None
        except OSError as exc:
            state.show_error(f"could not write {request.path}: {exc.strerror or exc}")
            return None
        self.settings.set_export_folder(request.path.parent)
        state.show_status(f"Exported {plural(count, 'row')} to {request.path}")
        return count
