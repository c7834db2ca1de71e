"""The page view's keys and wheel: zoom, pages, Home/End, the arrows, Ctrl+G."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QScrollBar, QWidget


class PageView(Protocol):
    """What the keys move (``ui.page_view.PageView``)."""

    goToPageRequested: SignalInstance
    page_count: int

    def verticalScrollBar(self) -> QScrollBar: ...
    def zoom_in(self) -> None: ...
    def zoom_out(self) -> None: ...
    def fit_to_width(self) -> None: ...
    def current_page(self) -> int: ...
    def top_position(self) -> tuple[int, float]: ...
    def scroll_to(self, page: int, y: float = 0.0, *, margin: float = 0.0) -> None: ...


def wheel(view: PageView, event: QWheelEvent) -> bool:
    """Ctrl+wheel zooms; True when the event was used."""
    if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return False
    if event.angleDelta().y() > 0:
        view.zoom_in()
    elif event.angleDelta().y() < 0:
        view.zoom_out()
    return True


def key(view: PageView, event: QKeyEvent) -> bool:
    """The page view's keys; True when the event was used."""
    code = event.key()
    ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    bar = view.verticalScrollBar()
    if ctrl and code in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
        view.zoom_in()
    elif ctrl and code == Qt.Key.Key_Minus:
        view.zoom_out()
    elif ctrl and code == Qt.Key.Key_0:
        view.fit_to_width()
    elif ctrl and code == Qt.Key.Key_G:
        view.goToPageRequested.emit()
    elif code == Qt.Key.Key_PageDown:
        view.scroll_to(min(view.current_page() + 1, view.page_count))
    elif code == Qt.Key.Key_PageUp:
        page, y = view.top_position()
        view.scroll_to(page if y > 1 else max(1, page - 1))
    elif code == Qt.Key.Key_Home:
        bar.setValue(0)
    elif code == Qt.Key.Key_End:
        bar.setValue(bar.maximum())
    elif code == Qt.Key.Key_Down:
        bar.setValue(bar.value() + bar.singleStep())
    elif code == Qt.Key.Key_Up:
        bar.setValue(bar.value() - bar.singleStep())
    else:
        return False
    return True


def _is_zoom(event: QKeyEvent) -> bool:
    ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    return ctrl and event.key() in (
        Qt.Key.Key_Plus,
        Qt.Key.Key_Equal,
        Qt.Key.Key_Minus,
        Qt.Key.Key_0,
    )


class _ZoomKeys(QObject):
    """Keeps Ctrl+plus/minus/0 for the page view while it has the focus: the window's own
    shortcuts for the text's size would otherwise take them first."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_zoom(event):  # type: ignore[arg-type]
            event.accept()
        return False


def claim_zoom_keys(view: QWidget) -> None:
    view.installEventFilter(_ZoomKeys(view))
