"""Coverage of many authorities from one read: the same matrices as one authority at a time,
and the export's coverage sheets do not read the workspace once per authority."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scale import build_scale
from shiny_review.services import threads as thread_rules
from shiny_review.services.export.exporting import coverage_sheets
from shiny_review.services.session import close_service, open_service


def test_coverage_of_many_is_coverage_of_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = build_scale(tmp_path / "scale.sqlite", 40, 400)
    service = open_service(ws.path, "Tester")
    try:
        names = service.cycle.authorities()
        assert len(names) > 3
        one_by_one = [service.cycle.coverage(name) for name in names]
        assert service.cycle.coverage_of(names) == one_by_one
        calls: list[int] = []
        real = thread_rules.threads

        def counted(*args: object, **kwargs: object) -> object:
            calls.append(1)
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(thread_rules, "threads", counted)
        sheets = coverage_sheets(service)
        assert [table for _, table in sheets] == [m.table() for m in one_by_one]
        assert len(calls) == 1  # one read for every authority's sheet
    finally:
        close_service(service)
