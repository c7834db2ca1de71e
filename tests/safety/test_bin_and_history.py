"""Deleted annotations go to a bin and come back; the history of changes can be exported."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from shiny_review.cli import main as cli_main
from shiny_review.services.review import ReviewService
from shiny_review.storage.workspace import Workspace
from tests.factories import make_ingested


def _setup(path: Path) -> int:
    with Workspace(path, "Officer") as ws:
        service = ReviewService(ws)
        doc = service.documents.add_ingested(make_ingested()).value.document.id
        recs = [r.id for r in service.recommendations.all(doc)]
        ann = service.annotations.add_quote(
            doc, "Supervision is regular", note="=cmd|' /C calc'!A0", recommendation_ids=recs
        ).value
        service.annotations.delete(ann.id)
        return ann.id


def test_bin_lists_and_restores_with_links(
    workspace_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ann = _setup(workspace_path)
    ws_arg = ["--workspace", str(workspace_path)]
    assert cli_main(["bin", "--json", *ws_arg]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in listed] == [ann]
    assert cli_main(["bin", "--restore", str(ann), *ws_arg]) == 0
    assert cli_main(["bin", "--restore", str(ann), *ws_arg]) == 1
    assert "not in the bin" in capsys.readouterr().err
    with Workspace(workspace_path, "x") as ws:
        service = ReviewService(ws)
        restored = service.annotations.get(ann)
        assert not restored.deleted and len(restored.recommendation_ids) == 2
        assert service.annotations.deleted() == []


def test_history_exports_as_csv_and_json(
    workspace_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _setup(workspace_path)
    ws_arg = ["--workspace", str(workspace_path)]
    assert cli_main(["history", "--export", str(tmp_path / "h.csv"), *ws_arg]) == 0
    assert cli_main(["history", "--export", str(tmp_path / "h.json"), *ws_arg]) == 0
    raw = (tmp_path / "h.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    actions = [r["action"] for r in rows]
    assert actions == ["create", "create", "link", "link", "delete"]
    assert all(r["author"] == "Officer" for r in rows)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@"))
    items = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    delete = items[-1]
    assert delete["action"] == "delete"
    assert delete["before"]["deleted"] is False and delete["after"]["deleted"] is True
    assert delete["after"]["note"] == "=cmd|' /C calc'!A0"  # JSON keeps the exact text
