"""Global options, read-only commands and refused write targets, run in-process.

``--workspace`` and ``--author`` work before and after every command's name; read-only
commands take no lock, make no backup and run no migration; no export, history export, backup
or restore ever writes onto the workspace, its write-ahead log, its lock or a backup.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from shiny_review import cli
from shiny_review.command_names import COMMANDS
from shiny_review.services.review import ReviewService
from shiny_review.storage.backups import make_backup
from shiny_review.storage.workspace import Workspace
from tests.conftest import SEEDS
from tests.factories import make_ingested

SEED = SEEDS / "004_22c072df4b2967a1.txt"
AUTHOR = "Ada Given"
DEFAULT_AUTHOR = "Default Person"
QUOTE = "Supervision is regular"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with one document, one live and one deleted annotation, and one backup."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "w.sqlite"
    with Workspace(path, "Maker") as ws:
        service = ReviewService(ws)
        doc = service.documents.add_ingested(make_ingested()).value.document.id
        service.annotations.add_quote(doc, QUOTE)
        gone = service.annotations.add_quote(doc, "Main findings").value.id
        service.annotations.delete(gone)
    make_backup(path, "manual")
    return path


@pytest.fixture
def ws(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "w.sqlite"
    shutil.copy2(template, target)
    shutil.copytree(template.with_name("w-backups"), tmp_path / "w-backups")
    default = tmp_path / "default" / "workspace.sqlite"
    monkeypatch.setattr(cli, "default_workspace", lambda: default)
    monkeypatch.setattr(cli, "default_author", lambda: DEFAULT_AUTHOR)
    return target


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(argv, out=out)
    return code, out.getvalue()


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def history_authors(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT author FROM history ORDER BY id")]


def backups_of(path: Path) -> list[str]:
    folder = path.with_name(f"{path.stem}-backups")
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def deleted_id(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT id FROM annotations WHERE deleted_at IS NOT NULL").fetchone()
    return int(row[0])


# Each command: its arguments (given the workspace), whether it changes the workspace, and a
# check of its output that only the given workspace can satisfy.
Case = tuple[Callable[[Path], list[str]], bool, Callable[[Path, str], bool]]
CASES: dict[str, Case] = {
    "import": (lambda w: ["import", str(SEED)], True, lambda w, o: "imported" in o),
    "documents": (lambda w: ["documents", "--json"], False, lambda w, o: len(json.loads(o)) == 1),
    "show": (lambda w: ["show", "1", "--json"], False, lambda w, o: json.loads(o)["id"] == 1),
    "annotate": (
        lambda w: ["annotate", "1", "--quote", "Children’s “voice”"],
        True,
        lambda w, o: o.strip().isdigit(),
    ),
    "recommend": (lambda w: ["recommend", "1", "--text", "Do more."], True, lambda w, o: True),
    "export": (
        lambda w: ["export", "--format", "csv", "-o", str(w.with_name("log.csv"))],
        False,
        lambda w, o: QUOTE in w.with_name("log.csv").read_text("utf-8-sig"),
    ),
    "history": (lambda w: ["history", "--json"], False, lambda w, o: len(json.loads(o)) >= 3),
    "bin": (lambda w: ["bin", "--restore", str(deleted_id(w))], True, lambda w, o: True),
    "remove-document": (
        lambda w: ["remove-document", "1"],
        True,
        lambda w, o: "removed document 1" in o,
    ),
    "backups": (lambda w: ["backups", "--now"], True, lambda w, o: str(w.parent) in o),
    "actions": (lambda w: ["actions", "--json"], False, lambda w, o: json.loads(o) == []),
    "update": (lambda w: ["update", "1:1", "--text", "Audit done."], True, lambda w, o: True),
    "deadlines": (lambda w: ["deadlines", "--json"], False, lambda w, o: len(json.loads(o)) == 1),
    "report": (
        lambda w: ["report", "--xlsx", str(w.with_name("board.xlsx"))],
        False,
        lambda w, o: w.with_name("board.xlsx").stat().st_size > 0,
    ),
    "link": (lambda w: ["link", "1", "--recommendation", "2"], True, lambda w, o: True),
    "threads": (lambda w: ["threads", "--json"], False, lambda w, o: "threads" in json.loads(o)),
    "coverage": (lambda w: ["coverage", "--json"], False, lambda w, o: bool(json.loads(o))),
    "set-authority": (lambda w: ["set-authority", "1", "Halton"], True, lambda w, o: True),
    "confirm": (lambda w: ["confirm", "1"], True, lambda w, o: True),
    # the team workspace (issue 17)
    "note": (lambda w: ["note", "1", "--text", "Seen."], True, lambda w, o: "version" in o),
    "copy": (
        lambda w: ["copy", str(w), str(w.with_name("copy.sqlite"))],
        False,
        lambda w, o: "copied and checked" in o and w.with_name("copy.sqlite").exists(),
    ),
    "server-setup": (
        lambda w: ["server-setup", "--database", "team"],
        False,
        lambda w, o: "CREATE ROLE shiny_review_editor" in o and 'ON DATABASE "team"' in o,
    ),
    "restore": (
        lambda w: ["restore", str(w.with_name("w-backups") / backups_of(w)[0])],
        True,
        lambda w, o: "restored" in o,
    ),
}


def test_every_command_has_a_case() -> None:
    assert set(CASES) == set(COMMANDS)


@pytest.mark.parametrize("form", ["before", "after"])
@pytest.mark.parametrize("command", COMMANDS)
def test_workspace_and_author_before_and_after_the_command(
    ws: Path, command: str, form: str
) -> None:
    args_of, writes, shows_ws = CASES[command]
    args = args_of(ws)
    options = ["--workspace", str(ws), "--author", AUTHOR]
    argv = options + args if form == "before" else args + options
    before, authors_before, backups_before = digest(ws), history_authors(ws), backups_of(ws)

    code, out = run(argv)

    assert code == 0, out
    assert shows_ws(ws, out), out
    default = cli.default_workspace()
    assert not default.exists() and not default.parent.exists()  # the default is untouched
    if command == "restore":
        assert len(backups_of(ws)) == len(backups_before) + 1  # the replaced one, kept
    elif command == "backups":
        assert len(backups_of(ws)) == len(backups_before) + 1
    elif writes:
        new = history_authors(ws)[len(authors_before) :]
        assert new and set(new) == {AUTHOR}
    if not writes:
        assert digest(ws) == before  # read-only: the file's bytes are unchanged
        assert backups_of(ws) == backups_before  # and no backup was made


def test_author_defaults_when_not_given(ws: Path) -> None:
    code, _ = run(["annotate", "1", "--quote", "Main findings", "--workspace", str(ws)])
    assert code == 0
    assert history_authors(ws)[-1] == DEFAULT_AUTHOR


@pytest.mark.parametrize(
    "argv",
    [
        ["documents"],
        ["show", "1"],
        ["history"],
        ["bin"],
        ["backups"],
        ["export", "--format", "json", "-o", "OUT"],
    ],
)
def test_read_only_commands_work_while_a_writer_holds_the_workspace(
    ws: Path, argv: list[str]
) -> None:
    argv = [str(ws.with_name("out.json")) if a == "OUT" else a for a in argv]
    with Workspace(ws, "Window") as window:  # the writer lock is held, as by a window
        service = ReviewService(window)
        before = backups_of(ws)
        code, out = run([*argv, "--workspace", str(ws)])
        assert code == 0, out
        assert backups_of(ws) == before
        # the window keeps writing while (and after) the command reads
        service.annotations.add_quote(1, "Main findings")
    assert run(["documents", "--workspace", str(ws)])[0] == 0


def test_read_only_command_does_not_migrate_an_older_workspace(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(ws) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0002'")
    before = digest(ws)
    code, _ = run(["documents", "--workspace", str(ws)])
    assert code == 1
    err = capsys.readouterr().err
    assert "older version" in err and "open it in the app" in err
    assert err.count("\n") == 1
    assert digest(ws) == before


# -- refused write targets -----------------------------------------------------------------


def _targets(ws: Path) -> dict[str, Path]:
    backup = ws.with_name("w-backups") / backups_of(ws)[0]
    return {
        "workspace": ws,
        "wal": ws.with_name(ws.name + "-wal"),
        "lock": ws.with_name(ws.name + ".lock"),
        "backup": backup,
    }


def _snapshot(folder: Path) -> dict[str, str | None]:
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


TARGETS = ["workspace", "wal", "lock", "backup"]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize(
    "how",
    ["export-csv", "export-xlsx", "export-json", "history-csv", "history-json", "restore-from"],
)
def test_no_writer_writes_onto_the_workspace_its_wal_its_lock_or_a_backup(
    ws: Path, target: str, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Make the WAL and the lock exist with content, as while a window has the workspace open.
    with Workspace(ws, "Maker") as w:
        w.backup_now("manual")
    conn = sqlite3.connect(ws)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    conn.commit()
    path = _targets(ws)[target]
    assert path.exists()
    before = _snapshot(ws.parent)
    kind, _, fmt = how.partition("-")
    if kind == "export":
        argv = ["export", "--format", fmt, "-o", str(path)]
    elif kind == "history":
        argv = ["history", "--export", str(path)]
    else:
        argv = ["restore", str(path)]
    code, out = run([*argv, "--workspace", str(ws)])
    after = _snapshot(ws.parent)  # (before closing: the last close checkpoints the WAL)
    conn.close()
    err = capsys.readouterr().err
    if how == "restore-from" and target == "backup":
        assert code == 0  # restoring from a backup is what restore is for
        return
    assert code == 1 and out == ""
    assert err.startswith("shiny-review: error: refusing to ") and err.count("\n") == 1, err
    assert after == before


def test_restore_over_a_backup_and_changing_a_backup_are_refused(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backups = [ws.with_name("w-backups") / b for b in backups_of(ws)]
    before = _snapshot(ws.parent)
    assert run(["restore", str(ws), "--workspace", str(backups[0])])[0] == 1
    assert run(["annotate", "1", "--quote", QUOTE, "--workspace", str(backups[0])])[0] == 1
    assert run(["backups", "--now", "--workspace", str(backups[0])])[0] == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all("refusing" in line and "backup" in line for line in err)
    assert _snapshot(ws.parent) == before


def test_a_symlink_or_another_spelling_of_the_workspace_is_refused(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = ws.with_name("innocent.csv")
    link.symlink_to(ws)
    hard = ws.with_name("hard.csv")
    hard.hardlink_to(ws)
    before = digest(ws)
    for target in (link, hard, ws.parent / ".." / ws.parent.name / ws.name):
        code, _ = run(["export", "--format", "csv", "-o", str(target), "--workspace", str(ws)])
        assert code == 1
    assert digest(ws) == before
    assert capsys.readouterr().err.count("refusing") == 3
