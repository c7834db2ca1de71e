"""Results of a search across all documents."""

from __future__ import annotations

from shiny_review.services.review import SearchHit
from shiny_review.ui.models.table import Column, RowsTableModel

COLUMNS: tuple[Column[SearchHit], ...] = (
    Column("Document", lambda hit: hit.document_label or hit.document_title),  # issue 11
    Column("Page", lambda hit: str(hit.page)),
    Column("Context", lambda hit: hit.context),
)


class SearchResultsModel(RowsTableModel[SearchHit]):
    COLUMNS = COLUMNS

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.set_rows(hits)

    def hit_at(self, row: int) -> SearchHit | None:
        return self.row_at(row)
