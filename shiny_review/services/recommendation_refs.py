"""A recommendation's reference on the command line and in the board report, ``DOC:N``: the
document's id and the recommendation's label there (its printed number, else its 1-based
position: ``Recommendation.label``)."""

from __future__ import annotations

from collections.abc import Sequence

from shiny_review.domain.entities import Recommendation
from shiny_review.domain.errors import NotFoundError, ValidationError


def recommendation_ref(rec: Recommendation) -> str:
    """``DOC:N``: the document's id, and the recommendation's printed number, else its
    1-based position (``Recommendation.label``)."""
    return ref_of(rec.document_id, rec.label)


def ref_of(document_id: int, label: str) -> str:
    """``DOC:N`` from the document's id and the recommendation's label."""
    return f"{document_id}:{label}"


def resolve_recommendation_ref(recs: Sequence[Recommendation], ref: str) -> Recommendation:
    """``DOC:N`` (N the printed number or 1-based position in document DOC), or plain ``N``
    when the workspace's recommendations all belong to one document."""
    ref = ref.strip()
    if ":" in ref:
        doc_text, _, number = ref.partition(":")
        if not doc_text.strip().isdigit():
            raise ValidationError(f"{ref!r} is not a recommendation: use DOC:N")
        doc_id = int(doc_text)
        candidates = [r for r in recs if r.document_id == doc_id]
        if not candidates:
            raise NotFoundError(f"no document {doc_id} with recommendations (see: documents)")
    else:
        documents = {r.document_id for r in recs}
        if len(documents) > 1:
            raise ValidationError(
                f"recommendation {ref!r} is ambiguous with several documents: use DOC:N"
            )
        candidates, number = list(recs), ref
    number = number.strip()
    for rec in candidates:
        if rec.number is not None and rec.number == number:
            return rec
    if number.isdigit() and 1 <= int(number) <= len(candidates):
        return candidates[int(number) - 1]
    raise NotFoundError(f"no recommendation {ref!r}")
