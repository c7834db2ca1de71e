"""The evidence log's rows from SQL: one per link, the recommendation's label, unlinked rows."""

from __future__ import annotations

from shiny_review.domain.anchoring import make_anchor
from shiny_review.domain.entities import recommendation_label
from shiny_review.domain.export_rows import EVIDENCE_COLUMNS, EvidenceRow
from shiny_review.storage.workspace import Workspace


def test_rows_per_link_with_the_label(workspace: Workspace, doc_id: int) -> None:
    with workspace.write() as repo:
        text = repo.document_text(doc_id).text
        recs = repo.recommendations(doc_id)
        repo.update_recommendation(recs[0].id, number="19")
        repo.update_recommendation(recs[1].id, number="")
        linked = repo.add_annotation(
            doc_id,
            make_anchor(text, 0, 5, page=1, paragraph=None),
            section=None,
            stance=None,
            note="",
            colour=None,
        )
        bare = repo.add_annotation(
            doc_id,
            make_anchor(text, 10, 15, page=1, paragraph=None),
            section=None,
            stance=None,
            note="",
            colour=None,
        )
        for rec in recs:
            repo.link(linked, rec.id)
    with workspace.read() as repo:
        rows = list(repo.evidence_rows())
        only = list(repo.evidence_rows(doc_id))
    assert rows == only
    assert all(isinstance(r, EvidenceRow) and len(r) == len(EVIDENCE_COLUMNS) for r in rows)
    assert [(r.annotation_id, r.recommendation_number) for r in rows] == [
        (linked, "19"),
        (linked, "2"),  # an empty printed number is no number: its position
        (bare, None),
    ]
    assert rows[0].created_at.endswith("Z") and "T" in rows[0].created_at


def test_batches_are_the_tuples_in_lists(workspace: Workspace, doc_id: int) -> None:
    with workspace.write() as repo:
        text = repo.document_text(doc_id).text
        recs = repo.recommendations(doc_id)
        for start in range(0, 60, 4):
            added = repo.add_annotation(
                doc_id,
                make_anchor(text, start, start + 3, page=1, paragraph=None),
                section=None,
                stance=None,
                note="",
                colour=None,
            )
            if start % 8:
                repo.link(added, recs[0].id)
    with workspace.read() as repo:
        tuples = list(repo.evidence_tuples())
        for size in (1, 4, 1024):
            batches = list(repo.evidence_batches(size=size))
            assert all(0 < len(batch) <= size for batch in batches)
            assert [row for batch in batches for row in batch] == tuples
    assert len(tuples) > 4


def test_labels_in_sql_are_the_function_s(workspace: Workspace, doc_id: int) -> None:
    # SQLite's query gives a number that starts with printable ASCII as it is, no number as
    # the position, and asks the function for the rest: each as recommendation_label says
    numbers = [None, "", " ", "  7", "7 ", "\u00a07", "\u3000", "\u2028", "é1", "~", "!x", "\t"]
    with workspace.write() as repo:
        recs = repo.recommendations(doc_id)
        text = repo.document_text(doc_id).text
        added = repo.add_annotation(
            doc_id,
            make_anchor(text, 0, 5, page=1, paragraph=None),
            section=None,
            stance=None,
            note="",
            colour=None,
        )
        repo.link(added, recs[0].id)
        ids = [recs[0].id]
        for n, number in enumerate(numbers):  # half linked (the log's rows), half gaps
            rec_id = repo.add_recommendation(
                doc_id, f"rec {number!r}", number=number, group="g", nf_tag=None, position=None
            )
            ids.append(rec_id)
            if n % 2:
                repo.link(added, rec_id)
    with workspace.read() as repo:
        places = {r.id: (r.number, r.position) for r in repo.recommendations(doc_id)}
        got = {row[10]: row[9] for row in repo.evidence_tuples(doc_id)}
    want = {
        f"rec {n!r}": recommendation_label(*places[i])
        for n, i in zip(numbers, ids[1:], strict=True)
    }
    assert {text: got[text] for text in want} == want
    assert len(set(want.values())) > 5
