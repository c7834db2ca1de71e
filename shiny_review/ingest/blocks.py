"""Blocks (paragraphs, headings, list items) and their assembly into canonical text.

A block is one line of the canonical text. Both the PDF layout and the plain-text reader
produce blocks; ``assemble`` joins them with single newlines and records where each page
starts and which paragraph each block is.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, chain, repeat
from operator import add, sub
from typing import NamedTuple

from shiny_review.domain.geometry import WordBoxes
from shiny_review.domain.structure import ExtractedText
from shiny_review.ingest.letterhead import demote_letterhead
from shiny_review.ingest.normalise import BULLET
from shiny_review.ingest.structure.paragraphs import annotate_paragraphs


class Words(NamedTuple):
    """A line's words: where each starts in the line's text (None: the first at 0 and each
    other one just after the space that follows the one before, as nearly every line's
    are), their lengths, and their left and right x."""

    starts: list[int] | None
    lengths: list[int]
    x0s: array[float]
    x1s: array[float]

    def start_list(self) -> list[int]:
        if self.starts is not None:
            return self.starts
        starts = list(accumulate(map((1).__add__, self.lengths), initial=0))
        starts.pop()  # where a word after the last would start
        return starts

    def last_start(self) -> int:
        if self.starts is not None:
            return self.starts[-1]
        return sum(self.lengths) + len(self.lengths) - 1 - self.lengths[-1]

    def since(self, first: int) -> Words:
        """The words from the ``first``-th on (0-based)."""
        return Words(
            self.start_list()[first:], self.lengths[first:], self.x0s[first:], self.x1s[first:]
        )


@dataclass(slots=True)
class LineWords:
    """The word boxes one line gives a block: ``words``, all on ``page`` between ``y0`` and
    ``y1``, their offsets moved by ``shift`` for their place in the block's text."""

    words: Words
    shift: int
    page: int
    y0: float
    y1: float
    last_end: int | None = None  # the last word's end in the block, when a join moved it

    def end(self) -> int:
        """Where the last word ends in the block's text."""
        if self.last_end is not None:
            return self.last_end
        return self.words.last_start() + self.words.lengths[-1] + self.shift

    def last_start(self) -> int:
        """Where the last word starts in the block's text."""
        return self.words.last_start() + self.shift


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
    runs: list[_Run] = []
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
            runs.append((run.words, shift + run.shift, run.page, run.y0, run.y1, last_end))
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
        words=_word_boxes(runs),
    )


# A line's words in the document: words, where its text starts, page, y0, y1, last end.
_Run = tuple[Words, int, int, float, float, "int | None"]
_tenth = float.__round__  # round() of a float without its look-up of the method


def _word_boxes(runs: list[_Run]) -> WordBoxes | None:
    """The document's word boxes from its lines' words, in order."""
    if not runs:
        return None
    try:
        return _packed(runs)
    except (OverflowError, ValueError):  # words out of order, a huge page: as before,
        boxes = WordBoxes()  # storing these boxes meets it (``WordBoxes.to_bytes``)
        for words, at, page, y0, y1, last_end in runs:
            starts = array("l", words.start_list())
            ends = array("l", map(add, starts, words.lengths))
            boxes.add_line((starts, ends, words.x0s, words.x1s), at, page, y0, y1, last_end)
        return boxes


def _packed(runs: list[_Run]) -> WordBoxes:
    """The boxes as ``WordBoxes.to_bytes`` stores them, made in one pass over the words: each
    start less the one before (within a line, a word's length and its space), the lengths,
    and the coordinates in tenths of a point (a line's y rounded once)."""
    deltas: list[int] = []
    lengths: list[int] = []
    x0s: array[float] = array("d")
    x1s: array[float] = array("d")
    counts: list[int] = []
    pages: list[int] = []
    y0s: list[int] = []
    y1s: list[int] = []
    after = (1).__add__
    previous = 0
    for words, at, page, y0, y1, last_end in runs:
        sizes = words.lengths
        n = len(sizes)
        starts = words.starts
        if starts is None:
            deltas.append(at - previous)
            deltas.extend(map(after, sizes[:-1]))
            last = at + sum(sizes) + n - 1 - sizes[-1]
        else:
            deltas.append(at + starts[0] - previous)
            deltas.extend(map(sub, starts[1:], starts))
            last = at + starts[-1]
        lengths.extend(sizes)
        if last_end is not None:
            lengths[-1] = last_end - last
        previous = last
        x0s += words.x0s
        x1s += words.x1s
        counts.append(n)
        pages.append(page)
        y0s.append(_tenth(10.0 * y0))
        y1s.append(_tenth(10.0 * y1))
    coords = array("i", bytes(16 * len(lengths)))
    coords[0::4] = array("i", map(_tenth, map((10.0).__mul__, x0s)))
    coords[1::4] = array("i", _spread(y0s, counts))
    coords[2::4] = array("i", map(_tenth, map((10.0).__mul__, x1s)))
    coords[3::4] = array("i", _spread(y1s, counts))
    return WordBoxes.packed(
        array("I", deltas), array("l", lengths), array("l", _spread(pages, counts)), coords
    )


def _spread(values: list[int], counts: list[int]) -> Iterator[int]:
    """Each value repeated its count of times."""
    return chain.from_iterable(map(repeat, values, counts))
