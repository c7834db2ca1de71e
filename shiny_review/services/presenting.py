"""Plain JSON-ready dictionaries of documents and recommendations (the ``show`` contract)."""

from __future__ import annotations

from typing import Any

from shiny_review.domain.document_label import document_label, shown_date
from shiny_review.domain.entities import Document, Judgement, Recommendation


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def recommendation_dict(rec: Recommendation) -> dict[str, Any]:
    return {
        "id": rec.id,
        "position": rec.position + 1,
        "group": rec.group,
        "number": rec.number,
        "label": rec.label,
        "text": rec.text,
        "nf_tag": {"kind": rec.nf_tag.kind, "number": rec.nf_tag.number} if rec.nf_tag else None,
        "page": rec.page,
        "manual": rec.manual,
        "evidence_count": rec.evidence_count,
    }


def document_dict(
    doc: Document,
    judgements: list[Judgement] | None = None,
    recommendations: list[Recommendation] | None = None,
    checks: list[str] | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "label": document_label(doc),
        "kind": doc.kind,
        "framework": doc.framework,
        "authority": doc.authority,
        "date": _day(doc.date),
        "inspection_start": _day(doc.inspection_start),
        "inspection_end": _day(doc.inspection_end),
        "lead_inspector": doc.lead_inspector,
        "pages": doc.pages,
        "overall": doc.overall,
        "source_name": doc.source_name,
        "annotation_count": doc.annotation_count,
        "shown_date": _day(shown_date(doc)),
    }
    if judgements is not None:
        data["judgements"] = [{"area": j.area, "grade": j.grade} for j in judgements]
    if recommendations is not None:
        data["recommendations"] = [recommendation_dict(r) for r in recommendations]
    if checks is not None:
        data["checks"] = list(checks)  # failed self-checks: "check the recommendations"
    return data
