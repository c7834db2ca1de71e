"""One recommendation's evidence: its linked passages across every document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shiny_review.ui import colours
from shiny_review.ui.models.annotations import ANNOTATION_ID_ROLE
from shiny_review.ui.models.table import Column, RowsTableModel

if TYPE_CHECKING:  # the review service module (~13 ms to import) loads with the workspace
    from shiny_review.services.review import EvidenceItem

COLUMNS: tuple[Column[EvidenceItem], ...] = (
    Column("Document", lambda item: item.document_title),
    Column(
        "Page",
        lambda item: (
            "" if item.annotation.anchor.page is None else str(item.annotation.anchor.page)
        ),
    ),
    Column(
        "Passage",
        lambda item: " ".join(item.annotation.anchor.exact.split()),
        tooltip=lambda item: item.annotation.anchor.exact,
    ),
    Column(
        "Stance",
        lambda item: colours.STANCE_LABELS[item.annotation.stance],
        decoration=lambda item: colours.fill(item.annotation.stance),
    ),
    Column("Note", lambda item: item.annotation.note),
)


class EvidenceModel(RowsTableModel["EvidenceItem"]):  # a string: EvidenceItem is type-only
    COLUMNS = COLUMNS
    ID_ROLE = ANNOTATION_ID_ROLE

    def row_id(self, row: EvidenceItem) -> int:
        return row.annotation.id

    def set_items(self, items: list[EvidenceItem]) -> None:
        self.set_rows(items)

    def item_at(self, row: int) -> EvidenceItem | None:
        return self.row_at(row)
