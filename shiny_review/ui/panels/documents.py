"""Documents panel: a tree of documents grouped by authority."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from shiny_review.ui.models.documents import DocumentsModel


class DocumentsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentsModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("documentsTree")
        self.tree.setAccessibleName("Documents")
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(False)  # long titles wrap instead of being cut
        self.tree.setTabKeyNavigation(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(30)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 95)
        # The kind is in each document's tooltip and in the header above the text, so the
        # narrow panel gives its room to the title instead.
        header.hideSection(1)
        self.tree.setWordWrap(True)
        title = QLabel("&Documents")
        title.setBuddy(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(title)
        layout.addWidget(self.tree)

    def refresh_layout(self) -> None:
        self.tree.expandAll()
