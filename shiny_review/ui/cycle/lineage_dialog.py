"""The lineage review: every proposal that a later letter continues an earlier
recommendation, accepted or rejected in one place (each decision undoable), and the threads
that the accepted ones make."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shiny_review.services.changes import Changed
from shiny_review.ui.commands import ServiceCommand
from shiny_review.ui.cycle.proposals_model import ProposalsModel

if TYPE_CHECKING:
    from shiny_review.ui.window_state import WindowState


class LineageDialog(QDialog):
    def __init__(self, state: WindowState, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle("Lineage between letters")
        self.setObjectName("lineageDialog")
        self.resize(1280, 640)
        self.model = ProposalsModel(self)
        self.table = QTableView()
        self.table.setObjectName("proposalsTable")
        self.table.setAccessibleName("Lineage proposals")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        intro = QLabel(
            "Each row proposes that a later letter continues an earlier recommendation. "
            "Nothing is joined until you accept it; every decision can be undone (Ctrl+Z)."
        )
        intro.setWordWrap(True)
        self.accept_button = QPushButton("&Accept")
        self.reject_button = QPushButton("&Reject")
        self.reopen_button = QPushButton("Re&open")
        close = QPushButton("Close")
        buttons = QHBoxLayout()
        for b in (self.accept_button, self.reject_button, self.reopen_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.threads_title = QLabel("Threads")
        self.threads = QListWidget()
        self.threads.setAccessibleName("Threads")
        self.threads.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.threads_title)
        layout.addWidget(self.threads, 1)
        self.accept_button.clicked.connect(lambda: self.decide("accepted"))
        self.reject_button.clicked.connect(lambda: self.decide("rejected"))
        self.reopen_button.clicked.connect(lambda: self.decide("open"))
        close.clicked.connect(self.close)
        self.state.undo_stack.indexChanged.connect(self._undo_moved)
        self.refresh()

    def _undo_moved(self, _index: int) -> None:
        if self.isVisible():  # a closed dialog refreshes when it opens again
            self.refresh()

    def refresh(self) -> None:
        current = self.selected_id()
        cycle = self.state.service.cycle
        self.model.set_rows(cycle.proposals())
        self.table.resizeRowsToContents()
        if current is not None:
            for row in range(self.model.rowCount()):
                view = self.model.row_at(row)
                if view is not None and view.proposal.id == current:
                    self.table.selectRow(row)
        self.threads.clear()
        threads = cycle.threads()
        for thread in threads:
            rec = self.state.service.recommendations.get(thread.id)
            self.threads.addItem(f"{rec.text}  —  {cycle.describe(thread)}")
        open_count = sum(
            1
            for r in range(self.model.rowCount())
            if self.model.row_at(r).proposal.status == "open"
        )
        self.threads_title.setText(
            f"Threads: {len(threads)} (accepted pairs join a thread); {open_count} proposals open"
        )

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        view = self.model.row_at(index.row()) if index.isValid() else None
        return view.proposal.id if view is not None else None

    def select_pair(self, proposal_id: int) -> None:
        for row in range(self.model.rowCount()):
            view = self.model.row_at(row)
            if view is not None and view.proposal.id == proposal_id:
                self.table.selectRow(row)

    def decide(self, status: str) -> None:
        """Accept, reject or reopen the selected pair: one undoable command."""
        view = self.model.row_at(self.table.currentIndex().row())
        if view is None:
            self.state.show_status("Select a proposal first.")
            return
        before = view.proposal.status
        if before == status:
            return
        cycle = self.state.service.cycle
        verb = {"accepted": "Accept", "rejected": "Reject", "open": "Reopen"}[status]
        command = ServiceCommand(
            f"{verb} lineage pair {view.proposal.id}",
            self._report,
            self.state.refused,
            partial(cycle.set_status, view.proposal.id, status),
            partial(cycle.set_status, view.proposal.id, before),
        )
        self.state.push(command)

    def _report(self, changed: Changed) -> None:
        self.state.apply(changed)
        self.refresh()
