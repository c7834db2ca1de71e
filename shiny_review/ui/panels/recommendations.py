"""Recommendations panel: the open document's recommendations, with hand-editing buttons.

``bind(state)``: the table is reloaded (keeping the selected row) whenever the state rereads
the recommendations; the current row is the state's selected recommendation. Above them, the
"check the recommendations" banner (issue 12) shows the open document's failed self-checks,
reread when another document opens or an operation changes the open one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction
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

from shiny_review.domain.entities import Recommendation
from shiny_review.ui.checks_mark import ChecksBanner
from shiny_review.ui.models.recommendations import RecommendationsModel
from shiny_review.ui.wording import plural

if TYPE_CHECKING:
    from shiny_review.services.changes import Changed
    from shiny_review.ui.window_state import WindowState


class RecommendationsPanel(QWidget):
    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: WindowState | None = None
        self.model = RecommendationsModel(self)
        self.table = QTableView()
        self.table.setObjectName("recommendationsTable")
        self.table.setAccessibleName("Recommendations")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAcceptDrops(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.table.setDropIndicatorShown(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.checks_banner = ChecksBanner(actions["confirm_checks"])
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        title = QLabel("&Recommendations")
        title.setBuddy(self.table)
        buttons = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for name, label in (
            ("add_recommendation", "Add"),
            ("edit_recommendation", "Edit"),
            ("move_up", "Up"),
            ("move_down", "Down"),
            ("delete_recommendation", "Delete"),
        ):
            action = actions[name]
            button = QPushButton(label)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            button.setToolTip(f"{action.toolTip()} ({action.shortcut().toString()})")
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            button.setEnabled(action.isEnabled())
            buttons.addWidget(button)
            self.buttons.append(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(title)
        layout.addWidget(self.checks_banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_recommendations(self, recs: list[Recommendation], has_document: bool) -> None:
        self.model.set_recommendations(recs)
        self.table.resizeRowsToContents()
        if not has_document:
            self.summary.setText("Open a document to see its recommendations.")
        elif not recs:
            self.summary.setText(
                "No recommendations were found in this document. Add them by hand (Add)."
            )
        else:
            missing = sum(1 for r in recs if not r.evidence_count)
            self.summary.setText(
                f"{plural(len(recs), 'recommendation')}; "
                + (f"⚠ {missing} without evidence yet." if missing else "each has evidence.")
            )

    def selected(self) -> Recommendation | None:
        index = self.table.currentIndex()
        return self.model.recommendation_at(index.row()) if index.isValid() else None

    def tab_chain(self) -> list[QWidget]:
        """The panel's controls in the order Tab visits them."""
        return [self.checks_banner.confirm, self.table, *self.buttons]

    def bind(self, state: WindowState) -> None:
        self._state = state
        state.recommendationsChanged.connect(self._reload)
        state.documentChanged.connect(self._reload_checks)
        state.changed.connect(self._changed)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

    def _reload(self) -> None:
        assert self._state is not None
        state = self._state
        self.set_recommendations(state.recommendations, state.document is not None)
        if state.selected_recommendation is not None:
            row = self.model.row_of(state.selected_recommendation)
            if row >= 0:
                self.table.selectRow(row)

    def _reload_checks(self) -> None:
        assert self._state is not None
        doc = self._state.document
        self.checks_banner.set_checks(self._state.service.checks.of(doc.id) if doc else [])

    def _changed(self, changed: Changed) -> None:
        doc = self._state.document if self._state is not None else None
        # A highlight changes the document's count, never its self-check mark.
        if doc is not None and (doc.id in changed.checks or changed.row_changed(doc.id)):
            self._reload_checks()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        assert self._state is not None
        rec = self.model.recommendation_at(current.row())
        self._state.select_recommendation(rec.id if rec else None)
