"""The board report reads every recommendation's evidence at once (``evidence_of``): the same
evidence as ``evidence`` one recommendation at a time, and the same report, cell for cell, as
the old path that read each recommendation's evidence on its own (each read of 500 or more
highlights read every link of the workspace: recommendations x links)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from benchmarks.scale import build_scale
from shiny_review.domain.entities import Annotation
from shiny_review.services.export.board_report import write_board_xlsx
from shiny_review.services.session import close_service, open_service
from shiny_review.storage.repository import Repository

TODAY = dt.date(2026, 3, 2)


def _one_at_a_time(repo: Repository, ids: list[int]) -> dict[int, list[Annotation]]:
    """The old path: each recommendation's evidence read on its own."""
    return {r: repo.evidence(r) for r in ids}


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return {s.title: [tuple(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}


def _workspace(tmp_path: Path, documents: int, annotations: int) -> Any:
    """A scale workspace (every tenth recommendation and every twentieth annotation deleted,
    two links an annotation, an action a document) with updates citing linked, unlinked and
    deleted highlights, a deleted recommendation with updates, a document in the bin, and
    recommendation 1 with highlights of later documents."""
    ws = build_scale(tmp_path / "w.sqlite", documents, annotations, actions=True)
    service = open_service(ws.path, "Tester")
    service.action_plan.today = lambda: TODAY
    each = annotations // documents
    with service._workspace.write() as repo:  # the next documents' highlights as evidence of
        for a in range(each + 1, min(annotations, 3 * each), 3):  # the first's recommendation 1
            repo.link(a, 1)
    plan = service.action_plan
    plan.add_update(1, "cites its own, another's and a deleted one", [1, 2, 20, 40])
    plan.add_update(1, "again, in another order", [40, 3, 1])
    plan.add_update(11, "cites the last document's", [annotations])
    plan.add_update(4, "on a recommendation deleted next", [5])
    service.recommendations.delete(4)
    service.annotations.delete(7)  # live when cited, deleted now
    plan.add_update(2, "cites one deleted later", [8])
    service.annotations.delete(8)
    service.documents.remove(documents)  # the last document to the bin
    return service


def test_evidence_of_is_evidence_one_at_a_time(tmp_path: Path) -> None:
    service = _workspace(tmp_path, 60, 3_000)  # 600 recommendations: every link read once
    try:
        with service._workspace.read() as repo:
            every = [r for (r,) in repo._driver().execute("SELECT id FROM recommendations")]
            assert len(every) >= 500
            assert repo.evidence_of(every) == _one_at_a_time(repo, every)
            some = every[:40:3]  # fewer than 500: only theirs read
            assert repo.evidence_of(some) == _one_at_a_time(repo, some)
            assert repo.evidence_of([]) == {}
            assert repo.evidence_of([10**6]) == {10**6: []}
    finally:
        close_service(service)


@pytest.mark.parametrize(("documents", "annotations"), [(3, 9_000), (60, 3_000)])
def test_board_report_cells_are_those_of_the_old_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: int, annotations: int
) -> None:
    # (3, 9_000): 3,000 highlights a document, two links each over ten recommendations:
    # 600 a recommendation, above the 500 at which a read of links reads them all.
    service = _workspace(tmp_path, documents, annotations)
    try:
        with service._workspace.read() as repo:
            biggest = max(len(v) for v in repo.evidence_of([1, 2, 3, 5]).values())
        assert biggest >= 500 or documents > 3
        new = service.action_plan.board_report()
        write_board_xlsx(new, tmp_path / "new.xlsx")
        with monkeypatch.context() as patch:
            patch.setattr(Repository, "evidence_of", _one_at_a_time)
            old = service.action_plan.board_report()
        write_board_xlsx(old, tmp_path / "old.xlsx")
        assert new == old
        actions, updates = service.action_plan.actions(), service.action_plan.updates()
        for row in new.recommendations:  # the old recommendations x actions filter
            rec = row.recommendation_id
            assert row.actions == tuple(a for a in actions if a.recommendation_id == rec)
            assert row.updates == tuple(u for u in updates if u.recommendation_id == rec)
        assert sum(len(r.evidence) for r in new.recommendations) > annotations // 2
        assert _cells(tmp_path / "new.xlsx") == _cells(tmp_path / "old.xlsx")
    finally:
        close_service(service)


def test_evidence_of_on_both_engines(workspace_target: Any) -> None:
    from tests.conftest import as_login
    from tests.factories import make_ingested

    service = open_service(as_login(workspace_target, "Officer"), "Officer")
    try:
        doc = service.documents.add_ingested(make_ingested()).value.document.id
        r1, r2 = (r.id for r in service.recommendations.all(doc))
        late = service.annotations.add_quote(
            doc, "Supervision is regular", recommendation_ids=[r1, r2]
        ).value
        early = service.annotations.add_quote(
            doc, "quality of supervision", recommendation_ids=[r1]
        ).value
        gone = service.annotations.add_quote(doc, "Main findings", recommendation_ids=[r2]).value
        service.annotations.delete(gone.id)
        with service._workspace.read() as repo:
            found = repo.evidence_of([r2, r1])
            assert found == _one_at_a_time(repo, [r2, r1])
            assert [a.id for a in found[r1]] == [early.id, late.id]
            assert [a.id for a in found[r2]] == [late.id]
    finally:
        close_service(service)
