"""WindowState: what the window shows and has selected, and the signals that say it changed."""

from __future__ import annotations

import pytest

from shiny_review.services.changes import Changed
from shiny_review.ui.window_state import WindowState
from shiny_review.ui.wording import SAVED


def _record(state: WindowState) -> list[str]:
    seen: list[str] = []
    state.serviceChanged.connect(lambda: seen.append("service"))
    state.documentChanged.connect(lambda: seen.append("document"))
    state.recommendationsChanged.connect(lambda: seen.append("recommendations"))
    state.annotationSelected.connect(lambda i, reveal: seen.append(f"annotation {i} {reveal}"))
    state.recommendationSelected.connect(lambda i: seen.append(f"recommendation {i}"))
    state.selectionChanged.connect(lambda: seen.append("selection"))
    state.changed.connect(lambda c: seen.append("changed"))
    state.status.connect(lambda m: seen.append(f"status {m}"))
    state.error.connect(lambda m: seen.append(f"error {m}"))
    return seen


def test_attach_once(qtbot, service) -> None:
    state = WindowState()
    seen = _record(state)
    assert not state.attached
    with pytest.raises(RuntimeError):
        _ = state.service
    state.attach(service)
    assert state.attached and state.service is service and seen == ["service"]
    with pytest.raises(RuntimeError):
        state.attach(service)


def test_open_a_document(state, service, letter) -> None:
    seen = _record(state)
    assert state.open_document(letter.id)
    assert seen == ["recommendations", "document"]
    assert state.document.id == letter.id
    assert state.text.text == service.documents.text(letter.id).text
    assert state.recommendations == service.recommendations.all(letter.id)
    assert state.spans == []
    seen.clear()
    assert not state.open_document(99_999)
    assert len(seen) == 1 and seen[0].startswith("error ")
    assert state.document.id == letter.id  # the open document stays


def test_selections(state, service, letter) -> None:
    state.open_document(letter.id)
    rec = state.recommendations[1]
    ann = service.annotations.add_quote(letter.id, "Supervision is regular").value
    seen = _record(state)
    state.select_recommendation(rec.id)
    state.select_annotation(ann.id, reveal=False)
    assert seen == [
        f"recommendation {rec.id}",
        "selection",
        f"annotation {ann.id} False",
        "selection",
    ]
    assert state.selected_recommendation_row() == rec
    assert state.selected().id == ann.id
    state.select_recommendation(99_999)  # not one of this document's
    assert state.selected_recommendation is None


def test_apply_an_operation(state, service, letter) -> None:
    state.open_document(letter.id)
    rec = state.recommendations[0]
    ann = service.annotations.add_quote(letter.id, "Supervision is regular").value
    state.select_annotation(ann.id)
    outcome = service.annotations.link(ann.id, rec.id)
    seen = _record(state)
    during: list[int] = []
    state.changed.connect(
        lambda c: during.extend(a.id for a in state.changed_annotations(c) if a.recommendation_ids)
    )
    state.apply(outcome.changed)
    assert seen == ["changed", "recommendations", f"status {SAVED}"]
    assert during == [ann.id]
    assert state.recommendations[0].evidence_count == 1
    deleted = service.annotations.delete(ann.id)
    seen.clear()
    state.apply(deleted.changed, quiet=True)
    # quiet: no status
    assert seen == ["changed", "annotation None True", "selection", "recommendations"]
    assert state.selected_annotation is None


def test_apply_of_documents_only_rereads_nothing_else(state, letter) -> None:
    state.open_document(letter.id)
    seen = _record(state)
    state.apply(Changed(documents=frozenset({letter.id})), quiet=True)
    assert seen == ["changed"]


def test_a_refused_call_is_an_error(state) -> None:
    from shiny_review.domain.errors import ShinyReviewError

    seen = _record(state)
    state.refused(ShinyReviewError("no such highlight"))
    assert seen == ["error no such highlight"]


