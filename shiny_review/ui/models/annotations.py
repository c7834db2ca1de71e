"""The open document's annotations, and a filter by recommendation, stance and text."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
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
    """The highlights of the open document, in text order.

    Opening a document gives it light rows, ``(id, start, end, stance)`` as
    ``ReviewService.highlight_spans`` returns them (``set_spans``): the full annotation of a
    row (quote, note, links, page) is read when the row is shown or selected, through
    ``fetch``, and kept. The rows come to the view a chunk at a time (``canFetchMore`` /
    ``fetchMore``), so opening a document with ten thousand highlights neither builds ten
    thousand annotations nor filters ten thousand rows before its first paint. A filter on
    links or text needs every annotation: ``load_everything`` (one read) first.
    """

    CHUNK = 256
    FETCH_AROUND = 32  # rows read on either side of one the view asks for

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, int, int, Stance | None]] = []  # id, start, end, stance
        # Beside the rows, their ids and (start, id) keys, so that finding a row and the
        # place of a new one are C-speed list operations with ten thousand rows.
        self._ids: list[int] = []
        self._keys: list[tuple[int, int]] | None = []  # made at the first put()
        self._shown = 0  # rows given to the views so far (fetchMore)
        self._details: dict[int, Annotation] = {}
        self._fetch: Callable[[Sequence[int]], list[Annotation]] | None = None
        self._fetch_all: Callable[[], list[Annotation]] | None = None
        self._complete = True  # every row's annotation is in _details
        self._labels: dict[int, str] = {}
        self.eager = False  # a filter is on: show every row and read every annotation

    def set_annotations(self, annotations: list[Annotation], labels: dict[int, str]) -> None:
        """Show full annotations (every detail known)."""
        live = [a for a in annotations if not a.deleted]
        rows = [(a.id, a.anchor.start, a.anchor.end, a.stance) for a in live]
        self._reset(rows, labels, {a.id: a for a in live}, None, None)

    def set_spans(
        self,
        spans: Sequence[tuple[int, int, int, Stance | None]],
        labels: dict[int, str],
        fetch: Callable[[Sequence[int]], list[Annotation]],
        fetch_all: Callable[[], list[Annotation]],
    ) -> None:
        """Show light rows ``(id, start, end, stance)`` in text order; ``fetch(ids)`` reads
        the full annotations of a run of rows when one of them is shown (one query for a
        screenful), ``fetch_all()`` all of them."""
        self._reset(list(spans), labels, {}, fetch, fetch_all)

    def _reset(
        self,
        rows: list[tuple[int, int, int, Stance | None]],
        labels: dict[int, str],
        details: dict[int, Annotation],
        fetch: Callable[[Sequence[int]], list[Annotation]] | None,
        fetch_all: Callable[[], list[Annotation]] | None,
    ) -> None:
        self.beginResetModel()
        self._rows = rows
        self._ids = [r[0] for r in rows]
        self._keys = None
        self._details = details
        self._fetch, self._fetch_all = fetch, fetch_all
        self._complete = fetch is None
        self._labels = dict(labels)
        self._shown = min(len(rows), self.CHUNK)
        if self.eager:
            self._shown = len(rows)
            self._load_details()
        self.endResetModel()

    def _load_details(self) -> None:
        if not self._complete and self._fetch_all is not None:
            live = set(self._ids)
            self._details = {a.id: a for a in self._fetch_all() if a.id in live}
            self._complete = True

    def load_everything(self) -> None:
        """Every row shown and every annotation read (what a filter on them needs)."""
        self._load_details()
        self._show_up_to(len(self._rows) - 1)

    def _show_up_to(self, row: int) -> None:
        if self._shown <= row < len(self._rows):
            last = min(len(self._rows), max(row + 1, self._shown + self.CHUNK)) - 1
            self.beginInsertRows(NO_PARENT, self._shown, last)
            self._shown = last + 1
            self.endInsertRows()

    def canFetchMore(self, parent: Index = NO_PARENT) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index = NO_PARENT) -> None:
        if not parent.isValid():
            self._show_up_to(self._shown)

    def set_labels(self, labels: dict[int, str]) -> None:
        if labels == self._labels:
            return  # unchanged: a dataChanged over every row would refilter them all
        self._labels = dict(labels)
        if self._shown:
            self.dataChanged.emit(self.index(0, 2), self.index(self._shown - 1, 2))

    def put(self, annotation: Annotation) -> None:
        """Insert, replace or (when deleted) remove one annotation, keeping text order."""
        row = self._row(annotation.id)
        if annotation.deleted:
            self._details.pop(annotation.id, None)
            if row >= 0:
                shown = row < self._shown
                if shown:
                    self.beginRemoveRows(NO_PARENT, row, row)
                del self._rows[row], self._ids[row]
                if self._keys is not None:
                    del self._keys[row]
                if shown:
                    self._shown -= 1
                    self.endRemoveRows()
            return
        self._details[annotation.id] = annotation
        light = (annotation.id, annotation.anchor.start, annotation.anchor.end, annotation.stance)
        key = (annotation.anchor.start, annotation.id)
        keys = self._keys
        if keys is None:
            keys = self._keys = [(r[1], r[0]) for r in self._rows]
        if row >= 0:
            self._rows[row] = light
            keys[row] = key
            if row < self._shown:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        row = bisect.bisect_left(keys, key)
        shown = row < self._shown or self._shown == len(self._rows)
        if shown:
            self.beginInsertRows(NO_PARENT, row, row)
        self._rows.insert(row, light)
        self._ids.insert(row, annotation.id)
        keys.insert(row, key)
        if shown:
            self._shown += 1
            self.endInsertRows()

    def _row(self, annotation_id: int) -> int:
        try:
            return self._ids.index(annotation_id)
        except ValueError:
            return -1

    def annotation_at(self, row: int) -> Annotation | None:
        """The full annotation of a shown row (read now if it was not yet)."""
        if not 0 <= row < self._shown:
            return None
        ann_id = self._ids[row]
        ann = self._details.get(ann_id)
        if ann is None and self._fetch is not None:
            # Read the rows around this one too: a view asks for a screenful in a row.
            first = max(0, row - self.FETCH_AROUND)
            wanted = [
                i
                for i in self._ids[first : min(self._shown, row + self.FETCH_AROUND)]
                if i not in self._details
            ]
            for fetched in self._fetch(wanted):
                self._details[fetched.id] = fetched
            ann = self._details.get(ann_id)
        return ann

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def stance_at(self, row: int) -> Stance | None:
        return self._rows[row][3]

    def row_of(self, annotation_id: int) -> int:
        """The row of an annotation (shown to the views if it was not yet), or -1."""
        row = self._row(annotation_id)
        if row >= 0:
            self._show_up_to(row)
        return row

    def linked_labels(self, annotation: Annotation) -> str:
        return ", ".join(self._labels.get(r, "?") for r in annotation.recommendation_ids)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else self._shown

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
        row, column = index.row(), index.column()
        if role == ANNOTATION_ID_ROLE:
            return self._ids[row]
        if column == 1 and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.DecorationRole,
        ):
            stance = self._rows[row][3]
            if role == Qt.ItemDataRole.DecorationRole:
                return colours.fill(stance)
            return colours.STANCE_LABELS[stance]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            ann = self.annotation_at(row)
            if ann is None:
                return None
            return (
                _short(ann.anchor.exact),
                colours.STANCE_LABELS[ann.stance],
                self.linked_labels(ann),
                _short(ann.note, 60),
                "" if ann.anchor.page is None else str(ann.anchor.page),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            ann = self.annotation_at(row)
            if ann is None:
                return None
            return ann.anchor.exact if column == 0 else ann.note or None
        return None

    # -- drag to a recommendation --------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [ANNOTATION_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        ids = sorted({self._ids[i.row()] for i in indexes if i.isValid()})
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

    def _model(self) -> AnnotationsModel:
        model = self.sourceModel()
        assert isinstance(model, AnnotationsModel)
        return model

    def _active(self) -> bool:
        return self._recommendation is not None or self._stance != ANY or bool(self._text)

    def _prepare(self, recommendation: int | None, stance: Stance | str | None, text: str) -> None:
        """Before a filter changes: a filter needs every row and every annotation."""
        model = self._model()
        model.eager = recommendation is not None or stance != ANY or bool(text)
        if model.eager:
            model.load_everything()

    def set_recommendation(self, recommendation_id: int | None) -> None:
        if recommendation_id == self._recommendation:
            return  # unchanged: refiltering every row is the slow part of each action
        self._prepare(recommendation_id, self._stance, self._text)
        self.beginFilterChange()
        self._recommendation = recommendation_id
        self.endFilterChange()

    def set_stance(self, stance: Stance | str | None) -> None:
        self._prepare(self._recommendation, stance, self._text)
        self.beginFilterChange()
        self._stance = stance
        self.endFilterChange()

    def set_text(self, text: str) -> None:
        text = text.strip().casefold()
        self._prepare(self._recommendation, self._stance, text)
        self.beginFilterChange()
        self._text = text
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._active():
            return True
        model = self._model()
        if self._stance != ANY:
            stance = model.stance_at(source_row)
            if stance != (None if self._stance == "none" else self._stance):
                return False
        if self._recommendation is None and not self._text:
            return True
        ann = model.annotation_at(source_row)
        if ann is None:
            return False
        if self._recommendation is not None and self._recommendation not in ann.recommendation_ids:
            return False
        if self._text:
            haystack = f"{ann.anchor.exact}\n{ann.note}".casefold()
            if self._text not in haystack:
                return False
        return True
