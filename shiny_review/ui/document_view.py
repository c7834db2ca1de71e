"""The read-only document view: canonical text, styled headings, paragraph numbers and
page boundaries in a margin, highlights painted by ``AnnotationHighlighter``.

Offsets in and out of this widget are Python code points; Qt's UTF-16 positions stay inside.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPalette, QPen, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from shiny_review.domain.utf16 import Utf16Map
from shiny_review.ui import colours
from shiny_review.ui.highlighter import AnnotationHighlighter, Span

# Types only: the window's first stage shows a document before the entities are loaded.
# (A mouse event's class, with its base classes' enums, costs ~1.5 ms to make.)
if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent, QPaintEvent

    from shiny_review.domain.entities import Annotation
    from shiny_review.domain.structure import ExtractedText

_NEWLINE = re.compile("\n")
DEFAULT_TEXT_SIZE = 10.5  # points, unless the system's font is larger
MIN_TEXT_SIZE = 6.0
MAX_TEXT_SIZE = 40.0


class _Margin(QWidget):
    """The left margin: paragraph numbers and page labels."""

    def __init__(self, view: DocumentView) -> None:
        super().__init__(view)
        self._view = view
        # It fills what it paints (paint_margin): the window behind it need not be painted
        # first each time a line of the text changes (a highlight's key press).
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(self._view.margin_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._view.paint_margin(self, event)


class DocumentView(QPlainTextEdit):
    """Shows one document; emits ``annotationClicked`` when a highlight is clicked."""

    annotationClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentView")
        self.setAccessibleName("Document text")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.default_text_size = max(QFont(self.font()).pointSizeF(), DEFAULT_TEXT_SIZE)
        self.set_text_size(self.default_text_size)
        self.document().setDocumentMargin(10)
        self.highlighter = AnnotationHighlighter(self.document())
        self.highlighter.set_palette(self.palette())
        self._map = Utf16Map("")
        self._text = ""
        self._page_blocks: dict[int, int] = {}  # block number -> page starting there
        self._paragraph_numbers: dict[int, int] = {}  # block number -> printed number
        self._margin = _Margin(self)
        self.blockCountChanged.connect(self._update_margin_width)
        self.updateRequest.connect(self._update_margin)
        self._update_margin_width()

    # -- text size (View > Larger text, Ctrl+plus; issue 18) --------------------------------

    def text_size(self) -> float:
        """The text's size in points (the margin's numbers follow it)."""
        return self.font().pointSizeF()

    def set_text_size(self, points: float) -> float:
        """Show the text at ``points`` (kept within 6 to 40 points); the size set."""
        points = min(max(points, MIN_TEXT_SIZE), MAX_TEXT_SIZE)
        font = QFont(self.font())
        font.setPointSizeF(points)
        self.setFont(font)  # the document's default font and the margin follow
        self.document().setDefaultFont(font)
        return points

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_margin"):
            self._update_margin_width()
            self._place_margin()
            self.format_view()
        elif event.type() == QEvent.Type.PaletteChange:  # light <-> dark theme
            self.highlighter.set_palette(self.palette())
            self.format_view()

    # -- loading ---------------------------------------------------------------------------

    def load(self, extracted: ExtractedText, annotations: Iterable[Annotation]) -> None:
        """Show a document and its highlights; the caret goes to the start."""
        self.load_spans(
            extracted, [Span(a.id, a.anchor.start, a.anchor.end, a.stance) for a in annotations]
        )

    def load_spans(self, extracted: ExtractedText, spans: Iterable[Span]) -> None:
        """Show a document and its highlights, each with ``annotation_id``, ``start``, ``end``
        (code points) and ``stance`` (a ``Span``, or the rows ``ReviewService.highlight_spans``
        gives, which have the same fields); the caret goes to the start."""
        paragraphs = [(p.start, p.number, p.is_heading) for p in extracted.paragraphs]
        self.show_text(extracted.text, extracted.page_starts, paragraphs, spans)

    def show_text(
        self,
        text: str,
        page_starts: Sequence[int],
        paragraphs: Iterable[tuple[int, int | None, bool]],
        spans: Iterable[Span],
    ) -> None:
        """``load_spans`` from the parts the view uses: ``paragraphs`` are (start, printed
        number or None, is a heading). The window's first stage shows its document so."""
        self._text = text
        self._map = Utf16Map(text)
        newlines = [m.start() for m in _NEWLINE.finditer(text)]

        def block_of(offset: int) -> int:
            return bisect.bisect_left(newlines, offset)

        self._page_blocks = {}
        for page, start in enumerate(page_starts, start=1):
            self._page_blocks.setdefault(block_of(start), page)
        self._paragraph_numbers = {}
        headings = set()
        for start, number, is_heading in paragraphs:
            block = block_of(start)
            if number is not None:
                self._paragraph_numbers.setdefault(block, number)
            if is_heading:
                headings.add(block)
        with self.highlighter.paused():
            self.setPlainText(text)
        if self._map.identity:
            # No character outside the BMP (the usual case): Qt positions are the offsets,
            # and the rows are painted as they are (they have a Span's fields).
            qt_spans = list(spans)
        else:
            to_utf16 = self._map.to_utf16
            qt_spans = [
                Span(s.annotation_id, to_utf16(s.start), to_utf16(s.end), s.stance) for s in spans
            ]
        self.highlighter.reset(qt_spans, frozenset(headings))
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._update_margin_width()
        self.format_view()

    def format_view(self) -> None:
        """Make the highlight formats of the blocks in view that lack them (before they are
        painted: a block's formats are made when it first comes into view, see
        ``AnnotationHighlighter``). Called on load, scroll, resize and changes of font or
        theme; ``paintEvent`` calls it too, for any other way a block comes into view."""
        if not self.isVisible():
            return  # shown later: the first paint makes them
        highlighter = self.highlighter
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        height = self.viewport().height()
        while block.isValid() and top <= height:
            if not highlighter.formatted(block.blockNumber()):
                highlighter.format_blocks((block,))
            top += self.blockBoundingRect(block).height()
            block = block.next()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.format_view()  # the blocks scrolled into view, before they are painted

    @property
    def utf16(self) -> Utf16Map:
        """Python indices to Qt positions and back, for the text shown."""
        return self._map

    @property
    def text(self) -> str:
        return self._text

    def _span(self, annotation: Annotation) -> Span:
        return Span(
            annotation.id,
            self._map.to_utf16(annotation.anchor.start),
            self._map.to_utf16(annotation.anchor.end),
            annotation.stance,
        )

    # -- highlights ------------------------------------------------------------------------

    def put_annotation(self, annotation: Annotation) -> None:
        if annotation.deleted:
            self.highlighter.remove(annotation.id)
        else:
            self.highlighter.put(self._span(annotation))

    def show_annotation(self, annotation_id: int | None) -> None:
        """Mark an annotation as selected and scroll to it (without selecting text)."""
        self.highlighter.select(annotation_id)
        span = self.highlighter.span(annotation_id) if annotation_id is not None else None
        if span is None:
            return
        cursor = self.textCursor()
        cursor.setPosition(span.start)
        self.setTextCursor(cursor)
        self.centerCursor()

    def annotation_at(self, position: int) -> int | None:
        """The innermost highlight at a Qt position, if any."""
        spans = self.highlighter.spans_at(position)
        if not spans:
            return None
        return min(spans, key=lambda s: s.end - s.start).annotation_id

    # -- selection (Python offsets) ----------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (
            self._map.to_python(cursor.selectionStart()),
            self._map.to_python(cursor.selectionEnd()),
        )

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_utf16(start))
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            position = self.cursorForPosition(event.position().toPoint()).position()
            annotation = self.annotation_at(position)
            if annotation is not None:
                self.annotationClicked.emit(annotation)

    # -- margin and page marks ---------------------------------------------------------------

    def margin_columns(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """(left, width) of the margin's two columns: page labels ("p. 10"), then paragraph
        numbers ("55") right-aligned, with a gap between, so the two never run together."""
        metrics = self.fontMetrics()
        page_width = metrics.horizontalAdvance("p. 000")
        number_width = metrics.horizontalAdvance("000")
        gap = metrics.horizontalAdvance("  ")
        return (4, page_width), (4 + page_width + gap, number_width)

    def margin_width(self) -> int:
        _page, (number_left, number_width) = self.margin_columns()
        return number_left + number_width + 6

    def margin_labels(self, block_number: int) -> list[tuple[QRect, str]]:
        """What the margin shows beside a block (in the block's line, at y 0): its page
        label, if a page starts there, and its paragraph number, each in its own column."""
        labels = []
        (page_left, page_width), (number_left, number_width) = self.margin_columns()
        height = self.fontMetrics().height()
        page = self._page_blocks.get(block_number)
        if page is not None and page > 1:
            labels.append((QRect(page_left, 0, page_width, height), f"p. {page}"))
        para = self._paragraph_numbers.get(block_number)
        if para is not None:
            labels.append((QRect(number_left, 0, number_width, height), str(para)))
        return labels

    def _update_margin_width(self, *_: object) -> None:
        self.setViewportMargins(self.margin_width(), 0, 0, 0)

    def _update_margin(self, rect: QRect, dy: int) -> None:
        if dy:
            self._margin.scroll(0, dy)
        else:
            self._margin.update(0, rect.y(), self._margin.width(), rect.height())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._place_margin()
        self.format_view()

    def _place_margin(self) -> None:
        area = self.contentsRect()
        self._margin.setGeometry(QRect(area.left(), area.top(), self.margin_width(), area.height()))

    def _visible_blocks(self) -> Iterable[tuple[int, int, int]]:
        """(block number, top, bottom) of each block in view, in viewport coordinates."""
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.viewport().height()
        while block.isValid() and top <= height:
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible():
                yield block.blockNumber(), top, bottom
            block = block.next()
            top = bottom

    def paint_margin(self, margin: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(margin)
        palette = self.palette()  # margin colours from the theme (issue 11, dark mode)
        # Filled as a rectangle without an outline, the same pixels as ``fillRect``, whose
        # overloads make PySide build the QGradient class (~1.5 ms of the window's start).
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
        painter.drawRect(event.rect())
        painter.setFont(self.font())
        for number, top, _bottom in self._visible_blocks():
            for rect, label in self.margin_labels(number):
                is_page = label.startswith("p. ")
                painter.setPen(
                    palette.color(QPalette.ColorRole.Text) if is_page else colours.heading(palette)
                )
                align = Qt.AlignmentFlag.AlignLeft if is_page else Qt.AlignmentFlag.AlignRight
                painter.drawText(rect.translated(0, top), align, label)
        painter.end()

    def paintEvent(self, event: QPaintEvent) -> None:
        self.format_view()  # usually done already (on load, scroll or resize): a no-op then
        super().paintEvent(event)
        if not self._page_blocks:
            return
        painter = QPainter(self.viewport())
        pen = QPen(self.palette().color(QPalette.ColorRole.Mid))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        width = self.viewport().width()
        for number, top, _bottom in self._visible_blocks():
            page = self._page_blocks.get(number)
            if page is not None and page > 1:
                painter.drawLine(0, top, width, top)
        painter.end()