def test_a_highlight_without_links_rereads_no_recommendation(state, service, letter) -> None:
    state.open_document(letter.id)
    reads: list[int] = []
    read = service.annotations.get
    service.annotations.get = lambda i: reads.append(i) or read(i)  # type: ignore[method-assign]
    added = service.annotations.add_quote(letter.id, "Supervision is regular")
    seen = _record(state)
    state.apply(added.changed, quiet=True)
    assert seen == ["changed"]  # its notice is exact: no recommendation's evidence changed
    assert reads == []  # the notice carried the highlight as the operation read it
    # Another writer's change (from the history) says less: any evidence may have changed.
    state.apply(Changed(annotations=frozenset({added.value.id})), quiet=True)
    assert seen == ["changed", "changed", "recommendations"]
    assert reads == [added.value.id]


def test_an_edit_shows_in_the_text_at_once_and_in_the_panels_a_turn_later(
    qtbot, state, service, letter
) -> None:
    state.open_document(letter.id)
    rec = state.recommendations[0]
    added = service.annotations.add_quote(
        letter.id, "Supervision is regular", recommendation_ids=[rec.id]
    )
    ann = added.value
    seen = _record(state)
    text: list[str] = []
    state.highlightsChanged.connect(
        lambda c: text.extend(f"text {a.id}" for a in state.changed_annotations(c))
    )
    state.highlightSelected.connect(lambda i, reveal: text.append(f"text selects {i}"))
    panels: list[int] = []
    state.changed.connect(lambda c: panels.extend(a.id for a in state.changed_annotations(c)))
    state.apply_soon(added.changed)
    state.select_annotation(ann.id, reveal=False)
    assert text == [f"text {ann.id}", f"text selects {ann.id}"]  # the text view: at once
    assert seen == [f"status {SAVED}"] and state.pending  # the panels: not yet
    assert state.selected_annotation == ann.id  # the state itself is up to date
    assert state.recommendations[0].evidence_count == rec.evidence_count + 1
    qtbot.waitUntil(lambda: not state.pending)  # the next turn of the event loop
    assert seen == [
        f"status {SAVED}",
        "changed",
        "recommendations",
        f"annotation {ann.id} False",
        "selection",
    ]  # in the order they would have come at once
    assert panels == [ann.id]  # with the highlights as the edit changed them


def test_the_next_command_starts_after_the_panels_heard_the_last(state, service, letter) -> None:
    state.open_document(letter.id)
    added = service.annotations.add_quote(letter.id, "Supervision is regular")
    seen = _record(state)
    state.apply_soon(added.changed)
    assert state.pending
    state.select_recommendation(state.recommendations[0].id)  # waits its turn behind it
    assert "changed" not in seen and not any(s.startswith("recommendation ") for s in seen)
    state.settle()  # what push, undo, redo and opening another document do first
    assert not state.pending
    assert seen[-3:] == ["changed", f"recommendation {state.recommendations[0].id}", "selection"]


def test_the_workspaces_labels_are_read_once_until_an_operation_may_change_one(
    state, service, letter
) -> None:
    """The highlights list's labels (every recommendation's in the workspace) are not read
    again for each document opened (issue 16: at 2,000 documents that read was 16 ms an
    open), and are read again after anything that may add, renumber or remove one."""
    from tests.factories import make_ingested

    reads: list[int] = []
    read = service.recommendations.labels
    service.recommendations.labels = lambda: reads.append(1) or read()  # type: ignore[method-assign]
    other = service.documents.add_ingested(make_ingested(source="other.txt")).value.document
    state.open_document(letter.id)
    assert state.labels() == read() and len(reads) == 1
    state.open_document(other.id)
    state.open_document(letter.id)
    added = service.annotations.add_quote(letter.id, "Supervision is regular")
    state.apply(added.changed, quiet=True)  # exact, with no link: no label can have changed
    assert state.labels() == read() and len(reads) == 1

    new = service.recommendations.add(other.id, "A recommendation typed in", number="9")
    state.apply(new.changed, quiet=True)
    assert state.labels()[new.value.id] == "9" and len(reads) == 2
    third = service.documents.add_ingested(make_ingested(source="third.txt")).value.document
    state.apply(Changed(documents=frozenset({third.id})), quiet=True)  # as an import says it
    assert set(state.labels()) >= {r.id for r in service.recommendations.all(third.id)}
    state.apply(Changed(annotations=frozenset({added.value.id})), quiet=True)  # another writer
    state.labels()
    state.reload_recommendations()
    state.labels()
    assert len(reads) == 5
    assert state.labels() == read()
