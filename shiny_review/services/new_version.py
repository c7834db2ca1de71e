"""Importing a corrected version of a document: nothing the officer did is lost.

The document keeps its id, recommendations and annotations; each annotation is re-anchored
in the new text (exact, fuzzy, needs review, orphaned) and its status recorded, all in one
transaction. Recommendations the new version adds are appended.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from shiny_review.domain.anchoring import anchor_at
from shiny_review.domain.entities import AnchorStatus
from shiny_review.domain.errors import InputFileError
from shiny_review.services.changes import Changed, Outcome
from shiny_review.services.documents import Documents, file_hash

if TYPE_CHECKING:
    from shiny_review.services.pages import PageService
    from shiny_review.services.review import ReviewService
    from shiny_review.storage.workspace import Workspace

SAME_RECOMMENDATION = 90.0


@dataclass(frozen=True, slots=True)
class NewVersionReport:
    document_id: int
    statuses: dict[str, int]
    recommendations_added: int


def import_new_version(
    service: ReviewService, document_id: int, path: Path
) -> Outcome[NewVersionReport]:
    """``service.versions.import_file(document_id, path)``."""
    return service.versions.import_file(document_id, path)


class NewVersions:
    """Import a corrected version of a document in place of the old one."""

    def __init__(
        self, workspace: Workspace, documents: Documents, pages: PageService | None = None
    ) -> None:
        self._workspace = workspace
        self._documents = documents
        self._pages = pages

    def import_file(self, document_id: int, path: Path) -> Outcome[NewVersionReport]:
        # rapidfuzz (5 MB, native) loads when a new version is imported, not at the start
        from rapidfuzz import fuzz

        from shiny_review.services.reanchoring import reanchor

        path = Path(path)
        if not path.is_file():
            raise InputFileError(f"could not import {path}: no such file")
        current = self._documents.get(document_id)
        if file_hash(path) == current.source_hash:
            return Outcome(NewVersionReport(document_id, {}, 0), Changed())
        if self._documents.existing(path) is not None:
            raise InputFileError(
                f"could not import {path.name}: it is already in the workspace as another document"
            )
        ingested = self._documents.ingest(path)
        extracted = ingested.extracted
        statuses: Counter[str] = Counter()
        with self._workspace.write() as repo:
            annotations = repo.annotations(document_id) + repo.annotations(
                document_id, deleted=True
            )
            repo.replace_document(document_id, ingested)
            for annotation in annotations:
                placement = reanchor(annotation.anchor, extracted.text)
                anchor, _ = anchor_at(
                    extracted, placement.start, placement.end, text_hash=ingested.content_hash
                )
                if placement.status is not AnchorStatus.EXACT:
                    # Keep the words the officer highlighted; the status says they moved.
                    anchor = replace(anchor, exact=annotation.anchor.exact)
                repo.set_anchor(annotation.id, anchor, placement.status)
                statuses[placement.status.value] += 1
            existing = [r.text for r in repo.recommendations(document_id, include_deleted=True)]
            added = []
            for rec in ingested.structure.recommendations:
                if not any(fuzz.ratio(rec.text, old) >= SAME_RECOMMENDATION for old in existing):
                    added.append(repo.add_extracted_recommendation(document_id, rec))
        self._documents.forget_text(document_id)
        if self._pages is not None:
            self._pages.forget(document_id)  # page view: new word boxes (issue 15)
        return Outcome(
            NewVersionReport(document_id, dict(statuses), len(added)),
            Changed(
                documents=frozenset({document_id}),
                annotations=frozenset(a.id for a in annotations),
                recommendations=frozenset(added),
            ),
        )
