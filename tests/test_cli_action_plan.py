"""The action plan's commands, run in process through cli.main: actions add/edit/list,
update, deadlines and report, with DOC:N and plain N references."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pymupdf
import pytest

from shiny_review import cli
from shiny_review.services.review import ReviewService
from shiny_review.storage.workspace import Workspace
from tests.factories import make_ingested


def run(workspace: Path, *args: str) -> str:
    out = io.StringIO()
    code = cli.main([*args, "--workspace", str(workspace), "--author", "Cli Officer"], out)
    assert code == 0
    return out.getvalue()


@pytest.fixture
def one_doc(workspace_path: Path) -> tuple[Path, int, int]:
    with Workspace(workspace_path, "setup") as workspace:
        review = ReviewService(workspace)
        doc = review.documents.add_ingested(make_ingested()).value.document
        ann = review.annotations.add_quote(doc.id, "voice").value
    return workspace_path, doc.id, ann.id


def test_add_edit_list_update_and_report(
    one_doc: tuple[Path, int, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws, doc, ann = one_doc
    added = json.loads(
        run(
            ws,
            "actions",
            "add",
            f"{doc}:1",
            "--text",
            "=cmd|' /C calc'!A0",
            "--owner",
            "Zoë",
            "--due",
            "2020-01-31",
            "--status",
            "on track",
            "--json",
        )
    )
    assert added["recommendation"] == f"{doc}:1"
    assert added["text"] == "=cmd|' /C calc'!A0"
    assert added["overdue_days"] > 0
    second = int(
        run(
            ws,
            "actions",
            "add",
            "2",
            "--text",
            "Audit <b>plans</b> & co",
            "--owner",
            "O",
            "--due",
            "2099-01-01",
        ).strip()
    )
    edited = json.loads(run(ws, "actions", "edit", str(second), "--status", "at risk", "--json"))
    assert edited["rag"] == "Amber: at risk"
    listed = json.loads(run(ws, "actions", "--json"))
    assert [(a["id"], a["status"]) for a in listed] == [
        (added["id"], "on track"),
        (second, "at risk"),
    ]
    assert "days overdue" in run(ws, "actions")
    update = json.loads(
        run(ws, "update", "1", "--text", "@risk: café", "--evidence", str(ann), "--json")
    )
    assert update["evidence"] == [ann]
    assert update["author"] == "Cli Officer"
    deadlines = json.loads(run(ws, "deadlines", "--json"))
    assert deadlines[0]["due"] is None and deadlines[0]["title"].startswith("none")
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    run(ws, "report", "--xlsx", str(xlsx), "--pdf", str(pdf))
    book = openpyxl.load_workbook(xlsx)
    assert book["Actions"]["C2"].value == "=cmd|' /C calc'!A0"
    assert book["Actions"]["C2"].data_type == "s"
    assert book["Updates"]["E2"].value == "@risk: café"
    with pymupdf.open(pdf) as doc:
        text = " ".join(" ".join(page.get_text().split()) for page in doc)
        links = [link for page in doc for link in page.get_links()]
        widgets = [w for page in doc for w in page.widgets()]
    assert "Audit <b>plans</b> & co" in text  # escaped: shown, never markup
    assert "=cmd|' /C calc'!A0" in text
    assert "@risk: café" in text
    assert links == [] and widgets == []  # nothing in it to click or run


def test_errors_are_one_line_and_change_nothing(
    one_doc: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    ws, doc, _ = one_doc
    args = ["actions", "add", f"{doc}:9", "--text", "T", "--owner", "O", "--due", "2027-01-01"]
    assert cli.main([*args, "--workspace", str(ws)], io.StringIO()) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert cli.main(["report", "--workspace", str(ws)], io.StringIO()) == 1
    assert json.loads(run(ws, "actions", "--json")) == []
