"""The authority's recommendations grouped by letter, as a two-level tree model: a group per
letter (the open document's own first, then the others newest first), its recommendations
under it. Read-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from shiny_review.domain.entities import Recommendation
from shiny_review.services.cycle import RecommendationGroupRow, letter_label, rec_label

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
Role = Qt.ItemDataRole
REC_ROLE = int(Role.UserRole) + 20  # a recommendation row's id
GROUP = 0xFFFFFFFF  # internalId of a group row; a recommendation row holds its group's row


class GroupsModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: tuple[RecommendationGroupRow, ...] = ()

    def set_groups(self, groups: list[RecommendationGroupRow]) -> None:
        self.beginResetModel()
        self._groups = tuple(groups)
        self.endResetModel()

    @property
    def groups(self) -> tuple[RecommendationGroupRow, ...]:
        return self._groups

    def index(self, row: int, column: int, parent: Index = NO_PARENT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, GROUP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != GROUP or parent.column() != 0:
            return QModelIndex()
        group = parent.row()
        if row >= len(self._groups[group].recommendations):
            return QModelIndex()
        return self.createIndex(row, 0, group)

    def parent(self, child: Index = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == GROUP:
            return QModelIndex()
        return self.createIndex(int(child.internalId()), 0, GROUP)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == GROUP and parent.column() == 0:
            return len(self._groups[parent.row()].recommendations)
        return 0

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if section == 0 and orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return "The authority's recommendations, by letter"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def recommendation(self, index: Index) -> Recommendation | None:
        if not index.isValid() or index.internalId() == GROUP:
            return None
        return self._groups[int(index.internalId())].recommendations[index.row()]

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self.recommendation(index)
        if rec is None:
            group = self._groups[index.row()]
            if role in (Role.DisplayRole, Role.AccessibleTextRole):
                own = "This document: " if group.own else ""
                count = len(group.recommendations)
                return f"{own}{letter_label(group.document)} ({count})"
            if role == Role.ToolTipRole:
                return group.document.title
            return None
        if role == REC_ROLE:
            return rec.id
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            evidence = "⚠ no evidence" if not rec.evidence_count else f"{rec.evidence_count} ✓"
            return f"{rec_label(rec)}. {rec.text}  [{evidence}]"
        if role == Role.ToolTipRole:
            return rec.text
        return None
