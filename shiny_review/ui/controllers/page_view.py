"""The page view beside the text: keeping the two in step, rendering, going to a page.

``PageViewController(state, text_view, panel, settings, parent, actions)`` takes the
window's state, the text view, the page panel (``ui/panels/pages.py``, bound to the state),
the settings (the export folder), a parent for its dialogs and the window's actions (its
three view modes are checkable, one at a time); ``install_page_view`` puts the panel beside
the text and builds the controller. A drag highlights through ``highlightWanted`` (the
window connects it to ``EditController.highlight_selection``: one undoable command).
It owns View > Text / Page / Text and page side by side, View > Go to page and File > Export
annotated PDF (declared in ``ui/actions.py``, slots from ``action_handlers``), and keeps the
views in step:
- scrolling or selecting in the text moves the pages to the same place, and back;
- a click on a highlight on a page selects it everywhere (``state.select_annotation``);
- a drag over words on a page selects the same text in the text view and highlights it with
  the same undoable command as a selection made in the text; 1-9 then link it.
The pages are rendered by a child process (``ui.page_render``), stopped when another
document opens and by ``shut_down`` (the window's close). A PDF whose word boxes its import
left has them made by another child the first time its pages show (``ui.page_words``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from shiny_review.domain.anchoring import Utf16Map
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.domain.geometry import PageRect, WordBoxes
from shiny_review.ui.action_catalogue import PAGE_MODES
from shiny_review.ui.page_render import PageRenderThread
from shiny_review.ui.page_view import GAP
from shiny_review.ui.page_words import WordsOnFirstNeed

if TYPE_CHECKING:
    from shiny_review.ui.document_view import DocumentView
    from shiny_review.ui.panels.document import DocumentPanel
    from shiny_review.ui.panels.pages import PagePanel
    from shiny_review.ui.settings import WindowSettings
    from shiny_review.ui.window_state import WindowState

MODES = PAGE_MODES
_tokens = itertools.count(1)


def install_page_view(
    state: WindowState,
    document_panel: DocumentPanel,
    settings: WindowSettings,
    parent: QWidget,
    actions: Mapping[str, QAction],
) -> PageViewController:
    """A page panel beside ``document_panel``'s text, and its controller (``.panel``)."""
    from shiny_review.ui.panels.pages import PagePanel

    panel = PagePanel()
    document_panel.put_beside(panel)
    return PageViewController(state, document_panel.view, panel, settings, parent, actions)


