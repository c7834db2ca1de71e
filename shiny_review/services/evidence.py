"""Evidence: the passages linked to a recommendation, and the rows of the evidence log."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shiny_review.domain.entities import Annotation
from shiny_review.domain.export_rows import EvidenceRow
from shiny_review.services.threads import thread_labels

if TYPE_CHECKING:
    from shiny_review.storage.workspace import Workspace


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One passage linked to a recommendation, with the document it stands in."""

    annotation: Annotation
    document_id: int
    document_title: str


class Evidence:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def of(self, recommendation_id: int) -> list[EvidenceItem]:
        """Every live passage linked to the recommendation, across all documents."""
        with self._workspace.read() as repo:
            titles = {d.id: d.title for d in repo.list_documents()}
            return [
                EvidenceItem(a, a.document_id, titles.get(a.document_id, ""))
                for a in repo.evidence(recommendation_id)
            ]

    def rows(self, document_id: int | None = None) -> Iterator[EvidenceRow]:
        """The evidence log, one row per (annotation, recommendation), as the exports write it,
        then a row per recommendation with no evidence; each with its thread's letters."""
        with self._workspace.read() as repo:
            yield from repo.evidence_rows(document_id, thread_labels(repo))

    def log(self, document_id: int | None = None) -> Iterator[tuple[Any, ...]]:
        """The rows of ``rows`` as plain tuples in column order, straight from the driver's
        cursor: what the CSV and XLSX exports write (no object a row)."""
        with self._workspace.read() as repo:
            yield from repo.evidence_tuples(document_id, thread_labels(repo))

    def log_batches(self, document_id: int | None = None) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of ``log`` in lists, as the cursor gives them (``fetchmany``): the CSV
        export writes a list at a time, with no Python step a row between it and the cursor."""
        with self._workspace.read() as repo:
            yield from repo.evidence_batches(document_id, thread_labels(repo))
