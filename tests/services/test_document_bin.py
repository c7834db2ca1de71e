"""Removing a document to the bin and restoring it (issue 11): every listing leaves it out,
nothing of it is destroyed, restoring gives back exactly what was there, and importing the
same file again takes it out of the bin."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from shiny_review.domain.errors import NotFoundError
from shiny_review.domain.structure import IngestedDocument
from shiny_review.services.export.exporting import ExportFormat, export
from shiny_review.services.review import ReviewService
from tests.conftest import SEEDS
from tests.factories import LETTER_BLOCKS, make_ingested

SEED = SEEDS / "004_22c072df4b2967a1.txt"
# A second letter of the same authority, with recommendations of its own.
LATER_BLOCKS = (
    "Monitoring visit to Westmarsh Borough Council children’s services",
    LETTER_BLOCKS[1],
    "The stability of placements for children in care.",
    "The quality of return home interviews.",
    "Main findings",
    "1. Children’s plans are reviewed on time, and drift is rare in this sample.",
)


def later_letter() -> IngestedDocument:
    return make_ingested(LATER_BLOCKS, source="later.txt")


@pytest.fixture
def two(service: ReviewService) -> tuple[int, int]:
    """Letter A and a later letter B, with highlights linked both ways, one deleted
    highlight in B, and an action on B's recommendation."""
    a = service.documents.add_ingested(make_ingested()).value.document.id
    b = service.documents.add_ingested(later_letter()).value.document.id
    recs_a = service.recommendations.all(a)
    recs_b = service.recommendations.all(b)
    service.annotations.add_quote(a, "Supervision is regular", recommendation_ids=[recs_b[0].id])
    service.annotations.add_quote(b, "drift is rare", recommendation_ids=[recs_a[0].id])
    gone = service.annotations.add_quote(b, "Main findings").value.id
    service.annotations.delete(gone)
    service.action_plan.add_action(
        recs_b[1].id, text="Audit return interviews", owner="QA lead", due_date=dt.date(2027, 3, 1)
    )
    return a, b


def test_a_removed_document_leaves_every_listing(
    service: ReviewService, two: tuple[int, int]
) -> None:
    a, b = two
    recs_a = {r.id for r in service.recommendations.all(a)}
    recs_b = {r.id for r in service.recommendations.all(b)}
    assert service.recommendations.get(min(recs_a)).evidence_count == 1  # B's highlight

    outcome = service.documents.remove(b)

    assert outcome.value.id == b
    assert outcome.changed.documents == {b} and recs_b <= outcome.changed.recommendations
    assert [d.id for d in service.documents.all()] == [a]
    assert [line.id for line in service.listing.lines()] == [a]
    assert [d.id for d in service.documents.removed()] == [b]
    assert {h.document_id for h in service.search.find("Children’s")} == {a}
    assert {r.id for r in service.recommendations.all()} == recs_a
    assert service.recommendations.get(min(recs_a)).evidence_count == 0
    assert service.evidence.of(min(recs_a)) == []
    assert all(a_.document_id == a for a_ in service.annotations.all())
    assert service.annotations.deleted() == []  # B's deleted highlight went with it
    rows = list(service.evidence.rows())
    assert {r.document for r in rows} == {LETTER_BLOCKS[0]}
    assert not {r.recommendation_text for r in rows} & set(LATER_BLOCKS[2:4])
    assert [r.anchor_status for r in rows if r.recommendation_text == LETTER_BLOCKS[2]] == [
        "no evidence"  # its only evidence was in B
    ]
    assert [d.id for d in service.cycle.coverage("Westmarsh").columns] == [a]
    assert (
        not {
            i for t in service.cycle.threads(all_recommendations=True) for i in t.recommendation_ids
        }
        & recs_b
    )
    assert service.action_plan.actions() == []
    assert {line.recommendation.id for line in service.action_plan.plan_lines()} == recs_a
    report = service.action_plan.board_report()
    assert {r.recommendation_id for r in report.recommendations} == recs_a
    assert {d.document_id for d in report.deadlines} <= {a}
    with pytest.raises(NotFoundError, match="in the bin"):
        service.documents.get(b)
    with pytest.raises(NotFoundError, match="in the bin"):
        service.annotations.add_quote(b, "drift")


