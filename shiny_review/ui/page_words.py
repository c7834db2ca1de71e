"""The thread that waits while a PDF's word boxes are made, the first time its pages show.

The import does not make word boxes (issue 16); the page view needs them to place the
highlights on the pages, to keep the pages in step with the text and to turn a drag into a
selection. This thread only waits on the child process that makes them
(``PageService.make_in_child``: pymupdf is not thread-safe and holds the GIL) and hands the
result to the window, which stores it (``PageService.keep_word_boxes``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

WordsFactory = Callable[[threading.Event], Any]  # returns a domain.structure.PageWords


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
