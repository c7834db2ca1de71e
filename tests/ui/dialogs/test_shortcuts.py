"""The shortcuts dialog lists every action of the registry and the extra keys."""

from __future__ import annotations

from shiny_review.ui.actions import EXTRA_KEYS, SPECS
from shiny_review.ui.dialogs.shortcuts import ShortcutsDialog, shortcut_rows


def test_every_action_is_listed(qtbot) -> None:
    dialog = ShortcutsDialog.show_for(None)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.table.rowCount() == len(SPECS) + len(EXTRA_KEYS) == len(shortcut_rows())
    actions = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert dialog.table.item(actions.index("Import"), 0).text() == "Ctrl+O"
