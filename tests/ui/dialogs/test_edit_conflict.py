"""The edit conflict dialog: who changed what and when, theirs and yours; Keep theirs is the
default (Enter or Escape keep theirs)."""

from __future__ import annotations

from datetime import UTC, datetime

from shiny_review.domain.conflicts import ConflictDetails, EditConflict
from shiny_review.ui.dialogs.edit_conflict import EditConflictDialog, describe


def _conflict(**kw: object) -> EditConflict:
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    values: dict[str, object] = {
        "entity": "annotation",
        "entity_id": 4,
        "expected_version": 2,
        "current_version": 3,
        "changed_by": "Alice Smith (asmith)",
        "changed_at": now,
        "current": {"note": "Theirs – é", "version": 3},
        "attempted": {"note": "Mine"},
    }
    values.update(kw)
    return EditConflict(ConflictDetails(**values))  # type: ignore[arg-type]


def test_it_says_who_when_theirs_and_yours(qtbot) -> None:
    conflict = _conflict()
    local = datetime.fromisoformat(conflict.details.changed_at.replace("Z", "+00:00"))
    head, yours = describe(conflict.details)
    assert head == (
        f"Alice Smith (asmith) changed this note at {local.astimezone():%H:%M}: “Theirs – é”"
    )
    assert yours == "Your change: “Mine”"
    dialog = EditConflictDialog(None, conflict)
    qtbot.addWidget(dialog)
    assert dialog.defaultButton() is dialog.keep and dialog.escapeButton() is dialog.keep
    assert dialog.overwrite.text() == "Overwrite with mine"


def test_links_and_unknown_authors() -> None:
    head, yours = describe(
        _conflict(changed_by=None, changed_at=None, attempted={"link": 7}).details
    )
    assert head == "Someone changed this highlight’s links: a change of its own"
    assert yours == "Your change: link recommendation 7"
