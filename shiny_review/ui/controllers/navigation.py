"""Going places: open a document (and remember it), go to a highlight, reopen the last one.

Built with the window state, the window's settings and the document view (which gets the
keyboard focus); never the main window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from shiny_review.ui.settings import WindowSettings
    from shiny_review.ui.window_state import WindowState


class NavigationController(QObject):
    def __init__(self, state: WindowState, settings: WindowSettings, view: QWidget) -> None:
        super().__init__(view)
        self.state = state
        self.settings = settings
        self.view = view
        state.documentChanged.connect(self._remember)

    def _remember(self) -> None:
        doc = self.state.document
        if doc is not None:
            self.settings.set_last_document(self.state.service.workspace_path, doc.id)

    def open_document(self, document_id: int, *, focus: bool = True) -> None:
        if self.state.open_document(document_id) and focus:
            self.view.setFocus()

    def go_to_annotation(self, document_id: int, annotation_id: int) -> None:
        doc = self.state.document
        if doc is None or doc.id != document_id:
            self.open_document(document_id)
        self.state.select_annotation(annotation_id)
        self.view.setFocus()

    def open_last_document(self, documents: list[int]) -> None:
        """Open the document open last time in this workspace, else the first of
        ``documents`` (the ids the documents list shows, in its order)."""
        doc_id = self.settings.last_document(self.state.service.workspace_path)
        if doc_id is not None and doc_id in documents:
            self.open_document(doc_id)
        elif documents:
            self.open_document(documents[0])
