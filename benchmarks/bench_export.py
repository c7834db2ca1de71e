"""Export: the evidence log of 100,000 links over 2,000 documents to CSV and to XLSX, against
floors written independently of the app (``benchmarks/floors.py``: its own SQL, the csv module,
raw XlsxWriter in constant-memory mode). The XLSX floor writes the same workbook as the app:
the evidence log and a coverage sheet per authority, styled the same
(tests/test_benchmark_floors.py: the same cells and parts). The workspace is made by
``benchmarks/scale.py`` (the app's schema, filled with raw sqlite3): ten recommendations a
document, one in ten deleted; one annotation in twenty deleted; two links an annotation."""

from __future__ import annotations

from benchmarks import floors
from benchmarks.common import Config, Result, interleaved, median
from benchmarks.scale import build_scale


def run(cfg: Config) -> list[Result]:
    from shiny_review.services.export.exporting import ExportFormat, coverage_sheets, export
    from shiny_review.services.session import close_service, open_service

    documents = cfg.size(2_000, 20)
    annotations = cfg.size(50_000, 200)
    ws = build_scale(cfg.tmp / "export.sqlite", documents, annotations, links_each=2)
    service = open_service(ws.path, "Benchmark")
    try:
        target, floor_target = cfg.tmp / "evidence.csv", cfg.tmp / "floor.csv"
        rows = export(service, ExportFormat.CSV, target)
        # the floor writes the same bytes (no cell of this workspace needs neutralising)
        assert floors.export_csv(ws.path, floor_target) == rows > 0
        assert target.read_bytes() == floor_target.read_bytes(), "the floor's CSV differs"
        repeats = cfg.size(5, 1)
        csv_samples = interleaved(
            {
                "floor": lambda: floors.export_csv(ws.path, floor_target),
                "app": lambda: export(service, ExportFormat.CSV, target),
            },
            repeats,
        )
        # the XLSX's rows written: the log's and the coverage sheets' (a row a live
        # recommendation of an authority's documents)
        coverage_rows = sum(len(lines) - 1 for _, lines in coverage_sheets(service))
        xlsx_repeats = cfg.size(3, 1)
        xlsx_samples = interleaved(
            {
                "floor": lambda: floors.export_xlsx(ws.path, cfg.tmp / "floor.xlsx"),
                "app": lambda: export(service, ExportFormat.XLSX, cfg.tmp / "evidence.xlsx"),
            },
            xlsx_repeats,
        )
    finally:
        close_service(service)
    csv_row = median(csv_samples["app"]) / rows * 1e6
    xlsx_row = median(xlsx_samples["app"]) / (rows + coverage_rows) * 1e6
    shape = f"{rows:,} rows ({ws.links:,} links) over {documents:,} documents"
    return [
        Result(
            f"Export: evidence log to CSV, {shape}",
            "own SQL + csv module (benchmarks/floors.py), same bytes",
            median(csv_samples["floor"]),
            median(csv_samples["app"]),
            budget=1.3,
            note=f"median of {repeats}, interleaved; {csv_row:.1f} µs a log row",
        ),
        Result(
            f"Export: the same evidence log to XLSX, {shape}",
            "own SQL + raw XlsxWriter constant_memory, same workbook (log + coverage)",
            median(xlsx_samples["floor"]),
            median(xlsx_samples["app"]),
            budget=1.3,
            note=f"median of {xlsx_repeats}, interleaved; {xlsx_row:.1f} µs a row written "
            f"({rows:,} log + {coverage_rows:,} coverage)",
        ),
    ]
