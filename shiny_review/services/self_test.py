"""``shiny-review --self-test``: prove an installed (or frozen) app works, end to end, offline.

It imports the bundled fictional sample letter into a throwaway workspace in a temporary
folder, highlights two passages (one linked to a recommendation, one not), exports the
evidence log as CSV, XLSX and JSON, reads each file back and checks it, then deletes the
folder. The person's own workspace is never opened. No Qt here: services only.

The import goes through the same child process as a real import (``ingest_isolated``),
so in a PyInstaller build this also proves that multiprocessing works in the frozen app.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from shiny_review import __version__
from shiny_review.domain.entities import Stance
from shiny_review.domain.export_rows import EVIDENCE_COLUMNS, NO_EVIDENCE
from shiny_review.runtime.resources import resource_path
from shiny_review.services.export.exporting import ExportFormat, export
from shiny_review.services.isolated_ingest import ingest_isolated
from shiny_review.services.review import Ingester, ReviewService
from shiny_review.storage.workspace import Workspace

SAMPLE_PARTS = ("self-test", "self-test-letter.txt")
EXPECTED_RECOMMENDATIONS = 3
LINKED_QUOTE = "Written plans for some children are not updated after reviews"
UNLINKED_QUOTE = "Caseloads have reduced since the last inspection"
# A note that a spreadsheet would run as a formula: the exports must keep it as text.
FORMULA_NOTE = "=1+1 self-test note, must stay text"
FALLBACK_RECOMMENDATION = (
    "The timeliness and quality of written plans for children in need "
    "(added by the self-test because the import found no recommendations)."
)
SPREADSHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class SelfTestFailure(Exception):
    """A check failed; the message says which and why."""


@dataclass
class SelfTestReport:
    """What the self-test did: one line per step, and anything a person should know."""

    passed: bool = False
    steps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failure: str | None = None
    seconds: float = 0.0


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


@contextmanager
def _workdir(parent: Path | None) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="shiny-review-self-test-", dir=parent) as tmp:
        yield Path(tmp)


def check_csv(path: Path, expected_rows: int, linked_quote: str, rec_text: str) -> None:
    """UTF-8 with BOM, CRLF line ends, every field quoted, our columns, formulas neutralised."""
    raw = path.read_bytes()
    _check(raw.startswith(b"\xef\xbb\xbf"), "CSV: no UTF-8 byte order mark")
    _check(raw.endswith(b"\r\n"), "CSV: the last line does not end with CRLF")
    _check(
        raw.count(b"\n") == raw.count(b"\r\n"),
        "CSV: some line ends are bare LF, not CRLF",
    )
    text = raw.decode("utf-8-sig")
    first_line = text.split("\r\n", 1)[0]
    _check(
        first_line == ",".join(f'"{c}"' for c in EVIDENCE_COLUMNS),
        f"CSV: the header is not the evidence-log columns, quoted: {first_line[:120]!r}",
    )
    rows = list(csv.reader(io.StringIO(text, newline="")))
    _check(rows[0] == list(EVIDENCE_COLUMNS), "CSV: the header does not parse back")
    body = rows[1:]
    _check(len(body) == expected_rows, f"CSV: {len(body)} data rows, expected {expected_rows}")
    col = {name: i for i, name in enumerate(EVIDENCE_COLUMNS)}
    linked = [r for r in body if r[col["quote"]] == linked_quote]
    _check(len(linked) == 1, "CSV: the linked passage is not on exactly one row")
    row = linked[0]
    _check(
        row[col["recommendation_text"]] == rec_text, "CSV: the linked row lost its recommendation"
    )
    _check(
        row[col["stance"]] == Stance.SHOWS_CONCERN.value,
        f"CSV: the stance is {row[col['stance']]!r}",
    )
    _check(
        row[col["note"]] == "'" + FORMULA_NOTE,
        f"CSV: a note starting with '=' was not neutralised: {row[col['note']]!r}",
    )
    unlinked = [
        r
        for r in body
        if r[col["quote"]] != linked_quote and r[col["anchor_status"]] != NO_EVIDENCE
    ]
    _check(
        all(r[col["recommendation_text"]] == "" for r in unlinked),
        "CSV: the unlinked passage has recommendation columns filled in",
    )


def check_xlsx(path: Path, expected_rows: int, linked_quote: str) -> None:
    """A sound zip of well-formed XML, with no formula (<f>) anywhere and our text in it."""
    _check(zipfile.is_zipfile(path), "XLSX: the file is not a zip archive")
    with zipfile.ZipFile(path) as archive:
        bad = archive.testzip()
        _check(bad is None, f"XLSX: damaged member {bad}")
        names = set(archive.namelist())
        for required in ("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"):
            _check(required in names, f"XLSX: {required} is missing")
        texts: list[str] = []
        sheet_rows = 0
        for name in sorted(n for n in names if n.endswith(".xml") or n.endswith(".rels")):
            try:
                root = ET.fromstring(archive.read(name))
            except ET.ParseError as exc:
                raise SelfTestFailure(f"XLSX: {name} is not well-formed XML ({exc})") from exc
            if name.startswith("xl/worksheets/"):
                formulas = root.iter(f"{SPREADSHEET_NS}f")
                _check(next(formulas, None) is None, f"XLSX: {name} contains a formula")
            if name == "xl/worksheets/sheet1.xml":
                sheet_rows = sum(1 for _ in root.iter(f"{SPREADSHEET_NS}row"))
            if name == "xl/sharedStrings.xml" or name.startswith("xl/worksheets/"):
                texts.extend(t.text or "" for t in root.iter(f"{SPREADSHEET_NS}t"))
    _check(
        sheet_rows == expected_rows + 1,
        f"XLSX: the evidence sheet has {sheet_rows} rows, expected {expected_rows + 1}",
    )
    _check(linked_quote in texts, "XLSX: the linked quote is not in the workbook")
    _check(FORMULA_NOTE in texts, "XLSX: the formula-like note was not kept as text")
    _check("quote" in texts and "anchor_status" in texts, "XLSX: the header row is missing")


def check_json(path: Path, expected_items: int, linked_quote: str, rec_text: str) -> None:
    """W3C Web Annotation collection: parses, counts, quote selectors, the link body."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SelfTestFailure(f"JSON: does not parse ({exc})") from exc
    _check(data.get("type") == "AnnotationCollection", "JSON: not an AnnotationCollection")
    items = data.get("first", {}).get("items", [])
    _check(data.get("total") == expected_items, f"JSON: total is {data.get('total')}")
    _check(len(items) == expected_items, f"JSON: {len(items)} items, expected {expected_items}")
    linked = []
    for item in items:
        quotes = [
            s.get("exact")
            for s in item.get("target", {}).get("selector", [])
            if s.get("type") == "TextQuoteSelector"
        ]
        if linked_quote in quotes:
            linked.append(item)
    _check(len(linked) == 1, "JSON: the linked passage is not in exactly one annotation")
    links = [b for b in linked[0].get("body", []) if b.get("purpose") == "linking"]
    _check(
        [b.get("value") for b in links] == [rec_text],
        "JSON: the linked annotation does not link to the recommendation",
    )


