"""Recommendations: extracted or added by hand, edited, moved, deleted and restored."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import func, select

from shiny_review.domain.entities import (
    NFTag,
    Recommendation,
    RecommendationPlace,
    recommendation_label,
)
from shiny_review.domain.structure import (
    ExtractedRecommendation,
)
from shiny_review.storage.repository.base import RepositoryBase
from shiny_review.storage.repository.rows import (
    REMOVED_DOCUMENTS,
    recommendation_from_row,
    recommendation_state,
    removed_document_ids,
)
from shiny_review.storage.schema import (
    AnnotationRow,
    LinkRow,
    RecommendationRow,
)


class RecommendationQueries(RepositoryBase):
    def add_extracted_recommendation(self, document_id: int, rec: ExtractedRecommendation) -> int:
        live = self._live_recommendations(document_id)
        row = RecommendationRow(
            document_id=document_id,
            position=len(live),
            group=rec.group,
            number=rec.number,
            text=rec.text,
            nf_kind=rec.nf_tag.kind if rec.nf_tag else None,
            nf_number=rec.nf_tag.number if rec.nf_tag else None,
            page=rec.page,
            heading=rec.heading,
            manual=False,
            deleted=False,
        )
        self._s.add(row)
        self._s.flush()
        self._history("create", "recommendation", row.id, None, recommendation_state(row))
        return row.id

    def _evidence_counts(self, recommendation_ids: Sequence[int]) -> dict[int, int]:
        query = (
            select(LinkRow.recommendation_id, func.count())
            .join(AnnotationRow, AnnotationRow.id == LinkRow.annotation_id)
            .where(AnnotationRow.deleted.is_(False))
            .where(AnnotationRow.document_id.not_in(removed_document_ids()))
            .where(LinkRow.recommendation_id.in_(list(recommendation_ids)))
            .group_by(LinkRow.recommendation_id)
        )
        return {rec: n for rec, n in self._s.execute(query)}

    def recommendations(
        self,
        document_id: int | None = None,
        *,
        include_deleted: bool = False,
        of_documents: Collection[int] | None = None,
    ) -> list[Recommendation]:
        """With their evidence counts, read with the driver's cursor in one statement (the
        window reloads them after every action). ``of_documents``: only those of these
        documents (not in the bin), instead of the whole workspace's."""
        where: list[str] = []
        params: tuple[int, ...] = ()
        if document_id is not None:
            self._require_document(document_id)
            where.append("r.document_id = ?")
            params = (document_id,)
        else:  # not those of documents in the bin
            where.append(f"r.document_id NOT IN {REMOVED_DOCUMENTS}")
            if of_documents is not None:
                params = tuple(of_documents)
                where.append(f"r.document_id IN ({', '.join('?' * len(params)) or 'NULL'})")
        if not include_deleted:
            where.append("r.deleted = FALSE")
        rows = (
            self._driver()
            .execute(
                "SELECT r.id, r.document_id, r.position, r.grp, r.number, r.text, r.nf_kind, "
                "r.nf_number, r.page, r.heading, r.manual, "
                "(SELECT count(*) FROM links l JOIN annotations a ON a.id = l.annotation_id "
                " WHERE l.recommendation_id = r.id AND a.deleted = FALSE"
                f" AND a.document_id NOT IN {REMOVED_DOCUMENTS}) "
                "FROM recommendations r"
                + (" WHERE " + " AND ".join(where) if where else "")
                + " ORDER BY r.document_id, r.position",
                params,
            )
            .fetchall()
        )
        return [
            Recommendation(
                id=r[0],
                document_id=r[1],
                position=r[2],
                group=r[3],
                number=r[4],
                text=r[5],
                nf_tag=NFTag(r[6], r[7]) if r[6] and r[7] else None,
                page=r[8],
                heading=r[9],
                manual=bool(r[10]),
                evidence_count=r[11],
            )
            for r in rows
        ]

    def recommendation_labels(self) -> dict[int, str]:
        """Every live recommendation's label (``recommendation_label``) by id, not those of
        documents in the bin: the columns the label needs, no evidence counts."""
        rows = (
            self._driver()
            .execute(
                "SELECT id, number, position FROM recommendations "
                f"WHERE deleted = FALSE AND document_id NOT IN {REMOVED_DOCUMENTS}"
            )
            .fetchall()
        )
        return {r[0]: recommendation_label(r[1], r[2]) for r in rows}

    def recommendation_documents_and_labels(self) -> dict[int, tuple[int, str]]:
        """Every live recommendation's (document id, label) by id, not those of documents in
        the bin: what its ``DOC:N`` reference needs, without the evidence counts (which read
        every link)."""
        rows = (
            self._driver()
            .execute(
                "SELECT id, document_id, number, position FROM recommendations "
                f"WHERE deleted = FALSE AND document_id NOT IN {REMOVED_DOCUMENTS}"
            )
            .fetchall()
        )
        return {r[0]: (r[1], recommendation_label(r[2], r[3])) for r in rows}

    def recommendation_places(self) -> dict[int, RecommendationPlace]:
        """Every live recommendation's document and position by id, not those of documents
        in the bin (the recommendations of ``recommendations()``, without their counts)."""
        rows = self._driver().execute(
            "SELECT id, document_id, position FROM recommendations "
            f"WHERE deleted = FALSE AND document_id NOT IN {REMOVED_DOCUMENTS} "
            "ORDER BY document_id, position"  # the order of recommendations()
        )
        return {r[0]: RecommendationPlace(r[1], r[2]) for r in rows}

    def get_recommendation(self, recommendation_id: int) -> Recommendation:
        row = self._recommendation_row(recommendation_id)
        return recommendation_from_row(row, self._evidence_counts([row.id]).get(row.id, 0))

    def add_recommendation(
        self,
        document_id: int,
        text: str,
        *,
        number: str | None,
        group: str,
        nf_tag: NFTag | None,
        position: int | None,
    ) -> int:
        self._require_document(document_id)
        live = self._live_recommendations(document_id)
        if position is None or position > len(live):
            position = len(live)
        row = RecommendationRow(
            document_id=document_id,
            position=position,
            group=group,
            number=number,
            text=text,
            nf_kind=nf_tag.kind if nf_tag else None,
            nf_number=nf_tag.number if nf_tag else None,
            page=None,
            heading=None,
            manual=True,
            deleted=False,
        )
        live.insert(position, row)
        self._s.add(row)
        self._renumber(live)
        self._s.flush()
        self._history("create", "recommendation", row.id, None, recommendation_state(row))
        return row.id

    def _live_recommendations(self, document_id: int) -> list[RecommendationRow]:
        return list(
            self._s.scalars(
                select(RecommendationRow)
                .where(RecommendationRow.document_id == document_id)
                .where(RecommendationRow.deleted.is_(False))
                .order_by(RecommendationRow.position, RecommendationRow.id)
            )
        )

    @staticmethod
    def _renumber(rows: Sequence[RecommendationRow]) -> None:
        for i, r in enumerate(rows):
            if r.position != i:
                r.position = i

    def update_recommendation(self, recommendation_id: int, **changes: Any) -> None:
        row = self._recommendation_row(recommendation_id)
        before = recommendation_state(row)
        for key, value in changes.items():
            if key == "nf_tag":
                row.nf_kind = value.kind if value else None
                row.nf_number = value.number if value else None
            else:
                setattr(row, key, value)
        self._history("edit", "recommendation", row.id, before, recommendation_state(row))

    def set_recommendation_deleted(self, recommendation_id: int, deleted: bool) -> None:
        row = self._recommendation_row(recommendation_id)
        before = recommendation_state(row)
        live = [r for r in self._live_recommendations(row.document_id) if r.id != row.id]
        row.deleted = deleted
        if not deleted:
            live.insert(min(row.position, len(live)), row)
        self._renumber(live)
        self._history(
            "delete" if deleted else "restore",
            "recommendation",
            row.id,
            before,
            recommendation_state(row),
        )

    def move_recommendation(self, recommendation_id: int, position: int) -> None:
        row = self._recommendation_row(recommendation_id)
        before = recommendation_state(row)
        live = [r for r in self._live_recommendations(row.document_id) if r.id != row.id]
        live.insert(max(0, min(position, len(live))), row)
        self._renumber(live)
        self._history("move", "recommendation", row.id, before, recommendation_state(row))
