"""Entities of the review domain as immutable plain rows.

These are what services return and what the window shows: no ORM or pymupdf objects
ever cross the services boundary.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any, NamedTuple

# re-exported: its home is domain/stance.py (loaded by the window's first stage alone)
from shiny_review.domain.stance import Stance as Stance


class DocumentKind(enum.StrEnum):
    """What sort of document a file is; drives which structure rules apply."""

    FULL_INSPECTION = "full inspection"
    SHORT_INSPECTION = "short inspection"
    SIF_INSPECTION = "SIF inspection"
    FOCUSED_VISIT = "focused visit"
    MONITORING_VISIT = "monitoring visit"
    JTAI = "joint targeted area inspection"
    COUNCIL_REPORT = "council report"
    COUNCIL_DOCUMENT = "council document"  # a Word file of the council's own (issue 13)
    NEWS_ARTICLE = "news article"
    OTHER = "other"


class RecommendationGroup(enum.StrEnum):
    """Who a recommendation is addressed to, or where it came from."""

    LOCAL_AUTHORITY = "local authority"
    LSCB = "LSCB"
    PARTNERSHIP = "partnership"
    PREVIOUS_INSPECTION = "previous inspection"
    COMMITTEE = "committee"
    MANUAL = "added by hand"


class AnchorStatus(enum.StrEnum):
    """How well an annotation's anchor holds in the current version of its document."""

    EXACT = "exact"
    FUZZY = "fuzzy"
    NEEDS_REVIEW = "needs review"
    ORPHANED = "orphaned"


@dataclass(frozen=True, slots=True)
class NFTag:
    """A National Framework tag: kind ('outcome' or 'enabler') and its number."""

    kind: str
    number: int


@dataclass(frozen=True, slots=True)
class Judgement:
    area: str
    grade: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """Selector bundle locating a highlight in a document's canonical text.

    Offsets are Python string indices (code points) into the canonical text, end exclusive.
    """

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    page: int | None
    paragraph: int | None
    content_hash: str


@dataclass(frozen=True, slots=True)
class Document:
    id: int
    title: str
    kind: str
    authority: str | None
    date: dt.date | None
    inspection_start: dt.date | None
    inspection_end: dt.date | None
    lead_inspector: str | None
    pages: int
    overall: str | None
    source_name: str
    source_hash: str
    content_hash: str
    imported_at: dt.datetime
    framework: str | None = None
    annotation_count: int = 0
    # When it was removed to the bin (issue 11); None while it is in use. Only the bin
    # and the import of the same file again see removed documents.
    removed_at: dt.datetime | None = None


def recommendation_label(number: str | None, position: int) -> str:
    """What every view and export calls a recommendation: its printed number, or, where it
    has none (no number, or a blank one), its 1-based position in the document. ``position``
    is the 0-based position the workspace stores."""
    if number is not None and number.strip():
        return number
    return str(position + 1)


class RecommendationPlace(NamedTuple):
    """Where a recommendation is: its document and 0-based position (what threads need)."""

    document_id: int
    position: int


@dataclass(frozen=True, slots=True)
class Recommendation:
    id: int
    document_id: int
    position: int
    group: str
    number: str | None
    text: str
    nf_tag: NFTag | None
    page: int | None
    heading: str | None
    manual: bool
    evidence_count: int = 0

    @property
    def label(self) -> str:
        """Its printed number, else its position (``recommendation_label``)."""
        return recommendation_label(self.number, self.position)


@dataclass(frozen=True, slots=True)
class Annotation:
    id: int
    document_id: int
    anchor: Anchor
    stance: Stance | None
    note: str
    colour: str | None
    author: str
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted: bool
    anchor_status: AnchorStatus
    section: str | None = None
    recommendation_ids: tuple[int, ...] = field(default=())
    version: int = 1  # raised by each change; an edit on an older one conflicts (issue 17)


class HighlightSpan(NamedTuple):
    """A highlight as the text view paints it: code-point offsets and the stance."""

    annotation_id: int
    start: int
    end: int
    stance: Stance | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change in the history: who, when (ISO 8601 UTC, ending "Z"), what, and the values
    before and after as the JSON text they are stored in (None for a creation or deletion)."""

    id: int
    at: str
    author: str
    action: str
    entity: str
    entity_id: int
    before: str | None
    after: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "author": self.author,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "before": self.before,
            "after": self.after,
        }
