"""The main window: documents | document view | recommendations, evidence, highlights.

Widgets hold no business logic: each slot turns one user event into one service call,
through an undoable command when it changes the workspace. ``apply`` refreshes the views
from what a call changed. All signal wiring is in ``_wire``.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shiny_review.domain.entities import Annotation, Document, Recommendation, Stance
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.services.changes import Changed
from shiny_review.services.exporting import ExportFormat, export
from shiny_review.services.review import ReviewService, SearchHit
from shiny_review.ui import commands
from shiny_review.ui.actions import MENUS, SPECS, build_actions
from shiny_review.ui.dialogs.export import ExportDialog, ExportRequest
from shiny_review.ui.dialogs.import_progress import ImportProgress
from shiny_review.ui.dialogs.preferences import PreferencesDialog
from shiny_review.ui.dialogs.recommendation import RecommendationDialog
from shiny_review.ui.dialogs.search import SearchDialog
from shiny_review.ui.dialogs.shortcuts import ShortcutsDialog
from shiny_review.ui.document_view import DocumentView
from shiny_review.ui.import_worker import ImportWorker, Ingester
from shiny_review.ui.models.recommendations import label
from shiny_review.ui.panels.annotations import AnnotationsPanel
from shiny_review.ui.panels.documents import DocumentsPanel
from shiny_review.ui.panels.evidence import EvidencePanel
from shiny_review.ui.panels.recommendations import RecommendationsPanel
from shiny_review.ui.settings import WindowSettings
from shiny_review.ui.wording import plural

SAVED = "All changes saved"
IMPORTABLE = "Letters and reports (*.pdf *.txt *.md);;All files (*)"


class FindBar(QWidget):
    """Ctrl+F: a phrase to find in the open document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("findEdit")
        self.edit.setAccessibleName("Find in document")
        self.edit.setPlaceholderText("Find in document (Enter finds, F3 finds the next)")
        self.next_button = QPushButton("Find &next")
        self.next_button.setAccessibleName("Find next")
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close the find bar")
        self.result = QLabel("")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.next_button)
        layout.addWidget(self.result)
        layout.addWidget(self.close_button)


