"""Removing a document to the bin from the window, and restoring it (issue 11).

File > Remove document… asks (``confirm_remove``, a function tests replace), then pushes a
``RemoveDocument`` command: the window shows the next document of the list, or none. Undo
restores the document with its highlights and links and opens it. The bin dialog lists the
removed documents under the deleted highlights; Restore there is a ``RestoreDocument``.

Built and owned by ``WorkspaceToolsController`` (owner "tools"), whose bin dialog it fills.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

if TYPE_CHECKING:
    from shiny_review.domain.entities import Document
    from shiny_review.ui.dialogs.document_bin import RemovedDocumentsBox
    from shiny_review.ui.dialogs.workspace_tools import BinDialog
    from shiny_review.ui.window_state import WindowState


def confirmation(label: str) -> str:
    return (
        f"Move '{label}' to the bin? Its highlights and links are kept and come back if you "
        "restore it."
    )


def confirm_remove(parent: QWidget, label: str) -> bool:
    """Ask before moving the document ``label`` to the bin."""
    answer = QMessageBox.question(
        parent,
        "Remove document",
        confirmation(label),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def label_of(document: Document) -> str:
    from shiny_review.domain.document_label import document_label

    return document_label(document) or document.title


class DocumentBinController(QObject):
    """The slot of ``remove_document``; the removed documents of the bin dialog."""

    def __init__(self, state: WindowState, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.parent_widget = parent
        self.confirm: Callable[[QWidget, str], bool] = confirm_remove
        self.box: RemovedDocumentsBox | None = None

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {"remove_document": self.remove_open}

    def listed(self) -> list[int]:
        """The documents in the order the documents list shows them."""
        from shiny_review.ui.models.documents import DocumentsModel

        order = DocumentsModel()
        order.set_documents(self.state.service.documents.all())
        ids = [d.id for d in order.all_documents()]
        order.deleteLater()
        return ids

    def remove_open(self) -> bool:
        """After asking, move the open document to the bin (undoable); True if done."""
        from shiny_review.ui.commands_documents import RemoveDocument

        doc = self.state.document
        if doc is None:
            return False
        label = label_of(doc)
        if not self.confirm(self.parent_widget, label):
            return False
        self.state.push(RemoveDocument(self.state, doc.id, label, self.listed))
        return True

    def restore(self, document_id: int) -> None:
        from shiny_review.ui.commands_documents import RestoreDocument

        found = [d for d in self.state.service.documents.removed() if d.id == document_id]
        label = label_of(found[0]) if found else str(document_id)
        self.state.push(RestoreDocument(self.state, document_id, label, self.listed))

    # -- the bin dialog -------------------------------------------------------------------

    def add_to(self, dialog: BinDialog) -> None:
        """Show the removed documents in the bin dialog, under its deleted highlights."""
        from shiny_review.ui.dialogs.document_bin import RemovedDocumentsBox

        self.box = RemovedDocumentsBox(dialog)
        self.box.restoreRequested.connect(self.restore)
        dialog.layout_.insertWidget(0, QLabel("Deleted highlights"))
        dialog.layout_.insertWidget(dialog.layout_.count() - 1, self.box, 1)
        dialog.setWindowTitle("Bin: deleted highlights and removed documents")
        dialog.resize(dialog.width(), 640)

    def fill(self) -> None:
        if self.box is not None:
            self.box.set_rows(self.state.service.documents.removed())
