"""The "check the recommendations" mark of a document whose import was unsure (issue 12).

The documents list shows the mark beside the title (``mark_title``, ``mark_tooltip``); the
recommendations panel shows a ``ChecksBanner`` listing the failed self-checks with a Confirm
button, which triggers the ``confirm_checks`` action (``ui/controllers/checks.py``).
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

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

    def __init__(self, confirm_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checksBanner")
        self.label = QLabel("")
        self.label.setObjectName("checksLabel")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #8a4b00;")
        self.confirm = QPushButton("Confirm")
        self.confirm.setAccessibleName("Confirm the recommendations")
        self.confirm.setToolTip(
            "The recommendations are right: clear the mark (recorded)"
            f" ({confirm_action.shortcut().toString()})"
        )
        self.confirm.clicked.connect(confirm_action.trigger)
        confirm_action.enabledChanged.connect(self.confirm.setEnabled)
        self.confirm.setEnabled(confirm_action.isEnabled())
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
