"""The review service: import, recommendations, annotations, links, history."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from shiny_review.domain.entities import Stance
from shiny_review.domain.errors import InputFileError, NotFoundError, ValidationError
from shiny_review.services.review import ReviewService, file_hash
from tests.factories import make_ingested


@pytest.fixture
def doc_id(service: ReviewService) -> int:
    return service.documents.add_ingested(make_ingested()).value.document.id


def test_same_document_twice_is_one_document(service: ReviewService) -> None:
    first = service.documents.add_ingested(make_ingested())
    second = service.documents.add_ingested(make_ingested())
    assert first.value.created and not second.value.created
    assert first.value.document.id == second.value.document.id
    assert len(service.documents.all()) == 1
    assert second.changed.empty


def test_import_same_file_twice_does_not_ingest_again(
    service: ReviewService, tmp_path: Path
) -> None:
    calls: list[Path] = []

    def ingester(path: Path):  # type: ignore[no-untyped-def]
        calls.append(path)
        return dataclasses.replace(make_ingested(), source_hash=file_hash(path))

    service.documents._ingest = ingester
    letter = tmp_path / "letter.txt"
    letter.write_text("x")
    ids = {service.documents.import_file(letter).value.document.id for _ in range(3)}
    assert len(ids) == 1
    assert len(calls) == 1


def test_import_missing_file_and_folder(service: ReviewService, tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        service.documents.import_file(tmp_path / "nope.pdf")
    with pytest.raises(InputFileError, match="folder"):
        service.documents.import_file(tmp_path)


def test_annotate_by_offsets_builds_anchor_and_links(service: ReviewService, doc_id: int) -> None:
    text = service.documents.text(doc_id).text
    start = text.index("Supervision is regular")
    rec = service.recommendations.all(doc_id)[1]
    outcome = service.annotations.add(
        doc_id,
        start,
        start + len("Supervision is regular"),
        stance=Stance.SHOWS_CONCERN,
        note="drift",
        recommendation_ids=[rec.id],
    )
    ann = outcome.value
    assert ann.anchor.exact == "Supervision is regular"
    assert ann.anchor.page == 2
    assert ann.anchor.paragraph == 2
    assert ann.section == "Main findings"
    assert ann.recommendation_ids == (rec.id,)
    assert outcome.changed.annotations == {ann.id}
    assert rec.id in outcome.changed.recommendations
    assert service.recommendations.get(rec.id).evidence_count == 1


def test_annotate_trims_white_space(service: ReviewService, doc_id: int) -> None:
    text = service.documents.text(doc_id).text
    start = text.index("Main findings") - 1
    ann = service.annotations.add(doc_id, start, start + len("Main findings") + 2).value
    assert ann.anchor.exact == "Main findings"


def test_annotate_by_quote_and_occurrence(service: ReviewService, doc_id: int) -> None:
    ann = service.annotations.add_quote(doc_id, "for children", occurrence=1).value
    text = service.documents.text(doc_id).text
    assert text[ann.anchor.start : ann.anchor.end] == "for children"


def test_non_bmp_note_and_quote_round_trip(service: ReviewService, doc_id: int) -> None:
    note = "children’s “voice” – é £ 😀"
    ann = service.annotations.add_quote(
        doc_id, "Children’s “voice” is heard – é £", note=note
    ).value
    again = service.annotations.get(ann.id)
    assert again.note == note
    assert again.anchor.exact == "Children’s “voice” is heard – é £"


def test_edit_delete_restore_and_bin(service: ReviewService, doc_id: int) -> None:
    ann = service.annotations.add_quote(doc_id, "leaders know it").value
    service.annotations.set_stance(ann.id, Stance.SUPPORTS_PROGRESS)
    service.annotations.set_note(ann.id, "good")
    assert service.annotations.get(ann.id).stance is Stance.SUPPORTS_PROGRESS
    service.annotations.delete(ann.id)
    assert service.annotations.all(doc_id) == []
    assert [a.id for a in service.annotations.deleted()] == [ann.id]
    service.annotations.restore(ann.id)
    restored = service.annotations.get(ann.id)
    assert not restored.deleted and restored.note == "good"


def test_link_unlink_and_evidence_across_documents(service: ReviewService, doc_id: int) -> None:
    other = service.documents.add_ingested(
        make_ingested(salt="2", source="b.txt")
    ).value.document.id
    rec = service.recommendations.all(doc_id)[0]
    a = service.annotations.add_quote(doc_id, "leaders know it").value
    b = service.annotations.add_quote(other, "Supervision is regular").value
    service.annotations.link(a.id, rec.id)
    service.annotations.link(b.id, rec.id)
    service.annotations.link(b.id, rec.id)  # linking twice is one link
    evidence = service.evidence.of(rec.id)
    assert [(e.annotation.id, e.document_id) for e in evidence] == [(a.id, doc_id), (b.id, other)]
    service.annotations.unlink(a.id, rec.id)
    assert [e.annotation.id for e in service.evidence.of(rec.id)] == [b.id]
    without = {r.id for r in service.recommendations.without_evidence(doc_id)}
    assert rec.id not in without


def test_recommendations_by_hand(service: ReviewService, doc_id: int) -> None:
    added = service.recommendations.add(doc_id, "  Improve   the   recording.  ", number="5").value
    assert added.text == "Improve the recording." and added.manual
    recs = service.recommendations.all(doc_id)
    assert [r.id for r in recs][-1] == added.id
    service.recommendations.move(added.id, 0)
    assert service.recommendations.all(doc_id)[0].id == added.id
    service.recommendations.edit(added.id, text="Improve recording.")
    assert service.recommendations.get(added.id).text == "Improve recording."
    service.recommendations.delete(added.id)
    assert added.id not in {r.id for r in service.recommendations.all(doc_id)}
    assert [r.position for r in service.recommendations.all(doc_id)] == [0, 1]
    service.recommendations.restore(added.id)
    assert service.recommendations.all(doc_id)[0].id == added.id
    with pytest.raises(ValidationError):
        service.recommendations.add(doc_id, "   ")


def test_unknown_ids(service: ReviewService) -> None:
    with pytest.raises(NotFoundError, match="no document with id 99"):
        service.documents.get(99)
    with pytest.raises(NotFoundError):
        service.annotations.get(5)


def test_history_records_each_change_with_author_and_time(
    service: ReviewService, doc_id: int
) -> None:
    rec = service.recommendations.all(doc_id)[0]
    ann = service.annotations.add_quote(doc_id, "leaders know it").value
    service.annotations.link(ann.id, rec.id)
    service.annotations.set_note(ann.id, "checked")
    service.annotations.delete(ann.id)
    history = service.history.entries()
    actions = [(h.action, h.entity) for h in history]
    assert actions == [
        ("create", "document"),
        ("create", "annotation"),
        ("link", "annotation"),
        ("edit", "annotation"),
        ("delete", "annotation"),
    ]
    assert all(h.author == "Test Officer" and h.at for h in history)
    edit = history[3]
    assert json.loads(edit.before)["note"] == ""
    assert json.loads(edit.after)["note"] == "checked"


def test_failed_action_leaves_nothing(service: ReviewService, doc_id: int) -> None:
    before = service.history.entries()
    with pytest.raises(NotFoundError):
        service.annotations.add(doc_id, 0, 5, recommendation_ids=[12345])
    assert service.annotations.all(doc_id) == []
    assert service.history.entries() == before


def test_offsets_hold_after_a_non_bmp_character(service: ReviewService) -> None:
    blocks = (
        "Letter with 𝒜 mathematical letter and 😀 emoji",
        "What needs to improve?",
        "The timeliness of initial child protection conferences.",
        "The quality of supervision for social workers.",
        "Main findings",
        "1. After 😀 the passage we want stays where it was.",
        "2. Another paragraph.",
    )
    doc = service.documents.add_ingested(make_ingested(blocks)).value.document.id
    ann = service.annotations.add_quote(doc, "the passage we want").value
    text = service.documents.text(doc).text
    assert ann.anchor.start == text.index("the passage we want")
    assert text[ann.anchor.start : ann.anchor.end] == "the passage we want"
    assert ann.anchor.prefix.endswith("After 😀 ")
    assert ann.anchor.paragraph == 1


def test_annotations_by_ids_reads_several_in_one_call(service: ReviewService) -> None:
    doc = service.documents.add_ingested(make_ingested()).value.document.id
    a = service.annotations.add_quote(doc, "leaders know it").value
    b = service.annotations.add_quote(doc, "Supervision is regular").value
    found = service.annotations.by_ids([b.id, a.id, 999, a.id])
    assert [x.id for x in found] == sorted(
        [a.id, b.id], key=lambda i: service.annotations.get(i).anchor.start
    )
    assert service.annotations.by_ids([]) == []
