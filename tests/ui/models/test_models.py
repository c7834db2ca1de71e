"""qtmodeltester on every item model, filled with real rows."""

from __future__ import annotations

from shiny_review.domain.entities import Stance
from shiny_review.services.review import EvidenceItem
from shiny_review.ui.models.annotations import AnnotationFilter, AnnotationsModel
from shiny_review.ui.models.documents import DocumentsModel
from shiny_review.ui.models.evidence import EvidenceModel
from shiny_review.ui.models.recommendations import (
    RecommendationsModel,
    decode_annotations,
    encode_annotations,
)
from shiny_review.ui.models.search import SearchResultsModel
from tests.factories import make_ingested


def _fill(service):
    a = service.documents.add_ingested(make_ingested()).value.document
    b = service.documents.add_ingested(make_ingested(source="b.txt", salt="b")).value.document
    rec = service.recommendations.all(a.id)[0]
    service.annotations.add_quote(a.id, "Supervision is regular", recommendation_ids=[rec.id])
    service.annotations.add_quote(a.id, "leaders know it", stance=Stance.CONTEXT, note="n")
    service.annotations.add_quote(b.id, "Main findings", recommendation_ids=[rec.id])
    return a, b, rec


def test_documents_model(qtmodeltester, service) -> None:
    _fill(service)
    model = DocumentsModel()
    model.set_documents(service.documents.all())
    qtmodeltester.check(model)
    docs = service.documents.all()
    assert model.document_at(model.index_of(docs[1].id)).id == docs[1].id
    model.set_documents(service.documents.all())  # same shape: cells refresh
    qtmodeltester.check(model)


def test_documents_model_updates_one_row_in_place(qtmodeltester, qtbot, service) -> None:
    from dataclasses import replace

    a, _b, _rec = _fill(service)
    model = DocumentsModel()
    model.set_documents(service.documents.all())
    index = model.index_of(a.id)
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.update_document(replace(service.documents.get(a.id), annotation_count=7))
    assert changed.args[0].row() == index.row()
    assert model.document_at(model.index_of(a.id)).annotation_count == 7
    assert not model.update_document(replace(service.documents.get(a.id), authority="Elsewhere"))
    assert not model.update_document(replace(service.documents.get(a.id), id=999))
    qtmodeltester.check(model)


def test_documents_model_sets_one_count_or_mark(qtmodeltester, qtbot, service) -> None:
    from PySide6.QtCore import Qt

    from shiny_review.ui.models.documents import MARKS

    a, _b, _rec = _fill(service)
    model = DocumentsModel()
    model.set_documents(service.documents.all())
    index = model.index_of(a.id)
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.set_count(a.id, 12)
    top, bottom = changed.args[0], changed.args[1]
    assert top == bottom  # one cell: a view repaints that cell, not itself whole
    assert (top.row(), top.column(), top.parent()) == (index.row(), MARKS, index.parent())
    assert model.data(top) == "12" and model.document_at(index).annotation_count == 12
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.set_checks(a.id, ["two recommendations share a number"])
    assert changed.args[0] == changed.args[1] == index
    assert "two recommendations share a number" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.set_checks(a.id, []) and a.id not in model.checks
    assert not model.set_count(999, 1) and not model.set_checks(999, [])
    qtmodeltester.check(model)


def test_recommendations_model_and_drop(qtmodeltester, qtbot, service) -> None:
    a, _b, rec = _fill(service)
    model = RecommendationsModel()
    model.set_recommendations(service.recommendations.all(a.id))
    qtmodeltester.check(model)
    assert model.data(model.index(1, 3)).startswith("⚠")
    mime = encode_annotations([5, 7])
    assert decode_annotations(mime) == [5, 7]
    with qtbot.waitSignal(model.annotationsDropped) as blocker:
        model.dropMimeData(mime, 0, -1, -1, model.index(0, 0))
    assert blocker.args == [[5, 7], rec.id]


def test_annotations_model_and_filter(qtmodeltester, service) -> None:
    a, _b, rec = _fill(service)
    model = AnnotationsModel()
    model.set_annotations(service.annotations.all(a.id), {rec.id: "1"})
    qtmodeltester.check(model)
    proxy = AnnotationFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_recommendation(rec.id)
    assert proxy.rowCount() == 1
    proxy.set_recommendation(None)
    proxy.set_stance(Stance.CONTEXT)
    assert proxy.rowCount() == 1
    proxy.set_stance("none")
    assert proxy.rowCount() == 1
    proxy.set_stance("any")
    proxy.set_text("LEADERS")
    assert proxy.rowCount() == 1
    ann = service.annotations.all(a.id)[0]
    model.put(service.annotations.delete(ann.id).value)
    assert model.row_of(ann.id) == -1
    model.put(service.annotations.restore(ann.id).value)
    assert model.row_of(ann.id) == 0
    qtmodeltester.check(model)


