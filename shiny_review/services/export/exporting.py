"""Export use case: the evidence log in CSV, XLSX or W3C JSON, for the workspace or one document."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from shiny_review.domain.errors import ValidationError
from shiny_review.services.export.coverage_writer import SHEET_NAME
from shiny_review.services.export.csv_writer import write_csv_batches
from shiny_review.services.export.json_writer import write_json
from shiny_review.services.export.xlsx_writer import write_xlsx
from shiny_review.services.review import ReviewService
from shiny_review.services.write_targets import check_write_target


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"

    @classmethod
    def parse(cls, value: str) -> ExportFormat:
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise ValidationError(
                f"unknown export format {value!r}: use csv, xlsx or json"
            ) from None


T = TypeVar("T")
Progress = Callable[[int], object]
PROGRESS_EVERY = 200  # rows between two progress calls


def _counted(rows: Iterable[T], progress: Progress) -> Iterator[T]:
    n = 0
    for n, row in enumerate(rows, start=1):
        if n % PROGRESS_EVERY == 0:
            progress(n)
        yield row
    progress(n)


def _counted_batches(batches: Iterable[list[T]], progress: Progress) -> Iterator[list[T]]:
    """``_counted`` for rows in lists: after each list, a call for each multiple of
    ``PROGRESS_EVERY`` it passed (the same calls as ``_counted``), then one with the total."""
    n = 0
    for batch in batches:
        before, n = n, n + len(batch)
        for passed in range(
            before + PROGRESS_EVERY - before % PROGRESS_EVERY, n + 1, PROGRESS_EVERY
        ):
            progress(passed)
        yield batch
    progress(n)


def coverage_sheets(
    service: ReviewService, document_id: int | None = None
) -> list[tuple[str, list[list[str]]]]:
    """The coverage matrix of each authority (of the document's, with ``document_id``)."""
    if document_id is not None:
        authority = service.documents.get(document_id).authority
        names = [authority] if authority else []
    else:
        names = service.cycle.authorities()
    sheets: list[tuple[str, list[list[str]]]] = []
    for name, matrix in zip(names, service.cycle.coverage_of(names), strict=True):
        title = SHEET_NAME if len(names) == 1 else f"{SHEET_NAME} {name}"
        sheets.append((title[:31], matrix.table()))
    return sheets


def export(
    service: ReviewService,
    fmt: ExportFormat,
    target: Path,
    document_id: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the export and return how many rows (CSV/XLSX) or annotations (JSON) it holds.

    ``progress`` (if given) is called with the number of rows read so far. The export only
    reads through ``service``: a window runs it off its GUI thread with a service of its own
    (a read-only one opened in that thread: SQLite connections stay in their thread)."""
    target = Path(target)
    check_write_target(target, service.workspace_path, service.backups.policy.folder)
    if not target.parent.exists():
        raise ValidationError(f"the folder {target.parent} does not exist")
    if document_id is not None:
        service.documents.get(document_id)  # raises NotFoundError for an unknown id
    if fmt is ExportFormat.CSV:
        batches = service.evidence.log_batches(document_id)
        if progress is not None:
            batches = _counted_batches(batches, progress)
        return write_csv_batches(batches, target)
    if fmt is ExportFormat.XLSX:
        rows = service.evidence.log(document_id)
        if progress is not None:
            rows = _counted(rows, progress)
        sheets = coverage_sheets(service, document_id)  # the inspection cycle (issue 13)
        return write_xlsx(rows, target, sheets)
    documents = {d.id: d for d in service.documents.all()}
    recommendations = {r.id: r for r in service.recommendations.all()}
    annotations = service.annotations.all(document_id)
    if progress is not None:
        progress(len(annotations))
    return write_json(annotations, documents, recommendations, target)