class PageViewController(QObject):
    """Keeps the page panel and the text in step; ``highlightWanted``: highlight the text
    view's selection (made by a drag over words on a page) with the one undoable command."""

    highlightWanted = Signal()

    def __init__(
        self,
        state: WindowState,
        text_view: DocumentView,
        panel: PagePanel,
        settings: WindowSettings,
        parent: QWidget,
        actions: Mapping[str, QAction],
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.text_view = text_view
        self.panel = panel
        self.page_view = panel.view
        self.settings = settings
        self._parent = parent
        self.thread: PageRenderThread | None = None
        self.words_maker = WordsOnFirstNeed(state, panel, self)
        self._map = Utf16Map("")
        self.mode = "text"
        self.mode_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        for mode in MODES:
            action = actions[f"view_{mode}"]
            action.setCheckable(True)
            group.addAction(action)
            self.mode_actions[mode] = action
        self._wire()
        self.set_mode("text", focus=False)

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        """The slots of the actions this controller owns (see ``actions.OWNERS``)."""
        handlers: dict[str, Callable[[], object]] = {
            f"view_{m}": (lambda m=m: self.set_mode(m)) for m in MODES
        }
        handlers["go_to_page"] = self.ask_page
        handlers["export_pdf"] = self.export_interactively
        return handlers

    @property
    def document_id(self) -> int | None:
        return self.panel.document_id

    @property
    def words(self) -> WordBoxes | None:
        return self.panel.words

    @property
    def _syncing(self) -> bool:
        return self.panel.syncing

    @_syncing.setter
    def _syncing(self, value: bool) -> None:
        self.panel.syncing = value

    def _wire(self) -> None:
        pv = self.page_view
        pv.renderWanted.connect(self._render_wanted)
        pv.annotationClicked.connect(self._page_annotation_clicked)
        pv.rangeDragged.connect(self._page_dragged)
        pv.scrolled.connect(self._page_scrolled)
        pv.goToPageRequested.connect(self.ask_page)
        pv.preview = self._preview
        self.panel.documentLoaded.connect(self._document_loaded)
        self.words_maker.placed.connect(self._text_scrolled)
        view = self.text_view
        view.verticalScrollBar().valueChanged.connect(self._text_scrolled)
        view.selectionChanged.connect(self._text_selection_changed)

    # -- modes ---------------------------------------------------------------------------

    def set_mode(self, mode: str, *, focus: bool = True) -> None:
        if mode not in MODES:
            mode = "text"
        self.mode = mode
        self.panel.wanted = mode != "text"
        if mode != "text":
            self.panel.load_if_pending()  # a document opened while only its text was shown
        self.mode_actions[mode].setChecked(True)
        self.text_view.setVisible(mode in ("text", "both"))
        self.panel.setVisible(mode in ("page", "both"))
        if mode != "text" and not self.panel.has_pages and self.state.document is not None:
            self.state.show_status(self.panel.message.text())
        if focus and mode == "page":
            self.page_view.setFocus()
        elif focus and mode == "text":
            self.text_view.setFocus()
        if mode != "text":
            self.panel.refresh_if_stale()
            self._ensure_thread()
            QTimer.singleShot(0, self._text_scrolled)

    # -- documents -----------------------------------------------------------------------

    def _document_loaded(self) -> None:
        """The panel has read the newly open document: render its pages once shown."""
        self._stop_thread()
        self._map = self.text_view.utf16  # the text view's (one scan of the text an open)
        if self.panel.data is not None and self.mode != "text":
            self._ensure_thread()

    def _ensure_thread(self) -> None:
        """Start rendering the open document's pages (once the page view is shown)."""
        data = self.panel.data
        if data is None:
            return
        doc = self.state.document
        name = doc.source_name if doc is not None else "the PDF"
        self.words_maker.ensure(data, name)
        if self.thread is not None:
            return
        service = self.state.service
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
        self.words_maker.stop()

    def shut_down(self) -> None:
        self._stop_thread()

    # -- in step -------------------------------------------------------------------------

    def _both(self) -> bool:
        return self.mode == "both" and self.words is not None and self.page_view.page_count > 0

    def _text_scrolled(self, *_: Any) -> None:
        if self._syncing or not self._both() or self.words is None:
            return
        view = self.text_view
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
        view = self.text_view
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
        selection = self.text_view.selection()
        rects = self.words.rects_for(*selection) if selection else []
        self.page_view.set_selection(rects)
        if rects and self.panel.isVisible() and not self._syncing:
            self._syncing = True
            self.page_view.ensure_visible(rects[0])
            self._syncing = False

    def _page_annotation_clicked(self, annotation_id: int) -> None:
        self.state.select_annotation(annotation_id, reveal=self.text_view.isVisible())

    def _preview(self, page: int, a: tuple[float, float], b: tuple[float, float]) -> list[PageRect]:
        if self.document_id is None:
            return []
        found = self.state.service.pages.range_between(self.document_id, page, a, b)
        return self.words.rects_for(*found) if found and self.words else []

    def _page_dragged(self, page: int, x0: float, y0: float, x1: float, y1: float) -> None:
        if self.document_id is None or self.state.document is None:
            return
        found = self.state.service.pages.range_between(self.document_id, page, (x0, y0), (x1, y1))
        if found is None:
            if self.words is None and self.words_maker.running:
                self.state.show_status("The words on the pages are still being read.")
            else:
                self.state.show_status("Drag over words on the page to highlight them.")
            return
        self._syncing = True
        try:
            self.text_view.select_range(*found)
        finally:
            self._syncing = False
        # The same undoable command as highlighting a selection made in the text.
        self.highlightWanted.emit()

    def ask_page(self) -> None:
        count = self.page_view.page_count
        if count == 0:
            self.state.show_status(self.panel.message.text())
            return
        dialog = QInputDialog(self._parent)
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
        doc = self.state.document
        if doc is None:
            self.state.show_status("Open a PDF document first.")
            return
        folder = self.settings.export_folder()
        suggested = str(folder / f"{doc.source_name.rsplit('.', 1)[0]} annotated.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self._parent, "Export annotated PDF", suggested, "PDF (*.pdf)"
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> int | None:
        from pathlib import Path

        doc = self.state.document
        if doc is None:
            return None
        pages = self.state.service.pages
        try:
            # word boxes still to make: read in a child (pymupdf never reads text here)
            count = pages.export_pdf(doc.id, Path(path), maker=pages.make_in_child)
        except ShinyReviewError as exc:
            self.state.show_error(str(exc))
            return None
        except OSError as exc:
            self.state.show_error(f"could not write {path}: {exc.strerror or exc}")
            return None
        self.state.show_status(f"Exported {count} highlight(s) into {path}")
        if self.panel.words is None and self.panel.document_id == doc.id:
            self.panel.words = pages.word_boxes(doc.id)  # made for the export: shown too
            if self.panel.words is not None:
                self.panel.load_highlights()
        return count


def _word_from(words: WordBoxes, offset: int) -> int | None:
    """The first word at or after ``offset``."""
    import bisect

    index = bisect.bisect_left(words.ends, offset + 1)
    return index if index < len(words) else None
