"""The main window: documents | document | recommendations, evidence, highlights | action plan.

The window only composes. What it shows and has selected is a ``WindowState``; each panel
binds itself to it and refreshes itself from what an operation changed; controllers take the
state and the few widgets they need, never the window. Menus and slots come from the action
registry (``ui/actions.py``). Panels and controllers are connected in ``_wire``. The action
plan is in a dock, hidden until View > Action plan and built when first needed (issue 16).

The window can be built before its workspace is open (``MainWindow(None, ...)``): it paints
its frame first (menu bar, status bar "Opening workspace…", the empty central splitter) and
emits ``firstPainted`` just after that first paint; its owner then builds the rest in stages
(``ui/progressive_start.py``: the remembered document first, then the panels, controllers and
wiring, ``build_panels``), and it gets the review service later with ``attach`` (which builds
whatever is not built yet). So the first paint waits neither for the panels and their modules
nor for the database (and SQLAlchemy). A window given its service at once builds everything
in ``__init__``. The panels themselves are made in ``ui/window_panels.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QSplitter

from shiny_review.ui import window_layout, window_panels
from shiny_review.ui.actions import bind_enabled, build_actions, build_menus, connect_actions
from shiny_review.ui.focus import warn
from shiny_review.ui.settings import WindowSettings
from shiny_review.ui.window_state import WindowState
from shiny_review.ui.wording import SAVED

# The panels, controllers and dialogs (and the domain and service modules they use) are
# imported where they are first needed, after the first paint (``build_panels``).
if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent
    from PySide6.QtWidgets import QWidget

    from shiny_review.services.review import ReviewService
    from shiny_review.ui.action_plan_dock import ActionPlanDock
    from shiny_review.ui.controllers.action_plan import ActionPlanController
    from shiny_review.ui.cycle.authority_panel import AuthorityPanel
    from shiny_review.ui.document_view import DocumentView
    from shiny_review.ui.panels import Panel
    from shiny_review.ui.panels.action_plan import ActionPlanPanel
    from shiny_review.ui.panels.annotations import AnnotationsPanel
    from shiny_review.ui.panels.document import DocumentPanel
    from shiny_review.ui.panels.documents import DocumentsPanel
    from shiny_review.ui.panels.evidence import EvidencePanel
    from shiny_review.ui.panels.find_bar import FindBar
    from shiny_review.ui.panels.recommendations import RecommendationsPanel

__all__ = ["SAVED", "MainWindow"]


class MainWindow(QMainWindow):
    """The window officers use all day. ``importFinished`` carries the ids imported/found;
    ``firstPainted`` is emitted once, just after the window's first paint."""

    importFinished = Signal(list)
    firstPainted = Signal()
    # made by ``window_panels`` (the document panel may come first, alone)
    document_panel: DocumentPanel
    documents_panel: DocumentsPanel
    recommendations_panel: RecommendationsPanel
    evidence_panel: EvidencePanel
    annotations_panel: AnnotationsPanel
    authority_panel: AuthorityPanel
    right_splitter: QSplitter
    action_plan_dock: ActionPlanDock

    def __init__(
        self,
        service: ReviewService | None,
        settings: WindowSettings,
        workspace_label: str = "",
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._painted = False
        self.settings = settings
        self.workspace_label = workspace_label
        self.state = state = WindowState(parent=self)
        self._built = False
        self.actions = build_actions(self)
        self._build_frame()
        build_menus(self.menuBar(), self.actions)
        self.setAcceptDrops(True)
        window_layout.restore_window(self, settings)
        state.status.connect(self.statusBar().showMessage)
        state.error.connect(self.show_error)
        state.serviceChanged.connect(self._update_title)
        state.documentChanged.connect(self._update_title)
        bind_enabled(self.actions, state)
        self._update_title()
        if service is None:
            self.statusBar().showMessage("Opening workspace…")
        else:
            self.build_panels()
            self.attach(service)

    # -- the document view, as the window's callers knew it ----------------------------------

    @property
    def view(self) -> DocumentView:
        return self.document_panel.view

    @property
    def find_bar(self) -> FindBar:
        return self.document_panel.find_bar

    def attach(self, service: ReviewService) -> None:
        """Show the workspace behind ``service`` (once): its documents, and the actions.
        Imports go through ``service.documents.ingest`` (the ingester the service was opened
        with)."""
        if self.state.attached:
            raise RuntimeError("the window already shows a workspace")
        self.build_panels()
        self.state.attach(service)
        self.statusBar().showMessage("Ready")

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)  # after this frame is on screen

    def _after_first_paint(self) -> None:
        self.firstPainted.emit()

    # -- construction --------------------------------------------------------------------

    def _build_frame(self) -> None:
        """What the first paint shows (with the menus): the empty splitter, the status bar."""
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.setCentralWidget(self.main_splitter)
        self.statusBar().showMessage("Ready")
        self.resize(1440, 900)

    def build_panels(self) -> None:
        """Build the panels and controllers, wire them and restore their layout (once): in a
        stage of the start, or by ``attach``, or in ``__init__`` given a service. The document
        panel may be built already (``window_panels.build_document_panel``)."""
        if self._built:
            return
        self._built = True
        from shiny_review.ui.controllers.checks import ChecksController
        from shiny_review.ui.controllers.editing import EditController
        from shiny_review.ui.controllers.exporting import ExportController
        from shiny_review.ui.controllers.finding import FindController
        from shiny_review.ui.controllers.importing import ImportController
        from shiny_review.ui.controllers.live_refresh import LiveRefreshController
        from shiny_review.ui.controllers.navigation import NavigationController
        from shiny_review.ui.controllers.notes import NoteController
        from shiny_review.ui.controllers.page_view import install_page_view as install_pages
        from shiny_review.ui.controllers.preferences import PreferencesController
        from shiny_review.ui.controllers.workspace_tools import WorkspaceToolsController
        from shiny_review.ui.controllers.zoom import ZoomController
        from shiny_review.ui.cycle.controller import CycleController

        focus_chain_empty = self.isActiveWindow() and self.focusWidget() is None
        window_panels.build_side_panels(self)
        state, view = self.state, self.view
        self.navigation: NavigationController = NavigationController(state, self.settings, view)
        self.importing: ImportController = ImportController(
            state, self, self.navigation.open_document
        )
        self.finding: FindController = FindController(state, self.find_bar, view, self)
        self.editing: EditController = EditController(state, view, self)
        self.exporting: ExportController = ExportController(state, self.settings, self)
        self.preferences: PreferencesController = PreferencesController(state, self.settings, self)
        self.zoom: ZoomController = ZoomController(self.settings, view)  # issue 18
        self.notes = NoteController(state, self.annotations_panel.details)  # issue 11
        self.tools = WorkspaceToolsController(state, self, self.open_last_document, self.settings)
        self.cycle = CycleController(state, self, self.navigation.go_to_annotation)
        self.checks: ChecksController = ChecksController(state, self)  # issue 12: Confirm
        self.pages = install_pages(state, self.document_panel, self.settings, self, self.actions)
        self.live = LiveRefreshController(state, view, lambda: self.notes.pending)  # issue 17
        self._wire()
        self.set_tab_order()
        window_layout.restore_splitters(self._splitters(), self.settings)
        if focus_chain_empty:  # shown before its panels: focus goes where show() puts it
            self.documents_panel.tree.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _wire(self) -> None:
        """Every connection of this window: the panels to the state, the actions to their
        owners' slots, the panels' requests to the controllers."""
        from PySide6.QtGui import QKeySequence, QShortcut

        state, navigation = self.state, self.navigation
        finding, editing = self.finding, self.editing
        for panel in self.panels():  # the action plan's, if built yet (else it binds itself)
            panel.bind(state)
        self.pages.panel.bind(state)  # the page view (issue 15): after the text's panel
        owners = {name: owner.action_handlers() for name, owner in self.action_owners().items()}
        connect_actions(self.actions, {"window": self.action_handlers(), **owners})
        self.importing.finished.connect(self.importFinished)
        self.pages.highlightWanted.connect(editing.highlight_selection)  # a drag on a page
        self.documents_panel.documentChosen.connect(
            lambda i: navigation.open_document(i, focus=False)
        )
        self.evidence_panel.passageChosen.connect(navigation.go_to_annotation)
        self.authority_panel.recommendationChosen.connect(self.cycle.link_selected)
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
        rec_table.doubleClicked.connect(lambda _i: editing.edit_recommendation())
        self.recommendations_panel.model.annotationsDropped.connect(editing.link_dropped)
        details = self.annotations_panel.details
        details.stanceChosen.connect(editing.set_stance)
        details.linkToggled.connect(editing.toggle_link)

    def action_owners(self) -> dict[str, Any]:
        """The controllers that give the actions their slots, by owner (``actions.OWNERS``)."""
        return {
            "importing": self.importing,
            "export": self.exporting,
            "preferences": self.preferences,
            "finding": self.finding,
            "editing": self.editing,
            "zoom": self.zoom,
            "tools": self.tools,  # bin, history, backups, workspaces (issue 11)
            "action_plan": self.action_plan_dock,  # the controller's slots, building it
            "cycle": self.cycle,
            "checks": self.checks,
            "pages": self.pages,
        }

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        """The slots of the actions the window owns (see ``actions.OWNERS``)."""
        return {
            "quit": self.close,
            "undo": self.state.undo,  # issue 11: a note being typed is saved first
            "redo": self.state.redo,
            "focus_document": self.view.setFocus,
            "focus_documents": self.documents_panel.tree.setFocus,
            "focus_recommendations": self.recommendations_panel.table.setFocus,
            "focus_annotations": self.annotations_panel.table.setFocus,
            "shortcuts": self.show_shortcuts,
        }

    def panels(self) -> tuple[Panel, ...]:
        """The panels, left to right then top to bottom (the action plan's last, once built)."""
        panels = (self.documents_panel, self.document_panel, *self._right_panels())
        plan = self.action_plan_dock.panel
        return panels if plan is None else (*panels, plan)

    @property
    def action_plan(self) -> ActionPlanController:
        return self.action_plan_dock.build()

    @property
    def action_plan_panel(self) -> ActionPlanPanel:
        return self.action_plan.panel

    def tab_chain(self) -> list[QWidget]:
        """Every control Tab visits, in order: each panel's own ``tab_chain``."""
        return [widget for panel in self.panels() for widget in panel.tab_chain()]

    def _right_panels(self) -> tuple[Panel, ...]:  # top to bottom
        return tuple(getattr(self, f"{name}_panel") for name in window_panels.RIGHT_COLUMN)

    def set_tab_order(self) -> None:
        from PySide6.QtWidgets import QWidget

        for first, second in pairwise(self.tab_chain()):
            QWidget.setTabOrder(first, second)

    def _update_title(self) -> None:  # issue 18: each name once
        from shiny_review.ui.window_title import window_title

        doc, state = self.state.document, self.state
        path = state.service.workspace_path if state.attached else None
        self.setWindowTitle(window_title(doc.title if doc else None, path, self.workspace_label))

    # -- what the window's callers (launch, tests, benchmarks) ask of it ---------------------

    def open_document(self, document_id: int, *, focus: bool = True) -> None:
        self.navigation.open_document(document_id, focus=focus)

    def open_last_document(self) -> None:
        if self.state.attached:
            docs = self.documents_panel.model.all_documents()
            self.navigation.open_last_document([d.id for d in docs])

    def select_annotation(self, annotation_id: int | None, *, scroll: bool = True) -> None:
        self.state.select_annotation(annotation_id, reveal=scroll)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message)
        warn(self, message)  # issue 18: the focus comes back after

    @property
    def import_failures(self) -> list[str]:
        return self.importing.failures

    def import_files(self, paths: list[Path], *, show: bool = True) -> None:
        self.importing.import_files(paths, show=show)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from shiny_review.ui.controllers.importing import accept_drag

        accept_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if self.state.attached:
            self.importing.drop(event)

    def show_shortcuts(self) -> None:
        from shiny_review.ui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog.show_for(self)

    def _splitters(self) -> list[QSplitter]:
        """The splitters whose sizes are remembered, once they hold their panels."""
        return [self.main_splitter, self.right_splitter] if self._built else []

    def save_layout(self) -> None:
        window_layout.save(self, self._splitters(), self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if self._built:  # a note being typed is saved; workers and the render process stop
            self.notes.flush()
            workers = (self.importing, self.exporting, self.pages, self.live, self.action_plan_dock)
            for controller in workers:
                controller.shut_down()
        super().closeEvent(event)
