"""A corrected version of a document re-anchors every highlight and loses nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from shiny_review.domain.entities import AnchorStatus
from shiny_review.services.new_version import import_new_version
from shiny_review.services.reanchoring import reanchor
from shiny_review.services.review import ReviewService, file_hash
from tests.factories import LETTER_BLOCKS, make_ingested


def _version(tmp_path: Path, name: str, blocks: tuple[str, ...]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def test_reanchor_prefers_the_occurrence_with_matching_context() -> None:
    from shiny_review.domain.anchoring import make_anchor

    old = "alpha plan is late. beta plan is late. gamma"
    anchor = make_anchor(
        old, old.index("plan is late", 10), old.index(". gamma"), page=1, paragraph=None
    )
    placed = reanchor(anchor, "new words first. " + old)
    assert placed.status is AnchorStatus.EXACT
    assert placed.start == len("new words first. ") + anchor.start


def test_new_version_reanchors_exact_fuzzy_and_orphaned(
    service: ReviewService, tmp_path: Path
) -> None:
    def ingester(path: Path):  # type: ignore[no-untyped-def]
        blocks = tuple(path.read_text(encoding="utf-8").split("\n"))
        return dataclasses.replace(
            make_ingested(blocks, source=path.name), source_hash=file_hash(path)
        )

    service.documents._ingest = ingester
    first = _version(tmp_path, "v1.txt", LETTER_BLOCKS)
    doc = service.documents.import_file(first).value.document.id
    rec = service.recommendations.all(doc)[0]
    exact = service.annotations.add_quote(doc, "leaders know it", recommendation_ids=[rec.id]).value
    fuzzy = service.annotations.add_quote(
        doc, "Supervision is regular but does not always challenge"
    ).value
    lost = service.annotations.add_quote(doc, "Main findings", note="keep me").value

    blocks = list(LETTER_BLOCKS)
    blocks.insert(1, "A corrected version, with a new opening line.")
    blocks[4] = "The timeliness of initial child protection conferences."
    blocks[5] = "Findings"
    blocks[7] = "2. Supervision is regular but it does not always challenge drift for children."
    second = _version(tmp_path, "v2.txt", tuple(blocks))

    report = import_new_version(service, doc, second).value
    assert report.statuses == {"exact": 1, "fuzzy": 1, "orphaned": 1}
    assert service.documents.get(doc).source_name == "v2.txt"
    text = service.documents.text(doc).text
    moved = service.annotations.get(exact.id)
    assert moved.anchor_status is AnchorStatus.EXACT
    assert text[moved.anchor.start : moved.anchor.end] == "leaders know it"
    assert moved.recommendation_ids == (rec.id,)
    assert service.annotations.get(fuzzy.id).anchor_status is AnchorStatus.FUZZY
    orphan = service.annotations.get(lost.id)
    assert orphan.anchor_status is AnchorStatus.ORPHANED
    assert orphan.note == "keep me" and orphan.anchor.exact == "Main findings"
    assert [h.action for h in service.history.entries()].count("new version") == 1
    # The same version again changes nothing.
    assert import_new_version(service, doc, second).changed.empty
