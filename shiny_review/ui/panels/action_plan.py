"""The Action plan panel: filters (owner, status, overdue), the tree of recommendations and
their actions, and the buttons that edit them. No service calls here: the controller
(ui/controllers/action_plan.py) wires it."""

from __future__ import annotations

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
from shiny_review.ui.models.action_plan import ActionPlanModel

ALL = "All"


class ActionPlanPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionPlanPanel")
        self.model = ActionPlanModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("actionPlanTree")
        self.tree.setAccessibleName("Action plan: recommendations and their actions")
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
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

    def set_owners(self, owners: list[str]) -> None:
        current = self.owner_filter.currentData()
        self.owner_filter.blockSignals(True)
        self.owner_filter.clear()
        self.owner_filter.addItem(ALL, None)
        for owner in owners:
            self.owner_filter.addItem(owner, owner)
        found = self.owner_filter.findData(current) if current is not None else 0
        self.owner_filter.setCurrentIndex(max(found, 0))
        self.owner_filter.blockSignals(False)
