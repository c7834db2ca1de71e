"""Someone else changed the item this edit was made on (issue 17): keep theirs, or overwrite.

"asmith changed this note at 14:02: <their value>. Your change: <yours>." with "Keep theirs"
(the default: nothing is written, the window shows their change) and "Overwrite with mine"
(written again on the fresh version, in the history as usual). ``EditConflictDialog.ask`` is
the entry point; tests patch it, and build the dialog to read or picture it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QMessageBox, QWidget

from shiny_review.domain.conflicts import ConflictDetails, EditConflict

_WHAT = {
    "note": "note",
    "stance": "stance",
    "colour": "colour",
    "deleted": "highlight",
    "link": "highlight’s links",
    "unlink": "highlight’s links",
}


def _when(stamp: str | None) -> str:
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return f" at {stamp}"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    today = datetime.now().astimezone().date()
    return f" at {local:%H:%M}" if local.date() == today else f" on {local:%d %b %Y at %H:%M}"


def _shown(key: str, value: object) -> str:
    if key == "deleted":
        return "deleted" if value else "kept"
    if key in ("link", "unlink"):
        return f"{key} recommendation {value}"
    if value is None or value == "":
        return "(empty)"
    text = " ".join(str(value).split())
    return f"“{text if len(text) <= 200 else text[:199] + '…'}”"


def describe(d: ConflictDetails) -> tuple[str, str]:
    """The dialog's main line and its detail: who changed what when, theirs and yours."""
    key = next(iter(d.attempted), "")
    what = "action" if d.entity == "action" else _WHAT.get(key, "highlight")
    who = d.changed_by or "Someone"
    theirs = (
        "; ".join(_shown(k, d.current.get(k)) for k in d.attempted if k in d.current)
        or "a change of its own"
    )
    yours = "; ".join(_shown(k, v) for k, v in d.attempted.items()) or "(no value)"
    head = f"{who} changed this {what}{_when(d.changed_at)}: {theirs}"
    return head, f"Your change: {yours}"


class EditConflictDialog(QMessageBox):
    def __init__(self, parent: QWidget | None, conflict: EditConflict) -> None:
        super().__init__(parent)
        self.setObjectName("editConflict")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Changed by someone else")
        head, yours = describe(conflict.details)
        self.setText(head)
        self.setInformativeText(f"{yours}\n\nKeep their change, or overwrite it with yours?")
        self.keep = self.addButton("Keep theirs", QMessageBox.ButtonRole.RejectRole)
        self.overwrite = self.addButton("Overwrite with mine", QMessageBox.ButtonRole.AcceptRole)
        self.setDefaultButton(self.keep)
        self.setEscapeButton(self.keep)

    @classmethod
    def ask(cls, parent: QWidget | None, conflict: EditConflict) -> bool:
        """True: overwrite theirs with mine; False: keep theirs."""
        dialog = cls(parent, conflict)
        dialog.exec()
        return dialog.clickedButton() is dialog.overwrite
