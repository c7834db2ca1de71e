"""highlight_spans: the light rows a text view paints, in step with the full annotations."""

from __future__ import annotations

from typing import Any

from shiny_review.domain.entities import Stance
from shiny_review.services.session import close_service, open_service
from tests.conftest import as_login
from tests.factories import make_ingested


def test_spans_match_the_live_annotations(workspace_target: Any) -> None:
    service = open_service(as_login(workspace_target, "Officer"), "Officer")
    try:
        doc = service.documents.add_ingested(make_ingested()).value.document.id
        late = service.annotations.add_quote(doc, "Supervision is regular").value
        early = service.annotations.add_quote(
            doc, "quality of supervision", stance=Stance.CONTEXT
        ).value
        gone = service.annotations.add_quote(doc, "Main findings").value
        service.annotations.delete(gone.id)
        spans = service.annotations.highlight_spans(doc)
        assert spans == [
            (early.id, early.anchor.start, early.anchor.end, Stance.CONTEXT),
            (late.id, late.anchor.start, late.anchor.end, None),
        ]
        assert [s.annotation_id for s in spans] == [a.id for a in service.annotations.all(doc)]
    finally:
        close_service(service)
