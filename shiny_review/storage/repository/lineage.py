"""The inspection cycle's storage: lineage proposals, a document's authority, and the
per-document counts of linked passages the coverage matrix is made of."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from shiny_review.domain.errors import NotFoundError
from shiny_review.domain.lineage import LineageProposal, ProposalStatus
from shiny_review.storage import clock
from shiny_review.storage.document_listing import AUTHORITIES_SQL
from shiny_review.storage.repository.base import RepositoryBase
from shiny_review.storage.repository.rows import REMOVED_DOCUMENTS, removed_document_ids
from shiny_review.storage.schema import LineageProposalRow, RecommendationRow


def _proposal(row: LineageProposalRow) -> LineageProposal:
    return LineageProposal(
        id=row.id,
        earlier_recommendation_id=row.earlier_recommendation_id,
        later_document_id=row.later_document_id,
        later_recommendation_id=row.later_recommendation_id,
        basis=row.basis,
        score=row.score,
        quote=row.quote,
        status=row.status,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
    )


def _state(row: LineageProposalRow) -> dict[str, Any]:
    return {
        "earlier_recommendation_id": row.earlier_recommendation_id,
        "later_document_id": row.later_document_id,
        "later_recommendation_id": row.later_recommendation_id,
        "basis": row.basis,
        "score": row.score,
        "status": row.status,
    }


class LineageQueries(RepositoryBase):
    def add_proposal(
        self,
        earlier_recommendation_id: int,
        later_document_id: int,
        later_recommendation_id: int | None,
        *,
        basis: str,
        score: int,
        quote: str = "",
    ) -> int | None:
        """Store an open proposal; None when the same pair was proposed before."""
        query = (
            select(LineageProposalRow.id)
            .where(LineageProposalRow.earlier_recommendation_id == earlier_recommendation_id)
            .where(LineageProposalRow.later_document_id == later_document_id)
        )
        if later_recommendation_id is None:
            query = query.where(LineageProposalRow.later_recommendation_id.is_(None))
        else:
            query = query.where(
                LineageProposalRow.later_recommendation_id == later_recommendation_id
            )
        if self._s.scalar(query) is not None:
            return None
        row = LineageProposalRow(
            earlier_recommendation_id=earlier_recommendation_id,
            later_document_id=later_document_id,
            later_recommendation_id=later_recommendation_id,
            basis=basis,
            score=score,
            quote=quote,
            status=ProposalStatus.OPEN.value,
            created_at=clock.now(),
        )
        self._s.add(row)
        self._s.flush()
        self._history("propose", "lineage", row.id, None, _state(row))
        return row.id

    def proposals(self, status: str | None = None) -> list[LineageProposal]:
        query = select(LineageProposalRow).order_by(LineageProposalRow.id)
        # not those of a document in the bin (issue 11), on either side
        removed_recs = select(RecommendationRow.id).where(
            RecommendationRow.document_id.in_(removed_document_ids())
        )
        query = query.where(
            LineageProposalRow.later_document_id.not_in(removed_document_ids()),
            LineageProposalRow.earlier_recommendation_id.not_in(removed_recs),
        )
        if status is not None:
            query = query.where(LineageProposalRow.status == status)
        return [_proposal(r) for r in self._s.scalars(query)]

    def get_proposal(self, proposal_id: int) -> LineageProposal:
        return _proposal(self._proposal_row(proposal_id))

    def _proposal_row(self, proposal_id: int) -> LineageProposalRow:
        row = self._s.get(LineageProposalRow, proposal_id)
        if row is None:
            raise NotFoundError(f"no lineage proposal {proposal_id}")
        return row

    def set_proposal_status(self, proposal_id: int, status: ProposalStatus) -> None:
        row = self._proposal_row(proposal_id)
        before = _state(row)
        row.status = status.value
        open_again = status is ProposalStatus.OPEN
        row.decided_by = None if open_again else self.author
        row.decided_at = None if open_again else clock.now()
        action = {"open": "reopen", "accepted": "accept", "rejected": "reject"}[status.value]
        self._history(action, "lineage", row.id, before, _state(row))

    def document_authorities(self) -> list[tuple[int, str | None]]:
        """(id, authority) of every document in use, in id order."""
        return [(int(i), a) for i, a in self._driver().execute(AUTHORITIES_SQL).fetchall()]

    def set_document_authority(self, document_id: int, authority: str | None) -> None:
        row = self._document_row(document_id)
        before = {"authority": row.authority}
        row.authority = authority
        self._history("edit", "document", row.id, before, {"authority": authority})

    def link_counts(self) -> list[tuple[int, int, str, int]]:
        """(recommendation, passage's document, stance, live passages) for every live link."""
        driver = self._driver()
        rows = driver.execute(
            "SELECT l.recommendation_id, a.document_id, COALESCE(a.stance, ''), count(*) "
            "FROM links l JOIN annotations a ON a.id = l.annotation_id "
            "JOIN recommendations r ON r.id = l.recommendation_id "
            "WHERE a.deleted = FALSE AND r.deleted = FALSE "
            f"AND a.document_id NOT IN {REMOVED_DOCUMENTS} "
            f"AND r.document_id NOT IN {REMOVED_DOCUMENTS} "
            "GROUP BY l.recommendation_id, a.document_id, COALESCE(a.stance, '')"
        ).fetchall()
        return [(int(r[0]), int(r[1]), str(r[2]), int(r[3])) for r in rows]

    def annotation_documents(self, annotation_ids: Sequence[int]) -> dict[int, int]:
        """Each annotation's document."""
        driver = self._driver()
        found: dict[int, int] = {}
        for ann_id in annotation_ids:
            row = driver.execute(
                "SELECT document_id FROM annotations WHERE id = ?", (ann_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no annotation with id {ann_id}")
            found[ann_id] = int(row[0])
        return found
