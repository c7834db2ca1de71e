"""Annotations in the repository: read in text order, by ids, as spans, the bin, evidence."""

from __future__ import annotations

import pytest

from shiny_review.domain.anchoring import make_anchor
from shiny_review.domain.entities import HighlightSpan, Stance
from shiny_review.storage.repository import annotations as annotations_module
from shiny_review.storage.workspace import Workspace
from tests.factories import make_ingested


def _annotate(workspace: Workspace, doc_id: int, start: int, end: int) -> int:
    with workspace.write() as repo:
        text = repo.document_text(doc_id).text
        anchor = make_anchor(text, start, end, page=1, paragraph=None)
        return repo.add_annotation(
            doc_id, anchor, section=None, stance=Stance.SHOWS_CONCERN, note="n", colour=None
        )


def test_reads_agree_and_follow_text_order(workspace: Workspace, doc_id: int) -> None:
    later = _annotate(workspace, doc_id, 20, 30)
    earlier = _annotate(workspace, doc_id, 0, 5)
    with workspace.read() as repo:
        listed = repo.annotations(doc_id)
        by_ids = repo.annotations_by_ids([later, earlier])
        one = repo.get_annotation(later)
        spans = repo.highlight_spans(doc_id)
    assert [a.id for a in listed] == [earlier, later]
    assert {a.id: a for a in by_ids} == {a.id: a for a in listed}
    assert one == listed[1]
    assert spans == [
        HighlightSpan(earlier, 0, 5, Stance.SHOWS_CONCERN),
        HighlightSpan(later, 20, 30, Stance.SHOWS_CONCERN),
    ]


def test_bin_and_evidence_across_documents(workspace: Workspace, doc_id: int) -> None:
    with workspace.write() as repo:
        other = repo.add_document(make_ingested(salt="other"))
        rec = repo.recommendations(doc_id)[0].id
    second = _annotate(workspace, other, 0, 5)
    first = _annotate(workspace, doc_id, 40, 50)
    binned = _annotate(workspace, doc_id, 0, 5)
    with workspace.write() as repo:
        for ann in (second, first, binned):
            repo.link(ann, rec)
        repo.update_annotation(binned, deleted=True)
    with workspace.read() as repo:
        evidence = repo.evidence(rec)
        deleted = repo.annotations(doc_id, deleted=True)
    assert [(a.document_id, a.id) for a in evidence] == [(doc_id, first), (other, second)]
    assert all(a.recommendation_ids == (rec,) for a in evidence)
    assert [a.id for a in deleted] == [binned]


def test_links_read_a_chunk_of_ids_at_a_time(
    workspace: Workspace, doc_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # chunks of 3 ids: each annotation's links, in the order linked, whatever chunk it is in
    monkeypatch.setattr(annotations_module, "LINKS_CHUNK", 3)
    ids = [_annotate(workspace, doc_id, 3 * i, 3 * i + 2) for i in range(8)]
    with workspace.write() as repo:
        recs = [r.id for r in repo.recommendations(doc_id)]
        want: dict[int, tuple[int, ...]] = {}
        for n, ann in enumerate(ids):
            linked = tuple(recs[(n + k) % len(recs)] for k in range(n % 3))[::-1]
            for rec in linked:
                repo.link(ann, rec)
            want[ann] = linked
    with workspace.read() as repo:
        listed = repo.annotations(doc_id)
        by_ids = repo.annotations_by_ids(ids[::-1])
    assert {a.id: a.recommendation_ids for a in listed} == want
    assert {a.id: a.recommendation_ids for a in by_ids} == want
    assert len(recs) >= 2 and any(len(v) == 2 for v in want.values())
