"""DocumentsPanel bound to a WindowState: the list, its rows refreshed, the open row selected."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from shiny_review.services.changes import Changed
from shiny_review.ui.panels.documents import FITTED, DocumentsPanel
from shiny_review.ui.window_state import WindowState
from tests.factories import make_ingested


def test_the_list_follows_the_state(qtbot, service, letter) -> None:
    state = WindowState()
    panel = DocumentsPanel()
    qtbot.addWidget(panel)
    panel.bind(state)
    assert panel.model.all_documents() == []
    state.attach(service)  # the list is read when the workspace is attached
    assert [d.id for d in panel.model.all_documents()] == [letter.id]
    other = service.documents.add_ingested(make_ingested(source="b.txt", salt="b")).value.document
    state.apply(Changed(documents=frozenset({other.id})), quiet=True)  # a new row: reread
    assert {d.id for d in panel.model.all_documents()} == {letter.id, other.id}
    state.open_document(other.id)
    assert panel.model.document_at(panel.tree.currentIndex()).id == other.id
    chosen: list[int] = []
    panel.documentChosen.connect(chosen.append)
    panel.tree.setCurrentIndex(panel.model.index_of(letter.id))
    assert chosen == [letter.id]


def test_a_highlight_updates_its_documents_count_alone(qtbot, service, letter, monkeypatch) -> None:
    from shiny_review.ui.models.documents import MARKS

    state = WindowState()
    panel = DocumentsPanel()
    qtbot.addWidget(panel)
    panel.bind(state)
    state.attach(service)
    state.open_document(letter.id)
    index = panel.model.index_of(letter.id)
    before = panel.model.document_at(index).annotation_count
    # Neither the list nor the document's row nor every document's marks is read again.
    for name in ("all", "get"):
        monkeypatch.setattr(service.documents, name, _refuse)
    monkeypatch.setattr(service.checks, "by_document", _refuse)
    cells: list[tuple[int, int]] = []
    panel.model.dataChanged.connect(lambda top, bottom: cells.append((top.row(), top.column())))
    added = service.annotations.add_quote(letter.id, "Supervision is regular")
    state.apply(added.changed, quiet=True)
    assert panel.model.document_at(index).annotation_count == before + 1
    assert cells == [(index.row(), MARKS)]
    state.apply(service.annotations.delete(added.value.id).changed, quiet=True)
    assert panel.model.document_at(index).annotation_count == before


def test_a_confirmation_updates_its_documents_mark_alone(qtbot, service, monkeypatch) -> None:
    state = WindowState()
    panel = DocumentsPanel()
    qtbot.addWidget(panel)
    panel.bind(state)
    state.attach(service)
    doc = service.documents.add_ingested(make_ingested(source="c.txt", salt="c")).value.document
    state.apply(Changed(documents=frozenset({doc.id})), quiet=True)  # a new row: reread
    monkeypatch.setattr(service.documents, "get", _refuse)
    monkeypatch.setattr(service.checks, "by_document", _refuse)
    panel.model.checks[doc.id] = ["an old reason"]  # as the import's self-checks left it
    state.apply(service.checks.confirm(doc.id).changed, quiet=True)
    assert doc.id not in panel.model.checks


def _refuse(*_args: object) -> object:
    raise AssertionError("a per-row notice read the whole list or row again")


def test_the_date_and_count_columns_fit_every_row_at_any_font(qtbot, service, letter) -> None:
    """The fitted columns are as wide as the delegate's own size of each of their cells (no
    date or count cut short), measured on the widest cell only (issue 16), at any font."""
    for n, day in enumerate((dt.date(2025, 9, 1), dt.date(2026, 5, 17), None)):
        ingested = make_ingested(source=f"{n}.txt", salt=f"{n}")
        dated = replace(ingested, structure=replace(ingested.structure, date=day))
        service.documents.add_ingested(dated)
    state = WindowState()
    panel = DocumentsPanel()
    qtbot.addWidget(panel)
    panel.bind(state)
    state.attach(service)
    panel.show()
    qtbot.waitExposed(panel)
    tree, model, header = panel.tree, panel.model, panel.tree.header()
    for size in (8, 13, 21):
        font = panel.font()
        font.setPointSize(size)
        panel.setFont(font)  # a font change fits them again
        for column in FITTED:
            cells = [model.index_of(d.id).siblingAtColumn(column) for d in model.all_documents()]
            widest = max(tree.sizeHintForIndex(cell).width() for cell in cells)
            assert (
                widest <= header.sectionSize(column) <= max(widest, header.sectionSizeHint(column))
            )
