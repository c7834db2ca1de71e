"""``Recommendations.refs()``: every live recommendation's ``DOC:N`` read without the evidence
counts, the same as ``recommendation_ref`` of each of ``all()``; ``actions`` prints the same
with it as with the labels of ``all()`` (which read every link for the counts)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from benchmarks.scale import build_scale
from shiny_review import cli
from shiny_review.services.recommendation_refs import recommendation_ref
from shiny_review.services.recommendations import Recommendations
from shiny_review.services.session import close_service, open_service
from tests.conftest import as_login
from tests.factories import make_ingested


def _old_refs(self: Recommendations) -> dict[int, str]:
    return {r.id: recommendation_ref(r) for r in self.all()}


def test_refs_are_those_of_all(workspace_target: Any) -> None:
    service = open_service(as_login(workspace_target, "Officer"), "Officer")
    try:
        first = service.documents.add_ingested(make_ingested()).value.document.id
        second = service.documents.add_ingested(make_ingested(salt="2")).value.document.id
        gone = service.documents.add_ingested(make_ingested(salt="3")).value.document.id
        service.recommendations.delete(service.recommendations.all(first)[0].id)
        service.documents.remove(gone)
        refs = service.recommendations.refs()
        assert refs == _old_refs(service.recommendations)
        assert sorted(refs.values()) == [f"{first}:1", f"{second}:1", f"{second}:2"]
    finally:
        close_service(service)


def test_actions_print_as_with_the_labels_of_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = build_scale(tmp_path / "w.sqlite", 30, 300, actions=True)
    service = open_service(ws.path, "Tester")
    try:
        service.recommendations.delete(11)  # an action's recommendation deleted: no label
        service.documents.remove(30)

        def printed(argv: list[str]) -> str:
            out = io.StringIO()
            assert cli.run(cli.build_parser().parse_args(argv), service, out) == 0
            return out.getvalue()

        text, as_json = printed(["actions"]), printed(["actions", "--json"])
        monkeypatch.setattr(Recommendations, "refs", _old_refs)
        assert printed(["actions"]) == text
        assert printed(["actions", "--json"]) == as_json
        assert text.count("\n") == 29  # not the action of the document in the bin
    finally:
        close_service(service)
