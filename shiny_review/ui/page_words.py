"""A PDF's word boxes made the first time its pages show (``WordsOnFirstNeed``).

The import does not make word boxes (issue 16); the page view needs them to place the
highlights on the pages, to keep the pages in step with the text and to turn a drag into a
selection. ``PageWordsThread`` only waits on the child process that makes them
(``PageService.make_in_child``: pymupdf is not thread-safe and holds the GIL) and hands the
result back; ``WordsOnFirstNeed`` (the page view controller's) starts it for the open
document, has the page panel store what comes back (``PagePanel.keep_words``), says in the
status line what is happening, and remembers a refusal so that it is said again, not made
again. The pages show meanwhile, and stay if the boxes cannot be made.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal

if TYPE_CHECKING:
    from shiny_review.ui.panels.pages import PagePanel
    from shiny_review.ui.window_state import WindowState

WordsFactory = Callable[[threading.Event], Any]  # returns a domain.structure.PageWords
_tokens = itertools.count(1)


class PageWordsThread(QThread):
    """Makes one document's word boxes; ``made`` or ``failed`` carry the outcome."""

    made = Signal(int, object)  # token, PageWords
    failed = Signal(int, str)

    def __init__(self, token: int, factory: WordsFactory) -> None:
        super().__init__()
        self.setObjectName("pageWordsThread")
        self.token = token
        self._factory = factory
        self._cancel = threading.Event()

    def stop(self) -> None:
        """End the wait (the child is killed) and return once the thread has finished."""
        self._cancel.set()
        self.wait()

    def run(self) -> None:
        from shiny_review.domain.errors import ImportCancelled

        try:
            made = self._factory(self._cancel)
        except ImportCancelled:
            return
        except Exception as exc:  # a worker never dies silently
            self.failed.emit(self.token, str(exc))
            return
        self.made.emit(self.token, made)


class WordsOnFirstNeed(QObject):
    """Makes the open PDF's word boxes once its pages show; ``placed`` once they are kept
    and its highlights are on the pages."""

    placed = Signal()

    def __init__(self, state: WindowState, panel: PagePanel, parent: QObject) -> None:
        super().__init__(parent)
        self.state = state
        self.panel = panel
        self.thread: PageWordsThread | None = None
        self._for: tuple[object, int, str] = (None, 0, "")  # service, document, text hash
        self._refused: dict[tuple[int, str], str] = {}

    @property
    def running(self) -> bool:
        return self.thread is not None and not self.thread.isFinished()

    def ensure(self, data: bytes, name: str) -> None:
        """Have the open PDF's word boxes made, if its import left them."""
        doc = self.state.document
        if self.thread is not None or not self.panel.words_wanted or doc is None:
            return
        refused = self._refused.get((doc.id, doc.content_hash))
        if refused is not None:
            self.state.show_status(refused)
            return
        service = self.state.service
        make = service.pages.make_in_child
        thread = PageWordsThread(next(_tokens), lambda cancel: make(data, name, cancel))
        thread.made.connect(self._made)
        thread.failed.connect(self._failed)
        self.thread = thread
        self._for = (service, doc.id, doc.content_hash)
        self.state.show_status(f"Placing the highlights on the pages of {name}...")
        thread.start()

    def stop(self) -> None:
        """Stop waiting (another document opens, the window closes)."""
        if self.thread is not None:
            thread, self.thread = self.thread, None
            thread.stop()
            thread.deleteLater()

    def _current(self, token: int) -> bool:
        """The running thread's result, for the document and workspace still open."""
        if self.thread is None or token != self.thread.token:
            return False
        service, doc_id, _ = self._for
        return self.state.service is service and self.panel.document_id == doc_id

    def _made(self, token: int, made: Any) -> None:
        if not self._current(token):
            return
        problem = self.panel.keep_words(made)
        if problem is not None:
            self._failed(token, problem)
            return
        self.state.show_status("The highlights are on the pages.")
        self.placed.emit()

    def _failed(self, token: int, message: str) -> None:
        if not self._current(token):
            return
        _, doc_id, content_hash = self._for
        text = f"The highlights cannot be placed on the pages: {message}"
        self._refused[(doc_id, content_hash)] = text
        self.state.show_status(text)
