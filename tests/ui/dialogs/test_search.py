"""The search dialog: asks for a search, shows the hits, says which one was chosen."""

from __future__ import annotations

import pytest

from shiny_review.ui.dialogs.search import SearchDialog


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_search_and_choose(qtbot, service, letter) -> None:
    dialog = SearchDialog.open_for(None)
    qtbot.addWidget(dialog)
    dialog.query.setText("   ")
    with qtbot.assertNotEmitted(dialog.searchRequested):
        dialog.query.returnPressed.emit()
    dialog.query.setText("Supervision")
    with qtbot.waitSignal(dialog.searchRequested) as asked:
        dialog.query.returnPressed.emit()
    hits = service.search.find(asked.args[0])
    dialog.show_hits(hits)
    assert dialog.summary.text() == f"{len(hits)} matches in 1 documents"
    with qtbot.waitSignal(dialog.hitChosen) as chosen:
        dialog.table.activated.emit(dialog.table.currentIndex())
    assert chosen.args == [hits[0]]
    dialog.show_hits([])
    assert dialog.summary.text() == "No matches."
