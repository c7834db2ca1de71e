"""Action plan panel: the statutory deadlines, filters (owner, status, overdue), the tree of
recommendations and their actions, and the buttons that edit them. It lives in a dock beside
the evidence (``ui/action_plan_dock.py``), hidden until View > Action plan shows it.

``bind(state)``: the rows are reread from ``service.action_plan`` after each operation
(``changed``: an edit, its undo, an import) and when the workspace is attached; the
deadlines when documents come or go. While the dock is hidden the panel only notes that it
is out of date and rereads when it is shown. The buttons that edit are connected by the
action plan controller (ui/controllers/action_plan.py); the board report's button triggers
the registry's action.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from shiny_review.domain.action_plan import ActionStatus
from shiny_review.services.plan_lines import PlanFilter
from shiny_review.ui.models.action_plan import (
    ACTION_ID_ROLE,
    RECOMMENDATION_ID_ROLE,
    ActionPlanModel,
)

if TYPE_CHECKING:
    from shiny_review.services.changes import Changed
    from shiny_review.ui.window_state import WindowState

ALL = "All"
NO_DEADLINE = "No statutory deadline."


class ActionPlanPanel(QWidget):
    def __init__(self, actions: Mapping[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionPlanPanel")
        self._state: WindowState | None = None
        self._stale = self._deadlines_stale = True
        self.model = ActionPlanModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("actionPlanTree")
        self.tree.setAccessibleName("Action plan: recommendations and their actions")
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTabKeyNavigation(False)  # Tab leaves the tree; arrows move in it
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 300)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.owner_filter = QComboBox()
        self.owner_filter.setAccessibleName("Show actions of owner")
        self.owner_filter.addItem(ALL, None)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Show actions with status")
        self.status_filter.addItem(ALL, None)
        for status in ActionStatus:
            self.status_filter.addItem(status.rag.label, status.value)
        self.overdue_filter = QCheckBox("&Overdue only")
        self.overdue_filter.setAccessibleName("Show overdue actions only")
        filters = QHBoxLayout()
        owner_label = QLabel("O&wner:")
        owner_label.setBuddy(self.owner_filter)
        status_label = QLabel("Stat&us:")
        status_label.setBuddy(self.status_filter)
        for widget in (owner_label, self.owner_filter, status_label, self.status_filter):
            filters.addWidget(widget)
        filters.addWidget(self.overdue_filter)
        filters.addStretch(1)
        self.add_action_button = QPushButton("Add &action…")
        self.edit_action_button = QPushButton("&Edit action…")
        self.delete_action_button = QPushButton("&Delete action")
        self.add_update_button = QPushButton("Add u&pdate…")
        self.report_button = QPushButton("&Board report…")
        self.buttons = (
            self.add_action_button,
            self.edit_action_button,
            self.delete_action_button,
            self.add_update_button,
            self.report_button,
        )
        names = (
            "Add an action to the selected recommendation",
            "Edit the selected action",
            "Delete the selected action",
            "Add a progress update to the selected recommendation",
            "Write the board report (XLSX and PDF)",
        )
        row = QHBoxLayout()
        for button, name in zip(self.buttons, names, strict=True):
            button.setAccessibleName(name)
            button.setToolTip(name)
            row.addWidget(button)
        row.addStretch(1)
        report = actions["board_report"]
        self.report_button.clicked.connect(report.trigger)
        report.enabledChanged.connect(self.report_button.setEnabled)
        self.report_button.setEnabled(report.isEnabled())
        self.deadlines = QLabel("")
        self.deadlines.setObjectName("deadlinesLabel")
        self.deadlines.setWordWrap(True)
        self.title = QLabel("Recommendations and their actions (&plan):")
        self.title.setBuddy(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.deadlines)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.owner_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.overdue_filter.toggled.connect(lambda _on: self.reload())
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self._current_changed(QModelIndex(), QModelIndex())

    def tab_chain(self) -> list[QWidget]:
        """The panel's controls in the order Tab visits them."""
        return [
            self.owner_filter,
            self.status_filter,
            self.overdue_filter,
            self.tree,
            *self.buttons,
        ]

    # -- what it shows ------------------------------------------------------------------------

    def bind(self, state: WindowState) -> None:
        self._state = state
        state.serviceChanged.connect(self._out_of_date)
        state.changed.connect(self._out_of_date)

    def _out_of_date(self, changed: Changed | None = None) -> None:
        self._stale = True
        if changed is None or changed.documents:
            self._deadlines_stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def plan_filter(self) -> PlanFilter:
        status = self.status_filter.currentData()
        return PlanFilter(
            owner=self.owner_filter.currentData(),
            status=ActionStatus(status) if status else None,
            overdue_only=self.overdue_filter.isChecked(),
        )

    def reload(self) -> None:
        """Reread the rows (as the filters say, keeping the selected action) and, if they
        are out of date, the deadlines."""
        if self._state is None or not self._state.attached:
            return
        plan = self._state.service.action_plan
        selected = self.selected_action_id()
        self._stale = False
        self._set_owners(plan.owners())
        self.model.set_lines(plan.plan_lines(self.plan_filter()))
        self.tree.expandAll()
        if selected is not None:
            index = self.model.index_of_action(selected)
            if index.isValid():
                self.tree.setCurrentIndex(index)
        self._current_changed(self.tree.currentIndex(), QModelIndex())
        if self._deadlines_stale:
            self._deadlines_stale = False
            self._show_deadlines()

    def _show_deadlines(self) -> None:
        assert self._state is not None
        parts = []
        for d in self._state.service.action_plan.deadlines():
            if d.due is None:
                continue
            left = d.working_days_left or 0
            when = f"{-left} working days overdue" if left < 0 else f"{left} working days left"
            parts.append(f"{d.title}: due {d.due:%d %b %Y} ({when})")
        self.deadlines.setText("\n".join(parts) or NO_DEADLINE)

    def _set_owners(self, owners: list[str]) -> None:
        current = self.owner_filter.currentData()
        self.owner_filter.blockSignals(True)
        self.owner_filter.clear()
        self.owner_filter.addItem(ALL, None)
        for owner in owners:
            self.owner_filter.addItem(owner, owner)
        found = self.owner_filter.findData(current) if current is not None else 0
        self.owner_filter.setCurrentIndex(max(found, 0))
        self.owner_filter.blockSignals(False)

    # -- what is selected ---------------------------------------------------------------------

    def selected_action_id(self) -> int | None:
        index = self.tree.currentIndex()
        value = index.data(ACTION_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def selected_recommendation_id(self) -> int | None:
        """The recommendation of the current row (itself, or the action's); None: no row."""
        index = self.tree.currentIndex()
        return int(index.data(RECOMMENDATION_ID_ROLE)) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        has_action = current.isValid() and current.data(ACTION_ID_ROLE) is not None
        self.edit_action_button.setEnabled(has_action)
        self.delete_action_button.setEnabled(has_action)
