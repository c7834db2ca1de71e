"""One label tells letters apart: authority, kind and inspection month (issue 11)."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from shiny_review import cli
from shiny_review.domain.document_label import document_label, short_authority, shown_date
from shiny_review.domain.entities import Document

DOC = Document(
    id=1,
    title="Inspection of Shropshire local authority children’s services",
    kind="full inspection",
    authority="Shropshire",
    date=None,
    inspection_start=dt.date(2022, 2, 7),
    inspection_end=dt.date(2022, 2, 11),
    lead_inspector=None,
    pages=12,
    overall=None,
    source_name="s.pdf",
    source_hash="h",
    content_hash="c",
    imported_at=dt.datetime(2026, 1, 1),
)


def test_the_label() -> None:
    assert document_label(DOC) == "Shropshire · full inspection · Feb 2022"
    assert shown_date(DOC) == dt.date(2022, 2, 11)  # the letter prints no date of its own
    dated = replace(DOC, date=dt.date(2022, 3, 25))
    assert shown_date(dated) == dt.date(2022, 3, 25)
    unknown = replace(DOC, authority=None, inspection_start=None, inspection_end=None)
    assert document_label(unknown) == f"{DOC.title} · full inspection"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("City of Bradford Metropolitan District Council", "Bradford"),
        ("London Borough of Havering", "Havering"),
        ("Nottingham City Council", "Nottingham"),
        ("Southend-on-Sea Borough Council", "Southend-on-Sea"),
        ("Shropshire", "Shropshire"),
    ],
)
def test_short_authority(name: str, short: str) -> None:
    assert short_authority(name) == short


def test_documents_and_search_tell_the_corpus_letters_apart(
    shared_dir: Path, tmp_path: Path
) -> None:
    corpus = shared_dir / "corpus" / "ofsted"
    reports = sorted(corpus.glob("shropshire-*.pdf"))
    ws = str(tmp_path / "w.sqlite")
    assert cli.main(["import", *map(str, reports), "--workspace", ws], out=io.StringIO()) == 0
    out = io.StringIO()
    assert cli.main(["documents", "--workspace", ws], out=out) == 0
    lines = out.getvalue().splitlines()
    labels = [line.split("\t")[1] for line in lines]
    dates = [line.split("\t")[2] for line in lines]
    assert labels == [
        "Shropshire · SIF inspection · Sep 2017",
        "Shropshire · full inspection · Feb 2022",
        "Shropshire · full inspection · Jun 2025",
    ]
    assert all(dates)  # every real report shows a date
    from shiny_review.services.review import ReviewService
    from shiny_review.storage.workspace import Workspace

    with Workspace(Path(ws), "Reader", read_only=True) as workspace:
        hits = ReviewService(workspace).search.find("children")
    assert {h.document_label for h in hits} == set(labels)
    out = io.StringIO()
    assert cli.main(["documents", "--json", "--workspace", ws], out=out) == 0
    assert [d["label"] for d in json.loads(out.getvalue())] == labels
