"""The main window: documents | document view | recommendations, evidence, highlights.

The window composes the panels and keeps what is open and selected; its behaviour lives in
small controllers (``ui.controllers``): importing, finding, and editing (one undoable
command per user edit). ``apply`` refreshes the views from what a service call changed.
All signal wiring is in ``_wire``.

The window can be built before its workspace is open (``MainWindow(None, ...)``): it paints
its frame first (menu bar, status bar "Opening workspace…", the empty central splitter) and
builds its panels, controllers and wiring (``build_panels``) just after that first paint,
before it emits ``firstPainted``; it gets the review service later with ``attach``. So the
first paint waits neither for the panels and their modules nor for the database (and
SQLAlchemy). A window given its service at once builds everything in ``__init__``.
"""

from __future__ import annotations

import gc
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter

from shiny_review.domain.errors import ShinyReviewError
from shiny_review.ui.actions import MENUS, SPECS, build_actions
from shiny_review.ui.settings import WindowSettings
from shiny_review.ui.wording import SAVED, plural

# The panels, controllers and dialogs (and the domain and service modules they use) are
# imported where they are first needed, after the first paint (``build_panels``).
if TYPE_CHECKING:
    from PySide6.QtCore import QItemSelection, QModelIndex
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent
    from PySide6.QtWidgets import QWidget

    from shiny_review.domain.entities import Annotation, Document, Recommendation
    from shiny_review.services.changes import Changed
    from shiny_review.services.review import ReviewService
    from shiny_review.ui.controllers.editing import EditController
    from shiny_review.ui.controllers.finding import FindController
    from shiny_review.ui.controllers.importing import ImportController
    from shiny_review.ui.dialogs.export import ExportRequest
    from shiny_review.ui.document_view import DocumentView
    from shiny_review.ui.import_worker import Ingester
    from shiny_review.ui.panels.annotations import AnnotationsPanel
    from shiny_review.ui.panels.documents import DocumentsPanel
    from shiny_review.ui.panels.evidence import EvidencePanel
    from shiny_review.ui.panels.find_bar import FindBar
    from shiny_review.ui.panels.recommendations import RecommendationsPanel

__all__ = ["SAVED", "MainWindow"]


