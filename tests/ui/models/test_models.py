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
    a = service.add_ingested(make_ingested()).value.document
    b = service.add_ingested(make_ingested(source="b.txt", salt="b")).value.document
    rec = service.recommendations(a.id)[0]
    service.annotate_quote(a.id, "Supervision is regular", recommendation_ids=[rec.id])
    service.annotate_quote(a.id, "leaders know it", stance=Stance.CONTEXT, note="n")
    service.annotate_quote(b.id, "Main findings", recommendation_ids=[rec.id])
    return a, b, rec


def test_documents_model(qtmodeltester, service) -> None:
    _fill(service)
    model = DocumentsModel()
    model.set_documents(service.documents())
    qtmodeltester.check(model)
    docs = service.documents()
    assert model.document_at(model.index_of(docs[1].id)).id == docs[1].id
    model.set_documents(service.documents())  # same shape: cells refresh
    qtmodeltester.check(model)


def test_recommendations_model_and_drop(qtmodeltester, qtbot, service) -> None:
    a, _b, rec = _fill(service)
    model = RecommendationsModel()
    model.set_recommendations(service.recommendations(a.id))
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
    model.set_annotations(service.annotations(a.id), {rec.id: "1"})
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
    ann = service.annotations(a.id)[0]
    model.put(service.delete_annotation(ann.id).value)
    assert model.row_of(ann.id) == -1
    model.put(service.restore_annotation(ann.id).value)
    assert model.row_of(ann.id) == 0
    qtmodeltester.check(model)


def test_evidence_and_search_models(qtmodeltester, service) -> None:
    _a, _b, rec = _fill(service)
    evidence = EvidenceModel()
    evidence.set_items(service.evidence(rec.id))
    assert evidence.rowCount() == 2
    assert isinstance(evidence.item_at(0), EvidenceItem)
    qtmodeltester.check(evidence)
    search = SearchResultsModel()
    search.set_hits(service.search("supervision"))
    assert search.rowCount() == 4  # two documents, each twice
    qtmodeltester.check(search)
