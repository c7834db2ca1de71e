"""Edit conflicts (issue 17): a change made on an older version of a highlight or an action
is refused with who changed it, when, and what it holds now; nothing is overwritten."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from shiny_review.domain.conflicts import EditConflict
from shiny_review.domain.entities import Stance
from shiny_review.services.action_plan import ActionChanges
from shiny_review.services.review import ReviewService
from tests.factories import make_ingested


@pytest.fixture
def doc_id(service: ReviewService) -> int:
    return service.documents.add_ingested(make_ingested()).value.document.id


def _as(service: ReviewService, author: str) -> ReviewService:
    service.author = author
    return service


def test_an_edit_on_a_stale_version_is_refused_naming_who_and_when(
    service: ReviewService, doc_id: int
) -> None:
    ann = service.annotations.add_quote(doc_id, "Supervision is regular").value
    seen = ann.version  # both officers saw this version
    mine = _as(service, "Ada").annotations.set_note(ann.id, "Ada's note", expected_version=seen)
    assert mine.value.version == seen + 1

    with pytest.raises(EditConflict) as caught:
        _as(service, "Bea").annotations.set_note(ann.id, "Bea's note", expected_version=seen)

    details = caught.value.details
    assert (details.entity, details.entity_id) == ("annotation", ann.id)
    assert details.changed_by == "Ada" and details.changed_at is not None
    assert details.current["note"] == "Ada's note"
    assert details.attempted == {"note": "Bea's note"}
    assert details.current_version == seen + 1
    message = str(caught.value)
    assert "Ada" in message and "Ada's note" in message and "\n" not in message
    assert service.annotations.get(ann.id).note == "Ada's note"  # nothing overwritten
    assert [h.author for h in service.history.entries()][-1] == "Ada"


def test_overwrite_with_mine_is_a_new_edit_on_the_fresh_version(
    service: ReviewService, doc_id: int
) -> None:
    ann = service.annotations.add_quote(doc_id, "Supervision is regular").value
    _as(service, "Ada").annotations.set_note(ann.id, "theirs", expected_version=ann.version)
    with pytest.raises(EditConflict) as caught:
        _as(service, "Bea").annotations.set_note(ann.id, "mine", expected_version=ann.version)
    fresh = caught.value.details.current_version
    done = service.annotations.set_note(ann.id, "mine", expected_version=fresh).value
    assert done.note == "mine" and done.version == fresh + 1
    last = service.history.entries()[-1]
    assert last.author == "Bea" and json.loads(last.before or "{}")["note"] == "theirs"


@pytest.mark.parametrize("how", ["stance", "delete", "link", "unlink"])
def test_every_change_of_a_highlight_checks_and_raises_its_version(
    service: ReviewService, doc_id: int, how: str
) -> None:
    rec = service.recommendations.all(doc_id)[0].id
    ann = service.annotations.add_quote(doc_id, "Supervision is regular").value
    if how == "unlink":
        ann = service.annotations.link(ann.id, rec).value
    stale = ann.version
    service.annotations.set_note(ann.id, "moved on", expected_version=stale)
    calls = {
        "stance": lambda v: service.annotations.set_stance(
            ann.id, Stance.SHOWS_CONCERN, expected_version=v
        ),
        "delete": lambda v: service.annotations.delete(ann.id, expected_version=v),
        "link": lambda v: service.annotations.link(ann.id, rec, expected_version=v),
        "unlink": lambda v: service.annotations.unlink(ann.id, rec, expected_version=v),
    }
    before = service.annotations.get(ann.id)
    with pytest.raises(EditConflict):
        calls[how](stale)
    assert service.annotations.get(ann.id) == before
    after = calls[how](before.version).value
    assert after.version == before.version + 1


def test_changes_without_a_version_still_raise_it(service: ReviewService, doc_id: int) -> None:
    ann = service.annotations.add_quote(doc_id, "Supervision is regular").value
    edited = service.annotations.set_note(ann.id, "no check").value  # the CLI's plain edit
    assert edited.version == ann.version + 1


def test_action_edits_conflict_too(service: ReviewService, doc_id: int) -> None:
    rec = service.recommendations.all(doc_id)[0].id
    plan = service.action_plan
    action = plan.add_action(rec, text="Audit", owner="Ada", due_date=dt.date(2027, 1, 1)).value
    _as(service, "Ada")
    plan.edit_action(action.id, ActionChanges(owner="Cy"), expected_version=action.version)
    _as(service, "Bea")
    with pytest.raises(EditConflict) as caught:
        plan.edit_action(action.id, ActionChanges(owner="Dee"), expected_version=action.version)
    assert caught.value.details.changed_by == "Ada"
    assert caught.value.details.current["owner"] == "Cy"
    with pytest.raises(EditConflict):
        plan.delete_action(action.id, expected_version=action.version)
    assert plan.action(action.id).owner == "Cy" and not plan.action(action.id).deleted
