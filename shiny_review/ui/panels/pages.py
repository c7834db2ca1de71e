"""The page view's panel: the open PDF's pages (or a line saying why there are none).

``bind(state)``: a document that opens has its word boxes and kept original read
(``service.pages``; ``documentLoaded`` then tells the page view controller to render it),
at once while the pages are shown (``wanted``), else when they are first shown;
the highlights an operation changed are read again (one light query, only while the pages
are shown: otherwise when they are shown again); the selected highlight is marked and, when
the pages are shown, scrolled into view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from shiny_review.domain.errors import ShinyReviewError
from shiny_review.services.pages import NO_PAGES, NO_PAGES_KEPT
from shiny_review.ui.page_view import PageView

if TYPE_CHECKING:
    from shiny_review.domain.geometry import WordBoxes
    from shiny_review.domain.structure import PageWords
    from shiny_review.services.changes import Changed
    from shiny_review.ui.window_state import WindowState

OPEN_A_PDF = "Open a PDF document to see its pages."


class PagePanel(QStackedWidget):
    """The page view, or a line saying why there is none."""

    documentLoaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pagePanel")
        self._state: WindowState | None = None
        self.view = PageView()
        self.message = QLabel(OPEN_A_PDF)
        self.message.setObjectName("pageMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.addWidget(self.view)
        self.addWidget(self.message)
        self.show_message(OPEN_A_PDF)
        self.document_id: int | None = None
        self.words: WordBoxes | None = None
        self.data: bytes | None = None  # the kept original of the open PDF
        self.syncing = False  # set while the page view follows the text (no echo back)
        self._stale = False
        self.wanted = False  # the pages are shown (the controller's mode is not "text")
        self._pending = False  # a document opened while not wanted: read when wanted

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def show_pages(self) -> None:
        self.setCurrentWidget(self.view)

    @property
    def has_pages(self) -> bool:
        return self.currentWidget() is self.view

    def bind(self, state: WindowState) -> None:
        self._state = state
        state.documentChanged.connect(self._document_changed)
        # at once, as the text view: the page shows a highlight in the frame of its key
        state.highlightsChanged.connect(self._changed)
        state.highlightSelected.connect(self._annotation_selected)

    def _document_changed(self) -> None:
        state = self._state
        assert state is not None
        doc = state.document
        self.document_id = doc.id if doc is not None else None
        self.words = None
        self.data = None
        self.view.set_selected(None)
        self.view.set_selection([])
        self.view.set_pages([])
        # Shown only with the page view (View > Page): a document opened while only its
        # text is shown reads its word boxes and original when the pages are first shown
        # (``load_if_pending``), not on the open path (issue 16: start, memory).
        self._pending = not self.wanted
        if self._pending:
            self.documentLoaded.emit()
            return
        self._load()

    def load_if_pending(self) -> None:
        """Read the open document's pages if that was left until they were shown."""
        if self._pending:
            self._pending = False
            self._load()

    def _load(self) -> None:
        state = self._state
        assert state is not None
        doc = state.document
        pages = state.service.pages
        if doc is not None:
            pages.refresh(doc.id, doc.content_hash)
        self.words = pages.word_boxes(doc.id) if doc is not None else None
        # A PDF imported since issue 16's round 9 has its word boxes made when its pages are
        # first shown (the controller's ``PageWordsThread``, then ``keep_words``).
        if doc is not None and (self.words is not None or pages.words_pending(doc.id)):
            self.data = pages.original(doc.id)
        if self.data is None:
            if doc is None:
                self.show_message(OPEN_A_PDF)
            else:
                is_pdf = doc.source_name.lower().endswith(".pdf")
                self.show_message((NO_PAGES_KEPT if is_pdf else NO_PAGES).format(title=doc.title))
        else:
            self.show_pages()
            if self.isVisible():
                self.load_highlights()
            else:
                self._stale = True  # read when the pages are shown (not to open the text)
        self.documentLoaded.emit()

    @property
    def words_wanted(self) -> bool:
        """The open PDF's pages are read but its word boxes are still to make."""
        return self.data is not None and self.words is None and self.document_id is not None

    def keep_words(self, made: PageWords) -> str | None:
        """Store the open document's word boxes made after its import and show its highlights
        on them; the line to show instead when they do not match its text."""
        state = self._state
        assert state is not None and self.document_id is not None
        try:
            self.words = state.service.pages.keep_word_boxes(self.document_id, made)
        except ShinyReviewError as exc:
            return str(exc)
        if self.isVisible():
            self.load_highlights()
        else:
            self._stale = True
        return None

    def load_highlights(self) -> None:
        self._stale = False
        state = self._state
        if state is None or self.document_id is None or self.words is None:
            return
        rows = state.service.pages.highlights(self.document_id)
        self.view.set_highlights([(h.annotation_id, h.stance, h.rects) for h in rows])

    def refresh_if_stale(self) -> None:
        if self._stale:
            self.load_highlights()

    def _changed(self, changed: Changed) -> None:
        if self.document_id is None or self.words is None:
            return
        if changed.annotations or self.document_id in changed.documents:
            if self.isVisible():
                self.load_highlights()
            else:
                self._stale = True  # read when the pages are shown again

    def _annotation_selected(self, annotation_id: int | None, _reveal: bool) -> None:
        self.view.set_selected(annotation_id)
        if annotation_id is None or not self.isVisible():
            return
        rects = self.view.highlight_rects(annotation_id)
        if rects:
            self.syncing = True
            try:
                self.view.ensure_visible(rects[0])
            finally:
                self.syncing = False
