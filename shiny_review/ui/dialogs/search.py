"""Search all documents: a phrase, the matches in every document; activate one to go there."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shiny_review.services.review import SearchHit
from shiny_review.ui.models.search import SearchResultsModel


class SearchDialog(QDialog):
    """Non-modal. ``searchRequested`` asks the window to search; ``hitChosen`` to go there."""

    searchRequested = Signal(str)
    hitChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setWindowTitle("Search all documents")
        self.query = QLineEdit()
        self.query.setAccessibleName("Search for")
        self.query.setPlaceholderText("Phrase to find in every document")
        go = QPushButton("&Search")
        go.setAccessibleName("Search")
        self.summary = QLabel("")
        self.model = SearchResultsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Search results")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(go)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.resize(760, 420)
        go.clicked.connect(self._search)
        self.query.returnPressed.connect(self._search)
        self.table.activated.connect(self._chosen)

    def _search(self) -> None:
        if self.query.text().strip():
            self.searchRequested.emit(self.query.text())

    def show_hits(self, hits: list[SearchHit]) -> None:
        self.model.set_hits(hits)
        docs = len({h.document_id for h in hits})
        self.summary.setText(f"{len(hits)} matches in {docs} documents" if hits else "No matches.")
        if hits:
            self.table.resizeColumnToContents(0)
            self.table.selectRow(0)

    def _chosen(self) -> None:
        hit = self.model.hit_at(self.table.currentIndex().row())
        if hit is not None:
            self.hitChosen.emit(hit)

    @classmethod
    def open_for(cls, parent: QWidget | None) -> SearchDialog:
        dialog = cls(parent)
        dialog.show()
        dialog.query.setFocus()
        return dialog
