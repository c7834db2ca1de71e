"""The command line contract (DESIGN.md section 5).

The commands run in this process (``cli.main`` with its output captured), which tests the same
contract as a new process would in a fraction of the time; ``test_runs_as_a_process`` checks
the process itself once: ``python -m shiny_review``, its exit code and its one-line error.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from shiny_review.cli import main as cli_main
from shiny_review.domain.export_rows import EVIDENCE_COLUMNS
from tests.conftest import CORPUS, SEEDS

SEED_004 = SEEDS / "004_22c072df4b2967a1.txt"
SEED_004_RECOMMENDATIONS = [
    "The effectiveness of management and independent reviewing officer (IRO) oversight "
    "in the progression of children's plans.",
    "The pace of discharging care orders for children where they are successfully "
    "reunified with their parents or secured with extended family members.",
    "The engagement of children in developing corporate parenting plans and priorities.",
]


def cli(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run one command in this process, as ``shiny-review ARGS --workspace WORKSPACE``."""
    argv = [*args, "--workspace", str(workspace)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            code = cli_main(argv, out=out)
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def test_runs_as_a_process(workspace_path: Path, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "shiny_review", *args, "--workspace", str(workspace_path)],
            capture_output=True,
            timeout=300,
            check=False,
            encoding="utf-8",
        )

    listed = run("documents", "--json")
    assert (listed.returncode, json.loads(listed.stdout), listed.stderr) == (0, [], "")
    failed = run("import", str(tmp_path / "missing.pdf"))
    assert failed.returncode == 1
    assert failed.stderr.startswith("shiny-review: error:") and failed.stderr.count("\n") == 1
    assert "no such file" in failed.stderr


