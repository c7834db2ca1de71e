"""One recommendation's evidence: its linked passages across every document."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from shiny_review.services.review import EvidenceItem
from shiny_review.ui import colours
from shiny_review.ui.models.annotations import ANNOTATION_ID_ROLE

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()  # an invalid index: the root, never mutated
COLUMNS = ("Document", "Page", "Passage", "Stance", "Note")


class EvidenceModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EvidenceItem] = []

    def set_items(self, items: list[EvidenceItem]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> EvidenceItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        ann = item.annotation
        if role == ANNOTATION_ID_ROLE:
            return ann.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                item.document_title,
                "" if ann.anchor.page is None else str(ann.anchor.page),
                " ".join(ann.anchor.exact.split()),
                colours.STANCE_LABELS[ann.stance],
                ann.note,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return ann.anchor.exact
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 3:
            return colours.fill(ann.stance)
        return None
