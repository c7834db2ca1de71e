"""The benchmarks (``python -m benchmarks``) run at tiny sizes, so they cannot rot.

Nothing here is timed: docs/performance.md holds the figures of a full run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import run


@pytest.mark.slow
def test_every_benchmark_runs_at_a_tiny_size(qapp: object, tmp_path: Path) -> None:
    output = tmp_path / "performance.md"
    assert run.main(["--quick", "--output", str(output)]) == 0
    table = output.read_text(encoding="utf-8")
    figures = (
        "Import:",
        "Import through the command line:",
        "Export: evidence log to CSV",
        "Export: the same evidence log to XLSX",
        "Search:",
        "Open:",
        "Highlight:",
        "Memory:",
        "Start:",
        "Start to usable:",
        "Scale: export CSV",
        "Scale: documents",
        "Scale: window opens the last document",
        "documents on 4 documents",
        "Page view:",
    )
    for figure in figures:
        assert figure in table, figure
    assert "| Figure | Floor |" in table