def ok(workspace: Path, *args: str) -> str:
    result = cli(workspace, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def import_one(workspace: Path, path: Path) -> int:
    [entry] = json.loads(ok(workspace, "import", str(path), "--json"))
    return int(entry["id"])


def test_focused_visit_letter_from_seeds(workspace_path: Path, shared_dir: Path) -> None:
    doc = import_one(workspace_path, SEED_004)
    shown = json.loads(ok(workspace_path, "show", str(doc), "--json"))
    assert shown["kind"] == "focused visit"
    assert shown["date"] == "2024-08-30"
    assert shown["authority"] == "Shropshire"
    assert [r["text"] for r in shown["recommendations"]] == SEED_004_RECOMMENDATIONS
    for key in (
        "id",
        "title",
        "inspection_start",
        "inspection_end",
        "lead_inspector",
        "pages",
        "judgements",
        "overall",
    ):
        assert key in shown
    for rec in shown["recommendations"]:
        assert set(rec) >= {"id", "group", "number", "text", "nf_tag", "page"}


def test_import_twice_gives_one_document(workspace_path: Path, shared_dir: Path) -> None:
    first = import_one(workspace_path, SEED_004)
    again = json.loads(ok(workspace_path, "import", str(SEED_004), "--json"))
    assert again == [{"id": first, "title": again[0]["title"], "created": False}]
    assert len(json.loads(ok(workspace_path, "documents", "--json"))) == 1


@pytest.mark.parametrize(
    ("report", "quote", "page", "paragraph"),
    [
        (
            "bradford-2014-may-23.pdf",
            "Children’s voices and opinions are clearly evident in case records and their",
            11,
            37,
        ),
        (
            "shropshire-2017-november-24.pdf",
            "Management oversight is clearly evident through regular",
            13,
            25,
        ),
        ("nottingham-2019-january-07.pdf", "Foster carers value both their supervising", 7, 26),
        ("halton-2024-july-12.pdf", "does not have sufficient foster placements", 7, 27),
    ],
)
def test_corpus_highlight_exports_page_and_paragraph(
    workspace_path: Path,
    tmp_path: Path,
    shared_dir: Path,
    report: str,
    quote: str,
    page: int,
    paragraph: int,
) -> None:
    doc = import_one(workspace_path, CORPUS / report)
    made = json.loads(
        ok(
            workspace_path,
            "annotate",
            str(doc),
            "--quote",
            quote,
            "--recommendation",
            "1",
            "--stance",
            "shows concern",
            "--note",
            "children’s “voice” – é £",
            "--json",
        )
    )
    assert (made["page"], made["paragraph"]) == (page, paragraph)
    out = tmp_path / "log.csv"
    ok(workspace_path, "export", "--format", "csv", "-o", str(out))
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    row = dict(zip(EVIDENCE_COLUMNS, rows[1], strict=True))
    assert row["quote"] == quote
    assert (row["page"], row["paragraph"]) == (str(page), str(paragraph))
    assert row["recommendation_number"] != ""
    assert row["note"] == "children’s “voice” – é £"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.pdf", "no such file"),
        (lambda d: (d / "empty.pdf").write_bytes(b"") or d / "empty.pdf", "empty"),
        (lambda d: (d / "x.docx").write_bytes(b"PK\x03\x04junk") or d / "x.docx", ""),
    ],
)
def test_bad_import_is_one_line_and_leaves_workspace(
    workspace_path: Path,
    tmp_path: Path,
    make,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    ok(workspace_path, "documents")
    before = workspace_path.read_bytes()
    result = cli(workspace_path, "import", str(make(tmp_path)))
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("shiny-review: error:")
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(ok(workspace_path, "documents", "--json")) == []
    del before


def test_unknown_document_and_missing_quote(workspace_path: Path, shared_dir: Path) -> None:
    result = cli(workspace_path, "show", "42")
    assert result.returncode == 1 and "no document with id 42" in result.stderr
    doc = import_one(workspace_path, SEED_004)
    result = cli(workspace_path, "annotate", str(doc), "--quote", "not in this letter at all")
    assert result.returncode == 1 and "quote not found" in result.stderr
    result = cli(
        workspace_path, "annotate", str(doc), "--quote", "Shropshire", "--recommendation", "9"
    )
    assert result.returncode == 1 and "no recommendation" in result.stderr
    history = json.loads(ok(workspace_path, "history", "--json"))
    assert [h["entity"] for h in history] == ["document"]


def test_recommend_by_hand_and_show_says_when_none_found(
    workspace_path: Path, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Council praised for children's services\n\nThe council's children's services were "
        "praised by inspectors this week, the local paper reports.\n",
        encoding="utf-8",
    )
    doc = import_one(workspace_path, article)
    assert "No recommendations were found" in ok(workspace_path, "show", str(doc))
    rec = json.loads(
        ok(workspace_path, "recommend", str(doc), "--text", "Publish the plan.", "--json")
    )
    assert rec["text"] == "Publish the plan."
    shown = json.loads(ok(workspace_path, "show", str(doc), "--json"))
    assert [r["text"] for r in shown["recommendations"]] == ["Publish the plan."]


def test_batch_import_is_all_or_nothing(workspace_path: Path, tmp_path: Path) -> None:
    good = tmp_path / "note.txt"
    good.write_text("Audit note\n\nSupervision was seen in every file.\n", encoding="utf-8")
    result = cli(workspace_path, "import", str(good), str(tmp_path / "missing.pdf"))
    assert result.returncode == 1
    assert "missing.pdf" in result.stderr
    assert json.loads(ok(workspace_path, "documents", "--json")) == []


def test_a_batch_file_that_fails_in_its_child_leaves_nothing_stored(
    workspace_path: Path, tmp_path: Path
) -> None:
    """The batch's first files are stored as they come (issue 16), in the one transaction:
    a later file that cannot be read rolls back those already stored."""
    files = []
    for n in range(3):
        note = tmp_path / f"note-{n}.txt"
        note.write_text(f"Audit note {n}\n\nSupervision was seen in every file.\n", "utf-8")
        files.append(str(note))
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    result = cli(workspace_path, "import", *files, str(junk))
    assert result.returncode == 1
    assert "junk.pdf" in result.stderr
    assert json.loads(ok(workspace_path, "documents", "--json")) == []


def test_corrected_version_keeps_highlights(workspace_path: Path, tmp_path: Path) -> None:
    first = tmp_path / "v1.txt"
    first.write_text(
        "Audit note\n\nSupervision was seen in every file we read.\n", encoding="utf-8"
    )
    doc = import_one(workspace_path, first)
    ok(workspace_path, "annotate", str(doc), "--quote", "seen in every file", "--note", "kept")
    second = tmp_path / "v2.txt"
    second.write_text(
        "Audit note (corrected)\n\nIn March, supervision was seen in every file we read.\n",
        encoding="utf-8",
    )
    report = json.loads(ok(workspace_path, "import", str(second), "--replaces", str(doc), "--json"))
    assert report == {"id": doc, "anchors": {"exact": 1}}
    out = tmp_path / "log.json"
    ok(workspace_path, "export", "--format", "json", "-o", str(out))
    [item] = json.loads(out.read_text(encoding="utf-8"))["first"]["items"]
    assert item["target"]["selector"][0]["exact"] == "seen in every file"
    assert item["target"]["anchorStatus"] == "exact"
