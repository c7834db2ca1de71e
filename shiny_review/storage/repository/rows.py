"""Plain rows the repository returns, and conversions from ORM rows to domain rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import defer

from shiny_review.domain.entities import (
    Document,
    NFTag,
    Recommendation,
)
from shiny_review.storage.quick_imports import paragraphs_json as paragraphs_json  # one
from shiny_review.storage.quick_writes import dump_json as dump_json  # definition each
from shiny_review.storage.schema import (
    AnnotationRow,
    DocumentRow,
    RecommendationRow,
)

# Columns a Document row never needs: loading them for a list of documents would read every
# document's whole text.
BULKY_COLUMNS = (
    defer(DocumentRow.text),
    defer(DocumentRow.page_starts),
    defer(DocumentRow.paragraphs),
)

# The documents in the bin (migration 0008), read from their index alone. Every listing
# leaves out what they hold: ``... NOT IN REMOVED_DOCUMENTS`` (an uncorrelated subquery,
# which SQLite reads once per statement).
REMOVED_DOCUMENTS = "(SELECT id FROM documents WHERE deleted_at IS NOT NULL)"
# The recommendations of the documents in the bin.
REMOVED_RECOMMENDATIONS = (
    f"(SELECT id FROM recommendations WHERE document_id IN {REMOVED_DOCUMENTS})"
)


def removed_document_ids() -> Select[int]:
    """``REMOVED_DOCUMENTS`` for queries built with SQLAlchemy."""
    return select(DocumentRow.id).where(DocumentRow.deleted_at.is_not(None))


# The annotation columns the repository reads with the driver's cursor, in the order its
# rows are unpacked (``AnnotationQueries._read_annotations``).
ANNOTATION_COLUMNS = (
    "id",
    "document_id",
    "exact",
    "prefix",
    "suffix",
    "start",
    "end",
    "page",
    "paragraph",
    "content_hash",
    "stance",
    "note",
    "colour",
    "author",
    "created_at",
    "updated_at",
    "deleted",
    "anchor_status",
    "section",
    "version",
)


@dataclass(frozen=True, slots=True)
class SearchRow:
    """A document that matches a full-text search, with a snippet around the first match."""

    document_id: int
    title: str
    snippet: str


@dataclass(frozen=True, slots=True)
class SearchText:
    """A candidate document of a search, with what is needed to find the exact matches."""

    document_id: int
    title: str
    text: str
    page_starts: tuple[int, ...]
    # What the document's label needs (``domain.document_label.label_of``), read with the text
    # so that a search reads nothing about the documents it does not hit.
    kind: str | None = None
    authority: str | None = None
    label_date: date | None = None


def document_from_row(row: DocumentRow, annotation_count: int = 0) -> Document:
    return Document(
        id=row.id,
        title=row.title,
        kind=row.kind,
        authority=row.authority,
        date=row.date,
        inspection_start=row.inspection_start,
        inspection_end=row.inspection_end,
        lead_inspector=row.lead_inspector,
        pages=row.pages,
        overall=row.overall,
        source_name=row.source_name,
        source_hash=row.source_hash,
        content_hash=row.content_hash,
        imported_at=row.imported_at,
        framework=row.framework,
        annotation_count=annotation_count,
        removed_at=row.deleted_at,
    )


def recommendation_from_row(row: RecommendationRow, evidence: int = 0) -> Recommendation:
    tag = NFTag(row.nf_kind, row.nf_number) if row.nf_kind and row.nf_number else None
    return Recommendation(
        id=row.id,
        document_id=row.document_id,
        position=row.position,
        group=row.group,
        number=row.number,
        text=row.text,
        nf_tag=tag,
        page=row.page,
        heading=row.heading,
        manual=row.manual,
        evidence_count=evidence,
    )


def annotation_state(row: AnnotationRow) -> dict[str, Any]:
    return {
        "document_id": row.document_id,
        "exact": row.exact,
        "start": row.start,
        "end": row.end,
        "page": row.page,
        "paragraph": row.paragraph,
        "stance": row.stance,
        "note": row.note,
        "colour": row.colour,
        "deleted": row.deleted,
    }


def recommendation_state(row: RecommendationRow) -> dict[str, Any]:
    return {
        "document_id": row.document_id,
        "position": row.position,
        "group": row.group,
        "number": row.number,
        "text": row.text,
        "nf_kind": row.nf_kind,
        "nf_number": row.nf_number,
        "deleted": row.deleted,
    }