class MainWindow(QMainWindow):
    """The window officers use all day. ``importFinished`` carries the ids imported/found;
    ``firstPainted`` is emitted once, just after the window's first paint, its panels built."""

    importFinished = Signal(list)
    firstPainted = Signal()

    def __init__(
        self,
        service: ReviewService | None,
        settings: WindowSettings,
        ingester: Ingester,
        workspace_label: str = "",
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._service: ReviewService | None = None
        self._painted = False
        self.settings = settings
        self.workspace_label = workspace_label
        self.undo_stack = QUndoStack(self)
        self.current: Document | None = None
        self.recs: list[Recommendation] = []
        self.selected_annotation: int | None = None
        self.selected_recommendation: int | None = None
        self._syncing = False
        self._ingester = ingester
        self._built = False
        self.actions = build_actions(self)
        self._build_frame()
        self._build_menus()
        self.setAcceptDrops(True)
        self._restore_window_layout()
        self._update_title()
        if service is None:
            self.statusBar().showMessage("Opening workspace…")
            self._update_enabled()
        else:
            self.build_panels()
            self.attach(service)

    @property
    def service(self) -> ReviewService:
        if self._service is None:
            raise RuntimeError("the window has no workspace yet (see MainWindow.attach)")
        return self._service

    @property
    def attached(self) -> bool:
        return self._service is not None

    def attach(self, service: ReviewService, ingester: Ingester | None = None) -> None:
        """Show the workspace behind ``service`` (once): its documents, and the actions."""
        if self._service is not None:
            raise RuntimeError("the window already shows a workspace")
        self.build_panels()
        self._service = service
        if ingester is not None:
            self.importing.ingester = ingester
        self.refresh_documents()
        self._update_title()
        self._update_enabled()
        self.statusBar().showMessage("Ready")

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)  # after this frame is on screen

    def _after_first_paint(self) -> None:
        self.build_panels()
        self.firstPainted.emit()

    # -- construction --------------------------------------------------------------------

    def _build_frame(self) -> None:
        """What the first paint shows: the central splitter (the panels go in it later), the
        status bar and the size; the menus are built next (``_build_menus``)."""
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.setCentralWidget(self.main_splitter)
        self.statusBar().showMessage("Ready")
        self.resize(1440, 900)

    def build_panels(self) -> None:
        """Build the panels and controllers, wire them and restore their layout (once).

        Called just after the first paint, or by ``attach``, or at once when the window is
        given its service when built."""
        if self._built:
            return
        self._built = True
        from shiny_review.ui.controllers.editing import EditController
        from shiny_review.ui.controllers.finding import FindController
        from shiny_review.ui.controllers.importing import ImportController

        focus_chain_empty = self.isActiveWindow() and self.focusWidget() is None
        self._build_panels()
        self.importing: ImportController = ImportController(self, self._ingester)
        self.finding: FindController = FindController(self)
        self.editing: EditController = EditController(self)
        from shiny_review.ui.controllers.page_view import PageViewController  # issue 15

        self.pages = PageViewController(self)  # page view (issue 15)
        self._wire()
        self._set_tab_order()
        self._restore_splitters()
        if focus_chain_empty:  # shown before its panels: focus goes where show() puts it
            self.documents_panel.tree.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _build_panels(self) -> None:
        from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

        from shiny_review.ui.document_view import DocumentView
        from shiny_review.ui.panels.annotations import AnnotationsPanel
        from shiny_review.ui.panels.documents import DocumentsPanel
        from shiny_review.ui.panels.evidence import EvidencePanel
        from shiny_review.ui.panels.find_bar import FindBar
        from shiny_review.ui.panels.recommendations import RecommendationsPanel

        self.documents_panel: DocumentsPanel = DocumentsPanel()
        self.view: DocumentView = DocumentView()
        self.find_bar: FindBar = FindBar()
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
        self.recommendations_panel: RecommendationsPanel = RecommendationsPanel(self.actions)
        self.evidence_panel: EvidencePanel = EvidencePanel()
        self.annotations_panel: AnnotationsPanel = AnnotationsPanel()
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self.right_splitter.addWidget(self.recommendations_panel)
        self.right_splitter.addWidget(self.evidence_panel)
        self.right_splitter.addWidget(self.annotations_panel)
        self.right_splitter.setSizes([240, 190, 470])  # evidence readable at 900 px high
        self.main_splitter.addWidget(self.documents_panel)
        self.main_splitter.addWidget(centre)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([300, 600, 540])  # room for the right-hand column

    def _build_menus(self) -> None:
        bar = self.menuBar()
        menus = {name: bar.addMenu(f"&{name}") for name in MENUS}
        for spec in SPECS:
            menus[spec.menu].addAction(self.actions[spec.name])
            if spec.name in ("export", "preferences", "redo", "search_all", "link_9"):
                menus[spec.menu].addSeparator()

    def _wire(self) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut

        a = self.actions
        importing, finding, editing = self.importing, self.finding, self.editing
        importing.finished.connect(self.importFinished)
        a["import"].triggered.connect(importing.choose_files)
        a["export"].triggered.connect(self.export_interactively)
        a["preferences"].triggered.connect(self.edit_preferences)
        a["quit"].triggered.connect(self.close)
        a["undo"].triggered.connect(self.undo_stack.undo)
        a["redo"].triggered.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(a["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(a["redo"].setEnabled)
        a["undo"].setEnabled(False)
        a["redo"].setEnabled(False)
        a["find"].triggered.connect(finding.show_bar)
        a["find_next"].triggered.connect(finding.find_next)
        a["search_all"].triggered.connect(finding.open_search)
        a["highlight"].triggered.connect(lambda: editing.highlight_selection())
        for n in range(1, 10):
            a[f"link_{n}"].triggered.connect(lambda _=False, n=n: editing.link_to(n))
        a["delete"].triggered.connect(editing.delete_selected_annotation)
        a["add_recommendation"].triggered.connect(editing.add_recommendation)
        a["edit_recommendation"].triggered.connect(editing.edit_recommendation)
        a["move_up"].triggered.connect(lambda: editing.move_recommendation(-1))
        a["move_down"].triggered.connect(lambda: editing.move_recommendation(+1))
        a["delete_recommendation"].triggered.connect(editing.delete_recommendation)
        a["focus_document"].triggered.connect(self.view.setFocus)
        a["focus_documents"].triggered.connect(self.documents_panel.tree.setFocus)
        a["focus_recommendations"].triggered.connect(self.recommendations_panel.table.setFocus)
        a["focus_annotations"].triggered.connect(self.annotations_panel.table.setFocus)
        a["shortcuts"].triggered.connect(self.show_shortcuts)
        self.documents_panel.tree.selectionModel().currentRowChanged.connect(
            self._document_row_changed
        )
        self.view.annotationClicked.connect(self._annotation_clicked)
        self.find_bar.edit.returnPressed.connect(finding.find_from_bar)
        self.find_bar.next_button.clicked.connect(finding.find_next)
        self.find_bar.close_button.clicked.connect(finding.hide_bar)
        QShortcut(
            QKeySequence("Escape"),
            self.find_bar.edit,
            finding.hide_bar,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        rec_table = self.recommendations_panel.table
        rec_table.selectionModel().currentRowChanged.connect(self._recommendation_row_changed)
        rec_table.doubleClicked.connect(lambda _i: editing.edit_recommendation())
        self.recommendations_panel.model.annotationsDropped.connect(editing.link_dropped)
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
        panel.details.stanceChosen.connect(editing.set_stance)
        panel.details.noteSaved.connect(editing.set_note)
        panel.details.linkToggled.connect(editing.toggle_link)

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
        from PySide6.QtWidgets import QWidget

        chain = self.tab_chain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- documents ----------------------------------------------------------------------

    def refresh_documents(self) -> None:
        if self._service is None:
            return
        self.documents_panel.model.set_documents(self.service.documents())
        self.documents_panel.refresh_layout()
        if self.current is not None:
            self._select_document_row(self.current.id)

    def _refresh_documents(self, document_ids: frozenset[int]) -> None:
        """Refresh the rows of the documents one action changed (their counts, titles)."""
        model = self.documents_panel.model
        for document_id in sorted(document_ids):
            try:
                document = self.service.document(document_id)
            except ShinyReviewError:  # gone: the whole list is out of date
                self.refresh_documents()
                return
            if not model.update_document(document):
                self.refresh_documents()
                return

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
        # Opening makes tens of thousands of small objects (rows, spans) and no cycles: a
        # full collection of the process's heap in the middle (~100 ms with the ORM loaded)
        # would only delay the paint. The collector runs again as soon as it is done.
        paused = gc.isenabled()
        gc.disable()
        try:
            self._open_document(document_id, focus=focus)
        finally:
            if paused:
                gc.enable()

    def _open_document(self, document_id: int, *, focus: bool) -> None:
        service = self.service
        try:
            doc = service.document(document_id)
            extracted = service.document_text(document_id)
            # Light rows, not 10,000 full annotations: the highlights list reads those as
            # its rows are shown (see AnnotationsModel).
            spans = service.highlight_spans(document_id)
        except ShinyReviewError as exc:
            self.show_error(str(exc))
            return
        self.current = doc
        self.selected_annotation = None
        self.finding.forget()
        self.view.load_spans(extracted, spans)
        self.pages.document_opened(doc.id)  # page view (issue 15)
        self._reload_recommendations()
        self.annotations_panel.model.set_spans(
            spans,
            self._labels(),
            fetch=service.annotations_by_ids,
            fetch_all=lambda: service.annotations(document_id),
        )
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
        bits.append(plural(doc.pages, "page"))
        self.doc_header.setText(f"<b>{doc.title}</b><br>{' · '.join(bits)}")

    def _update_title(self) -> None:
        title = "Shiny Review"
        if self.current is not None:
            title = f"{self.current.title} — {title}"
        if self.workspace_label:
            title += f" ({self.workspace_label})"
        self.setWindowTitle(title)

    def _update_enabled(self) -> None:
        has_workspace = self._service is not None
        for name in ("import", "export", "search_all", "preferences"):
            self.actions[name].setEnabled(has_workspace)
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
        from shiny_review.ui.models.recommendations import label

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
        from shiny_review.ui.models.recommendations import label

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

    # -- annotations --------------------------------------------------------------------

    def selected(self) -> Annotation | None:
        """The selected highlight, as the highlights panel shows it."""
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
        self.pages.select(annotation_id)  # page view (issue 15)
        self.annotations_panel.details.show_annotation(self.selected(), self.recs)

    def _annotation_clicked(self, annotation_id: int) -> None:
        self.select_annotation(annotation_id, scroll=False)

    def _annotation_row_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        if self._syncing:
            return
        ann_id = self.annotations_panel.selected_id()
        if ann_id is not None:
            self.select_annotation(ann_id)

    def link_dropped(self, annotation_ids: list[int], recommendation_id: int) -> None:
        """Annotations dropped on a recommendation row: link each (one command each)."""
        self.editing.link_dropped(annotation_ids, recommendation_id)

    # -- undo and refresh ---------------------------------------------------------------

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
        self._refresh_documents(changed.documents)
        self.pages.apply(changed)  # page view (issue 15)
        if self.selected_annotation is not None:
            self.annotations_panel.details.show_annotation(self.selected(), self.recs)
        self.statusBar().showMessage(SAVED)

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message)
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Shiny Review", message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- import (ImportController) ---------------------------------------------------------

    @property
    def import_failures(self) -> list[str]:
        return self.importing.failures

    def import_files(self, paths: list[Path], *, show: bool = True) -> None:
        self.importing.import_files(paths, show=show)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from shiny_review.ui.controllers.importing import local_files

        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from shiny_review.ui.controllers.importing import local_files

        paths = local_files(event.mimeData())
        if paths and self._service is not None:
            event.acceptProposedAction()
            self.importing.import_files(paths)

    # -- export and preferences ---------------------------------------------------------

    def export_interactively(self) -> None:
        from shiny_review.ui.dialogs.export import ExportDialog

        current = (self.current.id, self.current.title) if self.current else None
        request = ExportDialog.ask(self, current, self.settings.export_folder())
        if request is not None:
            self.export_to(request)

    def export_to(self, request: ExportRequest) -> int | None:
        from shiny_review.services.exporting import ExportFormat, export  # XlsxWriter: ~40 ms

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
        self.statusBar().showMessage(f"Exported {plural(count, 'row')} to {request.path}")
        return count

    def edit_preferences(self) -> None:
        from shiny_review.ui.dialogs.preferences import PreferencesDialog

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

    def show_shortcuts(self) -> None:
        from shiny_review.ui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog.show_for(self)

    def _restore_window_layout(self) -> None:
        geometry = self.settings.bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.bytes("window/state")
        if state is not None:
            self.restoreState(state)

    def _restore_splitters(self) -> None:
        for splitter in (self.main_splitter, self.right_splitter):
            saved = self.settings.bytes(f"window/{splitter.objectName()}")
            if saved is not None:
                splitter.restoreState(saved)

    def save_layout(self) -> None:
        self.settings.set_bytes("window/geometry", self.saveGeometry())
        self.settings.set_bytes("window/state", self.saveState())
        if self._built:  # closed before its panels were built: keep their saved sizes
            for splitter in (self.main_splitter, self.right_splitter):
                self.settings.set_bytes(f"window/{splitter.objectName()}", splitter.saveState())
        self.settings.sync()

    def open_last_document(self) -> None:
        if self._service is None:
            return
        doc_id = self.settings.last_document(self.service.workspace.path)
        docs = self.documents_panel.model.all_documents()
        if doc_id is not None and any(d.id == doc_id for d in docs):
            self.open_document(doc_id)
        elif docs:
            self.open_document(docs[0].id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if self._built:
            self.importing.shut_down()
            self.pages.shut_down()  # page view (issue 15)
        super().closeEvent(event)
