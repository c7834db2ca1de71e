"""The inspection cycle's actions (declared in ``ui/actions.py``, owner ``cycle``): the
coverage matrix, the lineage review, the document's authority, and linking the selected
highlight to a recommendation of any letter of the authority (from the authority panel)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QWidget

from shiny_review.domain.entities import Recommendation
from shiny_review.services.cycle import rec_label
from shiny_review.ui.commands import Link, ServiceCommand

if TYPE_CHECKING:
    from shiny_review.ui.cycle.coverage_dialog import CoverageDialog
    from shiny_review.ui.cycle.lineage_dialog import LineageDialog
    from shiny_review.ui.window_state import WindowState

GoTo = Callable[[int, int], None]


class CycleController(QObject):
    def __init__(self, state: WindowState, parent: QWidget, go_to: GoTo) -> None:
        super().__init__(parent)
        self.state = state
        self._parent = parent
        self._go_to = go_to
        self.coverage: CoverageDialog | None = None
        self.lineage: LineageDialog | None = None

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "coverage": self.open_coverage,
            "lineage": self.open_lineage,
            "set_authority": self.choose_authority,
        }

    def link_selected(self, rec: Recommendation) -> None:
        """Link the selected highlight to ``rec`` (of any letter of the authority)."""
        state = self.state
        ann = state.selected()
        if ann is None:
            state.show_status("Select a highlight first.")
            return
        if rec.id in ann.recommendation_ids:
            state.show_status("Already linked to that recommendation.")
            return
        title = state.service.documents.get(rec.document_id).title[:40]
        label = f"{title} {rec_label(rec)}"
        state.push(Link(state.service, state.apply, state.refused, ann.id, rec.id, label))

    def open_coverage(self) -> CoverageDialog:
        from shiny_review.ui.cycle.coverage_dialog import CoverageDialog

        if self.coverage is None:
            self.coverage = CoverageDialog(self.state, self._parent, self._go_to)
        else:
            self.coverage.refresh()
        _show(self.coverage)
        return self.coverage

    def open_lineage(self) -> LineageDialog:
        from shiny_review.ui.cycle.lineage_dialog import LineageDialog

        if self.lineage is None:
            self.lineage = LineageDialog(self.state, self._parent)
        else:
            self.lineage.refresh()
        _show(self.lineage)
        return self.lineage

    def choose_authority(self) -> None:
        """One step: pick a known authority (the one the text names most is offered first)
        or type one."""
        doc = self.state.document
        if doc is None:
            self.state.show_status("Open a document first.")
            return
        cycle = self.state.service.cycle
        current = self.state.service.documents.get(doc.id).authority
        guess = current or cycle.guess_authority(doc.id)
        choices = ([guess] if guess else []) + [k for k in cycle.authorities() if k != guess]
        name, ok = QInputDialog.getItem(
            self._parent, "Authority", f"Authority of “{doc.title}”:", choices, 0, True
        )
        if ok and name.strip():
            self.set_authority(name)

    def set_authority(self, name: str) -> None:
        """Set the open document's authority: one undoable command."""
        doc = self.state.document
        if doc is None:
            return
        state, cycle = self.state, self.state.service.cycle
        before = state.service.documents.get(doc.id).authority
        state.push(
            ServiceCommand(
                f"Set the authority to {name}",
                state.apply,
                state.refused,
                partial(cycle.set_authority, doc.id, name),
                partial(cycle.set_authority, doc.id, before),
            )
        )


def _show(dialog: QWidget) -> None:
    if dialog.isVisible():
        dialog.raise_()  # already open: bring it to the front
    else:
        dialog.show()
