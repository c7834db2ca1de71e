"""Export: File > Export asks for a format, a scope and a file, and writes the evidence log.

Built with the window state, the window's settings (the last export folder) and a parent
widget for the dialog; never the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from shiny_review.domain.errors import ShinyReviewError
from shiny_review.ui.wording import plural

if TYPE_CHECKING:
    from shiny_review.ui.dialogs.export import ExportRequest
    from shiny_review.ui.settings import WindowSettings
    from shiny_review.ui.window_state import WindowState


class ExportController(QObject):
    def __init__(self, state: WindowState, settings: WindowSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.settings = settings
        self.parent_widget = parent

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {"export": self.export_interactively}

    def export_interactively(self) -> None:
        from shiny_review.ui.dialogs.export import ExportDialog

        doc = self.state.document
        current = (doc.id, doc.title) if doc else None
        request = ExportDialog.ask(  # issue 11: the dialog refuses the workspace's own files
            self.parent_widget,
            current,
            self.settings.export_folder(),
            self.state.service.workspace_path,
        )
        if request is not None:
            self.export_to(request)

    def export_to(self, request: ExportRequest) -> int | None:
        """Write the evidence log; the number of rows, or None (the error is shown)."""
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
