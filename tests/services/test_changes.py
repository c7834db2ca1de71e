"""Changed: what an operation says it changed, row by row (a document's count or mark, a
highlight added or removed), and how two notices combine."""

from __future__ import annotations

from shiny_review.services.changes import Changed


def _ids(*ids: int) -> frozenset[int]:
    return frozenset(ids)


def test_a_highlight_says_which_rows_changed(service) -> None:
    from tests.factories import make_ingested

    doc = service.documents.add_ingested(make_ingested()).value.document
    added = service.annotations.add_quote(doc.id, "Supervision is regular")
    ann = added.value
    changed = added.changed
    assert changed.documents == changed.counts == _ids(doc.id)  # its count only
    assert not changed.row_changed(doc.id) and not changed.checks
    assert changed.annotations == changed.added == _ids(ann.id) and not changed.removed
    assert changed.exact and changed.recommendations == frozenset()  # no link: no evidence
    assert changed.fresh == (ann,)  # as the operation read it
    deleted = service.annotations.delete(ann.id).changed
    assert deleted.removed == _ids(ann.id) and not deleted.added
    assert deleted.fresh[0].deleted
    restored = service.annotations.restore(ann.id).changed
    assert restored.added == _ids(ann.id) and restored.counts == _ids(doc.id)
    noted = service.annotations.set_note(ann.id, "seen").changed
    assert not noted.added and not noted.removed and noted.exact


def test_a_link_names_the_recommendation(service) -> None:
    from tests.factories import make_ingested

    doc = service.documents.add_ingested(make_ingested()).value.document
    rec = service.recommendations.all(doc.id)[0]
    ann = service.annotations.add_quote(doc.id, "Supervision is regular").value
    changed = service.annotations.link(ann.id, rec.id).changed
    assert changed.exact and changed.recommendations == _ids(rec.id)
    assert changed.fresh[0].recommendation_ids == (rec.id,)


def test_a_confirmation_changes_the_mark_only(service) -> None:
    from tests.factories import make_ingested

    doc = service.documents.add_ingested(make_ingested()).value.document
    changed = service.checks.confirm(doc.id).changed
    assert changed.checks == changed.documents == _ids(doc.id) and changed.exact
    assert not changed.row_changed(doc.id) and not changed.counts


def test_a_notice_without_detail_rereads_whole_rows() -> None:
    coarse = Changed(documents=_ids(1), annotations=_ids(5))  # another writer's change
    assert coarse.row_changed(1) and not coarse.exact
    assert not coarse.row_changed(2)  # not changed at all


def test_combined_notices_keep_only_what_both_agree() -> None:
    count = Changed(documents=_ids(1), counts=_ids(1), added=_ids(5), exact=True)
    row = Changed(documents=_ids(1))  # e.g. its title too
    both = count | row
    assert both.row_changed(1) and both.counts == frozenset() and not both.exact
    other = Changed(documents=_ids(2), counts=_ids(2), removed=_ids(6), exact=True)
    merged = count | other
    assert merged.counts == _ids(1, 2) and merged.exact
    assert merged.added == _ids(5) and merged.removed == _ids(6)
    undone = count | Changed(documents=_ids(1), counts=_ids(1), removed=_ids(5), exact=True)
    assert undone.removed == _ids(5) and not undone.added  # the later one wins
    assert (Changed() | count).exact  # an empty notice says nothing against it
