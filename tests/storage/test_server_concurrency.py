"""Two officers at once on a real PostgreSQL server (issue 17's acceptance): two processes,
two logins, 1,000 highlights and 200 conflicting note edits on the same document. Every
acknowledged change is stored, every conflict was reported, no edit overwrote another
silently, and the history names the right login for each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from shiny_review.services.review import ReviewService
from shiny_review.storage.server_workspace import open_workspace
from tests.conftest import REPO, as_login
from tests.factories import make_ingested

CHILD = """
import json, sys
from shiny_review.domain.conflicts import EditConflict
from shiny_review.domain.workspace_spec import parse_url
from shiny_review.services.review import ReviewService
from shiny_review.storage.server_workspace import open_workspace

service = ReviewService(open_workspace(parse_url(sys.argv[1]), None))
doc, shared = int(sys.argv[2]), int(sys.argv[3])
print(json.dumps({"ready": service.author}), flush=True)
sys.stdin.readline()  # both start together
for i in range(500):
    seen = service.annotations.get(shared).version
    ann = service.annotations.add(doc, i % 40, i % 40 + 10).value
    print(json.dumps({"added": ann.id}), flush=True)
    if i % 5 == 0:
        note = f"{service.author} {i}"
        try:
            done = service.annotations.set_note(shared, note, expected_version=seen).value
            print(json.dumps({"edited": note, "version": done.version}), flush=True)
        except EditConflict as exc:
            print(json.dumps({"conflict": note, "by": exc.details.changed_by}), flush=True)
service.close()
"""


@pytest.fixture
def engine_name() -> str:
    return "postgresql"


def test_two_officers_at_once_lose_nothing_and_are_told_of_every_conflict(
    workspace_target: Any,
) -> None:
    service = ReviewService(open_workspace(workspace_target, None))
    doc = service.documents.add_ingested(make_ingested()).value.document.id
    shared = service.annotations.add(doc, 0, 12, note="first").value
    logins = ["Test Officer", "Officer"]
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                as_login(workspace_target, login).label,
                str(doc),
                str(shared.id),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        for login in logins
    ]
    for child in children:
        assert child.stdout is not None and "ready" in child.stdout.readline()
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    reports: dict[str, list[dict[str, Any]]] = {}
    for login, child in zip(logins, children, strict=True):
        out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err
        reports[login] = [json.loads(line) for line in out.splitlines()]

    try:
        stored = {a.id for a in service.annotations.all(doc)}
        history = service.history.entries()
        authors = {h.entity_id: h.author for h in history if h.action == "create"}
        edits = [h for h in history if h.entity_id == shared.id and h.action == "edit"]
        final = service.annotations.get(shared.id)
    finally:
        service.close()
    versions: list[int] = []
    for login, lines in reports.items():
        added = [r["added"] for r in lines if "added" in r]
        assert len(added) == 500 and set(added) <= stored
        assert {authors[a] for a in added} == {login}  # each highlight names its login
        edited = [r for r in lines if "edited" in r]
        conflicts = [r for r in lines if "conflict" in r]
        assert len(edited) + len(conflicts) == 100  # every edit acknowledged or told
        for r in edited:  # each acknowledged edit is in the history, under its login
            assert any(
                json.loads(h.after or "{}").get("note") == r["edited"] and h.author == login
                for h in edits
            )
        assert all(c["by"] in logins for c in conflicts)
        versions += [r["version"] for r in edited]
    # Nothing overwritten silently: each acknowledged edit made its own version, one after
    # the other, and each history edit's "before" is the note the previous one left.
    assert sorted(versions) == list(range(shared.version + 1, shared.version + 1 + len(edits)))
    notes = ["first"] + [json.loads(h.after or "{}")["note"] for h in edits]
    assert [json.loads(h.before or "{}")["note"] for h in edits] == notes[:-1]
    assert final.note == notes[-1] and final.version == shared.version + len(edits)
    assert len(stored) == 1001
    assert sum(len([r for r in lines if "conflict" in r]) for lines in reports.values()) > 0
