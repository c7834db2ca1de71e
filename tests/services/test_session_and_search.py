"""services.session opens a workspace for the window; search and existing_document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from shiny_review.domain.errors import ValidationError
from shiny_review.services.session import close_service, open_service
from tests.conftest import as_login
from tests.factories import make_ingested


def test_open_service_search_and_lookup(tmp_path: Path, workspace_target: Any) -> None:
    service = open_service(as_login(workspace_target, "Officer"), "Officer")
    try:
        doc = service.documents.add_ingested(make_ingested()).value.document
        hits = service.search.find("SUPERVISION   is")
        assert [(h.document_id, h.page) for h in hits] == [(doc.id, 2)]
        assert service.documents.text(doc.id).text[hits[0].start : hits[0].end] == "Supervision is"
        assert service.search.find("supervision", doc.id)[0].context
        assert service.search.find("absent phrase") == []
        with pytest.raises(ValidationError):
            service.search.find("   ")
        letter = tmp_path / "letter.txt"
        letter.write_text("What needs to improve?\n", encoding="utf-8")
        assert service.documents.existing(letter) is None
    finally:
        close_service(service)
