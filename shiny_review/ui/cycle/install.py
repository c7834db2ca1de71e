"""Puts the inspection cycle into the window: a Cycle menu (coverage matrix, lineage review,
set the document's authority) and the authority's recommendations panel. The window calls
``install_cycle`` once, from a marked line; everything else lives here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog

from shiny_review.domain.entities import Recommendation
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.services.cycle import rec_label

if TYPE_CHECKING:
    from shiny_review.ui.cycle.coverage_dialog import CoverageDialog
    from shiny_review.ui.cycle.lineage_dialog import LineageDialog
    from shiny_review.ui.main_window import MainWindow


class CycleController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.coverage: CoverageDialog | None = None
        self.lineage: LineageDialog | None = None
        menu = window.menuBar().addMenu("C&ycle")
        self.actions: dict[str, QAction] = {}
        for name, text, keys, slot in (
            ("coverage", "&Coverage matrix…", "Ctrl+Shift+M", self.open_coverage),
            ("lineage", "&Lineage between letters…", "Ctrl+Shift+L", self.open_lineage),
            ("authority", "Set the document's &authority…", "", self.choose_authority),
        ):
            action = QAction(text, window)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
            self.actions[name] = action
        from shiny_review.ui.cycle.authority_panel import AuthorityPanel

        self.panel = AuthorityPanel()
        window.right_splitter.insertWidget(1, self.panel)
        self.panel.tree.activated.connect(self._rec_activated)

    def reload_recommendations(self, own: list[Recommendation]) -> list[Recommendation]:
        """Refresh the groups for the open document; return the first group's
        recommendations (the document's own, else the newest letter's): keys 1-9 act on it."""
        w = self.window
        if w.current is None:
            self.panel.model.set_groups([])
            return own
        groups = w.service.cycle.grouped_recommendations(w.current.id)
        self.panel.model.set_groups(groups)
        self.panel.tree.expandAll()
        if own:
            return own
        first = next((g for g in groups if g.recommendations), None)
        return list(first.recommendations) if first is not None else own

    def _rec_activated(self, index: QModelIndex) -> None:
        rec = self.panel.model.recommendation(index)
        if rec is not None:
            self.link_selected(rec)

    def link_selected(self, rec: Recommendation) -> None:
        """Link the selected highlight to ``rec`` (of any letter of the authority)."""
        w = self.window
        ann = w.selected()
        if ann is None:
            w.show_status("Select a highlight first.")
            return
        if rec.id in ann.recommendation_ids:
            w.show_status("Already linked to that recommendation.")
            return
        from shiny_review.ui.commands import Link

        label = f"{w.service.document(rec.document_id).title[:40]} {rec_label(rec)}"
        w.undo_stack.push(Link(w.service, w.apply, w.refused, ann.id, rec.id, label))

    def open_coverage(self) -> CoverageDialog:
        from shiny_review.ui.cycle.coverage_dialog import CoverageDialog

        if self.coverage is None:
            self.coverage = CoverageDialog(self.window)
        else:
            self.coverage.refresh()
        if self.coverage.isVisible():
            self.coverage.raise_()  # already open: bring it to the front
        else:
            self.coverage.show()
        return self.coverage

    def open_lineage(self) -> LineageDialog:
        from shiny_review.ui.cycle.lineage_dialog import LineageDialog

        if self.lineage is None:
            self.lineage = LineageDialog(self.window)
        else:
            self.lineage.refresh()
        if self.lineage.isVisible():
            self.lineage.raise_()  # already open: bring it to the front
        else:
            self.lineage.show()
        return self.lineage

    def choose_authority(self) -> None:
        """One step: pick a known authority (the one the text names most is offered first)
        or type one."""
        w = self.window
        if w.current is None:
            w.show_status("Open a document first.")
            return
        cycle = w.service.cycle
        known = cycle.authorities()
        guess = w.current.authority or cycle.guess_authority(w.current.id)
        choices = ([guess] if guess else []) + [k for k in known if k != guess]
        name, ok = QInputDialog.getItem(
            w, "Authority", f"Authority of “{w.current.title}”:", choices, 0, True
        )
        if ok and name.strip():
            self.set_authority(name)

    def set_authority(self, name: str) -> None:
        w = self.window
        if w.current is None:
            return
        from functools import partial

        from shiny_review.ui.commands import ServiceCommand

        cycle = w.service.cycle
        command = ServiceCommand(
            f"Set the authority to {name}",
            w.apply,
            w.refused,
            partial(cycle.set_authority, w.current.id, name),
            partial(cycle.set_authority, w.current.id, w.current.authority),
        )
        try:
            w.undo_stack.push(command)
        except ShinyReviewError as exc:  # pragma: no cover - the command reports its own
            w.refused(exc)


def install_cycle(window: MainWindow) -> CycleController:
    return CycleController(window)
