"""The open document's recommendations; annotations dropped on a row link to it."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from shiny_review.domain.entities import Recommendation

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()  # an invalid index: the root, never mutated
COLUMNS = ("#", "Recommendation", "Framework", "Evidence")
ANNOTATION_MIME = "application/x-shiny-review-annotations"
RECOMMENDATION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
NO_EVIDENCE = "⚠ none yet"


def label(rec: Recommendation) -> str:
    """What the window calls a recommendation: its printed number, else its position."""
    return rec.number or str(rec.position + 1)


def encode_annotations(ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(ANNOTATION_MIME, QByteArray(json.dumps(ids).encode()))
    return mime


def decode_annotations(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(ANNOTATION_MIME):
        return []
    try:
        ids = json.loads(bytes(mime.data(ANNOTATION_MIME).data()).decode())
    except ValueError:
        return []
    return [int(i) for i in ids if isinstance(i, int)]


class RecommendationsModel(QAbstractTableModel):
    annotationsDropped = Signal(list, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Recommendation] = []

    def set_recommendations(self, recs: list[Recommendation]) -> None:
        if [r.id for r in recs] == [r.id for r in self._rows] and recs:
            self._rows = list(recs)
            self.dataChanged.emit(self.index(0, 0), self.index(len(recs) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = list(recs)
        self.endResetModel()

    def recommendations(self) -> list[Recommendation]:
        return list(self._rows)

    def recommendation_at(self, row: int) -> Recommendation | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, recommendation_id: int) -> int:
        for row, rec in enumerate(self._rows):
            if rec.id == recommendation_id:
                return row
        return -1

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self._rows[index.row()]
        column = index.column()
        if role == RECOMMENDATION_ID_ROLE:
            return rec.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return label(rec)
            if column == 1:
                return rec.text
            if column == 2:
                return f"{rec.nf_tag.kind.capitalize()} {rec.nf_tag.number}" if rec.nf_tag else ""
            return str(rec.evidence_count) if rec.evidence_count else NO_EVIDENCE
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 3:
            return f"{rec.evidence_count} passages" if rec.evidence_count else "no evidence yet"
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 3 and not rec.evidence_count:
                return "No passage is linked to this recommendation yet"
            return rec.text
        if column == 3 and not rec.evidence_count:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#9b2c00")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None

    # -- drops: an annotation dragged from the annotations panel ---------------------------

    def mimeTypes(self) -> list[str]:
        return [ANNOTATION_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return parent.isValid() and bool(decode_annotations(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        ids = decode_annotations(data)
        rec = self.recommendation_at(parent.row()) if parent.isValid() else None
        if not ids or rec is None:
            return False
        self.annotationsDropped.emit(ids, rec.id)
        return False  # nothing to insert: the link is made by an undoable command
