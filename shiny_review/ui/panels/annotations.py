"""Annotations panel: the document's highlights with filters, and a details editor.

``bind(state)``: the list is loaded when a document opens, its rows replaced from what an
operation changed, the selected row follows the state's selected highlight (and selecting a
row selects it in the state); the details editor shows the selected highlight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shiny_review.domain.entities import Annotation, Recommendation, Stance
from shiny_review.ui import colours
from shiny_review.ui.models.annotations import ANY, AnnotationFilter, AnnotationsModel
from shiny_review.ui.models.recommendations import label

if TYPE_CHECKING:
    from shiny_review.services.changes import Changed
    from shiny_review.ui.window_state import WindowState

STANCES: tuple[Stance | None, ...] = (None, *Stance)


class DetailsEditor(QGroupBox):
    """Stance, note and linked recommendations of the selected highlight."""

    stanceChosen = Signal(object)
    noteSaved = Signal(str)
    noteEdited = Signal(str)  # typed (not filled in): see controllers/notes.py
    linkToggled = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Selected highlight", parent)
        self.quote = QLabel("Select a highlight to edit it.")
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote.setAccessibleName("Quote of the selected highlight")
        self.stance = QComboBox()
        self.stance.setAccessibleName("Stance")
        for stance in STANCES:
            self.stance.addItem(colours.STANCE_LABELS[stance], stance)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Why this passage matters (Ctrl+Return saves)")
        self.note.setMaximumHeight(70)
        self.save_note = QPushButton("Save &note")
        self.save_note.setAccessibleName("Save note")
        self.links = QListWidget()
        self.links.setAccessibleName("Linked recommendations")
        self.links.setMaximumHeight(90)
        form = QFormLayout(self)
        form.addRow(self.quote)
        form.addRow("S&tance:", self.stance)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.save_note, 0, Qt.AlignmentFlag.AlignTop)
        note_label = QLabel("N&ote:")
        note_label.setBuddy(self.note)
        form.addRow(note_label, note_row)
        form.addRow("&Linked to:", self.links)
        self._annotation: Annotation | None = None
        self._filling = False
        self.stance.activated.connect(self._stance_activated)
        self.save_note.clicked.connect(self._save_note)
        QShortcut(
            QKeySequence("Ctrl+Return"),
            self.note,
            self._save_note,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.links.itemChanged.connect(self._link_changed)
        self.note.textChanged.connect(self._note_changed)
        self.show_annotation(None, [])

    @property
    def annotation(self) -> Annotation | None:
        return self._annotation

    def show_annotation(self, ann: Annotation | None, recs: list[Recommendation]) -> None:
        self._filling = True
        self._annotation = ann
        enabled = ann is not None
        for widget in (self.stance, self.note, self.save_note, self.links):
            widget.setEnabled(enabled)
        if ann is None:
            self.quote.setText("Select a highlight to edit it.")
            self.stance.setCurrentIndex(0)
            self.note.setPlainText("")
            self.links.clear()
        else:
            quote = " ".join(ann.anchor.exact.split())
            page = f" (page {ann.anchor.page})" if ann.anchor.page else ""
            self.quote.setText(f"“{quote[:300]}{'…' if len(quote) > 300 else ''}”{page}")
            self.stance.setCurrentIndex(STANCES.index(ann.stance))
            if self.note.toPlainText() != ann.note:  # same text: keep the cursor
                self.note.setPlainText(ann.note)
            self.links.clear()
            for rec in recs:
                item = QListWidgetItem(f"{label(rec)}. {rec.text}")
                item.setData(Qt.ItemDataRole.UserRole, rec.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                linked = rec.id in ann.recommendation_ids
                item.setCheckState(Qt.CheckState.Checked if linked else Qt.CheckState.Unchecked)
                self.links.addItem(item)
        self._filling = False

    def _stance_activated(self, index: int) -> None:
        if self._annotation is not None and STANCES[index] != self._annotation.stance:
            self.stanceChosen.emit(STANCES[index])

    def _note_changed(self) -> None:
        if not self._filling and self._annotation is not None:
            self.noteEdited.emit(self.note.toPlainText())

    def _save_note(self) -> None:
        if self._annotation is not None and self.note.toPlainText() != self._annotation.note:
            self.noteSaved.emit(self.note.toPlainText())

    def _link_changed(self, item: QListWidgetItem) -> None:
        if self._filling or self._annotation is None:
            return
        rec_id = int(item.data(Qt.ItemDataRole.UserRole))
        checked = item.checkState() == Qt.CheckState.Checked
        if checked != (rec_id in self._annotation.recommendation_ids):
            self.linkToggled.emit(rec_id, checked)


class AnnotationsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: WindowState | None = None
        self._syncing = False
        self.model = AnnotationsModel(self)
        self.proxy = AnnotationFilter(self)
        self.proxy.setSourceModel(self.model)
        self.rec_filter = QComboBox()
        self.rec_filter.setAccessibleName("Filter by recommendation")
        self.stance_filter = QComboBox()
        self.stance_filter.setAccessibleName("Filter by stance")
        self.stance_filter.addItem("Any stance", ANY)
        self.stance_filter.addItem("No stance", "none")
        for stance in Stance:
            self.stance_filter.addItem(colours.STANCE_LABELS[stance], stance)
        self.text_filter = QLineEdit()
        self.text_filter.setAccessibleName("Filter by text")
        self.text_filter.setPlaceholderText("Filter by text…")
        self.text_filter.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setObjectName("annotationsTable")
        self.table.setAccessibleName("Highlights in this document")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Size those columns from the rows in view only, not from a thousand rows on every
        # change: a document may hold ten thousand highlights, each read when first shown.
        header.setResizeContentsPrecision(0)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.details = DetailsEditor()
        title = QLabel("&Highlights")
        title.setBuddy(self.table)
        filters = QHBoxLayout()
        filters.addWidget(self.rec_filter)
        filters.addWidget(self.stance_filter)
        filters.addWidget(self.text_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        self.set_recommendation_choices([])
        self.rec_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_recommendation(self.rec_filter.currentData())
        )
        self.stance_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_stance(self.stance_filter.currentData())
        )
        self.text_filter.textChanged.connect(self.proxy.set_text)

    def tab_chain(self) -> list[QWidget]:
        """The panel's controls in the order Tab visits them."""
        d = self.details
        return [
            self.rec_filter,
            self.stance_filter,
            self.text_filter,
            self.table,
            *(d.stance, d.note, d.save_note, d.links),
        ]

    def bind(self, state: WindowState) -> None:
        self._state = state
        state.recommendationsChanged.connect(
            lambda: self.set_recommendation_choices(state.recommendations)
        )
        state.documentChanged.connect(self._document_changed)
        state.annotationSelected.connect(self._annotation_selected)
        state.changed.connect(self._changed)
        self.table.selectionModel().selectionChanged.connect(self._row_selected)

    def _document_changed(self) -> None:
        state = self._state
        assert state is not None
        if state.document is None:  # none open: an empty list, nothing to edit
            self.model.set_spans([], {}, fetch=lambda _ids: [], fetch_all=list)
            self.details.show_annotation(None, [])
            return
        service, document_id = state.service, state.document.id
        self.model.set_spans(
            state.spans,
            state.labels(),
            fetch=service.annotations.by_ids,
            fetch_all=lambda: service.annotations.all(document_id),
        )
        self.details.show_annotation(None, state.recommendations)

    def _changed(self, changed: Changed) -> None:
        state = self._state
        assert state is not None
        doc = state.document
        for ann in state.changed_annotations(changed):
            if doc is not None and ann.document_id == doc.id:
                self.model.put(ann)
        # The labels are the recommendations'; an annotation's own change (a new highlight,
        # a link) names its recommendations when the notice is exact.
        if changed.recommendations or (changed.annotations and not changed.exact):
            self.model.set_labels(state.labels())
        selected = state.selected_annotation
        if selected is not None and (
            selected in changed.annotations or changed.recommendations or not changed.exact
        ):
            self.details.show_annotation(state.selected(), state.recommendations)

    def _annotation_selected(self, annotation_id: int | None, _reveal: bool) -> None:
        assert self._state is not None
        self._syncing = True
        self.select(annotation_id)
        self._syncing = False
        self.details.show_annotation(self._state.selected(), self._state.recommendations)

    def _row_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._syncing or self._state is None or self._state.settling:
            return  # (a row inserted while an edit settles: the state has the selection)
        ann_id = self.selected_id()
        # A row inserted above the selected one moves the selection: the same highlight.
        if ann_id is not None and ann_id != self._state.selected_annotation:
            self._state.select_annotation(ann_id)

    def set_recommendation_choices(self, recs: list[Recommendation]) -> None:
        current = self.rec_filter.currentData()
        self.rec_filter.blockSignals(True)
        self.rec_filter.clear()
        self.rec_filter.addItem("All recommendations", None)
        for rec in recs:
            self.rec_filter.addItem(f"Recommendation {label(rec)}", rec.id)
        index = self.rec_filter.findData(current)
        self.rec_filter.setCurrentIndex(max(index, 0))
        self.rec_filter.blockSignals(False)
        self.proxy.set_recommendation(self.rec_filter.currentData())

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return self.model.id_at(self.proxy.mapToSource(index).row())

    def select(self, annotation_id: int | None) -> None:
        row = self.model.row_of(annotation_id) if annotation_id is not None else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():
            self.table.clearSelection()
            return
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
