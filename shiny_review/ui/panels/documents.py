"""Documents panel: a tree of documents grouped by authority.

``bind(state)``: the list is read when the workspace is attached, the rows of the documents
an operation changed are refreshed, and the open document's row is selected. Choosing
another row emits ``documentChosen(id)``. A document whose import's self-checks failed shows
the "check the recommendations" mark (issue 12), reread with the rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from shiny_review.domain.errors import ShinyReviewError
from shiny_review.ui.models.documents import COLUMNS, DocumentsModel

if TYPE_CHECKING:
    from shiny_review.services.changes import Changed
    from shiny_review.ui.window_state import WindowState

FITTED = (2, 3)  # the date and the count of highlights: never wrapped, as wide as their text


class DocumentsPanel(QWidget):
    documentChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: WindowState | None = None
        self._syncing = False
        self.model = DocumentsModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("documentsTree")
        self.tree.setAccessibleName("Documents")
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(False)  # long titles wrap instead of being cut
        self.tree.setTabKeyNavigation(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(30)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in FITTED:  # sized by ``_fit_columns``, not by measuring every row
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 95)
        # The kind is in each document's tooltip and in the header above the text, so the
        # narrow panel gives its room to the title instead.
        header.hideSection(1)
        self.tree.setWordWrap(True)
        title = QLabel("&Documents")
        title.setBuddy(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(title)
        layout.addWidget(self.tree)

    def refresh_layout(self) -> None:
        self._fit_columns()
        self.tree.expandAll()

    def _fit_columns(self) -> None:
        """The date and count columns as wide as their widest text (or header): the widest
        text found from the font alone, then only its cell measured by the delegate (its
        margins are the style's). ResizeToContents asked the delegate for every row's size, a
        dozen data() calls a cell, on every layout: thousands of calls at the start (issue 16).
        (Not ``style().pixelMetric``: a ``QStyle`` in Python costs ~5 ms of the start.)"""
        header, metrics = self.tree.header(), self.tree.fontMetrics()
        docs = self.model.all_documents()
        for column in FITTED:
            texts = {COLUMNS[column].display(doc): doc.id for doc in docs}  # one doc a text
            width = header.sectionSizeHint(column)
            if texts:
                widest = texts[max(texts, key=metrics.horizontalAdvance)]
                cell = self.model.index_of(widest).siblingAtColumn(column)
                width = max(width, self.tree.sizeHintForIndex(cell).width())
            header.resizeSection(column, width)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()

    def tab_chain(self) -> list[QWidget]:
        """The panel's controls in the order Tab visits them."""
        return [self.tree]

    def bind(self, state: WindowState) -> None:
        self._state = state
        state.serviceChanged.connect(self.refresh)
        state.documentChanged.connect(self._select_current)
        state.changed.connect(self._changed)
        self.tree.selectionModel().currentRowChanged.connect(self._row_changed)

    def refresh(self) -> None:
        """Read every document again (and select the open one)."""
        state = self._state
        if state is None or not state.attached:
            return
        self.model.checks = state.service.checks.by_document()
        self.model.set_documents(state.service.documents.all())
        self.refresh_layout()
        self._select_current()

    def _changed(self, changed: Changed) -> None:
        """Update the rows of the documents one action changed: only the count of highlights
        or the mark when that is all the notice says changed, else the whole row."""
        assert self._state is not None
        service = self._state.service
        rows = sorted(d for d in changed.documents if changed.row_changed(d))
        try:
            counts = changed.documents & changed.counts
            for document_id, count in service.documents.highlight_counts(counts).items():
                if not self.model.set_count(document_id, count):
                    rows.append(document_id)  # not shown yet: read it whole
            for document_id in sorted(changed.documents & changed.checks):
                if not self.model.set_checks(document_id, service.checks.of(document_id)):
                    rows.append(document_id)
        except ShinyReviewError:  # gone: the whole list is out of date
            self.refresh()
            return
        if rows:  # an import, a new version, another writer's change: whole rows
            self.model.checks = service.checks.by_document()
        for document_id in sorted(set(rows)):
            try:
                document = service.documents.get(document_id)
            except ShinyReviewError:  # gone: the whole list is out of date
                self.refresh()
                return
            if not self.model.update_document(document):
                self.refresh()
                return
        self._fit_columns()  # a longer count, a new date

    def _select_current(self) -> None:
        doc = self._state.document if self._state is not None else None
        if doc is None:
            return
        index = self.model.index_of(doc.id)
        if index.isValid():
            self._syncing = True
            self.tree.setCurrentIndex(index)
            self._syncing = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or self._state is None:
            return
        doc = self.model.document_at(current)
        open_doc = self._state.document
        if doc is not None and (open_doc is None or doc.id != open_doc.id):
            self.documentChosen.emit(doc.id)
