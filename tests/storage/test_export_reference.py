"""The evidence log is the same bytes as the code before the export query was rewritten.

The references in ``data/`` were written by the old query (see ``export_reference.py``);
the workspace holds deleted recommendations, deleted annotations, several links per
annotation, a link only to a deleted recommendation and ties on the start offset.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shiny_review.services.export.exporting import ExportFormat, export
from shiny_review.services.review import ReviewService
from shiny_review.services.session import close_service, open_service
from tests.storage import export_reference as ref


@pytest.fixture
def reference_service(tmp_path: Path) -> Iterator[ReviewService]:
    service = open_service(ref.build(tmp_path / "reference.sqlite"), "Reference")
    yield service
    close_service(service)


def test_csv_of_the_workspace_is_byte_identical(
    reference_service: ReviewService, tmp_path: Path
) -> None:
    target = tmp_path / "all.csv"
    rows = export(reference_service, ExportFormat.CSV, target)
    assert target.read_bytes() == ref.CSV_ALL.read_bytes()
    assert rows == 17


def test_csv_of_one_document_is_byte_identical(
    reference_service: ReviewService, tmp_path: Path
) -> None:
    target = tmp_path / "doc.csv"
    export(reference_service, ExportFormat.CSV, target, document_id=2)
    assert target.read_bytes() == ref.CSV_DOC.read_bytes()


def test_xlsx_parts_are_byte_identical(reference_service: ReviewService, tmp_path: Path) -> None:
    target = tmp_path / "all.xlsx"
    export(reference_service, ExportFormat.XLSX, target)
    got, want = ref.xlsx_parts(target), ref.xlsx_parts(ref.XLSX_ALL)
    assert set(got) == set(want)
    for name, content in want.items():
        assert got[name] == content, name
