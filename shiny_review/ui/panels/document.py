"""The centre of the window: the open document's header, the find bar and its text.

``bind(state)``: a document that opens is loaded into the view and named in the header; the
highlights an operation changed are repainted; the selected highlight is marked (and
scrolled to when the state asks to reveal it); a click on a highlight selects it.

``preload`` shows a document before the window has its workspace (the window's first stage,
``ui/progressive_start.py``); when the state opens that same document later, the view is
left as the person has it (caret, selection, scroll) instead of being loaded again.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from shiny_review.domain.stance import Stance
from shiny_review.ui.document_view import DocumentView
from shiny_review.ui.highlighter import Span
from shiny_review.ui.panels.find_bar import FindBar
from shiny_review.ui.wording import plural

if TYPE_CHECKING:
    from collections.abc import Sequence

    from shiny_review.services.changes import Changed
    from shiny_review.services.first_document import FirstDocument
    from shiny_review.ui.window_state import WindowState

NO_DOCUMENT = "No document open. Import a letter with File > Import (Ctrl+O)."


def header_text(title: str, kind: str, authority: str | None, day: date | None, pages: int) -> str:
    """The header over the text: the title, then kind · authority · date · pages."""
    bits = [kind]
    if authority:
        bits.append(authority)
    if day:
        bits.append(day.strftime("%d %B %Y"))
    bits.append(plural(pages, "page"))
    return f"<b>{title}</b><br>{' · '.join(bits)}"


def _shown(
    document_id: int,
    text: str,
    page_starts: Sequence[int],
    paragraphs: Sequence[tuple[int, int | None, bool]],
    spans: Sequence[Sequence[object]],
) -> tuple[object, ...]:
    """What the view shows of a document, comparable whichever read it came from."""
    return document_id, text, tuple(page_starts), tuple(paragraphs), [tuple(s) for s in spans]


class DocumentPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: WindowState | None = None
        self._preloaded: tuple[object, ...] | None = None  # what ``preload`` showed
        self.view = DocumentView()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.header = QLabel(NO_DOCUMENT)
        self.header.setObjectName("documentHeader")
        self.header.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view, 1)

    def tab_chain(self) -> list[QWidget]:
        """The panel's controls in the order Tab visits them."""
        return [
            self.find_bar.edit,
            self.find_bar.next_button,
            self.find_bar.close_button,
            self.view,
        ]

    def put_beside(self, widget: QWidget) -> QSplitter:
        """Show ``widget`` (the page view) beside the text, in a splitter."""
        layout = self.layout()
        index = layout.indexOf(self.view)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("textPageSplitter")
        splitter.setChildrenCollapsible(False)
        layout.insertWidget(index, splitter, 1)  # type: ignore[attr-defined]
        splitter.addWidget(self.view)
        splitter.addWidget(widget)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        return splitter

    def bind(self, state: WindowState) -> None:
        self._state = state
        state.documentChanged.connect(self._document_changed)
        # at once, in the frame of the key press (the side panels follow: WindowState)
        state.highlightsChanged.connect(self._changed)
        state.highlightSelected.connect(self._annotation_selected)
        self.view.annotationClicked.connect(lambda i: state.select_annotation(i, reveal=False))

    def preload(self, first: FirstDocument) -> None:
        """Show ``first`` (read before the workspace was opened) and its header."""
        day = date.fromisoformat(first.date) if first.date else None
        self.header.setText(header_text(first.title, first.kind, first.authority, day, first.pages))
        self.layout().activate()  # the text goes in at the height it is seen at
        stances: dict[str | None, Stance | None] = {s.value: s for s in Stance}
        rows = [(i, start, end, stances.get(t)) for i, start, end, t in first.spans]
        self.view.show_text(
            first.text, first.page_starts, first.paragraphs, [Span(*r) for r in rows]
        )
        self._preloaded = _shown(first.id, first.text, first.page_starts, first.paragraphs, rows)

    def _document_changed(self) -> None:
        state = self._state
        assert state is not None
        doc, text = state.document, state.text
        preloaded, self._preloaded = self._preloaded, None
        if doc is None or text is None:  # none open (the last one went to the bin)
            self.view.show_text("", (), (), [])
            self.header.setText(NO_DOCUMENT)
            return
        paragraphs = [(p.start, p.number, p.is_heading) for p in text.paragraphs]
        shown = preloaded is not None and preloaded == _shown(
            doc.id, text.text, text.page_starts, paragraphs, state.spans
        )
        if not shown:  # else the view already shows it, as the person has moved in it
            self.view.show_text(text.text, text.page_starts, paragraphs, state.spans)
        self.header.setText(header_text(doc.title, doc.kind, doc.authority, doc.date, doc.pages))

    def _changed(self, changed: Changed) -> None:
        state = self._state
        assert state is not None
        doc = state.document
        for ann in state.changed_annotations(changed):
            if doc is not None and ann.document_id == doc.id:
                self.view.put_annotation(ann)

    def _annotation_selected(self, annotation_id: int | None, reveal: bool) -> None:
        if reveal:
            self.view.show_annotation(annotation_id)
        else:
            self.view.highlighter.select(annotation_id)
