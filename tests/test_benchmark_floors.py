"""The export floors do the same job as the app: the CSV floor writes the same bytes (checked
by the benchmark itself) and the XLSX floor the same workbook: the same cells on every sheet
(the evidence log, the long cells and a coverage sheet per authority), and the same parts
(the columns' widths and wrapping, the bold header, the frozen panes, the filter)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from benchmarks import floors
from benchmarks.scale import build_scale
from shiny_review.services.export.exporting import ExportFormat, export
from shiny_review.services.session import close_service, open_service
from tests.storage.export_reference import xlsx_parts


def test_the_xlsx_floor_writes_the_apps_cells(tmp_path: Path) -> None:
    # more documents than authorities (153), so that authorities hold several letters
    ws = build_scale(tmp_path / "w.sqlite", 170, 700, links_each=2)
    service = open_service(ws.path, "Test")
    try:
        rows = export(service, ExportFormat.XLSX, tmp_path / "app.xlsx")
    finally:
        close_service(service)
    assert floors.export_xlsx(ws.path, tmp_path / "floor.xlsx") == rows > 0
    app = openpyxl.load_workbook(tmp_path / "app.xlsx", read_only=True)
    floor = openpyxl.load_workbook(tmp_path / "floor.xlsx", read_only=True)
    assert app.sheetnames == floor.sheetnames
    assert len(app.sheetnames) == 2 + 153
    for name in app.sheetnames:
        got = [list(r) for r in floor[name].iter_rows(values_only=True)]
        want = [list(r) for r in app[name].iter_rows(values_only=True)]
        assert got == want, name
    app.close()
    floor.close()
    # and the same workbook: every part (sheets, styles, names) the same bytes
    got, want = xlsx_parts(tmp_path / "floor.xlsx"), xlsx_parts(tmp_path / "app.xlsx")
    assert set(got) == set(want)
    assert [name for name in want if got[name] != want[name]] == []
