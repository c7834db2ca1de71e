"""Pure-text structure detection of letters and reports (no pymupdf here).

``detect_structure`` reads canonical text with its paragraph map and finds the kind of
document, its metadata, judgements and recommendations. Every rule is about a format, never
about one authority, date or file.
"""

from __future__ import annotations

import re

from shiny_review.domain.entities import DocumentKind
from shiny_review.domain.structure import (
    DocumentStructure,
    ExtractedRecommendation,
    ExtractedText,
)
from shiny_review.ingest.structure.blocks import text_blocks
from shiny_review.ingest.structure.checks import run_checks
from shiny_review.ingest.structure.judgements import detect_judgements
from shiny_review.ingest.structure.kind import detect_kind
from shiny_review.ingest.structure.metadata import (
    authority,
    inspection_dates,
    lead_inspector,
    letter_date,
    printed_authority,
)
from shiny_review.ingest.structure.recommendations import (
    SectionNotes,
    detect_recommendations_with_notes,
)

__all__ = ["detect_structure"]

_OFSTED_KINDS = frozenset(
    {
        DocumentKind.FULL_INSPECTION,
        DocumentKind.SHORT_INSPECTION,
        DocumentKind.SIF_INSPECTION,
        DocumentKind.FOCUSED_VISIT,
        DocumentKind.MONITORING_VISIT,
        DocumentKind.JTAI,
    }
)


_JUDGED_KINDS = frozenset(
    {DocumentKind.FULL_INSPECTION, DocumentKind.SHORT_INSPECTION, DocumentKind.SIF_INSPECTION}
)

_TITLE = re.compile(
    r"^(?:inspection of|(?:focused|monitoring) visit (?:to|of)|joint targeted area inspection)",
    re.IGNORECASE,
)


def _title(blocks: list[str], all_blocks: list[str]) -> str:
    for text in all_blocks[:40]:
        if _TITLE.match(text) and len(text) <= 200:
            return text
    for text in blocks[:12]:
        if 3 <= len(text) <= 160 and not text[:1].isdigit():
            return text
    return blocks[0][:160] if blocks else ""


def detect_structure(extracted: ExtractedText) -> DocumentStructure:
    """Kind, metadata, judgements and recommendations of a document's canonical text."""
    blocks = text_blocks(extracted)
    kind, framework = detect_kind(extracted.text)
    ofsted = kind in _OFSTED_KINDS
    start, end = inspection_dates(blocks) if ofsted else (None, None)
    judgements, overall = detect_judgements(blocks) if ofsted else ((), None)
    recommendations: tuple[ExtractedRecommendation, ...] = ()
    notes = SectionNotes(empty_headings=[], stated_counts=[])
    if ofsted or kind == DocumentKind.COUNCIL_REPORT or kind == DocumentKind.OTHER:
        recommendations, notes = detect_recommendations_with_notes(blocks, kind)
    checks = run_checks(
        recommendations,
        judgements,
        notes,
        expects_recommendations=ofsted,
        expects_judgements=kind in _JUDGED_KINDS,
    )
    heading_titles = [b.text for b in blocks if b.heading] or [b.text for b in blocks]
    printed = printed_authority(blocks) if ofsted else None
    return DocumentStructure(
        title=_title(heading_titles, [b.text for b in blocks]),
        kind=kind.value,
        framework=framework,
        authority=authority(blocks, printed) if ofsted else None,
        date=letter_date(blocks),
        inspection_start=start,
        inspection_end=end,
        lead_inspector=lead_inspector(blocks) if ofsted else None,
        judgements=judgements,
        overall=overall,
        recommendations=recommendations,
        authority_printed=printed,
        checks=checks,
    )