def test_evidence_and_search_models(qtmodeltester, service) -> None:
    _a, _b, rec = _fill(service)
    evidence = EvidenceModel()
    evidence.set_items(service.evidence.of(rec.id))
    assert evidence.rowCount() == 2
    assert isinstance(evidence.item_at(0), EvidenceItem)
    qtmodeltester.check(evidence)
    search = SearchResultsModel()
    search.set_hits(service.search.find("supervision"))
    assert search.rowCount() == 4  # two documents, each twice
    qtmodeltester.check(search)


def test_cells_by_role(service) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont

    from shiny_review.ui.models.annotations import ANNOTATION_ID_ROLE
    from shiny_review.ui.models.documents import DOCUMENT_ID_ROLE
    from shiny_review.ui.models.recommendations import RECOMMENDATION_ID_ROLE

    R = Qt.ItemDataRole
    a, _b, rec = _fill(service)
    evidence = EvidenceModel()
    evidence.set_items(service.evidence.of(rec.id))
    item = evidence.item_at(0)
    assert evidence.headerData(2, Qt.Orientation.Horizontal) == "Passage"
    assert evidence.data(evidence.index(0, 1)) == str(item.annotation.anchor.page)
    assert evidence.data(evidence.index(0, 2), R.ToolTipRole) == item.annotation.anchor.exact
    assert evidence.data(evidence.index(0, 0), R.ToolTipRole) is None
    assert evidence.data(evidence.index(0, 3), R.AccessibleTextRole) == "No stance"
    assert isinstance(evidence.data(evidence.index(0, 3), R.DecorationRole), QColor)
    assert evidence.data(evidence.index(0, 2), R.DecorationRole) is None
    assert evidence.data(evidence.index(0, 4), ANNOTATION_ID_ROLE) == item.annotation.id
    assert evidence.item_at(2) is None and evidence.item_at(-1) is None

    search = SearchResultsModel()
    search.set_hits(service.search.find("supervision"))
    hit = search.hit_at(0)
    assert [search.data(search.index(0, c)) for c in range(3)] == [
        "Westmarsh · focused visit",  # the document's label tells letters apart (issue 11)
        str(hit.page),
        hit.context,
    ]
    assert search.data(search.index(0, 2), R.ToolTipRole) is None
    assert search.hit_at(4) is None

    recs = RecommendationsModel()
    recs.set_recommendations(service.recommendations.all(a.id))
    linked, bare = recs.recommendations()
    assert recs.row_of(bare.id) == 1 and recs.row_of(-1) == -1
    assert recs.data(recs.index(0, 3)) == "2"
    assert recs.data(recs.index(0, 3), R.AccessibleTextRole) == "2 passages"
    assert recs.data(recs.index(1, 3), R.AccessibleTextRole) == "no evidence yet"
    assert recs.data(recs.index(1, 0), R.ToolTipRole) == bare.text
    assert recs.data(recs.index(1, 3), R.ToolTipRole).startswith("No passage")
    assert recs.data(recs.index(1, 3), R.ForegroundRole) == QColor("#9b2c00")
    assert recs.data(recs.index(1, 3), R.FontRole).bold()
    assert isinstance(recs.data(recs.index(1, 3), R.FontRole), QFont)
    assert recs.data(recs.index(0, 3), R.ForegroundRole) is None
    assert recs.data(recs.index(0, 2), RECOMMENDATION_ID_ROLE) == linked.id
    assert recs.flags(recs.index(0, 0)) & Qt.ItemFlag.ItemIsDropEnabled

    docs = DocumentsModel()
    docs.set_documents(service.documents.all())
    group = docs.index(0, 0)
    assert docs.data(group) == f"{a.authority} (2)"
    assert docs.data(docs.index(0, 1)) is None
    first = docs.index(0, 0, group)
    doc = docs.document_at(first)
    assert docs.data(first, DOCUMENT_ID_ROLE) == doc.id
    assert docs.data(docs.index(0, 3, group), R.AccessibleTextRole) == str(doc.annotation_count)
    assert docs.data(docs.index(0, 2, group), R.ToolTipRole).startswith(doc.title)
    assert docs.data(group, R.ToolTipRole) is None
