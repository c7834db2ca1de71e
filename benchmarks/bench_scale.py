"""Scale: every command and the window at 1k, 10k, 100k (and, with --large, 1M) annotations
over 20, 200 and 2,000 documents, as time per unit (per row, per document, per annotation).

Each row's floor is the same command's time per unit at the smallest size of the grid
(1,000 annotations over 20 documents): the ratio is the growth of the cost of one unit, so
anything worse than linear shows as a number above 1 that grows with the size. A fixed cost
(opening a session, an fsync) makes the small sizes dearer per unit, so linear commands show
ratios at or below 1 at the large sizes. The exports carry the budget "time per row flat
within 1.5x from 1k to 1M". ``documents`` at 2,000 documents also has its own floor, a bare
sqlite3 listing (budget 2x).

Units: export rows written (CSV: the evidence log's data rows; XLSX: the evidence log's and
the coverage sheets' data rows, a coverage row for each live recommendation of an authority's
documents); ``documents`` and search per document; ``show`` per call; the window's attach
(workspace to documents tree painted) per document; opening the last document (text,
highlights, painted) per live annotation of that document, or per call where it holds fewer
than at the smallest size (``PER_CALL_BELOW``). Two links an annotation. The other
read commands, through ``cli.run`` on the open session: ``history`` per change (a create per
annotation, a delete per deleted one), ``bin`` per item in it, ``threads`` and ``deadlines``
per document, ``coverage`` of one authority per recommendation of it, ``actions`` per action
(one a document), ``report --xlsx`` per row of its sheets (a row for each live recommendation
on two sheets, each action and each live link: ``_report_rows``; up to 100,000 annotations:
``REPORT_UP_TO``); each timed once when it takes half a second.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path

from benchmarks import floors
from benchmarks.common import Config, Result, median, timed
from benchmarks.scale import RECOMMENDATIONS_EACH, ScaleWorkspace, build_scale


def _sizes(cfg: Config) -> tuple[tuple[int, ...], tuple[int, ...]]:
    if cfg.quick:
        return (100, 400), (2, 4)
    annotations = (1_000, 10_000, 100_000) + ((1_000_000,) if cfg.large else ())
    return annotations, (20, 200, 2_000)


def _best(fn: Callable[[], object], repeats: int) -> float:
    return median([timed(fn) for _ in range(repeats)])


# ``report`` reads every recommendation's evidence in one read (it read each one's on its own,
# and each read of 500 or more highlights read every link: 140 s at 100,000 annotations over
# 20 documents). What is left is linear in its evidence rows, most of it XlsxWriter's writing
# of their cells (~30 s for the 170,000 rows of 100,000 annotations), so its rows stop before
# the opt-in million (``--large``), where each workspace's report would take minutes.
REPORT_UP_TO = 100_000


def _report_rows(ws: ScaleWorkspace) -> int:
    """The rows of the board report's sheets: Recommendations and Coverage a row for each
    live recommendation, Actions one for each action, Evidence one for each live link."""
    return 2 * ws.documents * (RECOMMENDATIONS_EACH - 1) + ws.actions + ws.live_links


def _quick_or_best(fn: Callable[[], object], repeats: int = 3, slow: float = 0.5) -> float:
    """One run if it took ``slow`` seconds or more (its one-off costs are small beside it),
    else the median of ``repeats`` more: the read commands' rows cost seconds, not minutes."""
    first = timed(fn)
    return first if first >= slow else _best(fn, repeats)


