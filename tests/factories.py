"""Hand-built imported documents for tests that should not depend on the PDF import."""

from __future__ import annotations

import hashlib

from shiny_review.domain.anchoring import content_hash
from shiny_review.domain.entities import NFTag
from shiny_review.domain.structure import (
    DocumentStructure,
    ExtractedRecommendation,
    ExtractedText,
    IngestedDocument,
    Paragraph,
)

LETTER_BLOCKS = (
    "Focused visit to Westmarsh Borough Council children’s services",
    "What needs to improve in this area of social work practice?",
    "The timeliness of initial child protection conferences.",
    "The quality of supervision for social workers.",
    "Main findings",
    "1. Children’s “voice” is heard – é £ – in most plans, and leaders know it.",
    "2. Supervision is regular but does not always challenge drift for children.",
)


def make_ingested(
    blocks: tuple[str, ...] = LETTER_BLOCKS, *, source: str = "letter.txt", salt: str = ""
) -> IngestedDocument:
    text = "\n".join(blocks)
    paragraphs = []
    offset = 0
    section = None
    half = len(blocks) // 2
    page_starts = [0]
    for i, block in enumerate(blocks):
        if i == half:
            page_starts.append(offset)
        heading = not block[0].isdigit() and not block.endswith(".")
        if heading:
            section = block
        number = int(block.split(".")[0]) if block[0].isdigit() else None
        paragraphs.append(
            Paragraph(
                start=offset,
                end=offset + len(block),
                page=1 if i < half else 2,
                number=number,
                section=section,
                is_heading=heading,
            )
        )
        offset += len(block) + 1
    recs = (
        ExtractedRecommendation(
            group="local authority",
            number=None,
            text=blocks[2],
            nf_tag=NFTag("outcome", 3),
            heading=blocks[1],
            page=1,
        ),
        ExtractedRecommendation(
            group="local authority",
            number=None,
            text=blocks[3],
            nf_tag=None,
            heading=blocks[1],
            page=1,
        ),
    )
    return IngestedDocument(
        source_name=source,
        source_hash=hashlib.sha256((text + salt).encode()).hexdigest(),
        content_hash=content_hash(text),
        extracted=ExtractedText(
            text=text,
            page_starts=tuple(page_starts),
            paragraphs=tuple(paragraphs),
            page_count=2,
        ),
        structure=DocumentStructure(
            title=blocks[0],
            kind="focused visit",
            authority="Westmarsh",
            recommendations=recs,
        ),
    )
