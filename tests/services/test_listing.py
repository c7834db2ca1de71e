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


def test_labelled_lines_are_the_document_dicts_label_and_shown_date(
    service: ReviewService,
) -> None:
    from shiny_review.services.presenting import document_dict

    base = make_ingested(source="c.txt", salt="c")
    for i, (authority, date, start, end) in enumerate(
        [
            ("City of Bradford Metropolitan District Council", dt.date(2025, 3, 9), None, None),
            (None, None, dt.date(2024, 1, 8), dt.date(2024, 1, 19)),
            ("Shropshire Council", None, None, dt.date(2023, 5, 2)),
            (None, None, None, None),
        ]
    ):
        structure = dataclasses.replace(
            base.structure,
            authority=authority,
            date=date,
            inspection_start=start,
            inspection_end=end,
        )
        ingested = dataclasses.replace(
            make_ingested(source=f"{i}.txt", salt=str(i)), structure=structure
        )
        service.documents.add_ingested(ingested)
    expected = [
        (d["id"], d["label"], d["shown_date"] or "", d["title"])
        for d in map(document_dict, service.documents.all())
    ]
    assert service.listing.labelled() == expected
    assert len({line[1] for line in expected}) == 4  # four different labels
