"""FindController built with a WindowState, a find bar and a view, and no MainWindow."""

from __future__ import annotations

import pytest

from shiny_review.ui.controllers.finding import FindController
from shiny_review.ui.document_view import DocumentView
from shiny_review.ui.panels.document import DocumentPanel
from shiny_review.ui.panels.find_bar import FindBar
from tests.factories import make_ingested


@pytest.fixture
def finding(state, parent, letter) -> FindController:
    panel = DocumentPanel(parent)
    panel.bind(state)
    state.open_document(letter.id)
    return FindController(state, panel.find_bar, panel.view, parent)


def test_find_and_find_next(finding, state) -> None:
    text = state.text.text
    finding.bar.edit.setText("the")
    finding.find_from_bar()
    first = finding.view.selection()
    assert first is not None and text[first[0] : first[1]].lower() == "the"
    assert finding.find_next()
    second = finding.view.selection()
    assert second[0] > first[0]
    assert finding.bar.result.text().endswith(f"of {text.lower().count('the')}")


def test_not_found_is_said(finding, state) -> None:
    statuses: list[str] = []
    state.status.connect(statuses.append)
    assert not finding.find("zebra crossing")
    assert finding.bar.result.text() == "Not found"
    assert statuses == ["“zebra crossing” is not in this document."]


def test_another_document_forgets_the_matches(finding, state, service) -> None:
    finding.find("Supervision")
    assert finding._hits
    other = service.documents.add_ingested(make_ingested(source="b.txt", salt="b")).value.document
    state.open_document(other.id)
    assert finding._hits == [] and finding._query == ""


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_search_every_document_and_go_to_a_hit(finding, state, service, qtbot) -> None:
    other = service.documents.add_ingested(make_ingested(source="b.txt", salt="b")).value.document
    dialog = finding.open_search()
    assert dialog.isVisible()
    dialog.query.setText("Supervision")
    with qtbot.waitSignal(dialog.searchRequested):
        dialog.query.returnPressed.emit()
    hits = [dialog.model.hit_at(r) for r in range(dialog.model.rowCount())]
    assert {h.document_id for h in hits} == {state.document.id, other.id}
    hit = next(h for h in hits if h.document_id == other.id)
    dialog.hitChosen.emit(hit)
    assert state.document.id == other.id
    assert finding.view.selection() == (hit.start, hit.end)


def test_the_bar_shows_and_hides(finding) -> None:
    finding.parent_widget.show()
    finding.show_bar()
    assert finding.bar.isVisible()
    finding.hide_bar()
    assert not finding.bar.isVisible()
    assert isinstance(finding.bar, FindBar) and isinstance(finding.view, DocumentView)
