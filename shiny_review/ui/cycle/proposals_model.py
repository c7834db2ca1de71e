"""Lineage proposals as a read-only table: each with both recommendations spelled out."""

from __future__ import annotations

from typing import Any, ClassVar

from shiny_review.services.cycle import ProposalView, letter_label, rec_label
from shiny_review.ui.models.table import Column, RowsTableModel

PROPOSAL_ROLE = 0x0100 + 10


def _earlier(v: ProposalView) -> str:
    return f"{letter_label(v.earlier_document)}, {rec_label(v.earlier)}: {v.earlier.text}"


def _later(v: ProposalView) -> str:
    where = letter_label(v.later_document)
    if v.later is None:
        return f"{where}, in its own words: “{v.proposal.quote}”"
    return f"{where}, {rec_label(v.later)}: {v.later.text}"


class ProposalsModel(RowsTableModel[ProposalView]):
    COLUMNS: ClassVar[tuple[Column[ProposalView], ...]] = (
        Column("Pair", lambda v: str(v.proposal.id)),
        Column("Status", lambda v: v.proposal.status),
        Column("Why", lambda v: f"{v.proposal.basis} ({v.proposal.score})"),
        Column("Earlier recommendation", _earlier, tooltip=_earlier),
        Column("Continued by", _later, tooltip=_later),
    )
    ID_ROLE = PROPOSAL_ROLE

    def row_id(self, row: ProposalView) -> Any:
        return row.proposal.id
