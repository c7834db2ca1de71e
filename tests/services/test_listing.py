"""The one-line documents listing matches the documents' domain rows."""

from __future__ import annotations

import dataclasses
import datetime as dt

from shiny_review.services.listing import DocumentLine
from shiny_review.services.review import ReviewService
from tests.factories import make_ingested


def test_lines_are_the_documents_id_kind_date_and_title(service: ReviewService) -> None:
    dated = make_ingested(source="a.txt", salt="a")
    dated = dataclasses.replace(
        dated, structure=dataclasses.replace(dated.structure, date=dt.date(2025, 3, 9))
    )
    first = service.documents.add_ingested(dated).value.document
    service.documents.add_ingested(make_ingested(source="b.txt", salt="b"))
    docs = service.documents.all()
    assert [d.id for d in docs] == [first.id, first.id + 1]
    assert service.listing.lines() == [
        DocumentLine(d.id, d.kind, d.date.isoformat() if d.date else "", d.title) for d in docs
    ]
    assert docs[1].date is None and docs[0].date is not None
