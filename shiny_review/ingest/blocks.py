"""Blocks (paragraphs, headings, list items) and their assembly into canonical text.

A block is one line of the canonical text. Both the PDF layout and the plain-text reader
produce blocks; ``assemble`` joins them with single newlines and records where each page
starts and which paragraph each block is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shiny_review.domain.geometry import WordBoxes, WordColumns
from shiny_review.domain.structure import ExtractedText
from shiny_review.ingest.letterhead import demote_letterhead
from shiny_review.ingest.normalise import BULLET
from shiny_review.ingest.structure.paragraphs import annotate_paragraphs


@dataclass(slots=True)
class LineWords:
    """The word boxes one line gives a block: ``words`` (columns: start, end in the line's
    text, x0, x1), all on ``page`` between ``y0`` and ``y1``, their offsets moved by ``shift``
    for their place in the block's text (a whole line's words at once, not a row a word)."""

    words: WordColumns
    shift: int
    page: int
    y0: float
    y1: float
    last_end: int | None = None  # the last word's end in the block, when a join moved it

    def end(self) -> int:
        """Where the last word ends in the block's text."""
        return self.words[1][-1] + self.shift if self.last_end is None else self.last_end

    def last_start(self) -> int:
        """Where the last word starts in the block's text."""
        return self.words[0][-1] + self.shift


@dataclass(slots=True)
class Block:
    """A paragraph under construction: text pieces, each tagged with its page (1-based)."""

    page: int
    heading: bool = False
    bullet: bool = False
    number: int | None = None
    footnote: bool = False
    text: str = ""
    # (offset in ``text``, page) where the block's text moves on to a later page.
    page_breaks: list[tuple[int, int]] = field(default_factory=list)
    # Word boxes of the PDF's lines, a line at a time.
    words: list[LineWords] = field(default_factory=list)

    def prefix(self) -> str:
        if self.bullet:
            return f"{BULLET} "
        if self.number is not None:
            return f"{self.number}. "
        return ""


def assemble(
    blocks: list[Block],
    page_count: int,
    warnings: tuple[str, ...] = (),
    has_javascript: bool = False,
) -> ExtractedText:
    """Join blocks into canonical text with its page and paragraph maps. Letterhead and
    contact lines are never headings (``letterhead.demote_letterhead``)."""
    demote_letterhead(blocks)
    parts: list[str] = []
    page_first: dict[int, int] = {}
    spans: list[tuple[int, int, Block]] = []
    offset = 0
    boxes = WordBoxes()
    for block in blocks:
        body = block.text
        if not body and block.number is None and not block.bullet:
            continue
        prefix = block.prefix()
        line = prefix + body
        start = offset
        page_first.setdefault(block.page, start)
        for at, page in block.page_breaks:
            page_first.setdefault(page, start + len(prefix) + at)
        spans.append((start, start + len(line), block))
        shift = start + len(prefix)
        for run in block.words:
            last_end = None if run.last_end is None else shift + run.last_end
            boxes.add_line(run.words, shift + run.shift, run.page, run.y0, run.y1, last_end)
        parts.append(line)
        offset += len(line) + 1
    text = "\n".join(parts)
    count = max(page_count, 1)
    starts: list[int] = []
    next_start = len(text)
    for page in range(count, 0, -1):
        next_start = page_first.get(page, next_start)
        starts.append(next_start)
    starts.reverse()
    starts[0] = 0
    # Keep the map monotone even when reading order jumps between pages.
    for i in range(1, len(starts)):
        starts[i] = max(starts[i], starts[i - 1])
    paragraphs = annotate_paragraphs(
        [(s, e, b.page, b.number, b.heading) for s, e, b in spans], text
    )
    return ExtractedText(
        text=text,
        page_starts=tuple(starts),
        paragraphs=paragraphs,
        page_count=page_count,
        has_javascript=has_javascript,
        warnings=warnings,
        words=boxes if len(boxes) else None,
    )