def _measure(cfg: Config, ws: ScaleWorkspace, warmed: set[str]) -> dict[str, tuple[float, int]]:
    """Seconds and units of each command on one workspace."""
    from shiny_review import cli
    from shiny_review.services.export.exporting import ExportFormat, coverage_sheets, export
    from shiny_review.services.session import close_service, open_service

    repeats = 3 if ws.annotations <= 10_000 else 1
    out: dict[str, tuple[float, int]] = {}
    service = open_service(ws.path, "Benchmark")
    parser = cli.build_parser()
    last = ws.documents
    try:
        rows = export(service, ExportFormat.CSV, cfg.tmp / "scale.csv")
        out["export csv"] = (
            _best(lambda: export(service, ExportFormat.CSV, cfg.tmp / "scale.csv"), repeats),
            rows,
        )
        # The XLSX per row: every data row it writes, the evidence log's and the coverage
        # sheets' (a row for each live recommendation of an authority's documents): at 2,000
        # documents with few annotations the coverage rows are as many as the log's.
        coverage_rows = sum(len(lines) - 1 for _, lines in coverage_sheets(service))
        out["export xlsx"] = (
            _best(lambda: export(service, ExportFormat.XLSX, cfg.tmp / "scale.xlsx"), 1),
            rows + coverage_rows,
        )
        for name, argv, units in (
            ("documents", ["documents"], ws.documents),
            ("documents --json", ["documents", "--json"], ws.documents),
            ("show", ["show", str(last)], 1),
        ):
            args = parser.parse_args(argv)
            out[name] = (_best(lambda args=args: cli.run(args, service, io.StringIO()), 3), units)
        out["search"] = (_best(lambda: service.search.find("caseloads"), 3), ws.documents)
        authority = "Authority 1"  # build_scale names "Authority {d % 153}"
        with_authority = sum(1 for d in range(1, ws.documents + 1) if d % 153 == 1)
        for name, argv, units in (
            ("history", ["history"], ws.changes),
            ("bin", ["bin"], ws.annotations // 20),  # every twentieth annotation is deleted
            ("threads", ["threads"], ws.documents),
            (
                "coverage",
                ["coverage", "--authority", authority],
                with_authority * RECOMMENDATIONS_EACH,
            ),
            ("actions", ["actions"], ws.actions),
            ("deadlines", ["deadlines"], ws.documents),
            ("report", ["report", "--xlsx", str(cfg.tmp / "scale-board.xlsx")], _report_rows(ws)),
        ):
            if name == "report" and ws.annotations > REPORT_UP_TO:
                continue
            args = parser.parse_args(argv)
            command = functools.partial(cli.run, args, service, io.StringIO())
            if name not in warmed:  # its imports (the bank holidays, XlsxWriter) once, untimed,
                command()  # on the first and smallest workspace
                warmed.add(name)
            out[name] = (_quick_or_best(command), units)
        out["documents floor"] = (
            _best(lambda: floors.list_documents(ws.path, io.StringIO()), 3),
            ws.documents,
        )
        out.update(_window(cfg, service, last, ws))
    finally:
        close_service(service)
    return out


def _window(
    cfg: Config, service: object, last: int, ws: ScaleWorkspace
) -> dict[str, tuple[float, int]]:
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_window import paint, qapp
    from shiny_review.ui.main_window import MainWindow
    from shiny_review.ui.settings import WindowSettings

    qapp()
    settings = WindowSettings(
        QSettings(str(cfg.tmp / "scale-settings.ini"), QSettings.Format.IniFormat)
    )
    holder: list[object] = []

    def attach() -> None:
        window = MainWindow(service, settings, "benchmark")
        window.resize(1280, 860)
        window.show()
        QTest.qWaitForWindowExposed(window)
        QApplication.processEvents()
        window.repaint()
        holder.append(window)

    attach_s = timed(attach)
    window = holder[-1]
    in_last = len(service.annotations.all(last))  # type: ignore[attr-defined]

    def open_last() -> None:
        window.open_document(last)  # type: ignore[attr-defined]
        paint(window.view)  # type: ignore[attr-defined]

    open_last()
    open_s = _best(open_last, 3)
    window.close()  # type: ignore[attr-defined]
    window.deleteLater()  # type: ignore[attr-defined]
    QApplication.processEvents()
    return {"window attach": (attach_s, ws.documents), "window open last": (open_s, in_last)}


LABELS = {
    "export csv": ("Scale: export CSV", "row", 1.5),
    "export xlsx": ("Scale: export XLSX", "row written (log + coverage)", 1.5),
    "documents": ("Scale: documents", "document", None),
    "documents --json": ("Scale: documents --json", "document", None),
    "show": ("Scale: show the last document", "call", None),
    "search": ("Scale: search 'caseloads'", "document", None),
    "history": ("Scale: history", "change", None),
    "bin": ("Scale: bin", "item in the bin", None),
    "threads": ("Scale: threads", "document", None),
    "coverage": ("Scale: coverage of one authority", "recommendation of it", None),
    "actions": ("Scale: actions", "action", None),
    "deadlines": ("Scale: deadlines", "document", None),
    "report": ("Scale: report --xlsx", "row", None),
    "window attach": ("Scale: window built and painted on the workspace", "document", None),
    "window open last": ("Scale: window opens the last document", "annotation in it", None),
}


# Rows measured per call, not per unit, on a workspace whose figure has fewer units than the
# smallest size's (the floor's): opening a document that holds one highlight, or none, is its
# fixed cost, which per highlight read as 158x. Per call against the smallest size's call
# (whose document holds more highlights), so a fixed cost that grows still shows.
PER_CALL_BELOW = {"window open last"}


def run(cfg: Config) -> list[Result]:
    annotation_sizes, document_sizes = _sizes(cfg)
    grid: dict[tuple[int, int], dict[str, tuple[float, int]]] = {}
    warmed: set[str] = set()
    for documents in document_sizes:
        for count in annotation_sizes:
            path = cfg.tmp / f"scale-{documents}-{count}.sqlite"
            ws = build_scale(path, documents, count, history=True, actions=True)
            grid[(documents, count)] = _measure(cfg, ws, warmed)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    base = grid[(document_sizes[0], annotation_sizes[0])]
    smallest = f"{annotation_sizes[0]:,} / {document_sizes[0]:,}"
    results: list[Result] = []
    for key, (label, unit, budget) in LABELS.items():
        floor_s, floor_n = base[key]
        for (documents, count), figures in grid.items():
            if key not in figures:  # not measured at this size (REPORT_UP_TO)
                continue
            seconds, units = figures[key]
            shown_unit, per, floor_per, note = unit, units, floor_n, f"for {units:,}"
            if key in PER_CALL_BELOW and units < floor_n:
                # a fixed cost over a handful of units (none at all at 1,000 / 2,000): per call
                shown_unit, per, floor_per = "call", 1, 1
                note = f"a call: the document holds {units:,} ({floor_n:,} at {smallest})"
            results.append(
                Result(
                    f"{label}, {count:,} annotations / {documents:,} documents, per {shown_unit}",
                    f"the same per {shown_unit} at {smallest}",
                    floor_s / floor_per,
                    seconds / max(per, 1),
                    unit="us",
                    budget=budget,
                    note=f"{seconds * 1000:,.1f} ms {note}",
                )
            )
    big = grid[(document_sizes[-1], annotation_sizes[min(2, len(annotation_sizes) - 1)])]
    results.append(
        Result(
            f"documents on {document_sizes[-1]:,} documents (in process, text listing)",
            "bare sqlite3 listing: id, kind, date, title",
            big["documents floor"][0],
            big["documents"][0],
            budget=2.0,
            note="cli.run on an open session; --json (with highlight counts) "
            f"{big['documents --json'][0] * 1000:.1f} ms",
        )
    )
    return results