class MainWindow(QMainWindow):
    """The window officers use all day. ``importFinished`` carries the ids imported/found."""

    importFinished = Signal(list)

    def __init__(
        self,
        service: ReviewService,
        settings: WindowSettings,
        ingester: Ingester,
        workspace_label: str = "",
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.service = service
        self.settings = settings
        self.ingester = ingester
        self.workspace_label = workspace_label
        self.undo_stack = QUndoStack(self)
        self.current: Document | None = None
        self.recs: list[Recommendation] = []
        self.selected_annotation: int | None = None
        self.selected_recommendation: int | None = None
        self.import_failures: list[str] = []
        self._worker: ImportWorker | None = None
        self._orphans: list[ImportWorker] = []
        self._progress: ImportProgress | None = None
        self._imported: list[int] = []
        self._show_after_import = False
        self._import_cancelled = False
        self._find_hits: list[SearchHit] = []
        self._find_query = ""
        self._syncing = False
        self.search_dialog: SearchDialog | None = None
        self.actions = build_actions(self)
        self._build_ui()
        self._build_menus()
        self._wire()
        self._set_tab_order()
        self.setAcceptDrops(True)
        self._restore_layout()
        self.refresh_documents()
        self._update_title()
        self._update_enabled()

    # -- construction --------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.documents_panel = DocumentsPanel()
        self.view = DocumentView()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.doc_header = QLabel("No document open. Import a letter with File > Import (Ctrl+O).")
        self.doc_header.setObjectName("documentHeader")
        self.doc_header.setWordWrap(True)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(4, 4, 4, 4)
        centre_layout.addWidget(self.doc_header)
        centre_layout.addWidget(self.find_bar)
        centre_layout.addWidget(self.view, 1)
        self.recommendations_panel = RecommendationsPanel(self.actions)
        self.evidence_panel = EvidencePanel()
        self.annotations_panel = AnnotationsPanel()
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self.right_splitter.addWidget(self.recommendations_panel)
        self.right_splitter.addWidget(self.evidence_panel)
        self.right_splitter.addWidget(self.annotations_panel)
        self.right_splitter.setSizes([260, 170, 470])
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.documents_panel)
        self.main_splitter.addWidget(centre)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([380, 600, 500])
        self.setCentralWidget(self.main_splitter)
        self.statusBar().showMessage("Ready")
        self.resize(1440, 900)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        menus = {name: bar.addMenu(f"&{name}") for name in MENUS}
        for spec in SPECS:
            menus[spec.menu].addAction(self.actions[spec.name])
            if spec.name in ("export", "preferences", "redo", "search_all", "link_9"):
                menus[spec.menu].addSeparator()

    def _wire(self) -> None:
        a = self.actions
        a["import"].triggered.connect(self.choose_files_to_import)
        a["export"].triggered.connect(self.export_interactively)
        a["preferences"].triggered.connect(self.edit_preferences)
        a["quit"].triggered.connect(self.close)
        a["undo"].triggered.connect(self.undo_stack.undo)
        a["redo"].triggered.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(a["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(a["redo"].setEnabled)
        a["undo"].setEnabled(False)
        a["redo"].setEnabled(False)
        a["find"].triggered.connect(self.show_find_bar)
        a["find_next"].triggered.connect(self.find_next)
        a["search_all"].triggered.connect(self.open_search)
        a["highlight"].triggered.connect(lambda: self.highlight_selection())
        for n in range(1, 10):
            a[f"link_{n}"].triggered.connect(lambda _=False, n=n: self.link_to(n))
        a["delete"].triggered.connect(self.delete_selected_annotation)
        a["add_recommendation"].triggered.connect(self.add_recommendation)
        a["edit_recommendation"].triggered.connect(self.edit_recommendation)
        a["move_up"].triggered.connect(lambda: self.move_recommendation(-1))
        a["move_down"].triggered.connect(lambda: self.move_recommendation(+1))
        a["delete_recommendation"].triggered.connect(self.delete_recommendation)
        a["focus_document"].triggered.connect(self.view.setFocus)
        a["focus_documents"].triggered.connect(self.documents_panel.tree.setFocus)
        a["focus_recommendations"].triggered.connect(self.recommendations_panel.table.setFocus)
        a["focus_annotations"].triggered.connect(self.annotations_panel.table.setFocus)
        a["shortcuts"].triggered.connect(lambda: ShortcutsDialog.show_for(self))
        self.documents_panel.tree.selectionModel().currentRowChanged.connect(
            self._document_row_changed
        )
        self.view.annotationClicked.connect(self._annotation_clicked)
        self.find_bar.edit.returnPressed.connect(self.find_from_bar)
        self.find_bar.next_button.clicked.connect(self.find_next)
        self.find_bar.close_button.clicked.connect(self.hide_find_bar)
        QShortcut(
            QKeySequence("Escape"),
            self.find_bar.edit,
            self.hide_find_bar,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        rec_table = self.recommendations_panel.table
        rec_table.selectionModel().currentRowChanged.connect(self._recommendation_row_changed)
        rec_table.doubleClicked.connect(lambda _i: self.edit_recommendation())
        self.recommendations_panel.model.annotationsDropped.connect(self.link_dropped)
        self.evidence_panel.table.activated.connect(self._evidence_activated)
        panel = self.annotations_panel
        panel.table.selectionModel().selectionChanged.connect(self._annotation_row_changed)
        panel.rec_filter.currentIndexChanged.connect(
            lambda _i: panel.proxy.set_recommendation(panel.rec_filter.currentData())
        )
        panel.stance_filter.currentIndexChanged.connect(
            lambda _i: panel.proxy.set_stance(panel.stance_filter.currentData())
        )
        panel.text_filter.textChanged.connect(panel.proxy.set_text)
        panel.details.stanceChosen.connect(self.set_stance)
        panel.details.noteSaved.connect(self.set_note)
        panel.details.linkToggled.connect(self.toggle_link)

    def tab_chain(self) -> list[QWidget]:
        """Every control Tab visits, in order, left to right then top to bottom."""
        details = self.annotations_panel.details
        return [
            self.documents_panel.tree,
            self.find_bar.edit,
            self.find_bar.next_button,
            self.find_bar.close_button,
            self.view,
            self.recommendations_panel.table,
            *self.recommendations_panel.buttons,
            self.evidence_panel.table,
            self.annotations_panel.rec_filter,
            self.annotations_panel.stance_filter,
            self.annotations_panel.text_filter,
            self.annotations_panel.table,
            details.stance,
            details.note,
            details.save_note,
            details.links,
        ]

    def _set_tab_order(self) -> None:
        chain = self.tab_chain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- documents ----------------------------------------------------------------------

    def refresh_documents(self) -> None:
        self.documents_panel.model.set_documents(self.service.documents())
        self.documents_panel.refresh_layout()
        if self.current is not None:
            self._select_document_row(self.current.id)

    def _select_document_row(self, document_id: int) -> None:
        index = self.documents_panel.model.index_of(document_id)
        if index.isValid():
            self._syncing = True
            self.documents_panel.tree.setCurrentIndex(index)
            self._syncing = False

    def _document_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        doc = self.documents_panel.model.document_at(current)
        if doc is not None and (self.current is None or doc.id != self.current.id):
            self.open_document(doc.id, focus=False)

    def open_document(self, document_id: int, *, focus: bool = True) -> None:
        try:
            doc = self.service.document(document_id)
            extracted = self.service.document_text(document_id)
            annotations = self.service.annotations(document_id)
        except ShinyReviewError as exc:
            self.show_error(str(exc))
            return
        self.current = doc
        self.selected_annotation = None
        self._find_hits = []
        self.view.load(extracted, annotations)
        self._reload_recommendations()
        self.annotations_panel.model.set_annotations(annotations, self._labels())
        self.annotations_panel.details.show_annotation(None, self.recs)
        self._select_document_row(doc.id)
        self.settings.set_last_document(self.service.workspace.path, doc.id)
        self._update_header()
        self._update_title()
        self._update_enabled()
        if focus:
            self.view.setFocus()

    def _update_header(self) -> None:
        doc = self.current
        if doc is None:
            return
        bits = [doc.kind]
        if doc.authority:
            bits.append(doc.authority)
        if doc.date:
            bits.append(doc.date.strftime("%d %B %Y"))
        bits.append(f"{doc.pages} pages")
        self.doc_header.setText(f"<b>{doc.title}</b><br>{' · '.join(bits)}")

    def _update_title(self) -> None:
        title = "Shiny Review"
        if self.current is not None:
            title = f"{self.current.title} — {title}"
        if self.workspace_label:
            title += f" ({self.workspace_label})"
        self.setWindowTitle(title)

    def _update_enabled(self) -> None:
        has_doc = self.current is not None
        for name in (
            "highlight",
            "delete",
            "find",
            "find_next",
            "add_recommendation",
            "edit_recommendation",
            "move_up",
            "move_down",
            "delete_recommendation",
            *(f"link_{n}" for n in range(1, 10)),
        ):
            self.actions[name].setEnabled(has_doc)

    # -- recommendations ----------------------------------------------------------------

    def _labels(self) -> dict[int, str]:
        return {r.id: label(r) for r in self.service.recommendations()}

    def _reload_recommendations(self) -> None:
        self.recs = self.service.recommendations(self.current.id) if self.current else []
        self.recommendations_panel.set_recommendations(self.recs, self.current is not None)
        self.annotations_panel.set_recommendation_choices(self.recs)
        if self.selected_recommendation is not None:
            row = self.recommendations_panel.model.row_of(self.selected_recommendation)
            if row >= 0:
                self.recommendations_panel.table.selectRow(row)
        self._reload_evidence()

    def _recommendation_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rec = self.recommendations_panel.model.recommendation_at(current.row())
        self.selected_recommendation = rec.id if rec else None
        self._reload_evidence()

    def _reload_evidence(self) -> None:
        rec_id = self.selected_recommendation
        rec = next((r for r in self.recs if r.id == rec_id), None)
        if rec is None:
            self.selected_recommendation = None
            self.evidence_panel.model.set_items([])
            self.evidence_panel.title.setText("E&vidence: select a recommendation")
            return
        items = self.service.evidence(rec.id)
        self.evidence_panel.model.set_items(items)
        docs = len({i.document_id for i in items})
        what = (
            f"{plural(len(items), 'passage')} in {plural(docs, 'document')}"
            if items
            else "no evidence yet"
        )
        self.evidence_panel.title.setText(f"E&vidence for recommendation {label(rec)}: {what}")
        self.evidence_panel.table.resizeRowsToContents()

    def _evidence_activated(self, index: QModelIndex) -> None:
        item = self.evidence_panel.model.item_at(index.row())
        if item is not None:
            self.go_to_annotation(item.document_id, item.annotation.id)

    def go_to_annotation(self, document_id: int, annotation_id: int) -> None:
        if self.current is None or self.current.id != document_id:
            self.open_document(document_id)
        self.select_annotation(annotation_id)
        self.view.setFocus()

    def add_recommendation(self) -> None:
        if self.current is None:
            return
        values = RecommendationDialog.ask(self, "Add recommendation")
        if values is not None:
            text, number = values
            self.push(
                commands.AddRecommendation(
                    self.service, self.apply, self.refused, self.current.id, text, number
                )
            )

    def edit_recommendation(self) -> None:
        rec = self.recommendations_panel.selected()
        if rec is None:
            return
        values = RecommendationDialog.ask(self, "Edit recommendation", rec.number or "", rec.text)
        if values is not None and values != (rec.text, rec.number):
            self.push(
                commands.EditRecommendation(
                    self.service, self.apply, self.refused, rec.id, (rec.text, rec.number), values
                )
            )

    def move_recommendation(self, delta: int) -> None:
        rec = self.recommendations_panel.selected()
        if rec is None:
            return
        row = self.recs.index(rec) if rec in self.recs else -1
        target = row + delta
        if row < 0 or not 0 <= target < len(self.recs):
            return
        self.push(
            commands.MoveRecommendation(self.service, self.apply, self.refused, rec.id, row, target)
        )

    def delete_recommendation(self) -> None:
        rec = self.recommendations_panel.selected()
        if rec is not None:
            self.push(commands.DeleteRecommendation(self.service, self.apply, self.refused, rec.id))

    # -- annotations --------------------------------------------------------------------

    def highlight_selection(self, recommendation: Recommendation | None = None) -> bool:
        """Highlight the selected text (and link it); False when nothing is selected."""
        if self.current is None:
            return False
        selection = self.view.selection()
        if selection is None:
            self.statusBar().showMessage("Select some text first (Shift+arrows or Ctrl+F).")
            return False
        rec_ids = [recommendation.id] if recommendation else []
        command = commands.Highlight(
            self.service,
            self.apply,
            self.refused,
            self.current.id,
            *selection,
            recommendation_ids=rec_ids,
            label=label(recommendation) if recommendation else "",
        )
        self.push(command)
        if command.annotation_id is not None:
            self.view.clear_selection()
            self.select_annotation(command.annotation_id, scroll=False)
        return True

    def link_to(self, n: int) -> None:
        if self.current is None:
            return
        if not 1 <= n <= len(self.recs):
            self.statusBar().showMessage(f"This document has no recommendation {n}.")
            return
        rec = self.recs[n - 1]
        if self.view.selection() is not None:
            self.highlight_selection(rec)
            return
        ann = self._selected()
        if ann is None:
            self.statusBar().showMessage("Select some text or a highlight first.")
        elif rec.id in ann.recommendation_ids:
            self.statusBar().showMessage(f"Already linked to recommendation {label(rec)}.")
        else:
            self.push(
                commands.Link(self.service, self.apply, self.refused, ann.id, rec.id, label(rec))
            )

    def link_dropped(self, annotation_ids: list[int], recommendation_id: int) -> None:
        rec = next((r for r in self.recs if r.id == recommendation_id), None)
        if rec is None:
            return
        for ann_id in annotation_ids:
            ann = self.service.annotation(ann_id)
            if rec.id not in ann.recommendation_ids:
                self.push(
                    commands.Link(
                        self.service, self.apply, self.refused, ann_id, rec.id, label(rec)
                    )
                )

    def toggle_link(self, recommendation_id: int, linked: bool) -> None:
        ann = self._selected()
        rec = next((r for r in self.recs if r.id == recommendation_id), None)
        if ann is None or rec is None:
            return
        kind = commands.Link if linked else commands.Unlink
        self.push(kind(self.service, self.apply, self.refused, ann.id, rec.id, label(rec)))

    def delete_selected_annotation(self) -> None:
        if self.selected_annotation is None:
            self.statusBar().showMessage("Select a highlight to delete.")
            return
        self.push(
            commands.DeleteAnnotation(
                self.service, self.apply, self.refused, self.selected_annotation
            )
        )

    def set_stance(self, stance: Stance | None) -> None:
        ann = self._selected()
        if ann is not None and ann.stance != stance:
            self.push(
                commands.SetStance(
                    self.service, self.apply, self.refused, ann.id, ann.stance, stance
                )
            )

    def set_note(self, note: str) -> None:
        ann = self._selected()
        if ann is not None and ann.note != note:
            self.push(
                commands.SetNote(self.service, self.apply, self.refused, ann.id, ann.note, note)
            )

    def _selected(self) -> Annotation | None:
        if self.selected_annotation is None:
            return None
        row = self.annotations_panel.model.row_of(self.selected_annotation)
        return self.annotations_panel.model.annotation_at(row)

    def select_annotation(self, annotation_id: int | None, *, scroll: bool = True) -> None:
        self.selected_annotation = annotation_id
        self._syncing = True
        self.annotations_panel.select(annotation_id)
        self._syncing = False
        if scroll:
            self.view.show_annotation(annotation_id)
        else:
            self.view.highlighter.select(annotation_id)
        self.annotations_panel.details.show_annotation(self._selected(), self.recs)

    def _annotation_clicked(self, annotation_id: int) -> None:
        self.select_annotation(annotation_id, scroll=False)

    def _annotation_row_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        if self._syncing:
            return
        ann_id = self.annotations_panel.selected_id()
        if ann_id is not None:
            self.select_annotation(ann_id)

    # -- undo and refresh ---------------------------------------------------------------

    def push(self, command: commands.ServiceCommand) -> None:
        self.undo_stack.push(command)

    def refused(self, error: ShinyReviewError) -> None:
        self.show_error(str(error))

    def apply(self, changed: Changed) -> None:
        """Refresh every view from what one service call changed."""
        model = self.annotations_panel.model
        for ann_id in sorted(changed.annotations):
            ann = self.service.annotation(ann_id)
            if self.current is not None and ann.document_id == self.current.id:
                self.view.put_annotation(ann)
                model.put(ann)
            if ann.deleted and ann_id == self.selected_annotation:
                self.select_annotation(None)
        if changed.recommendations or changed.annotations:
            self._reload_recommendations()
            model.set_labels(self._labels())
        self.refresh_documents()
        if self.selected_annotation is not None:
            self.annotations_panel.details.show_annotation(self._selected(), self.recs)
        self.statusBar().showMessage(SAVED)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message)
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Shiny Review", message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- find ---------------------------------------------------------------------------

    def show_find_bar(self) -> None:
        self.find_bar.show()
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

    def hide_find_bar(self) -> None:
        self.find_bar.hide()
        self.view.setFocus()

    def find_from_bar(self) -> None:
        self.find(self.find_bar.edit.text())

    def find(self, query: str, *, after: int | None = None) -> bool:
        """Select the next match of ``query`` at or after the caret; the view gets focus."""
        if self.current is None or not query.strip():
            return False
        if query != self._find_query:
            self._find_query = query
            self._find_hits = self.service.search(query, self.current.id)
        hits = self._find_hits
        if not hits:
            self.find_bar.result.setText("Not found")
            self.statusBar().showMessage(f"“{query}” is not in this document.")
            return False
        if after is None:
            selection = self.view.selection()
            after = selection[0] if selection else 0
        hit = next((h for h in hits if h.start >= after), hits[0])
        self.view.select_range(hit.start, hit.end)
        self.find_bar.result.setText(f"{hits.index(hit) + 1} of {len(hits)}")
        self.view.setFocus()
        return True

    def find_next(self) -> bool:
        query = self.find_bar.edit.text() or self._find_query
        if not query:
            self.show_find_bar()
            return False
        selection = self.view.selection()
        return self.find(query, after=selection[0] + 1 if selection else 0)

    def open_search(self) -> SearchDialog:
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self)
            self.search_dialog.searchRequested.connect(self._search_all)
            self.search_dialog.hitChosen.connect(self._search_hit_chosen)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.query.setFocus()
        return self.search_dialog

    def _search_all(self, query: str) -> None:
        assert self.search_dialog is not None
        try:
            self.search_dialog.show_hits(self.service.search(query))
        except ShinyReviewError as exc:
            self.show_error(str(exc))

    def _search_hit_chosen(self, hit: SearchHit) -> None:
        if self.current is None or self.current.id != hit.document_id:
            self.open_document(hit.document_id)
        self.view.select_range(hit.start, hit.end)
        self.activateWindow()
        self.view.setFocus()

    # -- import -------------------------------------------------------------------------

    def choose_files_to_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import letters", str(Path.home()), IMPORTABLE
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path], *, show: bool = True) -> None:
        """Import in the background; files already in the workspace are found, not redone."""
        if self._worker is not None:
            self.show_error("An import is already running; wait for it to finish.")
            return
        self.import_failures = []
        self._imported = []
        self._show_after_import = show
        self._import_cancelled = False
        pending: list[Path] = []
        for path in paths:
            try:
                existing = self.service.existing_document(path)
            except OSError as exc:
                self.import_failures.append(f"could not import {path.name}: {exc.strerror or exc}")
                continue
            if existing is not None:
                self._imported.append(existing.id)
            else:
                pending.append(path)
        if not pending:
            self._import_done()
            return
        self._progress = ImportProgress.start(self, len(pending))
        self._worker = ImportWorker(pending, self.ingester)
        self._worker.started_file.connect(self._progress.step)
        self._worker.ingested.connect(self._ingested)
        self._worker.failed.connect(self._import_failed)
        self._worker.finished.connect(self._import_done)
        self._progress.canceled.connect(self.cancel_import)
        self._worker.start()

    def cancel_import(self) -> None:
        """Stop the import: the worker kills its child process; stored files are kept."""
        if self._worker is not None:
            self._worker.cancel()
            self._import_cancelled = True
            self._import_done()

    def _ingested(self, _path: str, ingested: object) -> None:
        if self._worker is None or self._worker.cancelled:
            return
        try:
            outcome = self.service.add_ingested(ingested)  # type: ignore[arg-type]
        except ShinyReviewError as exc:
            self.import_failures.append(str(exc))
            return
        self._imported.append(outcome.value.document.id)
        self.refresh_documents()

    def _import_failed(self, _path: str, message: str) -> None:
        self.import_failures.append(message)

    def _import_done(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.started_file.disconnect()
            worker.ingested.disconnect()
            worker.failed.disconnect()
            worker.finished.disconnect()
            if worker.isRunning():  # cancelled: its child is being killed; forget it after
                self._orphans.append(worker)
                worker.finished.connect(self._forget_finished_workers)  # queued: GUI thread
            else:
                worker.deleteLater()
        if self._progress is not None:
            self._progress.canceled.disconnect()
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
            self.activateWindow()
        self.refresh_documents()
        if self._imported and self._show_after_import:
            self.open_document(self._imported[-1])
        if self._import_cancelled:
            n = len(self._imported)
            kept = f" {plural(n, 'file')} imported before it {'is' if n == 1 else 'are'} kept."
            self.statusBar().showMessage(f"Import cancelled.{kept if n else ''}")
        elif self.import_failures:
            self.show_error("Some files were not imported:\n\n" + "\n".join(self.import_failures))
        elif self._imported:
            self.statusBar().showMessage(f"Imported {plural(len(self._imported), 'file')}. {SAVED}")
        self.importFinished.emit(list(self._imported))

    def _forget_finished_workers(self) -> None:
        for worker in [w for w in self._orphans if w.isFinished()]:
            self._orphans.remove(worker)
            worker.deleteLater()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    # -- export and preferences ---------------------------------------------------------

    def export_interactively(self) -> None:
        current = (self.current.id, self.current.title) if self.current else None
        request = ExportDialog.ask(self, current, self.settings.export_folder())
        if request is not None:
            self.export_to(request)

    def export_to(self, request: ExportRequest) -> int | None:
        try:
            count = export(
                self.service, ExportFormat(request.format), request.path, request.document_id
            )
        except ShinyReviewError as exc:
            self.show_error(str(exc))
            return None
        except OSError as exc:
            self.show_error(f"could not write {request.path}: {exc.strerror or exc}")
            return None
        self.settings.set_export_folder(request.path.parent)
        self.statusBar().showMessage(f"Exported {count} rows to {request.path}")
        return count

    def edit_preferences(self) -> None:
        name = PreferencesDialog.ask(self, self.service.author)
        if name is not None:
            self.set_author(name)

    def set_author(self, name: str) -> None:
        try:
            self.service.author = name
        except ShinyReviewError as exc:
            self.show_error(str(exc))
            return
        self.settings.set_author(self.service.author)
        self.statusBar().showMessage(f"Changes will be recorded as {self.service.author}.")

    # -- layout memory ------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.bytes("window/state")
        if state is not None:
            self.restoreState(state)
        for splitter in (self.main_splitter, self.right_splitter):
            saved = self.settings.bytes(f"window/{splitter.objectName()}")
            if saved is not None:
                splitter.restoreState(saved)

    def save_layout(self) -> None:
        self.settings.set_bytes("window/geometry", self.saveGeometry())
        self.settings.set_bytes("window/state", self.saveState())
        for splitter in (self.main_splitter, self.right_splitter):
            self.settings.set_bytes(f"window/{splitter.objectName()}", splitter.saveState())
        self.settings.sync()

    def open_last_document(self) -> None:
        doc_id = self.settings.last_document(self.service.workspace.path)
        docs = self.documents_panel.model.all_documents()
        if doc_id is not None and any(d.id == doc_id for d in docs):
            self.open_document(doc_id)
        elif docs:
            self.open_document(docs[0].id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if self._worker is not None:
            self._worker.cancel()
        for worker in [self._worker, *self._orphans]:
            if worker is not None:
                worker.wait()
        super().closeEvent(event)
