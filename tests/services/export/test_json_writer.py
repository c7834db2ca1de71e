"""The W3C Web Annotation export: one annotation per highlight, links by label."""

from __future__ import annotations

import json
from pathlib import Path

from shiny_review.services.export.json_writer import write_json
from shiny_review.services.review import ReviewService
from tests.factories import make_ingested


def test_json_collection(service: ReviewService, tmp_path: Path) -> None:
    doc = service.documents.add_ingested(make_ingested()).value.document
    rec = service.recommendations.all(doc.id)[1]
    ann = service.annotations.add_quote(doc.id, "supervision", recommendation_ids=[rec.id]).value
    target = tmp_path / "log.json"
    count = write_json([ann], {doc.id: doc}, {rec.id: rec}, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert count == data["total"] == 1
    [item] = data["first"]["items"]
    assert item["motivation"] == "linking"
    [link] = [b for b in item["body"] if b["purpose"] == "linking"]
    assert link["number"] == rec.label == "2"
    assert item["target"]["selector"][0]["exact"] == "supervision"
