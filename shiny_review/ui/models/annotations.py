"""The open document's annotations, and a filter by recommendation, stance and text."""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from shiny_review.domain.entities import Annotation, Stance
from shiny_review.ui import colours
from shiny_review.ui.models.recommendations import ANNOTATION_MIME, encode_annotations

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()  # an invalid index: the root, never mutated
COLUMNS = ("Passage", "Stance", "Linked to", "Note", "Page")
ANNOTATION_ID_ROLE = Qt.ItemDataRole.UserRole + 3
ANY = "any"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AnnotationsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Annotation] = []
        # Beside the rows, their ids and (start, id) keys, so that finding a row and the
        # place of a new one are C-speed list operations with ten thousand rows.
        self._ids: list[int] = []
        self._keys: list[tuple[int, int]] = []
        self._labels: dict[int, str] = {}

    def set_annotations(self, annotations: list[Annotation], labels: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows = [a for a in annotations if not a.deleted]
        self._ids = [a.id for a in self._rows]
        self._keys = [(a.anchor.start, a.id) for a in self._rows]
        self._labels = dict(labels)
        self.endResetModel()

    def set_labels(self, labels: dict[int, str]) -> None:
        if labels == self._labels:
            return  # unchanged: a dataChanged over every row would refilter them all
        self._labels = dict(labels)
        if self._rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._rows) - 1, 2))

    def put(self, annotation: Annotation) -> None:
        """Insert, replace or (when deleted) remove one annotation, keeping text order."""
        row = self.row_of(annotation.id)
        if annotation.deleted:
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row], self._ids[row], self._keys[row]
                self.endRemoveRows()
            return
        if row >= 0:
            self._rows[row] = annotation
            self._keys[row] = (annotation.anchor.start, annotation.id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        key = (annotation.anchor.start, annotation.id)
        row = bisect.bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, annotation)
        self._ids.insert(row, annotation.id)
        self._keys.insert(row, key)
        self.endInsertRows()

    def annotation_at(self, row: int) -> Annotation | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, annotation_id: int) -> int:
        try:
            return self._ids.index(annotation_id)
        except ValueError:
            return -1

    def linked_labels(self, annotation: Annotation) -> str:
        return ", ".join(self._labels.get(r, "?") for r in annotation.recommendation_ids)

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
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ann = self._rows[index.row()]
        column = index.column()
        if role == ANNOTATION_ID_ROLE:
            return ann.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                _short(ann.anchor.exact),
                colours.STANCE_LABELS[ann.stance],
                self.linked_labels(ann),
                _short(ann.note, 60),
                "" if ann.anchor.page is None else str(ann.anchor.page),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return ann.anchor.exact if column == 0 else ann.note or None
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return colours.fill(ann.stance)
        return None

    # -- drag to a recommendation --------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [ANNOTATION_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        ids = sorted({self._rows[i.row()].id for i in indexes if i.isValid()})
        return encode_annotations(ids)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction


class AnnotationFilter(QSortFilterProxyModel):
    """Filter by linked recommendation, stance ('any', 'none' or a Stance) and text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._recommendation: int | None = None
        self._stance: Stance | str | None = ANY
        self._text = ""

    def set_recommendation(self, recommendation_id: int | None) -> None:
        if recommendation_id == self._recommendation:
            return  # unchanged: refiltering every row is the slow part of each action
        self.beginFilterChange()
        self._recommendation = recommendation_id
        self.endFilterChange()

    def set_stance(self, stance: Stance | str | None) -> None:
        self.beginFilterChange()
        self._stance = stance
        self.endFilterChange()

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, AnnotationsModel)
        ann = model.annotation_at(source_row)
        if ann is None:
            return False
        if self._recommendation is not None and self._recommendation not in ann.recommendation_ids:
            return False
        if self._stance != ANY and ann.stance != (None if self._stance == "none" else self._stance):
            return False
        if self._text:
            haystack = f"{ann.anchor.exact}\n{ann.note}".casefold()
            if self._text not in haystack:
                return False
        return True
