"""Recommendations: the letter's "What needs to improve?" items, found at import or added,
edited, reordered and deleted by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shiny_review.domain.entities import NFTag, Recommendation, RecommendationGroup
from shiny_review.domain.errors import ValidationError
from shiny_review.services.changes import Changed, Outcome
from shiny_review.services.recommendation_refs import ref_of

if TYPE_CHECKING:
    from shiny_review.storage.workspace import Workspace


def _rec_changed(rec: Recommendation) -> Changed:
    return Changed(documents=frozenset({rec.document_id}), recommendations=frozenset({rec.id}))


def _clean_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValidationError("a recommendation needs some text")
    return text


class Recommendations:
    """List, add, edit, reorder, delete and restore recommendations."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def all(self, document_id: int | None = None) -> list[Recommendation]:
        with self._workspace.read() as repo:
            return repo.recommendations(document_id)

    def labels(self) -> dict[int, str]:
        """Every live recommendation's label by id (what ``all()`` gives as ``r.label``, read
        without the evidence counts)."""
        with self._workspace.light_read() as repo:
            return repo.recommendation_labels()

    def refs(self) -> dict[int, str]:
        """Every live recommendation's ``DOC:N`` reference by id (``recommendation_ref`` of
        each of ``all()``), read without the evidence counts."""
        with self._workspace.read() as repo:
            places = repo.recommendation_documents_and_labels()
        return {i: ref_of(document_id, label) for i, (document_id, label) in places.items()}

    def get(self, recommendation_id: int) -> Recommendation:
        with self._workspace.read() as repo:
            return repo.get_recommendation(recommendation_id)

    def without_evidence(self, document_id: int | None = None) -> list[Recommendation]:
        return [r for r in self.all(document_id) if r.evidence_count == 0]

    def add(
        self,
        document_id: int,
        text: str,
        *,
        number: str | None = None,
        group: str = RecommendationGroup.MANUAL.value,
        nf_tag: NFTag | None = None,
        position: int | None = None,
    ) -> Outcome[Recommendation]:
        text = _clean_text(text)
        with self._workspace.write() as repo:
            rec_id = repo.add_recommendation(
                document_id, text, number=number, group=group, nf_tag=nf_tag, position=position
            )
            rec = repo.get_recommendation(rec_id)
        return Outcome(rec, _rec_changed(rec))

    def edit(
        self,
        recommendation_id: int,
        *,
        text: str | None = None,
        number: str | None = None,
        nf_tag: NFTag | None = None,
        clear_number: bool = False,
        clear_nf_tag: bool = False,
    ) -> Outcome[Recommendation]:
        changes: dict[str, Any] = {}
        if text is not None:
            changes["text"] = _clean_text(text)
        if number is not None or clear_number:
            changes["number"] = number
        if nf_tag is not None or clear_nf_tag:
            changes["nf_tag"] = nf_tag
        with self._workspace.write() as repo:
            repo.update_recommendation(recommendation_id, **changes)
            rec = repo.get_recommendation(recommendation_id)
        return Outcome(rec, _rec_changed(rec))

    def delete(self, recommendation_id: int) -> Outcome[Recommendation]:
        return self._set_deleted(recommendation_id, True)

    def restore(self, recommendation_id: int) -> Outcome[Recommendation]:
        return self._set_deleted(recommendation_id, False)

    def _set_deleted(self, rec_id: int, deleted: bool) -> Outcome[Recommendation]:
        with self._workspace.write() as repo:
            linked = [a.id for a in repo.evidence(rec_id)]
            repo.set_recommendation_deleted(rec_id, deleted)
            rec = repo.get_recommendation(rec_id)
            siblings = frozenset(r.id for r in repo.recommendations(rec.document_id))
        changed = _rec_changed(rec) | Changed(
            recommendations=siblings, annotations=frozenset(linked)
        )
        return Outcome(rec, changed)

    def move(self, recommendation_id: int, position: int) -> Outcome[Recommendation]:
        with self._workspace.write() as repo:
            repo.move_recommendation(recommendation_id, position)
            rec = repo.get_recommendation(recommendation_id)
            siblings = frozenset(r.id for r in repo.recommendations(rec.document_id))
        return Outcome(rec, _rec_changed(rec) | Changed(recommendations=siblings))
