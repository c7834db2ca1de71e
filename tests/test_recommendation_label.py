"""One label for a recommendation everywhere: the window, ``show --json``, the CSV and the JSON
export agree, for a printed number, no number, and a recommendation added by hand (whose
number field was left empty)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest

from shiny_review.cli import main as cli_main
from shiny_review.domain.entities import recommendation_label
from shiny_review.services.review import ReviewService
from shiny_review.ui.models.recommendations import RecommendationsModel
from tests.factories import LETTER_BLOCKS, make_ingested


@pytest.mark.parametrize(
    ("number", "position", "label"),
    [("19", 0, "19"), (None, 1, "2"), ("", 2, "3"), ("  ", 0, "1"), ("3a", 5, "3a")],
)
def test_recommendation_label(number: str | None, position: int, label: str) -> None:
    assert recommendation_label(number, position) == label


def test_window_show_csv_and_json_print_the_same_label(
    qapp: object, service: ReviewService, workspace_path: Path, tmp_path: Path
) -> None:
    ingested = make_ingested()
    printed, unnumbered = ingested.structure.recommendations
    structure = dataclasses.replace(
        ingested.structure,
        recommendations=(dataclasses.replace(printed, number="19"), unnumbered),
    )
    doc_id = service.documents.add_ingested(
        dataclasses.replace(ingested, structure=structure)
    ).value.document.id
    service.recommendations.add(doc_id, "Improve the response to neglect.", number="")
    recs = service.recommendations.all(doc_id)
    assert [r.number for r in recs] == ["19", None, ""]  # "" is what the old exports printed
    for rec, quote in zip(recs, ("timeliness", "supervision", LETTER_BLOCKS[5][3:20]), strict=True):
        service.annotations.add_quote(doc_id, quote, recommendation_ids=[rec.id])
    expected = {rec.id: label for rec, label in zip(recs, ("19", "2", "3"), strict=True)}

    model = RecommendationsModel()
    model.set_recommendations(recs)
    window = {rec.id: model.data(model.index(row, 0)) for row, rec in enumerate(recs)}

    ws = ["--workspace", str(workspace_path)]
    out = io.StringIO()
    assert cli_main(["show", str(doc_id), "--json", *ws], out=out) == 0
    shown = {r["id"]: r["label"] for r in json.loads(out.getvalue())["recommendations"]}

    assert cli_main(["export", "--format", "csv", "-o", str(tmp_path / "log.csv"), *ws]) == 0
    with (tmp_path / "log.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_text = {r.text: r.id for r in recs}
    in_csv = {by_text[r["recommendation_text"]]: r["recommendation_number"] for r in rows}

    assert cli_main(["export", "--format", "json", "-o", str(tmp_path / "log.json"), *ws]) == 0
    items = json.loads((tmp_path / "log.json").read_text(encoding="utf-8"))["first"]["items"]
    in_json = {
        int(body["source"].rsplit(":", 1)[1]): body["number"]
        for item in items
        for body in item["body"]
        if body["purpose"] == "linking"
    }

    assert window == shown == in_csv == in_json == expected
