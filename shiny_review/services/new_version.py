"""Importing a corrected version of a document: nothing the officer did is lost.

The document keeps its id, recommendations and annotations; each annotation is re-anchored
in the new text (exact, fuzzy, needs review, orphaned) and its status recorded, all in one
transaction. Recommendations the new version adds are appended.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz

from shiny_review.domain.anchoring import make_anchor
from shiny_review.domain.entities import AnchorStatus
from shiny_review.domain.errors import InputFileError
from shiny_review.services.changes import Changed, Outcome
from shiny_review.services.reanchoring import reanchor
from shiny_review.services.review import ReviewService, file_hash

SAME_RECOMMENDATION = 90.0


@dataclass(frozen=True, slots=True)
class NewVersionReport:
    document_id: int
    statuses: dict[str, int]
    recommendations_added: int


def import_new_version(
    service: ReviewService, document_id: int, path: Path
) -> Outcome[NewVersionReport]:
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"could not import {path}: no such file")
    current = service.document(document_id)
    if file_hash(path) == current.source_hash:
        return Outcome(NewVersionReport(document_id, {}, 0), Changed())
    with service.workspace.read() as repo:
        if repo.find_document_by_hash(file_hash(path)) is not None:
            raise InputFileError(
                f"could not import {path.name}: it is already in the workspace as another document"
            )
    ingested = service.ingest(path)
    text = ingested.extracted.text
    statuses: Counter[str] = Counter()
    with service.workspace.write() as repo:
        annotations = repo.annotations(document_id) + repo.annotations(document_id, deleted=True)
        repo.replace_document(document_id, ingested)
        for annotation in annotations:
            placement = reanchor(annotation.anchor, text)
            paragraph = ingested.extracted.paragraph_at(placement.start)
            anchor = make_anchor(
                text,
                placement.start,
                placement.end,
                page=ingested.extracted.page_at(placement.start),
                paragraph=paragraph.number if paragraph else None,
                text_hash=ingested.content_hash,
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
    service.forget_text(document_id)
    service.pages.forget(document_id)  # page view: new word boxes (issue 15)
    return Outcome(
        NewVersionReport(document_id, dict(statuses), len(added)),
        Changed(
            documents=frozenset({document_id}),
            annotations=frozenset(a.id for a in annotations),
            recommendations=frozenset(added),
        ),
    )
