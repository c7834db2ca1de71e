"""A read-only view of canonical text as blocks, for the structure rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from shiny_review.domain.structure import ExtractedText
from shiny_review.ingest.normalise import BULLET

_NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,2})?)\.?\s+(?=\S)")
_LETTERED = re.compile(r"^\(([a-z])\)\s+(?=\S)")  # joint inspections' priorities (a), (b)


@dataclass(frozen=True, slots=True)
class TextBlock:
    index: int
    text: str  # the whole canonical line, marker included
    body: str  # without bullet or printed number
    start: int  # offset of ``body`` in the canonical text
    end: int
    page: int
    heading: bool
    bullet: bool
    number: str | None


def text_blocks(extracted: ExtractedText) -> list[TextBlock]:
    out: list[TextBlock] = []
    text = extracted.text
    for index, para in enumerate(extracted.paragraphs):
        line = text[para.start : para.end]
        body = line
        bullet = False
        number: str | None = None
        skip = 0
        if line.startswith(BULLET + " "):
            bullet = True
            skip = 2
        else:
            match = _NUMBERED.match(line)
            if match and (para.number is not None or "." in match.group(0)):
                number = match.group(1)
                skip = match.end()
            elif (lettered := _LETTERED.match(line)) is not None:
                number = lettered.group(1)
                skip = lettered.end()
        body = line[skip:]
        out.append(
            TextBlock(
                index=index,
                text=line,
                body=body,
                start=para.start + skip,
                end=para.end,
                page=para.page,
                heading=para.is_heading,
                bullet=bullet,
                number=number,
            )
        )
    return out
