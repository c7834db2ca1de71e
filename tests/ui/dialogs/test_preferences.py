"""The preferences dialog: the author name, trimmed (its entry point is ``ask``)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from shiny_review.ui.dialogs.preferences import PreferencesDialog


def test_ask_returns_the_trimmed_name(qtbot, monkeypatch) -> None:
    def accept(dialog: PreferencesDialog) -> int:
        dialog.author_edit.setText("  Sam Ó Reviewer ")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", accept)
    assert PreferencesDialog.ask(None, "A. Officer") == "Sam Ó Reviewer"
    monkeypatch.setattr(PreferencesDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    assert PreferencesDialog.ask(None, "A. Officer") is None
