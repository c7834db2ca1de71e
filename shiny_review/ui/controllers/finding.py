"""Finding text: the find bar (Ctrl+F, Enter, F3) and the search of every document.

Built with the window state, the find bar, the document view and a parent widget for the
search dialog; never the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from shiny_review.domain.errors import ShinyReviewError
from shiny_review.ui.focus import return_focus_on_close

if TYPE_CHECKING:
    from shiny_review.services.review import SearchHit
    from shiny_review.ui.dialogs.search import SearchDialog
    from shiny_review.ui.document_view import DocumentView
    from shiny_review.ui.panels.find_bar import FindBar
    from shiny_review.ui.window_state import WindowState


class FindController(QObject):
    """Finds in the window's open document; matches are selected in the document view."""

    def __init__(
        self, state: WindowState, bar: FindBar, view: DocumentView, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.parent_widget = parent
        self.bar = bar
        self.view = view
        self.search_dialog: SearchDialog | None = None
        self._hits: list[SearchHit] = []
        self._query = ""
        state.documentChanged.connect(self.forget)

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {"find": self.show_bar, "find_next": self.find_next, "search_all": self.open_search}

    def forget(self) -> None:
        """Another document was opened: earlier matches no longer apply."""
        self._hits = []
        self._query = ""

    def show_bar(self) -> None:
        self.bar.show()
        self.bar.edit.setFocus()
        self.bar.edit.selectAll()

    def hide_bar(self) -> None:
        self.bar.hide()
        self.view.setFocus()

    def find_from_bar(self) -> None:
        self.find(self.bar.edit.text())

    def find(self, query: str, *, after: int | None = None) -> bool:
        """Select the next match of ``query`` at or after the caret; the view gets focus."""
        current = self.state.document
        if current is None or not query.strip():
            return False
        if query != self._query:
            self._query = query
            self._hits = self.state.service.search.find(query, current.id)
        hits = self._hits
        if not hits:
            self.bar.result.setText("Not found")
            self.state.show_status(f"“{query}” is not in this document.")
            return False
        if after is None:
            selection = self.view.selection()
            after = selection[0] if selection else 0
        hit = next((h for h in hits if h.start >= after), hits[0])
        self.view.select_range(hit.start, hit.end)
        self.bar.result.setText(f"{hits.index(hit) + 1} of {len(hits)}")
        self.view.setFocus()
        return True

    def find_next(self) -> bool:
        query = self.bar.edit.text() or self._query
        if not query:
            self.show_bar()
            return False
        selection = self.view.selection()
        return self.find(query, after=selection[0] + 1 if selection else 0)

    def open_search(self) -> SearchDialog:
        if self.search_dialog is None:
            from shiny_review.ui.dialogs.search import SearchDialog  # loads the review service

            self.search_dialog = SearchDialog(self.parent_widget)
            self.search_dialog.searchRequested.connect(self._search_all)
            self.search_dialog.hitChosen.connect(self._hit_chosen)
        if self.search_dialog.isVisible():
            self.search_dialog.raise_()
        else:
            return_focus_on_close(self.search_dialog)  # issue 18
            self.search_dialog.show()
        self.search_dialog.query.setFocus()
        return self.search_dialog

    def _search_all(self, query: str) -> None:
        assert self.search_dialog is not None
        try:
            self.search_dialog.show_hits(self.state.service.search.find(query))
        except ShinyReviewError as exc:
            self.state.show_error(str(exc))

    def _hit_chosen(self, hit: SearchHit) -> None:
        current = self.state.document
        if current is None or current.id != hit.document_id:
            self.state.open_document(hit.document_id)
        self.view.select_range(hit.start, hit.end)
        self.parent_widget.activateWindow()
        self.view.setFocus()
