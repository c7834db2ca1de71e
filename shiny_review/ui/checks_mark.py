"""The "check the recommendations" mark of a document whose import was unsure (issue 12).

A banner above the recommendations lists the failed self-checks with a Confirm button; the
documents list shows the mark beside the title (``mark_title``, ``mark_tooltip``). Confirming
is an undoable command (the service records it in the history).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from shiny_review.services.changes import Outcome
from shiny_review.services.review import ReviewService
from shiny_review.ui.commands import Fail, Report, ServiceCommand

MARK = "\u26a0"  # ⚠
MARK_TEXT = "Check the recommendations"


def mark_title(title: str, reasons: list[str] | None) -> str:
    return f"{MARK} {title}" if reasons else title


def mark_tooltip(tooltip: str, reasons: list[str] | None) -> str:
    if not reasons:
        return tooltip
    lines = "\n".join(f"- {reason}" for reason in reasons)
    return f"{tooltip}\n{MARK_TEXT}:\n{lines}"


class ChecksBanner(QWidget):
    """Shown above the recommendations while the open document has failed self-checks."""

    confirmRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checksBanner")
        self.label = QLabel("")
        self.label.setObjectName("checksLabel")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #8a4b00;")
        self.confirm = QPushButton("Confirm")
        self.confirm.setAccessibleName("Confirm the recommendations")
        self.confirm.setToolTip("The recommendations are right: clear the mark (recorded)")
        self.confirm.clicked.connect(self.confirmRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.confirm)
        self.reasons: list[str] = []
        self.hide()

    def set_checks(self, reasons: list[str]) -> None:
        self.reasons = list(reasons)
        if reasons:
            items = "<br>".join(f"&bull; {_escape(r)}" for r in reasons)
            self.label.setText(f"<b>{MARK} {MARK_TEXT}</b><br>{items}")
            self.label.setAccessibleName(f"{MARK_TEXT}: " + " ".join(reasons))
        else:
            self.label.setText("")
        self.setVisible(bool(reasons))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ConfirmChecks(ServiceCommand):
    """Confirm a document's recommendations: clears its checks; undo brings them back."""

    def __init__(
        self, service: ReviewService, report: Report, fail: Fail, document_id: int
    ) -> None:
        reasons = service.checks.of(document_id)

        def undo() -> Outcome[list[str]]:
            return service.checks.restore(document_id, reasons)

        super().__init__(
            "Confirm the recommendations",
            report,
            fail,
            partial(service.checks.confirm, document_id),
            undo,
        )
