"""Paints annotations over the document text from a span list indexed by block.

Spans are in Qt (UTF-16) positions. A block's formats are made when it is about to be shown
(``format_blocks``, which the view calls for the blocks in view before they are painted), not
for the whole text when a document opens: a 100-page report has ~2,000 blocks, and a screen
shows a few dozen. Changing one span repaints only the blocks it touches that have been
shown; the others get their formats when they come into view. Overlapping spans blend their
fills and get a wavy underline so both show.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import SIGNAL, SLOT, QObject
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)

from shiny_review.domain.stance import Stance
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
        self._spans: dict[int, Span] | None = {}  # by id, made on first use
        self._all: list[Span] = []
        self._by_block: dict[int, list[Span]] = {}
        self._headings: frozenset[int] = frozenset()
        self._selected: int | None = None
        self._heading_format = QTextCharFormat()
        self._heading_format.setFontWeight(QFont.Weight.Bold)
        self._heading_format.setForeground(colours.heading())
        self._formats: dict[tuple[Stance | None, bool, bool], QTextCharFormat] = {}
        self._dark = colours.is_dark()
        self._done = bytearray()  # 1 for each block whose formats are the spans' (by number)
        self._paused = False

    def set_palette(self, palette: QPalette) -> None:
        """Paint in the colours of ``palette``'s theme (light or dark) from now on."""
        dark = colours.is_dark(palette)
        heading = colours.heading(palette)
        if dark == self._dark and self._heading_format.foreground().color() == heading:
            return
        self._dark = dark
        self._heading_format.setForeground(heading)
        self._formats.clear()
        self.invalidate()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Replace the document's text inside this without formatting any block (Qt would
        format every block of the new text, with the old spans; ``reset`` follows)."""
        # QSyntaxHighlighter formats each changed block from the document's contentsChange:
        # that connection is cut while the text is set (the flag, if Qt's slot ever changes).
        doc = self.document()
        change, slot = SIGNAL("contentsChange(int,int,int)"), SLOT("_q_reformatBlocks(int,int,int)")
        cut = QObject.disconnect(doc, change, self, slot)
        self._paused = True
        try:
            yield
        finally:
            self._paused = False
            if cut:
                QObject.connect(doc, change, self, slot)

    def invalidate(self) -> None:
        """Forget every block's formats: each is made again when it is next shown."""
        self._done = bytearray(self.document().blockCount())

    def format_blocks(self, blocks: Iterable[QTextBlock]) -> None:
        """Make the formats of those of ``blocks`` not made since the spans last changed."""
        done = self._done
        for block in blocks:
            number = block.blockNumber()
            if number >= len(done) or not done[number]:
                self.rehighlightBlock(block)  # highlightBlock marks it done

    def formatted(self, block_number: int) -> bool:
        """Whether the block's formats are made (it has been shown since the spans changed)."""
        return block_number < len(self._done) and bool(self._done[block_number])

    @staticmethod
    def _set_fill(fmt: QTextCharFormat, background: QColor) -> None:
        fmt.setBackground(background)
        fmt.setForeground(colours.text_on(background))

    # -- queries ---------------------------------------------------------------------------

    def spans_at(self, position: int) -> list[Span]:
        block = self.document().findBlock(position).blockNumber()
        return [s for s in self._by_block.get(block, ()) if s.start <= position < s.end]

    def span(self, annotation_id: int) -> Span | None:
        return self._by_id().get(annotation_id)

    def _by_id(self) -> dict[int, Span]:
        spans = self._spans
        if spans is None:
            spans = self._spans = {s.annotation_id: s for s in self._all}
        return spans

    @property
    def selected(self) -> int | None:
        return self._selected

    # -- updates ---------------------------------------------------------------------------

    def reset(self, spans: list[Span], heading_blocks: frozenset[int]) -> None:
        """Replace every span (when a document opens, after the text is set). No block is
        formatted here: each is when it is first shown (``format_blocks``)."""
        self._spans = None
        self._all = spans
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
        self.invalidate()

    def put(self, span: Span) -> None:
        """Add or replace one span; repaint only the blocks it covers (before and after)."""
        spans = self._by_id()
        old = spans.get(span.annotation_id)
        touched = self._unindex(old) if old else set()
        spans[span.annotation_id] = span
        for block in self._blocks_of(span):
            row = self._by_block.setdefault(block, [])
            row.append(span)
            row.sort(key=lambda s: (s.start, s.end))
            touched.add(block)
        self._repaint(touched)

    def remove(self, annotation_id: int) -> None:
        old = self._by_id().pop(annotation_id, None)
        if old is not None:
            self._repaint(self._unindex(old))

    def select(self, annotation_id: int | None) -> None:
        touched: set[int] = set()
        spans = self._by_id()
        for ann in (self._selected, annotation_id):
            if ann is not None and ann in spans:
                touched.update(self._blocks_of(spans[ann]))
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
        """Make again the formats of those of ``blocks`` already made; the others are made
        when they are shown."""
        doc = self.document()
        done = self._done
        for number in sorted(blocks):
            if number < len(done) and done[number]:
                block = doc.findBlockByNumber(number)
                if block.isValid():
                    self.rehighlightBlock(block)

    # -- painting --------------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        if self._paused:
            return
        block = self.currentBlock()
        number = block.blockNumber()
        done = self._done
        if number >= len(done):
            done.extend(bytes(number + 1 - len(done)))
        done[number] = 1
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