def test_remove_and_restore_are_in_the_history_with_the_author(
    service: ReviewService, two: tuple[int, int]
) -> None:
    _a, b = two
    # On a server the author is always the database login (it cannot be set).
    remover = restorer = service.author
    if not service.on_server:
        remover, restorer = "Robin Remover", "Sam Restorer"
    service.author = remover
    service.documents.remove(b)
    service.author = restorer
    service.documents.restore(b)
    entries = service.history.entries()[-2:]
    assert [(e.action, e.entity, e.entity_id, e.author) for e in entries] == [
        ("delete", "document", b, remover),
        ("restore", "document", b, restorer),
    ]
    before, after = json.loads(entries[0].before or ""), json.loads(entries[0].after or "")
    assert before["deleted"] is False and after["deleted"] is True
    assert after["title"] == LATER_BLOCKS[0]


def test_restore_gives_back_exactly_what_was_there(
    service: ReviewService, two: tuple[int, int], tmp_path: Path
) -> None:
    _a, b = two
    before = {}
    for fmt in (ExportFormat.CSV, ExportFormat.JSON):
        export(service, fmt, tmp_path / f"before.{fmt.value}")
        before[fmt] = (tmp_path / f"before.{fmt.value}").read_bytes()
    listed = service.documents.all()
    bin_before = service.annotations.deleted()

    service.documents.remove(b)
    export(service, ExportFormat.CSV, tmp_path / "removed.csv")
    assert (tmp_path / "removed.csv").read_bytes() != before[ExportFormat.CSV]
    restored = service.documents.restore(b)

    assert restored.value.id == b and restored.value.removed_at is None
    for fmt in (ExportFormat.CSV, ExportFormat.JSON):
        export(service, fmt, tmp_path / f"after.{fmt.value}")
        assert (tmp_path / f"after.{fmt.value}").read_bytes() == before[fmt]  # byte for byte
    assert service.documents.all() == listed
    assert service.annotations.deleted() == bin_before
    assert len(service.action_plan.actions()) == 1
    assert service.documents.removed() == []


def test_removing_twice_or_restoring_what_is_not_in_the_bin_says_so(
    service: ReviewService, two: tuple[int, int]
) -> None:
    a, b = two
    service.documents.remove(b)
    entries = len(service.history.entries())
    with pytest.raises(NotFoundError, match="in the bin"):
        service.documents.remove(b)
    with pytest.raises(NotFoundError, match="not in the bin"):
        service.documents.restore(a)
    with pytest.raises(NotFoundError, match="no document"):
        service.documents.remove(999)
    assert len(service.history.entries()) == entries  # nothing half done


def test_importing_the_same_file_takes_its_document_out_of_the_bin(
    service: ReviewService,
) -> None:
    first = service.documents.import_file(SEED).value
    ann = service.annotations.add_quote(first.document.id, "children").value.id
    service.documents.remove(first.document.id)
    assert service.documents.all() == []

    again = service.documents.import_file(SEED)

    result = again.value
    assert result.restored and not result.created
    assert result.document.id == first.document.id
    assert first.document.id in again.changed.documents
    assert [d.id for d in service.documents.all()] == [first.document.id]
    assert [a.id for a in service.annotations.all(first.document.id)] == [ann]
    assert service.history.entries()[-1].action == "restore"
    # the window's way: ingest, then store
    service.documents.remove(first.document.id)
    stored = service.documents.add_ingested(service.documents.ingest(SEED)).value
    assert stored.restored and stored.document.id == first.document.id
    assert len(service.documents.all()) == 1
