"""Edit conflicts (issue 17): a change made on an older version of a highlight or an action
is refused with who changed it, when, and what it holds now; nothing is overwritten."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from shiny_review.domain.conflicts import EditConflict
from shiny_review.domain.entities import Stance
from shiny_review.services.action_plan import ActionChanges
from shiny_review.services.review import ReviewService
from shiny_review.storage.server_workspace import open_workspace
from tests.conftest import as_login
from tests.factories import make_ingested


@pytest.fixture
def doc_id(service: ReviewService) -> int:
    return service.documents.add_ingested(make_ingested()).value.document.id


@pytest.fixture
def officers(
    service: ReviewService, workspace_target: Path | object
) -> Iterator[Callable[[str], ReviewService]]:
    """Ada's and Bea's sessions: on a file, the service under their author names (one writer
    at a time); on a server, two logins ("Test Officer" and "Officer"), two connections."""
    if isinstance(workspace_target, Path):

        def as_author(name: str) -> ReviewService:
            service.author = name
            return service

        yield as_author
        return
    other = ReviewService(open_workspace(as_login(workspace_target, "Officer"), None))
    yield {"Ada": service, "Bea": other}.__getitem__
    other.close()


def name_of(officers: Callable[[str], ReviewService], who: str) -> str:
    return officers(who).author


def test_an_edit_on_a_stale_version_is_refused_naming_who_and_when(
    service: ReviewService, doc_id: int, officers: Callable[[str], ReviewService]
) -> None:
    ann = service.annotations.add_quote(doc_id, "Supervision is regular").value
    seen = ann.version  # both officers saw this version
    ada = name_of(officers, "Ada")
    mine = officers("Ada").annotations.set_note(ann.id, "Ada's note", expected_version=seen)
    assert mine.value.version == seen + 1

    with pytest.raises(EditConflict) as caught:
        officers("Bea").annotations.set_note(ann.id, "Bea's note", expected_version=seen)

    details = caught.value.details
    assert (details.entity, details.entity_id) == ("annotation", ann.id)
    assert details.changed_by == ada and details.changed_at is not None
    assert details.current["note"] == "Ada's note"
    assert details.attempted == {"note": "Bea's note"}
    assert details.current_version == seen + 1
    message = str(caught.value)
    assert ada in message and "Ada's note" in message and "\n" not in message
    assert service.annotations.get(ann.id).note == "Ada's note"  # nothing overwritten
    assert [h.author for h in service.history.entries()][-1] == ada


def test_overwrite_with_mine_is_a_new_edit_on_the_fresh_version(
    service: ReviewService, doc_id: int, officers: Callable[[str], ReviewService]
) -> None:
    ann = service.annotations.add_quote(doc_id, "Supervision is regular").value
    officers("Ada").annotations.set_note(ann.id, "theirs", expected_version=ann.version)
    bea = officers("Bea")
    with pytest.raises(EditConflict) as caught:
        bea.annotations.set_note(ann.id, "mine", expected_version=ann.version)
    fresh = caught.value.details.current_version
    done = bea.annotations.set_note(ann.id, "mine", expected_version=fresh).value
    assert done.note == "mine" and done.version == fresh + 1
    last = service.history.entries()[-1]
    assert last.author == bea.author and json.loads(last.before or "{}")["note"] == "theirs"


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


def test_action_edits_conflict_too(
    service: ReviewService, doc_id: int, officers: Callable[[str], ReviewService]
) -> None:
    rec = service.recommendations.all(doc_id)[0].id
    action = service.action_plan.add_action(
        rec, text="Audit", owner="Ada", due_date=dt.date(2027, 1, 1)
    ).value
    ada = name_of(officers, "Ada")
    officers("Ada").action_plan.edit_action(
        action.id, ActionChanges(owner="Cy"), expected_version=action.version
    )
    plan = officers("Bea").action_plan
    with pytest.raises(EditConflict) as caught:
        plan.edit_action(action.id, ActionChanges(owner="Dee"), expected_version=action.version)
    assert caught.value.details.changed_by == ada
    assert caught.value.details.current["owner"] == "Cy"
    with pytest.raises(EditConflict):
        plan.delete_action(action.id, expected_version=action.version)
    assert plan.action(action.id).owner == "Cy" and not plan.action(action.id).deleted
