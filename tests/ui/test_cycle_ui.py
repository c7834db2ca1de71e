"""The inspection cycle in the real window: the coverage matrix and the lineage review."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from shiny_review.services.review import ReviewService
from shiny_review.ui.cycle.coverage_model import CELL_ROLE, GAP_ROLE
from shiny_review.ui.main_window import MainWindow
from tests.conftest import CORPUS, SEEDS

R2022 = CORPUS / "shropshire-2022-march-25.pdf"
R2025 = CORPUS / "shropshire-2025-august-12.pdf"
LETTER = SEEDS / "004_22c072df4b2967a1.txt"
SUFFICIENCY = "The sufficiency of local placement options."


@pytest.fixture
def cycle_window(
    service: ReviewService, make_window: Callable[[], MainWindow], shared_dir: Path
) -> MainWindow:
    del shared_dir
    for path in (R2022, R2025, LETTER):
        service.documents.import_file(path)
    return make_window()


def _ids(service: ReviewService) -> dict[str, int]:
    by_source = {d.source_name: d.id for d in service.documents.all()}
    return {"2022": by_source[R2022.name], "2024": by_source[LETTER.name]}


def test_coverage_matrix_counts_opens_and_filters(
    cycle_window: MainWindow, service: ReviewService, qtmodeltester: object
) -> None:
    ids = _ids(service)
    rec = next(r for r in service.recommendations.all(ids["2022"]) if r.text == SUFFICIENCY)
    service.annotations.add_quote(
        ids["2024"], "More children are being returned closer to home", recommendation_ids=[rec.id]
    )
    cycle_window.actions["coverage"].trigger()
    dialog = cycle_window.cycle.coverage
    assert dialog is not None and dialog.isVisible()
    model = dialog.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    rows = {model.row_at(r).recommendation.id: r for r in range(model.rowCount())}
    columns = [d.id for d in model.matrix.columns]
    cell = model.index(rows[rec.id], 4 + columns.index(ids["2024"]))
    assert model.data(cell, CELL_ROLE) == (rec.id, ids["2024"])
    assert model.data(cell).startswith("1")
    assert model.data(model.index(rows[rec.id], 0), GAP_ROLE) is False
    gaps = [r for r in range(model.rowCount()) if model.data(model.index(r, 0), GAP_ROLE)]
    assert len(gaps) == model.rowCount() - 1  # every other recommendation is a gap row
    dialog.open_cell(cell)
    assert dialog.passages.count() == 1
    assert "More children are being returned" in dialog.passages.item(0).text()

    dialog.stance.setCurrentIndex(dialog.stance.findData("shows concern"))
    cell = model.index(rows[rec.id], 4 + columns.index(ids["2024"]))
    assert model.data(cell) == ""  # the passage has no stance
    dialog.kind.setCurrentIndex(dialog.kind.findData("focused visit"))
    assert [d.kind for d in model.matrix.columns] == ["focused visit"]
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_lineage_review_accept_reject_and_undo(
    cycle_window: MainWindow, service: ReviewService, qtmodeltester: object, qtbot: object
) -> None:
    dialog = cycle_window.cycle.open_lineage()
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    views = [dialog.model.row_at(r) for r in range(dialog.model.rowCount())]
    assert len(views) == 3
    first, second, third = (v.proposal.id for v in views)
    for pair, button in (
        (first, dialog.accept_button),
        (second, dialog.accept_button),
        (third, dialog.reject_button),
    ):
        dialog.select_pair(pair)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    statuses = {v.proposal.id: v.proposal.status for v in service.cycle.proposals()}
    assert statuses == {first: "accepted", second: "accepted", third: "rejected"}
    assert dialog.threads.count() == len(service.cycle.threads()) >= 1
    cycle_window.state.undo_stack.undo()  # the reject
    cycle_window.state.undo_stack.undo()  # the second accept
    statuses = {v.proposal.id: v.proposal.status for v in service.cycle.proposals()}
    assert statuses == {first: "accepted", second: "open", third: "open"}
    assert dialog.model.row_at(1).proposal.status == "open"  # the dialog follows the undo


def test_recommendations_grouped_by_letter_own_first_keys_on_first_group(
    cycle_window: MainWindow, service: ReviewService, qtmodeltester: object
) -> None:
    ids = _ids(service)
    news = service.documents.import_file(next(SEEDS.glob("003_*.txt"))).value.document
    cycle_window.documents_panel.refresh()
    cycle_window.open_document(ids["2024"])
    model = cycle_window.authority_panel.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    labels = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert labels == [
        "This document: focused visit, July 2024 (3)",
        "full inspection, July 2025 (2)",
        "full inspection, February 2022 (3)",
    ]
    assert [r.document_id for r in cycle_window.state.recommendations] == [ids["2024"]] * 3

    # a highlight of the letter linked, from the panel, to a 2022 recommendation; undoable
    outcome = service.annotations.add_quote(ids["2024"], "More children are being returned")
    ann = outcome.value
    cycle_window.state.apply(outcome.changed)
    cycle_window.select_annotation(ann.id)
    assert cycle_window.state.selected() is not None
    group_2022 = model.index(2, 0)
    sufficiency = model.index(1, 0, group_2022)
    assert model.recommendation(sufficiency).text == SUFFICIENCY
    cycle_window.authority_panel.tree.activated.emit(sufficiency)
    rec_id = model.recommendation(model.index(1, 0, model.index(2, 0))).id
    assert [e.annotation.id for e in service.evidence.of(rec_id)] == [ann.id]
    cycle_window.state.undo_stack.undo()
    assert service.evidence.of(rec_id) == []

    # a news article has none of its own: the newest letter's group comes first for keys 1-9
    cycle_window.open_document(news.id)
    assert news.authority == "Shropshire"
    assert model.data(model.index(0, 0)).startswith("This document: news article")
    assert model.rowCount(model.index(0, 0)) == 0
    assert {r.document_id for r in cycle_window.state.recommendations} == {
        model.groups[1].document.id
    }
    assert model.groups[1].document.kind == "full inspection"


def test_the_authority_is_chosen_in_one_undoable_step(
    service: ReviewService, make_window: Callable[[], MainWindow], shared_dir: Path
) -> None:
    del shared_dir
    news = service.documents.import_file(next(SEEDS.glob("000_*.txt"))).value.document
    assert news.authority is None  # imported first: nothing known to find it from
    service.documents.import_file(R2022)
    window = make_window()
    window.open_document(news.id)
    assert service.cycle.guess_authority(news.id) == "Shropshire"  # offered first
    window.cycle.set_authority("Shropshire")
    assert service.documents.get(news.id).authority == "Shropshire"
    labels = [
        window.authority_panel.model.data(window.authority_panel.model.index(r, 0)) for r in (0, 1)
    ]
    assert labels[1] == "full inspection, February 2022 (3)"
    window.state.undo_stack.undo()
    assert service.documents.get(news.id).authority is None
