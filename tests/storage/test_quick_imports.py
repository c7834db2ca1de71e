"""An import stored on the plain driver (``storage/quick_imports.py``, issue 16) leaves the
same rows as the ORM repository's: the same files imported into two copies of one workspace,
one through ``Workspace.light_import()`` and one through the ORM, and every row of every table
compares equal (documents, judgements, recommendations, self-checks, the files' bytes, word
boxes, the full-text index, lineage proposals, the history; timestamps too: both paths read
one clock, ``storage.clock``, fixed here), as do the import's answers. A failed import leaves
nothing written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from shiny_review.domain.structure import IngestedDocument
from shiny_review.ingest import ingest_file, page_words
from shiny_review.services import documents as documents_module
from shiny_review.services.review import ReviewService
from shiny_review.services.session import close_service, open_service
from shiny_review.storage.workspace import Workspace
from tests.conftest import CORPUS, SEEDS

R2017 = CORPUS / "shropshire-2017-november-24.pdf"
R2022 = CORPUS / "shropshire-2022-march-25.pdf"
R2025 = CORPUS / "shropshire-2025-august-12.pdf"
BRADFORD = [CORPUS / "bradford-2014-may-23.pdf", CORPUS / "bradford-2023-january-31.pdf"]
LETTER = SEEDS / "004_22c072df4b2967a1.txt"  # a Shropshire letter naming the 2022 items
NEWS = [next(SEEDS.glob(f"{n}_*.txt")) for n in ("000", "001")]
FILES = (R2017, R2022, R2025, LETTER, *NEWS, *BRADFORD)


@pytest.fixture(scope="module")
def ingested(shared_dir: Path) -> dict[Path, IngestedDocument]:
    """Each file read once for the module (the import under test is the store). The import
    leaves a PDF's word boxes (made on first need, issue 16); one file is given them, as an
    ingester may, so that their row is compared too."""
    del shared_dir
    found = {path: ingest_file(path) for path in FILES}
    given = found[R2025]
    assert given.original is not None and given.extracted.words is None
    words = page_words(given.original, R2025.name).words
    found[R2025] = dataclasses.replace(
        given, extracted=dataclasses.replace(given.extracted, words=words)
    )
    return found


@pytest.fixture
def seeded(tmp_path: Path, ingested: dict[Path, IngestedDocument]) -> Path:
    """A workspace holding the first news article (its authority unknown), closed."""
    path = tmp_path / "seed.sqlite"
    service = open_service(path, "Seeder")
    try:
        service.documents.add_ingested(ingested[NEWS[0]])
    finally:
        close_service(service)
    return path


def _session(path: Path, ingested: dict[Path, IngestedDocument], *, orm: bool) -> ReviewService:
    workspace = Workspace(path, "Officer")
    if orm:  # the ORM repository for the import too, as before
        workspace.light_import = workspace.write  # type: ignore[method-assign]

    def ingester(file: Path, *, cancel: threading.Event | None = None) -> IngestedDocument:
        del cancel
        return ingested[file]

    return ReviewService(workspace, ingester=ingester)


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the full-text index's own tables too), with its rowid."""
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found = {}
        for name in names:
            try:
                rows = conn.execute(f"SELECT rowid, * FROM {name}").fetchall()
            except sqlite3.OperationalError:  # a table WITHOUT ROWID (the index's own)
                rows = conn.execute(f"SELECT * FROM {name}").fetchall()
            found[name] = sorted(rows, key=repr)
        return found
    finally:
        conn.close()


def _import(service: ReviewService) -> list[Any]:
    docs = service.documents
    answers: list[Any] = [docs.import_file(R2022), docs.import_file(NEWS[1])]
    answers += docs.import_files([R2025, LETTER, R2017])  # one transaction, lineage within it
    answers += docs.import_files([*BRADFORD, R2022])  # a file already imported: its document
    answers.append(docs.add_ingested(service.documents.ingest(LETTER)))
    return answers


def test_the_driver_imports_the_same_rows_as_the_orm(
    seeded: Path,
    tmp_path: Path,
    ingested: dict[Path, IngestedDocument],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from shiny_review.storage import clock

    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 12, 5, 21, 0, 5))
    answers, rows = {}, {}
    for orm in (True, False):
        copy = tmp_path / f"{'orm' if orm else 'driver'}.sqlite"
        shutil.copy(seeded, copy)
        service = _session(copy, ingested, orm=orm)
        try:
            answers[orm] = _import(service)
            assert service._workspace._database is None or orm  # the driver needed no ORM
        finally:
            close_service(service)
        rows[orm] = _rows(copy)
    assert answers[False] == answers[True]
    assert rows[False].keys() == rows[True].keys()
    for table in rows[True]:
        assert rows[False][table] == rows[True][table], table
    driver = rows[False]
    assert len(driver["documents"]) == 1 + len(FILES) - 1  # the seed and every file but it
    for table in ("lineage_proposals", "document_words", "blobs", "recommendations"):
        assert driver[table], table
    assert driver["documents_fts_data"] and driver["judgements"]
    # the article's authority was found at import (named in its text), in the history
    assert any(r[4:7] == ("edit", "document", 3) for r in driver["history"])
    assert [a.value.created for a in answers[False]][-4:] == [True, True, False, False]


def test_a_failed_import_leaves_nothing(
    seeded: Path, ingested: dict[Path, IngestedDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second file's store fails after the first's was written: neither is kept, the
    write lock is free again, and the import ran with synchronous=FULL in WAL mode."""
    before = _rows(seeded)
    real = documents_module.propose_lineage
    calls: list[int] = []

    def failing(repo: Any, document_id: int) -> None:
        calls.append(document_id)
        real(repo, document_id)
        if len(calls) == 2:
            raise RuntimeError("the disk went away")

    monkeypatch.setattr(documents_module, "propose_lineage", failing)
    service = _session(seeded, ingested, orm=False)
    try:
        with pytest.raises(RuntimeError, match="disk went away"):
            service.documents.import_files([R2022, R2025, LETTER])
        assert len(calls) == 2
        other = sqlite3.connect(seeded)  # another connection may write: no lock is left
        other.execute("PRAGMA busy_timeout=0")
        other.execute("BEGIN IMMEDIATE")
        other.rollback()
        other.close()
        conn = service._workspace._writer._connection()
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert service._workspace._database is None
    finally:
        close_service(service)
    assert _rows(seeded) == before


def test_a_file_whose_document_is_in_the_bin_is_restored_by_the_orm(
    seeded: Path, ingested: dict[Path, IngestedDocument]
) -> None:
    """Met inside the driver's transaction (it was put in the bin after the file was
    checked), the driver's store is rolled back and the ORM takes the document out of the
    bin: one document, restored, and no half of the driver's batch kept twice."""
    service = _session(seeded, ingested, orm=False)
    try:
        first = service.documents.import_file(R2022).value.document
        service.documents.remove(first.id)
        outcomes = service.documents._store_all([ingested[R2025], ingested[R2022]])
        assert [o.value.created for o in outcomes] == [True, False]
        assert outcomes[1].value.restored and outcomes[1].value.document.id == first.id
        assert [d.source_name for d in service.documents.all()].count(R2025.name) == 1
        assert service.documents.removed() == []
    finally:
        close_service(service)
