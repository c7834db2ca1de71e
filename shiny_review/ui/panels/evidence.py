"""Evidence panel: the passages linked to the selected recommendation, across documents.

``bind(state)``: reread when the recommendations are reread or another one is selected.
Activating a row emits ``passageChosen(document id, annotation id)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shiny_review.ui.models.evidence import EvidenceModel
from shiny_review.ui.wording import plural

if TYPE_CHECKING:
    from shiny_review.ui.window_state import WindowState

NO_SELECTION = "E&vidence: select a recommendation"


class EvidencePanel(QWidget):
    passageChosen = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: WindowState | None = None
        self.model = EvidenceModel(self)
        self.table = QTableView()
        self.table.setObjectName("evidenceTable")
        self.table.setAccessibleName("Evidence for the selected recommendation")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 120)
        header.resizeSection(4, 120)
        self.title = QLabel(NO_SELECTION)
        self.title.setBuddy(self.table)
        self.title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.table.activated.connect(self._activated)

    def tab_chain(self) -> list[QWidget]:
        """The panel's controls in the order Tab visits them."""
        return [self.table]

    def bind(self, state: WindowState) -> None:
        self._state = state
        state.recommendationsChanged.connect(self.reload)
        state.recommendationSelected.connect(self.reload)

    def reload(self) -> None:
        """Show the evidence of the selected recommendation (none: an empty list)."""
        assert self._state is not None
        rec = self._state.selected_recommendation_row()
        if rec is None:
            self.model.set_items([])
            self.title.setText(NO_SELECTION)
            return
        items = self._state.service.evidence.of(rec.id)
        self.model.set_items(items)
        docs = len({i.document_id for i in items})
        what = (
            f"{plural(len(items), 'passage')} in {plural(docs, 'document')}"
            if items
            else "no evidence yet"
        )
        from shiny_review.ui.models.recommendations import label

        self.title.setText(f"E&vidence for recommendation {label(rec)}: {what}")
        self.table.resizeRowsToContents()

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.item_at(index.row())
        if item is not None:
            self.passageChosen.emit(item.document_id, item.annotation.id)
