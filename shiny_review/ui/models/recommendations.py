"""The open document's recommendations; annotations dropped on a row link to it."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, Qt, Signal
from PySide6.QtGui import QFont

from shiny_review.domain.entities import Recommendation
from shiny_review.ui import colours
from shiny_review.ui.models.table import Column, Index, RowsTableModel

ANNOTATION_MIME = "application/x-shiny-review-annotations"
RECOMMENDATION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
NO_EVIDENCE = "⚠ none yet"


def label(rec: Recommendation) -> str:
    """What the window calls a recommendation: its printed number, else its position."""
    return rec.label


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


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


COLUMNS: tuple[Column[Recommendation], ...] = (
    Column("#", label, tooltip=lambda rec: rec.text),
    Column("Recommendation", lambda rec: rec.text, tooltip=lambda rec: rec.text),
    Column(
        "Framework",
        lambda rec: f"{rec.nf_tag.kind.capitalize()} {rec.nf_tag.number}" if rec.nf_tag else "",
        tooltip=lambda rec: rec.text,
    ),
    Column(
        "Evidence",
        lambda rec: str(rec.evidence_count) if rec.evidence_count else NO_EVIDENCE,
        accessible=lambda rec: (
            f"{rec.evidence_count} passages" if rec.evidence_count else "no evidence yet"
        ),
        tooltip=lambda rec: (
            rec.text if rec.evidence_count else "No passage is linked to this recommendation yet"
        ),
        foreground=lambda rec: None if rec.evidence_count else colours.warning(),
        font=lambda rec: None if rec.evidence_count else _bold(),
    ),
)


class RecommendationsModel(RowsTableModel[Recommendation]):
    COLUMNS = COLUMNS
    ID_ROLE = RECOMMENDATION_ID_ROLE
    annotationsDropped = Signal(list, int)

    def row_id(self, row: Recommendation) -> int:
        return row.id

    def set_recommendations(self, recs: list[Recommendation]) -> None:
        if [r.id for r in recs] == [r.id for r in self._rows] and recs:
            self._rows = tuple(recs)  # same rows: refresh the cells only, keep selection
            self.dataChanged.emit(self.index(0, 0), self.index(len(recs) - 1, len(COLUMNS) - 1))
            return
        self.set_rows(recs)

    def recommendations(self) -> list[Recommendation]:
        return list(self._rows)

    def recommendation_at(self, row: int) -> Recommendation | None:
        return self.row_at(row)

    def row_of(self, recommendation_id: int) -> int:
        for row, rec in enumerate(self._rows):
            if rec.id == recommendation_id:
                return row
        return -1

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled

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
