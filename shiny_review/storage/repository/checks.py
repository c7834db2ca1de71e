"""The import's failed self-checks per document, and their confirmation (in the history)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from shiny_review.domain.errors import NotFoundError
from shiny_review.storage.repository.base import RepositoryBase, in_the_bin
from shiny_review.storage.schema import DocumentCheckRow, DocumentRow


def replace_checks(
    session: Session, document_id: int, reasons: Sequence[str], new: bool = False
) -> None:
    """Replace a document's failed checks (on import: ``new``, and on a new version)."""
    if not new:
        session.execute(delete(DocumentCheckRow).where(DocumentCheckRow.document_id == document_id))
    if reasons:
        session.execute(
            insert(DocumentCheckRow),
            [
                {"document_id": document_id, "position": i, "reason": reason}
                for i, reason in enumerate(reasons)
            ],
        )


class CheckQueries(RepositoryBase):
    def live_document_checks(self, document_id: int) -> list[str]:
        """A live document's failed checks; NotFoundError as ``get_document`` (without
        counting its highlights: the recommendations panel asks after every highlight)."""
        found = self._s.execute(
            select(DocumentRow.deleted_at).where(DocumentRow.id == document_id)
        ).first()
        if found is None:
            raise NotFoundError(f"no document with id {document_id}")
        if found[0] is not None:
            raise NotFoundError(in_the_bin(document_id))
        return self.document_checks(document_id)

    def document_checks(self, document_id: int) -> list[str]:
        return list(
            self._s.scalars(
                select(DocumentCheckRow.reason)
                .where(DocumentCheckRow.document_id == document_id)
                .order_by(DocumentCheckRow.position)
            )
        )

    def checks_by_document(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        rows = self._s.execute(
            select(DocumentCheckRow.document_id, DocumentCheckRow.reason).order_by(
                DocumentCheckRow.document_id, DocumentCheckRow.position
            )
        )
        for document_id, reason in rows:
            out.setdefault(document_id, []).append(reason)
        return out

    def confirm_checks(self, document_id: int) -> list[str]:
        """Clear a document's checks; the history records what was confirmed and by whom."""
        self._document_row(document_id)  # NotFoundError for an unknown document
        reasons = self.document_checks(document_id)
        replace_checks(self._s, document_id, ())
        self._history("confirm", "document", document_id, {"checks": reasons}, {"checks": []})
        return reasons

    def restore_checks(self, document_id: int, reasons: Sequence[str]) -> None:
        """Put confirmed checks back (undoing a confirmation), recorded in the history."""
        self._document_row(document_id)
        replace_checks(self._s, document_id, reasons)
        self._history(
            "unconfirm", "document", document_id, {"checks": []}, {"checks": list(reasons)}
        )
