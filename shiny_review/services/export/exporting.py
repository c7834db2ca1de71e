"""Export use case: the evidence log in CSV, XLSX or W3C JSON, for the workspace or one document."""

from __future__ import annotations

import enum
from pathlib import Path

from shiny_review.domain.errors import ValidationError
from shiny_review.services.export.coverage_writer import SHEET_NAME
from shiny_review.services.export.csv_writer import write_csv
from shiny_review.services.export.json_writer import write_json
from shiny_review.services.export.xlsx_writer import write_xlsx
from shiny_review.services.review import ReviewService


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
    for name in names:
        title = SHEET_NAME if len(names) == 1 else f"{SHEET_NAME} {name}"
        sheets.append((title[:31], service.cycle.coverage(name).table()))
    return sheets


def export(
    service: ReviewService, fmt: ExportFormat, target: Path, document_id: int | None = None
) -> int:
    """Write the export and return how many rows (CSV/XLSX) or annotations (JSON) it holds."""
    target = Path(target)
    if not target.parent.exists():
        raise ValidationError(f"the folder {target.parent} does not exist")
    if document_id is not None:
        service.documents.get(document_id)  # raises NotFoundError for an unknown id
    if fmt is ExportFormat.CSV:
        return write_csv(service.evidence.rows(document_id), target)
    if fmt is ExportFormat.XLSX:
        sheets = coverage_sheets(service, document_id)  # the inspection cycle (issue 13)
        return write_xlsx(service.evidence.rows(document_id), target, sheets)
    documents = {d.id: d for d in service.documents.all()}
    recommendations = {r.id: r for r in service.recommendations.all()}
    return write_json(service.annotations.all(document_id), documents, recommendations, target)
