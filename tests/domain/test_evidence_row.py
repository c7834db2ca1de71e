"""The evidence row is a tuple in column order (the CSV export writes it as it is)."""

from __future__ import annotations

from shiny_review.domain.export_rows import EVIDENCE_COLUMNS, EvidenceRow


def test_fields_are_the_columns_in_order() -> None:
    assert EvidenceRow._fields == EVIDENCE_COLUMNS


def test_cells_are_text_with_empty_cells_for_none() -> None:
    row = EvidenceRow(7, "Doc", "letter", "", "", None, 3, "", "q", None, "", "", "", "A",
                      "t", "t", "exact")  # fmt: skip
    cells = row.cells()
    assert cells[0] == "7" and cells[5] == "" and cells[6] == "3" and cells[9] == ""
    assert all(isinstance(c, str) for c in cells)
