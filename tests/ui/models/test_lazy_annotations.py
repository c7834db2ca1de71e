"""The highlights model over light rows: rows come to the view a chunk at a time, a full
annotation is read only when its row is shown, and a filter reads them all first."""

from __future__ import annotations

from dataclasses import replace

from shiny_review.domain.entities import Annotation, Stance
from shiny_review.ui.models.annotations import AnnotationFilter, AnnotationsModel
from tests.ui.models.test_models import _fill


def _many(service, n: int) -> tuple[int, list[Annotation]]:
    a, _b, rec = _fill(service)
    base = service.annotations.all(a.id)[0]
    anns = [
        replace(
            base,
            id=1000 + i,
            anchor=replace(base.anchor, start=i, end=i + 1),
            stance=Stance.CONTEXT if i % 2 else None,
            recommendation_ids=(rec.id,) if i % 3 == 0 else (),
        )
        for i in range(n)
    ]
    return rec.id, anns


def test_light_rows_are_shown_in_chunks_and_read_when_shown(qtmodeltester, service) -> None:
    rec_id, anns = _many(service, 600)
    by_id = {a.id: a for a in anns}
    reads: list[list[int]] = []
    all_reads: list[int] = []

    def fetch(ann_ids: list[int]) -> list[Annotation]:
        reads.append(list(ann_ids))
        return [by_id[i] for i in ann_ids]

    def fetch_all() -> list[Annotation]:
        all_reads.append(1)
        return anns

    model = AnnotationsModel()
    spans = [(a.id, a.anchor.start, a.anchor.end, a.stance) for a in anns]
    model.set_spans(spans, {rec_id: "1"}, fetch, fetch_all)
    assert model.rowCount() == AnnotationsModel.CHUNK and model.canFetchMore()
    assert reads == []  # nothing read before a row is shown
    assert model.data(model.index(1, 1)) == "Context"  # the stance is in the light row
    assert reads == []
    assert model.data(model.index(3, 2)) == "1"  # linked to: read now, with its neighbours
    assert model.data(model.index(3, 2)) == "1"
    assert model.data(model.index(20, 2)) == ""  # a neighbour: already read
    assert len(reads) == 1
    assert 1003 in reads[0] and 1000 in reads[0] and 1020 in reads[0]
    assert len(reads[0]) == 3 + AnnotationsModel.FETCH_AROUND  # one query, not one per row
    assert model.row_of(1550) == 550  # a row not yet shown is shown when asked for
    assert model.rowCount() > 550
    qtmodeltester.check(model)
    proxy = AnnotationFilter()
    proxy.setSourceModel(model)
    proxy.set_recommendation(rec_id)
    assert all_reads == [1] and model.rowCount() == 600
    assert proxy.rowCount() == 200
    proxy.set_recommendation(None)
    proxy.set_stance("none")
    assert proxy.rowCount() == 300
    model.put(replace(by_id[1001], deleted=True))
    assert model.row_of(1001) == -1 and model.rowCount() == 599
    qtmodeltester.check(proxy)
