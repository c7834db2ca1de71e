"""Row conversions: the one annotation column list matches the table; JSON of history values."""

from __future__ import annotations

import json

from shiny_review.storage.repository.rows import ANNOTATION_COLUMNS, dump_json
from shiny_review.storage.schema import AnnotationRow


def test_annotation_columns_are_the_tables_columns() -> None:
    table = {c.name for c in AnnotationRow.__table__.columns}
    assert set(ANNOTATION_COLUMNS) <= table
    assert len(set(ANNOTATION_COLUMNS)) == len(ANNOTATION_COLUMNS)
    # Every column an Annotation is built from; only the bin's time is not read back.
    assert table - set(ANNOTATION_COLUMNS) == {"deleted_at"}


def test_dump_json_keeps_non_ascii_and_none() -> None:
    assert dump_json(None) is None
    assert json.loads(dump_json({"note": "é 🙂"}) or "") == {"note": "é 🙂"}
