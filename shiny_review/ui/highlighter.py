"""Paints annotations over the document text from a span list indexed by block.

Spans are in Qt (UTF-16) positions. Changing one span rehighlights only the blocks it
touches. Overlapping spans blend their fills and get a wavy underline so both show.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from shiny_review.domain.entities import Stance
from shiny_review.ui import colours


def _start(span: Span) -> int:
    return span.start


@dataclass(frozen=True, slots=True)
class Span:
    """One highlight in Qt positions, end exclusive."""

    annotation_id: int
    start: int
    end: int
    stance: Stance | None


class AnnotationHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._spans: dict[int, Span] = {}
        self._by_block: dict[int, list[Span]] = {}
        self._headings: frozenset[int] = frozenset()
        self._selected: int | None = None
        self._heading_format = QTextCharFormat()
        self._heading_format.setFontWeight(QFont.Weight.Bold)
        self._heading_format.setForeground(colours.heading())
        self._formats: dict[tuple[Stance | None, bool, bool], QTextCharFormat] = {}
        self._dark = colours.is_dark()

    def set_palette(self, palette: QPalette) -> None:
        """Paint in the colours of ``palette``'s theme (light or dark) from now on."""
        dark = colours.is_dark(palette)
        heading = colours.heading(palette)
        if dark == self._dark and self._heading_format.foreground().color() == heading:
            return
        self._dark = dark
        self._heading_format.setForeground(heading)
        self._formats.clear()
        self.rehighlight()

    @staticmethod
    def _set_fill(fmt: QTextCharFormat, background: QColor) -> None:
        fmt.setBackground(background)
        fmt.setForeground(colours.text_on(background))

    # -- queries ---------------------------------------------------------------------------

    def spans_at(self, position: int) -> list[Span]:
        block = self.document().findBlock(position).blockNumber()
        return [s for s in self._by_block.get(block, ()) if s.start <= position < s.end]

    def span(self, annotation_id: int) -> Span | None:
        return self._spans.get(annotation_id)

    @property
    def selected(self) -> int | None:
        return self._selected

    # -- updates ---------------------------------------------------------------------------

    def reset(self, spans: list[Span], heading_blocks: frozenset[int]) -> None:
        """Replace every span (when a document opens) and paint the whole text once."""
        self._spans = {s.annotation_id: s for s in spans}
        self._headings = heading_blocks
        self._selected = None
        self._by_block = {}
        # Block numbers by bisecting the blocks' start positions: two findBlock calls a
        # span are most of the cost of opening a document with ten thousand highlights.
        doc = self.document()
        starts: list[int] = []
        block = doc.begin()
        while block.isValid():
            starts.append(block.position())
            block = block.next()
        size = doc.characterCount()
        by_block = self._by_block
        spans.sort(key=_start)  # stable: what comes in text order stays as it is (C speed)
        for span in spans:
            start, end = span.start, span.end
            # as findBlock(position).blockNumber(), by bisection
            first = bisect.bisect_right(starts, start) - 1 if 0 <= start < size else -1
            tail = end - 1 if end - 1 > start else start
            last = bisect.bisect_right(starts, tail) - 1 if 0 <= tail < size else -1
            if first == last:
                row = by_block.get(first)
                if row is None:
                    by_block[first] = [span]
                else:
                    row.append(span)
                continue
            for block_number in range(first, last + 1):
                by_block.setdefault(block_number, []).append(span)
        self.rehighlight()

    def put(self, span: Span) -> None:
        """Add or replace one span; repaint only the blocks it covers (before and after)."""
        old = self._spans.get(span.annotation_id)
        touched = self._unindex(old) if old else set()
        self._spans[span.annotation_id] = span
        for block in self._blocks_of(span):
            row = self._by_block.setdefault(block, [])
            row.append(span)
            row.sort(key=lambda s: (s.start, s.end))
            touched.add(block)
        self._repaint(touched)

    def remove(self, annotation_id: int) -> None:
        old = self._spans.pop(annotation_id, None)
        if old is not None:
            self._repaint(self._unindex(old))

    def select(self, annotation_id: int | None) -> None:
        touched: set[int] = set()
        for ann in (self._selected, annotation_id):
            if ann is not None and ann in self._spans:
                touched.update(self._blocks_of(self._spans[ann]))
        self._selected = annotation_id
        self._repaint(touched)

    def _blocks_of(self, span: Span) -> range:
        doc = self.document()
        first = doc.findBlock(span.start).blockNumber()
        last = doc.findBlock(max(span.start, span.end - 1)).blockNumber()
        return range(first, last + 1)

    def _unindex(self, span: Span) -> set[int]:
        blocks = set(self._blocks_of(span))
        for block in blocks:
            row = self._by_block.get(block, [])
            row[:] = [s for s in row if s.annotation_id != span.annotation_id]
            if not row:
                self._by_block.pop(block, None)
        return blocks

    def _repaint(self, blocks: set[int]) -> None:
        doc = self.document()
        for number in sorted(blocks):
            block = doc.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    # -- painting --------------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        number = block.blockNumber()
        length = block.length() - 1  # UTF-16 units, without the block separator
        heading = number in self._headings
        if heading:
            self.setFormat(0, length, self._heading_format)
        spans = self._by_block.get(number)
        if not spans:
            return
        origin = block.position()
        previous_end = -1
        for s in spans:
            if s.start < previous_end:
                break
            previous_end = s.end
        else:
            # The usual case: no two highlights overlap, one shared format per highlight.
            selected = self._selected
            formats = self._formats
            for s in spans:
                left = s.start - origin
                right = s.end - origin
                if left < 0 or right > length:
                    left = min(max(left, 0), length)
                    right = min(max(right, 0), length)
                if right > left:
                    key = (s.stance, heading, s.annotation_id == selected)
                    fmt = formats.get(key) or self._single(*key)
                    self.setFormat(left, right - left, fmt)
            return
        cuts = {0, length}
        for s in spans:
            cuts.add(min(max(s.start - origin, 0), length))
            cuts.add(min(max(s.end - origin, 0), length))
        points = sorted(cuts)
        for left, right in itertools.pairwise(points):
            cover = [s for s in spans if s.start - origin <= left and s.end - origin >= right]
            if not cover:
                continue
            fmt = QTextCharFormat(self._heading_format) if heading else QTextCharFormat()
            dark = self._dark
            fills = [colours.fill(s.stance, dark) for s in cover]
            chosen = [s for s in cover if s.annotation_id == self._selected]
            if len(cover) > 1:
                self._set_fill(fmt, colours.blend(fills))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(colours.edge(cover[-1].stance, dark))
            else:
                self._set_fill(fmt, fills[0])
            if chosen:
                self._set_fill(fmt, colours.selected_fill(chosen[0].stance, dark))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(colours.edge(chosen[0].stance, dark))
            self.setFormat(left, right - left, fmt)

    def _single(self, stance: Stance | None, heading: bool, chosen: bool) -> QTextCharFormat:
        """The format of text under one highlight (as the general case below builds it)."""
        key = (stance, heading, chosen)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat(self._heading_format) if heading else QTextCharFormat()
            dark = self._dark
            self._set_fill(fmt, colours.fill(stance, dark))
            if chosen:
                self._set_fill(fmt, colours.selected_fill(stance, dark))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(colours.edge(stance, dark))
            self._formats[key] = fmt
        return fmt
