"""Paragraph map: printed paragraph numbers and the section heading each block sits under."""

from __future__ import annotations

from collections.abc import Sequence

from shiny_review.domain.structure import Paragraph

# (start, end, page, printed number, is heading)
BlockSpan = tuple[int, int, int, int | None, bool]


def annotate_paragraphs(spans: Sequence[BlockSpan], text: str) -> tuple[Paragraph, ...]:
    """One ``Paragraph`` per block; headings name the section of the blocks after them."""
    out: list[Paragraph] = []
    section: str | None = None
    for start, end, page, number, heading in spans:
        if heading:
            section = text[start:end]
        out.append(
            Paragraph(
                start=start,
                end=end,
                page=page,
                number=None if heading else number,
                section=section,
                is_heading=heading,
            )
        )
    return tuple(out)
