"""Recommendations in the repository: positions, moves, deletion and evidence counts."""

from __future__ import annotations

from shiny_review.domain.anchoring import make_anchor
from shiny_review.storage.workspace import Workspace


def test_add_move_and_delete_keep_positions_dense(workspace: Workspace, doc_id: int) -> None:
    with workspace.write() as repo:
        added = repo.add_recommendation(
            doc_id, "By hand.", number="", group="manual", nf_tag=None, position=None
        )
        repo.move_recommendation(added, 0)
    with workspace.read() as repo:
        recs = repo.recommendations(doc_id)
    assert recs[0].id == added
    assert [r.position for r in recs] == [0, 1, 2]
    assert [r.label for r in recs] == ["1", "2", "3"]
    with workspace.write() as repo:
        repo.set_recommendation_deleted(recs[1].id, True)
    with workspace.read() as repo:
        live = repo.recommendations(doc_id)
        every = repo.recommendations(doc_id, include_deleted=True)
    assert recs[1].id not in [r.id for r in live]
    assert len(every) == 3


def test_evidence_count_counts_live_linked_annotations(workspace: Workspace, doc_id: int) -> None:
    with workspace.write() as repo:
        rec = repo.recommendations(doc_id)[0]
        text = repo.document_text(doc_id).text
        anchors = [make_anchor(text, s, s + 5, page=1, paragraph=None) for s in (0, 10)]
        ids = [
            repo.add_annotation(doc_id, a, section=None, stance=None, note="", colour=None)
            for a in anchors
        ]
        for ann in ids:
            repo.link(ann, rec.id)
        repo.update_annotation(ids[1], deleted=True)
    with workspace.read() as repo:
        assert repo.get_recommendation(rec.id).evidence_count == 1
        assert [r.evidence_count for r in repo.recommendations(doc_id)] == [1, 0]


def test_of_documents_and_labels_read_what_the_whole_list_gives(
    workspace: Workspace, doc_id: int
) -> None:
    """Issue 16: the authority panel reads its documents' recommendations only, and the
    highlights list their labels without the evidence counts; both agree with the full read."""
    from tests.factories import make_ingested

    with workspace.write() as repo:
        other = repo.add_document(make_ingested(salt="other"))
        repo.add_recommendation(
            other, "By hand.", number=" ", group="manual", nf_tag=None, position=None
        )
        gone = repo.recommendations(other)[0].id
        repo.set_recommendation_deleted(gone, True)
    with workspace.read() as repo:
        every = repo.recommendations()
        assert repo.recommendations(of_documents=[other]) == [
            r for r in every if r.document_id == other
        ]
        assert repo.recommendations(of_documents=[doc_id, other]) == every
        assert repo.recommendations(of_documents=[]) == []
        labels = repo.recommendation_labels()
    assert labels == {r.id: r.label for r in every}
    assert gone not in labels and len(labels) == len(every)
