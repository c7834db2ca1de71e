"""The command line's bin of documents (issue 11): remove-document puts a document in the bin,
``bin`` lists it, ``bin --restore-document`` brings it back, and importing the same file again
says it was restored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shiny_review.cli import main as cli_main
from shiny_review.services.review import ReviewService
from shiny_review.storage.workspace import Workspace
from tests.conftest import SEEDS

SEED = SEEDS / "004_22c072df4b2967a1.txt"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli_main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_remove_list_restore_and_import_again(
    workspace_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = ["--workspace", str(workspace_path), "--author", "Casey Clerk"]
    assert _run(["import", str(SEED), *ws], capsys)[0] == 0
    code, out, _ = _run(["remove-document", "1", *ws], capsys)
    assert code == 0 and "removed document 1" in out and "--restore-document 1" in out
    assert json.loads(_run(["documents", "--json", *ws], capsys)[1]) == []
    code, out, _ = _run(["bin", *ws], capsys)
    assert code == 0 and out.startswith("document 1\t")
    listed = json.loads(_run(["bin", "--json", *ws], capsys)[1])
    assert [(e["kind"], e["id"]) for e in listed] == [("document", 1)]
    code, _, err = _run(["remove-document", "1", *ws], capsys)
    assert code == 1 and "in the bin" in err and err.count("\n") == 1

    code, out, _ = _run(["bin", "--restore-document", "1", *ws], capsys)
    assert code == 0 and "restored document 1" in out
    assert [d["id"] for d in json.loads(_run(["documents", "--json", *ws], capsys)[1])] == [1]
    code, _, err = _run(["bin", "--restore-document", "1", *ws], capsys)
    assert code == 1 and "not in the bin" in err

    assert _run(["remove-document", "1", *ws], capsys)[0] == 0
    code, out, _ = _run(["import", str(SEED), *ws], capsys)
    assert code == 0 and "restored from the bin" in out
    imported = json.loads(_run(["import", str(SEED), "--json", *ws], capsys)[1])
    assert imported[0]["id"] == 1 and "restored" not in imported[0]  # already back
    with Workspace(workspace_path, "x") as w:
        entries = ReviewService(w).history.entries()
    doc_entries = [(e.action, e.author) for e in entries if e.entity == "document"]
    assert doc_entries[1:] == [
        ("delete", "Casey Clerk"),
        ("restore", "Casey Clerk"),
        ("delete", "Casey Clerk"),
        ("restore", "Casey Clerk"),
    ]
