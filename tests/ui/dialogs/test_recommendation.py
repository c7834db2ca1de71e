"""The recommendation dialog: text (whitespace folded) and an optional number."""

from __future__ import annotations

from shiny_review.ui.dialogs.recommendation import RecommendationDialog


def test_values(qtbot) -> None:
    dialog = RecommendationDialog(None, "Edit recommendation", "3", "Old text")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit recommendation"
    assert dialog.values() == ("Old text", "3")
    dialog.text_edit.setPlainText("  Record   every\nvisit. ")
    dialog.number_edit.setText(" ")
    assert dialog.values() == ("Record every visit.", None)
    dialog.text_edit.setPlainText("   ")
    assert dialog.values() is None
