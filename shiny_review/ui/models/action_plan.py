"""The Action plan view's tree: recommendations at the top, their actions under them.

A RAG is its text label in the cell with the colour as the cell's background (never colour
alone); an overdue action's due date is red and says how many days overdue it is. Rows are
plain ``PlanLine`` values (services/plan_lines.py); the model never calls a service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from shiny_review.services.plan_lines import ActionLine, PlanLine

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
NO_PARENT = QModelIndex()
HEADERS = ("Recommendation / action", "Owner", "Due", "RAG", "Latest update / overdue")
ACTION_ID_ROLE = int(Role.UserRole) + 1
RECOMMENDATION_ID_ROLE = int(Role.UserRole) + 2
OVERDUE_RED = "#c62828"
_TOP = 0  # internalId of a recommendation row; an action row stores its parent's row + 1


def _text_on(colour: str) -> QColor:
    return QColor("#ffffff")  # every RAG colour is dark enough for white text (WCAG AA)


class ActionPlanModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: tuple[PlanLine, ...] = ()

    def set_lines(self, lines: Sequence[PlanLine]) -> None:
        self.beginResetModel()
        self._lines = tuple(lines)
        self.endResetModel()

    def line_at(self, index: Index) -> PlanLine | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == _TOP else index.internalId() - 1
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def action_at(self, index: Index) -> ActionLine | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        line = self._lines[index.internalId() - 1]
        return line.actions[index.row()]

    def index_of_action(self, action_id: int) -> QModelIndex:
        for r, line in enumerate(self._lines):
            for a, action in enumerate(line.actions):
                if action.action.id == action_id:
                    return self.createIndex(a, 0, r + 1)
        return QModelIndex()

    # -- QAbstractItemModel -----------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        if not parent.isValid():
            return len(self._lines)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._lines[parent.row()].actions)
        return 0

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._line_data(self._lines[index.row()], index.column(), role)
        return self._action_data(self.action_at(index), index.column(), role)

    def _line_data(self, line: PlanLine, column: int, role: int) -> Any:
        if role == RECOMMENDATION_ID_ROLE:
            return line.recommendation.id
        if role in (Role.DisplayRole, Role.AccessibleTextRole, Role.ToolTipRole):
            if column == 0:
                return f"{line.label} {line.recommendation.text}"
            if column == 3:
                return line.rag_label
            if column == 4:
                return line.latest_update or ("" if role == Role.DisplayRole else "No update")
            return ""
        if column == 3 and role == Role.BackgroundRole:
            return QBrush(QColor(line.rag_colour))
        if column == 3 and role == Role.ForegroundRole:
            return QBrush(_text_on(line.rag_colour))
        return None

    def _action_data(self, line: ActionLine | None, column: int, role: int) -> Any:
        if line is None:
            return None
        action = line.action
        if role == ACTION_ID_ROLE:
            return action.id
        if role == RECOMMENDATION_ID_ROLE:
            return action.recommendation_id
        rag = action.status.rag
        if role in (Role.DisplayRole, Role.AccessibleTextRole, Role.ToolTipRole):
            values = (
                action.text,
                action.owner,
                action.due_date.isoformat(),
                rag.label,
                f"{line.overdue_days} days overdue" if line.overdue_days else "",
            )
            return values[column]
        if role == Role.BackgroundRole and column == 3:
            return QBrush(QColor(rag.colour))
        if role == Role.ForegroundRole:
            if column == 3:
                return QBrush(_text_on(rag.colour))
            if line.overdue_days and column in (2, 4):
                return QBrush(QColor(OVERDUE_RED))
        return None
