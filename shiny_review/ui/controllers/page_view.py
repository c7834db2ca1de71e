"""The page view beside the text: building it into the window, keeping the two in step.

``PageViewController(window)`` puts a ``PagePanel`` (the page view, or a line saying why a
document has none) beside the text view in a splitter, adds View > Text / Page / Text and
page and File > Export annotated PDF, and keeps the views in step:
- scrolling or selecting in the text moves the pages to the same place, and back;
- a click on a highlight on a page selects it everywhere (``window.select_annotation``);
- a drag over words on a page selects the same text in the text view and highlights it with
  the same undoable command as a selection made in the text; 1-9 then link it.

The window calls ``document_opened``, ``apply``, ``select`` and ``shut_down`` (a few marked
lines in main_window.py); everything else is here.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QImage, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from shiny_review.domain.anchoring import Utf16Map
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.domain.geometry import PageRect, WordBoxes
from shiny_review.services.pages import NO_PAGES, NO_PAGES_KEPT
from shiny_review.ui.page_render import PageRenderThread
from shiny_review.ui.page_view import GAP, PageView

if TYPE_CHECKING:
    from shiny_review.services.changes import Changed
    from shiny_review.ui.main_window import MainWindow

MODES = ("text", "page", "both")
MODE_KEYS = {"text": "Ctrl+Alt+T", "page": "Ctrl+Alt+P", "both": "Ctrl+Alt+B"}
MODE_TEXTS = {"text": "&Text", "page": "&Page", "both": "Text &and page side by side"}
_tokens = itertools.count(1)


class PagePanel(QStackedWidget):
    """The page view, or a line saying why there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pagePanel")
        self.view = PageView()
        self.message = QLabel("Open a PDF document to see its pages.")
        self.message.setObjectName("pageMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.addWidget(self.view)
        self.addWidget(self.message)
        self.show_message("Open a PDF document to see its pages.")

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def show_pages(self) -> None:
        self.setCurrentWidget(self.view)

    @property
    def has_pages(self) -> bool:
        return self.currentWidget() is self.view


class PageViewController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = PagePanel()
        self.page_view = self.panel.view
        self.thread: PageRenderThread | None = None
        self.document_id: int | None = None
        self.words: WordBoxes | None = None
        self._map = Utf16Map("")
        self._syncing = False
        self.mode = "text"
        self._build_splitter()
        self._build_actions()
        self._wire()
        self._data: bytes | None = None
        self._stale = False
        self.set_mode("text", focus=False)

    # -- construction --------------------------------------------------------------------

    def _build_splitter(self) -> None:
        view = self.window.view
        parent = view.parentWidget()
        layout = parent.layout()
        index = layout.indexOf(view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("textPageSplitter")
        self.splitter.setChildrenCollapsible(False)
        layout.insertWidget(index, self.splitter, 1)
        self.splitter.addWidget(view)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

    def _build_actions(self) -> None:
        w = self.window
        self.mode_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        view_menu = _menu(w, "View")
        if view_menu is not None:
            view_menu.addSeparator()
        for mode in MODES:
            action = QAction(MODE_TEXTS[mode], w)
            action.setObjectName(f"action_view_{mode}")
            action.setCheckable(True)
            action.setShortcut(QKeySequence(MODE_KEYS[mode]))
            action.setStatusTip(f"Show {MODE_TEXTS[mode].replace('&', '').lower()}")
            action.triggered.connect(lambda _=False, m=mode: self.set_mode(m))
            group.addAction(action)
            w.addAction(action)
            if view_menu is not None:
                view_menu.addAction(action)
            self.mode_actions[mode] = action
        self.export_action = QAction("Export annotated &PDF…", w)
        self.export_action.setObjectName("action_export_pdf")
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.setStatusTip(
            "Save the original PDF with the highlights in it, for Acrobat or Edge"
        )
        self.export_action.triggered.connect(self.export_interactively)
        w.addAction(self.export_action)
        file_menu = _menu(w, "File")
        if file_menu is not None:
            export = w.actions.get("export")
            actions = file_menu.actions()
            after = actions.index(export) + 1 if export in actions else 0
            before = actions[after] if after < len(actions) else None
            file_menu.insertAction(before, self.export_action)
        self.go_action = QAction("&Go to page…", w)
        self.go_action.setObjectName("action_go_to_page")
        self.go_action.setShortcut(QKeySequence("Ctrl+G"))
        self.go_action.triggered.connect(self.ask_page)
        w.addAction(self.go_action)
        if view_menu is not None:
            view_menu.addAction(self.go_action)

    def _wire(self) -> None:
        pv = self.page_view
        pv.renderWanted.connect(self._render_wanted)
        pv.annotationClicked.connect(self._page_annotation_clicked)
        pv.rangeDragged.connect(self._page_dragged)
        pv.scrolled.connect(self._page_scrolled)
        pv.goToPageRequested.connect(self.ask_page)
        pv.preview = self._preview
        view = self.window.view
        view.verticalScrollBar().valueChanged.connect(self._text_scrolled)
        view.selectionChanged.connect(self._text_selection_changed)

    # -- modes ---------------------------------------------------------------------------

    def set_mode(self, mode: str, *, focus: bool = True) -> None:
        if mode not in MODES:
            mode = "text"
        self.mode = mode
        self.mode_actions[mode].setChecked(True)
        self.window.view.setVisible(mode in ("text", "both"))
        self.panel.setVisible(mode in ("page", "both"))
        if mode != "text" and not self.panel.has_pages and self.window.current is not None:
            self.window.show_status(self.panel.message.text())
        if focus and mode == "page":
            self.page_view.setFocus()
        elif focus and mode == "text":
            self.window.view.setFocus()
        if mode != "text":
            if self._stale:
                self._load_highlights()
            self._ensure_thread()
            QTimer.singleShot(0, self._text_scrolled)

    # -- documents -----------------------------------------------------------------------

    def document_opened(self, document_id: int) -> None:
        self._stop_thread()
        self.document_id = document_id
        service = self.window.service
        self.words = service.pages.word_boxes(document_id)
        self._map = Utf16Map(self.window.view.text)
        self.page_view.set_selected(None)
        self.page_view.set_selection([])
        data = service.pages.original(document_id) if self.words is not None else None
        self._data = None
        if data is None:
            self.page_view.set_pages([])
            current = self.window.current
            title = current.title if current else "This document"
            is_pdf = current is not None and current.source_name.lower().endswith(".pdf")
            self.panel.show_message((NO_PAGES_KEPT if is_pdf else NO_PAGES).format(title=title))
            self.export_action.setEnabled(False)
            return
        self.export_action.setEnabled(True)
        self.panel.show_pages()
        self._load_highlights()
        self._data = data
        self.page_view.set_pages([])
        if self.mode != "text":
            self._ensure_thread()

    def _ensure_thread(self) -> None:
        """Start rendering the open document's pages (once the page view is shown)."""
        data = self._data
        if self.thread is not None or data is None:
            return
        service = self.window.service
        name = self.window.current.source_name if self.window.current else "the PDF"
        token = next(_tokens)
        thread = PageRenderThread(token, lambda: service.pages.start_renderer(data, name))
        thread.opened.connect(self._opened)
        thread.rendered.connect(self._rendered)
        thread.failed.connect(self._failed)
        self.thread = thread
        thread.start()

    def _opened(self, token: int, sizes: list[tuple[float, float]]) -> None:
        if self.thread is None or token != self.thread.token:
            return
        self.page_view.set_pages(sizes)
        self._text_scrolled()

    def _rendered(self, token: int, index: int, scale: float, image: QImage) -> None:
        if self.thread is not None and token == self.thread.token:
            self.page_view.image_ready(index, scale, image)

    def _failed(self, token: int, message: str) -> None:
        if self.thread is not None and token == self.thread.token:
            self.panel.show_message(f"The pages cannot be shown: {message}")

    def _render_wanted(self, index: int, scale: float) -> None:
        if self.thread is not None:
            self.thread.request(index, scale)

    def _stop_thread(self) -> None:
        if self.thread is not None:
            thread, self.thread = self.thread, None
            thread.stop()
            thread.deleteLater()

    def shut_down(self) -> None:
        self._stop_thread()

    def _load_highlights(self) -> None:
        self._stale = False
        if self.document_id is None or self.words is None:
            return
        rows = self.window.service.pages.highlights(self.document_id)
        self.page_view.set_highlights([(h.annotation_id, h.stance, h.rects) for h in rows])

    def apply(self, changed: Changed) -> None:
        """Refresh the highlights on the pages after an action (one read)."""
        if self.document_id is None or self.words is None:
            return
        if changed.annotations or self.document_id in changed.documents:
            if self.panel.isVisible():
                self._load_highlights()
            else:
                self._stale = True  # read when the pages are shown again

    def select(self, annotation_id: int | None) -> None:
        self.page_view.set_selected(annotation_id)
        if annotation_id is None or not self.panel.isVisible():
            return
        rects = self.page_view.highlight_rects(annotation_id)
        if rects:
            self._syncing = True
            self.page_view.ensure_visible(rects[0])
            self._syncing = False

    # -- in step -------------------------------------------------------------------------

    def _both(self) -> bool:
        return self.mode == "both" and self.words is not None and self.page_view.page_count > 0

    def _text_scrolled(self, *_: Any) -> None:
        if self._syncing or not self._both() or self.words is None:
            return
        view = self.window.view
        position = view.cursorForPosition(QPoint(0, 0)).position()
        offset = self._map.to_python(position)
        index = _word_from(self.words, offset)
        if index is None:
            return
        self._syncing = True
        try:
            _, y0, _, _ = self.words.box(index)
            self.page_view.scroll_to(self.words.pages[index], y0, margin=GAP)
        finally:
            self._syncing = False

    def _page_scrolled(self, page: int, y: float) -> None:
        if self._syncing or not self._both() or self.words is None:
            return
        words = self.words
        candidates = [i for i in words.words_on(page) if words.box(i)[3] >= y]
        following = words.words_on(page + 1)
        if not candidates and not following:
            return
        offset = words.starts[min(candidates) if candidates else min(following)]
        view = self.window.view
        block = view.document().findBlock(self._map.to_utf16(offset))
        if not block.isValid():
            return
        self._syncing = True
        try:
            view.verticalScrollBar().setValue(block.firstLineNumber())
        finally:
            self._syncing = False

    def _text_selection_changed(self) -> None:
        if self.words is None:
            return
        selection = self.window.view.selection()
        rects = self.words.rects_for(*selection) if selection else []
        self.page_view.set_selection(rects)
        if rects and self.panel.isVisible() and not self._syncing:
            self._syncing = True
            self.page_view.ensure_visible(rects[0])
            self._syncing = False

    def _page_annotation_clicked(self, annotation_id: int) -> None:
        self.window.select_annotation(annotation_id, scroll=self.window.view.isVisible())

    def _preview(self, page: int, a: tuple[float, float], b: tuple[float, float]) -> list[PageRect]:
        if self.document_id is None:
            return []
        found = self.window.service.pages.range_between(self.document_id, page, a, b)
        return self.words.rects_for(*found) if found and self.words else []

    def _page_dragged(self, page: int, x0: float, y0: float, x1: float, y1: float) -> None:
        if self.document_id is None or self.window.current is None:
            return
        found = self.window.service.pages.range_between(self.document_id, page, (x0, y0), (x1, y1))
        if found is None:
            self.window.show_status("Drag over words on the page to highlight them.")
            return
        self._syncing = True
        try:
            self.window.view.select_range(*found)
        finally:
            self._syncing = False
        # The same undoable command as highlighting a selection made in the text.
        self.window.editing.highlight_selection()

    def ask_page(self) -> None:
        count = self.page_view.page_count
        if count == 0:
            self.window.show_status(self.panel.message.text())
            return
        dialog = QInputDialog(self.window)
        dialog.setObjectName("goToPageDialog")
        dialog.setWindowTitle("Go to page")
        dialog.setLabelText(f"Page (1-{count}):")
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(1, count)
        dialog.setIntValue(self.page_view.current_page())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.intValueSelected.connect(self.go_to_page)
        self.go_dialog = dialog
        dialog.open()

    def go_to_page(self, page: int) -> None:
        if self.mode == "text":
            self.set_mode("both")
        self.page_view.go_to_page(page)
        self.page_view.setFocus()

    # -- export --------------------------------------------------------------------------

    def export_interactively(self) -> None:
        w = self.window
        if w.current is None:
            w.show_status("Open a PDF document first.")
            return
        folder = w.settings.export_folder()
        suggested = str(folder / f"{w.current.source_name.rsplit('.', 1)[0]} annotated.pdf")
        path, _ = QFileDialog.getSaveFileName(w, "Export annotated PDF", suggested, "PDF (*.pdf)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> int | None:
        from pathlib import Path

        w = self.window
        if w.current is None:
            return None
        try:
            count = w.service.pages.export_pdf(w.current.id, Path(path))
        except ShinyReviewError as exc:
            w.show_error(str(exc))
            return None
        except OSError as exc:
            w.show_error(f"could not write {path}: {exc.strerror or exc}")
            return None
        w.show_status(f"Exported {count} highlight(s) into {path}")
        return count


def _word_from(words: WordBoxes, offset: int) -> int | None:
    """The first word at or after ``offset``."""
    import bisect

    index = bisect.bisect_left(words.ends, offset + 1)
    return index if index < len(words) else None


def _menu(window: QWidget, name: str) -> Any:
    for action in window.menuBar().actions():  # type: ignore[attr-defined]
        if action.text().replace("&", "") == name:
            return action.menu()
    return None
