"""The removed documents in the bin dialog (issue 11): a table and a Restore button.

``RemovedDocumentsBox`` goes under the bin dialog's deleted highlights; Restore emits
``restoreRequested(document id)``, which ``controllers/document_bin`` turns into an undoable
command.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shiny_review.domain.document_label import document_label
from shiny_review.domain.entities import Document
from shiny_review.ui.models.table import Column, RowsTableModel
from shiny_review.ui.wording import plural

DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 8


def _removed_at(doc: Document) -> str:
    return doc.removed_at.strftime("%Y-%m-%d %H:%M") if doc.removed_at else ""


class RemovedDocumentsModel(RowsTableModel[Document]):
    """Documents in the bin, the last removed first (as given)."""

    COLUMNS = (
        Column("Document", document_label, tooltip=lambda d: f"{d.title}\n{d.source_name}"),
        Column("File", lambda d: d.source_name),
        Column("Removed", _removed_at),
    )
    ID_ROLE = DOCUMENT_ROLE

    def row_id(self, row: Document) -> Any:
        return row.id


class RemovedDocumentsBox(QWidget):
    restoreRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("removedDocuments")
        self.model = RemovedDocumentsModel(self)
        self.table = QTableView()
        self.table.setObjectName("removedDocumentsTable")
        self.table.setAccessibleName("Removed documents")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.title = QLabel("Removed &documents")
        self.title.setBuddy(self.table)
        self.message = QLabel()
        self.restore_button = QPushButton("Restore &document")
        self.restore_button.setObjectName("restoreDocumentButton")
        self.restore_button.clicked.connect(self.restore_selected)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def set_rows(self, documents: Sequence[Document]) -> None:
        self.model.set_rows(documents)
        self.table.resizeColumnsToContents()
        self.restore_button.setEnabled(bool(documents))
        self.message.setText(
            plural(len(documents), "removed document") if documents else "No removed documents."
        )
        if documents:
            self.table.selectRow(0)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = self.model.index(index.row(), 0).data(DOCUMENT_ROLE)
        return int(value) if value is not None else None

    def restore_selected(self) -> None:
        doc_id = self.selected_id()
        if doc_id is not None:
            self.restoreRequested.emit(doc_id)
