"""Migrations: a backup first; a kill at any statement leaves the old or the new schema, every row.

The workspace under test is made at revision 0001 with real rows, then opened by the current
code, which upgrades it to the head revision.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from sqlalchemy.orm import Session

from shiny_review.domain.anchoring import content_hash, make_anchor
from shiny_review.domain.entities import Stance
from shiny_review.storage.backups import list_backups
from shiny_review.storage.clock import now
from shiny_review.storage.database import (
    REVISIONS,
    _alembic_config,
    _make_engine,
    alembic_revisions,
    head_revision,
)
from shiny_review.storage.repository import Repository
from shiny_review.storage.schema import LinkRow
from shiny_review.storage.workspace import Workspace
from tests.factories import make_ingested

REPO = Path(__file__).resolve().parents[2]
DATA_TABLES = ("documents", "judgements", "recommendations", "annotations", "links", "history")

KILLER = """
import os, signal, sys
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.engine import Engine
from shiny_review.storage.workspace import Workspace

target = int(sys.argv[2])
count = 0

@event.listens_for(Engine, "before_cursor_execute")
def _kill_at(conn, cursor, statement, parameters, context, executemany):
    global count
    count += 1
    if count == target:
        sys.stdout.write(statement.split()[0] + "\\n")
        sys.stdout.flush()
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

Workspace(Path(sys.argv[1]), "migrator").close()
print("finished", count)
"""


def make_old_workspace(path: Path, revision: str = "0001") -> None:
    """A workspace at an old revision, holding a document, annotations, links and history."""
    engine = _make_engine(path, immediate=True)
    command.upgrade(_alembic_config(engine), revision)
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=0x53525657")
    conn.close()
    engine = _make_engine(path, immediate=True)
    with Session(engine) as session, session.begin():
        repo = Repository(session, "old version")
        ingested = make_ingested()
        doc = repo.add_document(ingested)
        text = ingested.extracted.text
        recs = [  # (read as the old schema has them: the repository reads today's)
            r[0]
            for r in session.execute(
                sa.text("SELECT id FROM recommendations WHERE document_id = :d ORDER BY position"),
                {"d": doc},
            )
        ]
        for i, quote in enumerate(("Children’s “voice”", "Supervision is regular", "drift")):
            start = text.index(quote)
            anchor = make_anchor(
                text,
                start,
                start + len(quote),
                page=1,
                paragraph=None,
                text_hash=content_hash(text),
            )
            ann = repo.add_annotation(
                doc,
                anchor,
                section=None,
                stance=Stance.SHOWS_CONCERN,
                note=f"note {i} 🙂",
                colour=None,
            )
            # the link row as revision 0001 had it (repo.link also raises 0009's version)
            session.add(
                LinkRow(annotation_id=ann, recommendation_id=recs[i % len(recs)], created_at=now())
            )
    engine.dispose()


def dump(path: Path, columns_of: Path | None = None) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the data tables, in the columns ``columns_of`` has (a later revision
    may add columns, e.g. 0009's ``version``; the old rows must be there unchanged)."""
    with sqlite3.connect(columns_of or path) as old:
        columns = {
            t: ", ".join(f'"{r[1]}"' for r in old.execute(f"PRAGMA table_info({t})"))
            for t in DATA_TABLES
        }
    old.close()
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT {columns[t]} FROM {t} ORDER BY id").fetchall()
            for t in DATA_TABLES
        }
    finally:
        conn.close()


def state(path: Path) -> tuple[str, str, bool]:
    conn = sqlite3.connect(path)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return ok, revision, "settings" in tables
    finally:
        conn.close()


def test_revision_list_matches_the_migration_scripts() -> None:
    assert list(REVISIONS) == alembic_revisions()
    assert head_revision() == alembic_revisions()[-1]


def test_backup_is_made_before_a_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    make_old_workspace(path)
    before = dump(path)
    with Workspace(path, "new version") as ws:
        backup = ws.migration_backup
        with ws.read() as repo:
            assert len(repo.annotations()) == 3
    assert backup is not None
    assert [b.reason for b in list_backups(path)] == ["before-migration"]
    assert state(backup) == ("ok", "0001", False)
    assert dump(backup) == before
    assert state(path) == ("ok", head_revision(), True)
    assert dump(path, columns_of=backup) == before


def _run_killer(path: Path, target: int) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-c", KILLER, str(path), str(target)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_kill_at_every_statement_of_a_migration_leaves_old_or_new_schema(tmp_path: Path) -> None:
    pristine = tmp_path / "old.sqlite"
    make_old_workspace(pristine)
    rows = dump(pristine)
    counting = tmp_path / "count" / "old.sqlite"
    counting.parent.mkdir()
    shutil.copy(pristine, counting)
    finished = _run_killer(counting, 10**9)
    assert finished.stdout.startswith("finished"), finished.stderr
    statements = int(finished.stdout.split()[1])
    assert statements >= 8

    def kill_at(target: int) -> tuple[int, str, str, bool, bool, str]:
        path = tmp_path / f"kill-{target}" / "old.sqlite"
        path.parent.mkdir()
        shutil.copy(pristine, path)
        proc = _run_killer(path, target)
        ok, revision, has_settings = state(path)
        return (
            target,
            ok,
            revision,
            has_settings,
            dump(path, pristine) == rows,
            proc.stdout + proc.stderr,
        )

    # Every statement of the open is a kill point, each on a fresh copy of the old workspace.
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(kill_at, range(1, statements + 1)))
    outcomes = {}
    for target, ok, revision, has_settings, same_rows, output in results:
        assert "finished" not in output, f"statement {target} was not a kill point"
        assert ok == "ok", f"kill at statement {target}: {ok}"
        assert (revision, has_settings) in {("0001", False), (head_revision(), True)}, (
            f"kill at statement {target} ({output.strip()}) left a mixed schema"
        )
        assert same_rows, f"kill at statement {target} lost rows"
        outcomes[target] = revision
    assert list(outcomes.values()).count("0001") >= 5  # kills did land inside the migration
    # Every killed copy still opens and upgrades with its rows.
    last = tmp_path / f"kill-{statements // 2}" / "old.sqlite"
    with Workspace(last, "after") as ws, ws.read() as repo:
        assert len(repo.annotations()) == 3


def test_a_0007_workspace_gains_the_bin_of_documents_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "0007.sqlite"
    make_old_workspace(path, "0007")
    before = dump(path)
    old = tmp_path / "0007-copy.sqlite"
    shutil.copyfile(path, old)
    with Workspace(path, "new version") as ws, ws.read() as repo:
        docs = repo.list_documents()
        assert len(docs) == 1 and docs[0].removed_at is None
        assert len(repo.annotations()) == 3
        assert repo.removed_documents() == []
    assert state(path) == ("ok", head_revision(), True)
    assert dump(path, columns_of=old) == before
    with sqlite3.connect(path) as conn:
        live = conn.execute("SELECT count(*) FROM documents WHERE deleted_at IS NULL").fetchone()
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(documents)")}
    assert live == (1,)
    assert "ix_documents_deleted_at" in indexes
