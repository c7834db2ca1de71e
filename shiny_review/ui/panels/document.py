"""The centre of the window: the open document's header, the find bar and its text.

``bind(state)``: a document that opens is loaded into the view and named in the header; the
highlights an operation changed are repainted; the selected highlight is marked (and
scrolled to when the state asks to reveal it); a click on a highlight selects it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from shiny_review.domain.structure import ExtractedText
from shiny_review.ui.document_view import DocumentView
from shiny_review.ui.panels.find_bar import FindBar
from shiny_review.ui.wording import plural

if TYPE_CHECKING:
    from shiny_review.services.changes import Changed
    from shiny_review.ui.window_state import WindowState

NO_DOCUMENT = "No document open. Import a letter with File > Import (Ctrl+O)."


class DocumentPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: WindowState | None = None
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

    def _document_changed(self) -> None:
        state = self._state
        assert state is not None
        doc = state.document
        if doc is None or state.text is None:  # none open (the last one went to the bin)
            self.view.load_spans(ExtractedText("", (), (), 0), [])
            self.header.setText(NO_DOCUMENT)
            return
        self.view.load_spans(state.text, state.spans)
        bits = [doc.kind]
        if doc.authority:
            bits.append(doc.authority)
        if doc.date:
            bits.append(doc.date.strftime("%d %B %Y"))
        bits.append(plural(doc.pages, "page"))
        self.header.setText(f"<b>{doc.title}</b><br>{' · '.join(bits)}")

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
