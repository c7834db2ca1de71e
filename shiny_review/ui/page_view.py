"""The page view: the PDF's pages as published, in one continuous scroll, with the highlights.

A widget that only paints: the pages' pixels come from the render thread
(``ui.page_render``) as ``QImage``s at the screen's device pixel ratio, kept in a bounded
cache; the highlights are plain rectangles in PDF points (``PageHighlight`` rows). Only the
pages in view are asked for, so a 1,000-page report scrolls as smoothly as a 10-page one.

Keys: Ctrl+plus / Ctrl+minus zoom, Ctrl+0 fits the width, Page Up / Page Down move a page,
Home / End, the arrows scroll, Ctrl+G asks for a page number (``goToPageRequested``).
Mouse: a click on a highlight selects it (``annotationClicked``); a drag over words selects
them (``rangeDragged``: page and the two points in PDF points).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from shiny_review.domain.entities import Stance
from shiny_review.domain.geometry import PageRect
from shiny_review.ui import page_keys
from shiny_review.ui.colours import edge, fill
from shiny_review.ui.page_render import ImageCache, cache_budget

GAP = 10  # logical pixels between pages and around them
POINT = 96.0 / 72.0  # logical pixels per PDF point at 100%
ZOOMS = (0.25, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
HIGHLIGHT_ALPHA = 150
DRAG_MIN = 4  # pixels a press must move to be a drag, not a click

Preview = Callable[[int, tuple[float, float], tuple[float, float]], list[PageRect]]


class PageView(QAbstractScrollArea):
    annotationClicked = Signal(int)
    rangeDragged = Signal(int, float, float, float, float)  # page, x0, y0, x1, y1 (points)
    visiblePageChanged = Signal(int)
    scrolled = Signal(int, float)  # page at the top of the view, y in points there
    goToPageRequested = Signal()
    renderWanted = Signal(int, float)  # page index, scale (pixels per point)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.setAccessibleName("Document pages")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        page_keys.claim_zoom_keys(self)  # Ctrl+plus/minus/0 zoom the pages while focused
        self.viewport().setMouseTracking(False)
        self.viewport().setAutoFillBackground(True)
        palette = self.viewport().palette()
        palette.setColor(self.viewport().backgroundRole(), QColor("#6b6b6b"))
        self.viewport().setPalette(palette)
        self.cache = ImageCache()
        self._sizes: list[tuple[float, float]] = []
        self._tops: list[float] = []  # each page's top in logical pixels, at this zoom
        self._height = 0.0
        self.zoom = 1.0
        self.fit_width = True
        self._highlights: dict[int, list[tuple[int, Stance | None, PageRect]]] = {}
        self._selected: int | None = None
        self._selection: list[PageRect] = []
        self._press: tuple[QPoint, int, QPointF] | None = None  # pixel, page, point on page
        self._drag_rects: list[PageRect] = []
        self.preview: Preview | None = None
        self._last_page = 0
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # -- content ---------------------------------------------------------------------------

    def set_pages(self, sizes: Sequence[tuple[float, float]]) -> None:
        """The document's page sizes in points (an empty list shows nothing)."""
        self._sizes = list(sizes)
        self.cache.clear()
        self._last_page = 0
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self.viewport().update()

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def set_highlights(self, rows: Sequence[tuple[int, str | None, Sequence[PageRect]]]) -> None:
        """Every highlight: (annotation id, stance value or None, rectangles)."""
        by_page: dict[int, list[tuple[int, Stance | None, PageRect]]] = {}
        for annotation_id, stance, rects in rows:
            value = Stance(stance) if stance else None
            for rect in rects:
                by_page.setdefault(rect.page, []).append((annotation_id, value, rect))
        self._highlights = by_page
        self.viewport().update()

    def highlight_rects(self, annotation_id: int) -> list[PageRect]:
        return [r for rows in self._highlights.values() for a, _, r in rows if a == annotation_id]

    def set_selected(self, annotation_id: int | None) -> None:
        self._selected = annotation_id
        self.viewport().update()

    @property
    def selected(self) -> int | None:
        return self._selected

    def set_selection(self, rects: Sequence[PageRect]) -> None:
        """The text view's selection, echoed on the pages."""
        self._selection = list(rects)
        self.viewport().update()

    def image_ready(self, index: int, scale: float, image: QImage) -> None:
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self.cache.put(index, scale, image)
        self.viewport().update()

    # -- geometry --------------------------------------------------------------------------

    @property
    def px(self) -> float:
        """Logical pixels per PDF point."""
        return self.zoom * POINT

    def render_scale(self) -> float:
        """Image pixels per PDF point: the zoom times the screen's device pixel ratio."""
        return round(self.px * self.devicePixelRatioF(), 4)

    def _fit_zoom(self) -> float:
        if not self._sizes:
            return 1.0
        widest = max(w for w, _ in self._sizes)
        room = max(self.viewport().width() - 2 * GAP, 50)
        return max(0.1, room / (widest * POINT))

    def _relayout(self, keep: tuple[int, float] | None = None) -> None:
        if self.fit_width:
            self.zoom = self._fit_zoom()
        px = self.px
        tops = []
        y = float(GAP)
        for _, height in self._sizes:
            tops.append(y)
            y += height * px + GAP
        self._tops = tops
        self._height = y
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, int(y) - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(40)
        widest = max((w for w, _ in self._sizes), default=0.0) * px + 2 * GAP
        hbar = self.horizontalScrollBar()
        hbar.setRange(0, max(0, int(widest) - self.viewport().width()))
        hbar.setPageStep(self.viewport().width())
        self.cache.limit = cache_budget(self.viewport(), self._sizes, self.render_scale())
        if keep is not None:
            self.scroll_to(*keep)

    def page_rect(self, index: int) -> QRectF:
        """Page ``index`` (0-based) in viewport pixels."""
        width, height = self._sizes[index]
        px = self.px
        left = (
            max(GAP, (self.viewport().width() - width * px) / 2)
            - self.horizontalScrollBar().value()
        )
        top = self._tops[index] - self.verticalScrollBar().value()
        return QRectF(left, top, width * px, height * px)

    def visible_pages(self) -> range:
        if not self._sizes:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        last = bisect.bisect_left(self._tops, bottom)
        return range(first, min(last, len(self._sizes)))

    def top_position(self) -> tuple[int, float]:
        """The page (1-based) at the top of the view and the y (points) shown there."""
        if not self._sizes:
            return 1, 0.0
        top = self.verticalScrollBar().value() + 1  # the scroll value is a whole pixel
        index = max(0, bisect.bisect_right(self._tops, top) - 1)
        return index + 1, max(0.0, (top - 1 - self._tops[index]) / self.px)

    def current_page(self) -> int:
        """The 1-based page filling most of the view's top half."""
        if not self._sizes:
            return 0
        middle = self.verticalScrollBar().value() + self.viewport().height() / 3
        return max(1, bisect.bisect_right(self._tops, middle))

    def scroll_to(self, page: int, y: float = 0.0, *, margin: float = 0.0) -> None:
        """Put ``y`` points down page ``page`` (1-based) at the top (less ``margin`` pixels)."""
        if not self._sizes:
            return
        index = min(max(page, 1), len(self._sizes)) - 1
        self.verticalScrollBar().setValue(int(self._tops[index] + y * self.px - margin))

    def ensure_visible(self, rect: PageRect) -> None:
        """Scroll (only if needed) so that ``rect`` is in view, a little below the top."""
        if not self._sizes or not 1 <= rect.page <= len(self._sizes):
            return
        index = rect.page - 1
        top = self._tops[index] + rect.y0 * self.px
        bottom = self._tops[index] + rect.y1 * self.px
        value = self.verticalScrollBar().value()
        if top < value or bottom > value + self.viewport().height():
            self.verticalScrollBar().setValue(int(top - self.viewport().height() / 4))

    def go_to_page(self, page: int) -> None:
        self.scroll_to(page)

    def point_at(self, pos: QPoint | QPointF) -> tuple[int, QPointF] | None:
        """The page (1-based) and the point in PDF points under a viewport position."""
        for index in self.visible_pages():
            rect = self.page_rect(index)
            if rect.top() - GAP / 2 <= pos.y() <= rect.bottom() + GAP / 2:
                px = self.px
                x = min(max(pos.x(), rect.left()), rect.right())
                y = min(max(pos.y(), rect.top()), rect.bottom())
                return index + 1, QPointF((x - rect.left()) / px, (y - rect.top()) / px)
        return None

    def to_view(self, rect: PageRect) -> QRectF:
        page = self.page_rect(rect.page - 1)
        px = self.px
        return QRectF(
            page.left() + rect.x0 * px,
            page.top() + rect.y0 * px,
            (rect.x1 - rect.x0) * px,
            (rect.y1 - rect.y0) * px,
        )

    # -- zoom ------------------------------------------------------------------------------

    def set_zoom(self, zoom: float) -> None:
        keep = self.top_position()
        self.fit_width = False
        self.zoom = min(max(zoom, ZOOMS[0]), ZOOMS[-1])
        self._relayout(keep)
        self.viewport().update()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOMS if z > self.zoom + 1e-3), ZOOMS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < self.zoom - 1e-3), ZOOMS[0]))

    def fit_to_width(self) -> None:
        keep = self.top_position()
        self.fit_width = True
        self._relayout(keep)
        self.viewport().update()

    # -- events ----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(600, 700)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout(self.top_position() if self._sizes else None)

    def _scrolled(self, _value: int) -> None:
        page = self.current_page()
        if page != self._last_page:
            self._last_page = page
            self.visiblePageChanged.emit(page)
        self.scrolled.emit(*self.top_position())
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        scale = self.render_scale()
        visible = self.visible_pages()
        for index in visible:
            target = self.page_rect(index)
            image = self.cache.get(index, scale)
            if image is not None:  # made for this zoom and screen: a plain copy, no scaling
                painter.drawImage(target.topLeft(), image)
            else:
                self.renderWanted.emit(index, scale)
                image = self.cache.any_for(index)  # another zoom's, stretched until then
                if image is not None:
                    painter.drawImage(target, image)
                else:
                    painter.fillRect(target, QColor("white"))
            self._paint_highlights(painter, index + 1)
        if len(visible):  # the page after the last one in view, ready for the next scroll
            following = visible[-1] + 1
            if following < len(self._sizes) and self.cache.get(following, scale) is None:
                self.renderWanted.emit(following, scale)
        painter.end()

    def _paint_highlights(self, painter: QPainter, page: int) -> None:
        rows = self._highlights.get(page, [])
        if rows:
            # Multiply: overlapping highlights show darker where they overlap, the text stays.
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
            painter.setPen(Qt.PenStyle.NoPen)
            for _, stance, rect in rows:
                colour = fill(stance)
                colour.setAlpha(HIGHLIGHT_ALPHA)
                painter.fillRect(self.to_view(rect), colour)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            for annotation_id, stance, rect in rows:
                if annotation_id == self._selected:
                    pen = QPen(edge(stance))
                    pen.setWidthF(2.0)
                    painter.setPen(pen)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(self.to_view(rect).adjusted(-1, -1, 1, 1))
        extra = [r for r in (*self._selection, *self._drag_rects) if r.page == page]
        if extra:
            colour = QColor(self.palette().highlight().color())
            colour.setAlpha(90)
            for rect in extra:
                painter.fillRect(self.to_view(rect), colour)

    def annotation_at(self, pos: QPoint | QPointF) -> int | None:
        found = self.point_at(pos)
        if found is None:
            return None
        page, point = found
        hits = [
            ((r.x1 - r.x0) * (r.y1 - r.y0), annotation_id)
            for annotation_id, _, r in self._highlights.get(page, [])
            if r.x0 <= point.x() <= r.x1 and r.y0 <= point.y() <= r.y1
        ]
        return min(hits)[1] if hits else None  # the smallest: the one inside an overlap

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            found = self.point_at(event.position())
            if found is not None:
                self._press = (event.position().toPoint(), found[0], found[1])
                self._drag_rects = []
        super().mousePressEvent(event)

    def _drag_end(self, pos: QPointF) -> QPointF | None:
        """The drag's end point on the page where it started, in points."""
        if self._press is None:
            return None
        page_index = self._press[1] - 1
        rect = self.page_rect(page_index)
        x = min(max(pos.x(), rect.left()), rect.right())
        y = min(max(pos.y(), rect.top()), rect.bottom())
        return QPointF((x - rect.left()) / self.px, (y - rect.top()) / self.px)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and self.preview is not None:
            end = self._drag_end(event.position())
            if end is not None:
                start = self._press[2]
                page = self._press[1]
                self._drag_rects = self.preview(page, (start.x(), start.y()), (end.x(), end.y()))
                self.viewport().update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        self._drag_rects = []
        if press is not None and event.button() == Qt.MouseButton.LeftButton:
            moved = (event.position().toPoint() - press[0]).manhattanLength()
            if moved < DRAG_MIN:
                annotation_id = self.annotation_at(event.position())
                if annotation_id is not None:
                    self.annotationClicked.emit(annotation_id)
            else:
                self._press = press
                end = self._drag_end(event.position())
                self._press = None
                if end is not None:
                    start = press[2]
                    self.rangeDragged.emit(press[1], start.x(), start.y(), end.x(), end.y())
            self.viewport().update()
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.accept() if page_keys.wheel(self, event) else super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if page_keys.key(self, event):
            event.accept()
        else:
            super().keyPressEvent(event)
