"""Export use case: the evidence log in CSV, XLSX or W3C JSON, for the workspace or one document."""

from __future__ import annotations

import enum
from pathlib import Path

from shiny_review.domain.errors import ValidationError
from shiny_review.services.export_csv import write_csv
from shiny_review.services.export_json import write_json
from shiny_review.services.export_xlsx import write_xlsx
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


def export(
    service: ReviewService, fmt: ExportFormat, target: Path, document_id: int | None = None
) -> int:
    """Write the export and return how many rows (CSV/XLSX) or annotations (JSON) it holds."""
    target = Path(target)
    if not target.parent.exists():
        raise ValidationError(f"the folder {target.parent} does not exist")
    if document_id is not None:
        service.document(document_id)  # raises NotFoundError for an unknown id
    if fmt is ExportFormat.CSV:
        return write_csv(service.evidence_rows(document_id), target)
    if fmt is ExportFormat.XLSX:
        return write_xlsx(service.evidence_rows(document_id), target)
    documents = {d.id: d for d in service.documents()}
    recommendations = {r.id: r for r in service.recommendations()}
    return write_json(service.annotations(document_id), documents, recommendations, target)
