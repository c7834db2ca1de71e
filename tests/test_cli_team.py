"""The team commands of the command line (issue 17): ``note`` with a version check (a conflict
is one line on stderr and exit 3) and ``copy`` (prints each table's counts and hashes)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from shiny_review import cli
from shiny_review.cli.team import EXIT_CONFLICT
from shiny_review.services.review import ReviewService
from shiny_review.storage.workspace import Workspace
from tests.factories import make_ingested


@pytest.fixture
def ws(tmp_path: Path) -> tuple[Path, int, int]:
    path = tmp_path / "w.sqlite"
    with Workspace(path, "Maker") as workspace:
        service = ReviewService(workspace)
        doc = service.documents.add_ingested(make_ingested()).value.document.id
        ann = service.annotations.add_quote(doc, "Supervision is regular").value
    return path, ann.id, ann.version


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return cli.main(argv, out=out), out.getvalue()


def test_note_on_the_version_seen_then_a_conflict(
    ws: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ann, seen = ws
    base = ["--workspace", str(path)]
    code, out = run(
        ["note", str(ann), "--text", "Ada's", "--if-version", str(seen), *base, "--author", "Ada"]
    )
    assert code == 0 and out == f"{ann}\tversion {seen + 1}\n"
    code, out = run(
        ["note", str(ann), "--text", "Bea's", "--if-version", str(seen), *base, "--author", "Bea"]
    )
    err = capsys.readouterr().err
    assert code == EXIT_CONFLICT and out == ""
    assert err.count("\n") == 1 and "changed by Ada" in err and 'now "Ada\'s"' in err
    with Workspace(path, "reader", read_only=True) as workspace:
        assert ReviewService(workspace).annotations.get(ann).note == "Ada's"


def test_copy_prints_every_table_checked(ws: tuple[Path, int, int], tmp_path: Path) -> None:
    path, _, _ = ws
    target = tmp_path / "copy.sqlite"
    code, out = run(["copy", str(path), str(target)])
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("table\tsource rows") and lines[-1].startswith("copied and checked")
    rows = {line.split("\t")[0]: line.split("\t") for line in lines[1:-1]}
    assert rows["annotations"][1:3] == ["1", "1"] and rows["annotations"][-1] == "ok"
    assert rows["annotations"][3] == rows["annotations"][4]
    code, _ = run(["copy", str(path), str(target)])  # not onto a workspace with data
    assert code == 1