def run_self_test(
    *,
    ingester: Ingester | None = None,
    sample: Path | None = None,
    temp_parent: Path | None = None,
    log: Callable[[str], None] | None = None,
) -> SelfTestReport:
    """Run every step; never raises for a failed check (see ``report.failure``)."""
    report = SelfTestReport()
    started = time.perf_counter()

    def step(message: str) -> None:
        line = f"[{time.perf_counter() - started:6.2f} s] {message}"
        report.steps.append(line)
        if log is not None:
            log(line)

    def warn(message: str) -> None:
        report.warnings.append(message)
        if log is not None:
            log(f"warning: {message}")

    try:
        sample_path = sample or resource_path(*SAMPLE_PARTS)
        _check(sample_path.is_file(), f"the bundled sample letter is missing: {sample_path}")
        step(f"sample letter: {sample_path}")
        with (
            _workdir(temp_parent) as tmp,
            Workspace(tmp / "self-test.sqlite", "self-test") as workspace,
        ):
            service = ReviewService(workspace, ingester=ingester or ingest_isolated)
            outcome = service.documents.import_file(sample_path)
            _check(outcome.value.created, "the import did not create a document")
            doc_id = outcome.value.document.id
            text = service.documents.text(doc_id).text
            _check(LINKED_QUOTE in text, "the imported text lacks the sample's passage")
            step(f"imported {sample_path.name} as document {doc_id} ({len(text)} characters)")

            recs = service.recommendations.all(doc_id)
            if not recs:
                warn(
                    "the import found no recommendations in the sample letter; "
                    "the self-test added one by hand"
                )
                service.recommendations.add(doc_id, FALLBACK_RECOMMENDATION, number="1")
                recs = service.recommendations.all(doc_id)
            elif len(recs) != EXPECTED_RECOMMENDATIONS:
                warn(
                    f"the import found {len(recs)} recommendations in the sample letter, "
                    f"expected {EXPECTED_RECOMMENDATIONS}"
                )
            step(f"recommendations: {len(recs)}")
            rec = recs[0]

            linked = service.annotations.add_quote(
                doc_id,
                LINKED_QUOTE,
                stance=Stance.SHOWS_CONCERN,
                note=FORMULA_NOTE,
                recommendation_ids=[rec.id],
            ).value
            _check(linked.anchor.exact == LINKED_QUOTE, "the highlight is not the quote")
            _check(rec.id in linked.recommendation_ids, "the highlight was not linked")
            service.annotations.add_quote(doc_id, UNLINKED_QUOTE, stance=Stance.SUPPORTS_PROGRESS)
            evidence = service.evidence.of(rec.id)
            _check(
                [e.annotation.id for e in evidence] == [linked.id],
                "the recommendation's evidence is not the linked highlight",
            )
            step("annotated two passages, one linked to a recommendation")

            csv_path, xlsx_path, json_path = (
                tmp / "evidence.csv",
                tmp / "evidence.xlsx",
                tmp / "evidence.json",
            )
            # two passages, and one row for each recommendation with no evidence (issue 13)
            log_rows = 2 + len(service.recommendations.without_evidence())
            _check(export(service, ExportFormat.CSV, csv_path) == log_rows, "CSV: row count")
            check_csv(csv_path, log_rows, LINKED_QUOTE, rec.text)
            step(f"CSV export checked ({csv_path.stat().st_size} bytes)")
            _check(export(service, ExportFormat.XLSX, xlsx_path) == log_rows, "XLSX: row count")
            check_xlsx(xlsx_path, log_rows, LINKED_QUOTE)
            step(f"XLSX export checked ({xlsx_path.stat().st_size} bytes)")
            _check(export(service, ExportFormat.JSON, json_path) == 2, "JSON: item count")
            check_json(json_path, 2, LINKED_QUOTE, rec.text)
            step(f"JSON export checked ({json_path.stat().st_size} bytes)")
        report.passed = True
    except SelfTestFailure as exc:
        report.failure = str(exc)
    except Exception as exc:  # any error is a failed self-test, said in one line
        report.failure = f"{type(exc).__name__}: {exc}"
    report.seconds = time.perf_counter() - started
    return report


def main(out: TextIO | None = None) -> int:
    """Print the steps and a verdict; exit status 0 only if every check passed."""
    # A windowed executable has no stdout: the exit status still tells the result.
    stream = out or sys.stdout or io.StringIO()

    def log(line: str) -> None:
        stream.write(line + "\n")
        stream.flush()

    frozen = "frozen" if getattr(sys, "frozen", False) else "not frozen"
    log(f"shiny-review {__version__} self-test (Python {sys.version.split()[0]}, {frozen})")
    report = run_self_test(log=log)
    if report.passed:
        extra = f" with {len(report.warnings)} warning(s)" if report.warnings else ""
        log(f"self-test passed{extra} in {report.seconds:.2f} s")
        return 0
    log(f"self-test FAILED: {report.failure}")
    return 1
