"""Documents: adding one from an import, a new version of one, listing and reading them."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from datetime import date, datetime

from sqlalchemy import delete, func, insert, select

from shiny_review.domain.entities import (
    Document,
    Judgement,
)
from shiny_review.domain.errors import NotFoundError
from shiny_review.domain.structure import (
    ExtractedText,
    IngestedDocument,
    Paragraph,
)
from shiny_review.storage import clock
from shiny_review.storage.document_listing import documents_sql
from shiny_review.storage.repository.base import RepositoryBase, in_the_bin
from shiny_review.storage.repository.checks import replace_checks
from shiny_review.storage.repository.rows import (
    BULKY_COLUMNS,
    document_from_row,
    paragraphs_json,
)
from shiny_review.storage.schema import (
    AnnotationRow,
    DocumentRow,
    JudgementRow,
    RecommendationRow,
)

# The document columns the domain row holds, in Document's order (not the bulky text).

# id, title, kind, authority, and date, inspection start and end as ISO 8601 text or None
LabelRow = tuple[int, str, str | None, str | None, str | None, str | None, str | None]


def _day(value: str | None) -> date | None:
    """A Date column as SQLAlchemy stores it in SQLite (ISO 8601)."""
    return date.fromisoformat(value) if value else None


class DocumentQueries(RepositoryBase):
    def find_document_by_hash(self, source_hash: str) -> Document | None:
        """The document made from this file, in use or in the bin (``removed_at``)."""
        row = self._s.scalar(
            select(DocumentRow)
            .options(*BULKY_COLUMNS)
            .where(DocumentRow.source_hash == source_hash)
        )
        return document_from_row(row) if row else None

    def add_document(self, ingested: IngestedDocument) -> int:
        # Bulk INSERTs, not ORM objects: their flush was a third of an import's database time.
        st = ingested.structure
        ex = ingested.extracted
        document_id = self._s.scalar(
            insert(DocumentRow)
            .values(
                title=st.title,
                kind=st.kind,
                framework=st.framework,
                authority=st.authority,
                date=st.date,
                inspection_start=st.inspection_start,
                inspection_end=st.inspection_end,
                lead_inspector=st.lead_inspector,
                pages=ex.page_count,
                overall=st.overall,
                source_name=ingested.source_name,
                source_hash=ingested.source_hash,
                content_hash=ingested.content_hash,
                text=ex.text,
                page_starts=json.dumps(list(ex.page_starts)),
                paragraphs=paragraphs_json(ex.paragraphs),
                imported_at=clock.now(),
            )
            .returning(DocumentRow.id)
        )
        assert isinstance(document_id, int)
        self._index_words(document_id, ex.text)
        self.keep_original(document_id, ingested)  # page view (issue 15)
        if st.judgements:
            self._s.execute(
                insert(JudgementRow),
                [
                    {"document_id": document_id, "position": i, "area": j.area, "grade": j.grade}
                    for i, j in enumerate(st.judgements)
                ],
            )
        if st.recommendations:
            self._s.execute(
                insert(RecommendationRow),
                [
                    {
                        "document_id": document_id,
                        "position": i,
                        "group": r.group,
                        "number": r.number,
                        "text": r.text,
                        "nf_kind": r.nf_tag.kind if r.nf_tag else None,
                        "nf_number": r.nf_tag.number if r.nf_tag else None,
                        "page": r.page,
                        "heading": r.heading,
                        "manual": False,
                        "deleted": False,
                    }
                    for i, r in enumerate(st.recommendations)
                ],
            )
        replace_checks(self._s, document_id, st.checks, new=True)  # failed self-checks
        self._history(
            "create",
            "document",
            document_id,
            None,
            {"title": st.title, "source": ingested.source_name, "hash": ingested.source_hash},
        )
        return document_id

    def replace_document(self, document_id: int, ingested: IngestedDocument) -> None:
        """Swap in a new version of a document's file: text, maps, metadata, judgements.

        Recommendations stay as they are (they may carry links and edits); the caller adds
        any new ones. Annotations are re-anchored by the caller.
        """
        row = self._document_row(document_id)
        st = ingested.structure
        ex = ingested.extracted
        before = {"source": row.source_name, "hash": row.source_hash}
        row.title = st.title
        row.kind = st.kind
        row.framework = st.framework
        row.authority = st.authority
        row.date = st.date
        row.inspection_start = st.inspection_start
        row.inspection_end = st.inspection_end
        row.lead_inspector = st.lead_inspector
        row.pages = ex.page_count
        row.overall = st.overall
        row.source_name = ingested.source_name
        row.source_hash = ingested.source_hash
        row.content_hash = ingested.content_hash
        row.text = ex.text
        self._index_words(document_id, ex.text)
        row.page_starts = json.dumps(list(ex.page_starts))
        row.paragraphs = paragraphs_json(ex.paragraphs)
        self.keep_original(document_id, ingested)  # page view (issue 15)
        self._s.execute(delete(JudgementRow).where(JudgementRow.document_id == document_id))
        for i, j in enumerate(st.judgements):
            self._s.add(JudgementRow(document_id=row.id, position=i, area=j.area, grade=j.grade))
        replace_checks(self._s, row.id, st.checks)  # the new version's failed self-checks
        self._history(
            "new version",
            "document",
            row.id,
            before,
            {"source": ingested.source_name, "hash": ingested.source_hash},
        )

    def get_document(self, document_id: int) -> Document:
        row = self._s.get(DocumentRow, document_id, options=BULKY_COLUMNS)
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        if row.deleted_at is not None:
            raise NotFoundError(in_the_bin(document_id))
        return document_from_row(row, self._annotation_counts([document_id]).get(document_id, 0))

    def _annotation_counts(self, ids: Iterable[int] | None = None) -> dict[int, int]:
        query = (
            select(AnnotationRow.document_id, func.count())
            .where(AnnotationRow.deleted.is_(False))
            .group_by(AnnotationRow.document_id)
        )
        if ids is not None:
            query = query.where(AnnotationRow.document_id.in_(list(ids)))
        return {doc: n for doc, n in self._s.execute(query)}

    def highlight_counts(self, ids: Iterable[int]) -> dict[int, int]:
        """The live highlights of each of these documents (0 when none), straight from the
        driver: what the documents list shows after one highlight is added or deleted."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        sql = (
            "SELECT document_id, COUNT(*) FROM annotations "
            f"WHERE document_id IN ({marks}) AND deleted = FALSE GROUP BY document_id"
        )
        found = dict(self._driver().execute(sql, tuple(wanted)).fetchall())
        return {i: int(found.get(i, 0)) for i in wanted}

    def document_lines(self) -> list[tuple[int, str, str, str]]:
        """(id, kind, ISO date or '', title) of every document in id order: the text
        listing's columns, straight from the driver."""
        driver = self._driver(flush=False)
        sql = (
            "SELECT id, kind, COALESCE(CAST(date AS TEXT), ''), title FROM documents "
            "WHERE deleted_at IS NULL ORDER BY id"
        )
        rows: list[tuple[int, str, str, str]] = driver.execute(sql).fetchall()
        return rows

    def label_rows(self) -> list[LabelRow]:
        """(id, title, kind, authority, date, inspection start, inspection end) of every
        document in id order, the dates as ISO 8601 text: what the text listing's label and
        date need, no counts, straight from the driver (the listing parses one date a row)."""
        sql = (
            "SELECT id, title, kind, authority, CAST(date AS TEXT), "
            "CAST(inspection_start AS TEXT), CAST(inspection_end AS TEXT) "
            "FROM documents WHERE deleted_at IS NULL ORDER BY id"
        )
        rows: list[LabelRow] = self._driver(flush=False).execute(sql).fetchall()
        return rows

    def list_documents(self, ids: Collection[int] | None = None) -> list[Document]:
        """Every document in use in id order (or those of ``ids`` that are in use), read with
        the driver's cursor (no ORM row each: a workspace may hold thousands)."""
        driver = self._driver(flush=False)
        sql, wanted = documents_sql(ids)
        by_document = self._annotation_counts(wanted)
        day = _day
        stamp = datetime.fromisoformat
        return [
            Document(
                id=r[0],
                title=r[1],
                kind=r[2],
                authority=r[3],
                date=day(r[4]),
                inspection_start=day(r[5]),
                inspection_end=day(r[6]),
                lead_inspector=r[7],
                pages=r[8],
                overall=r[9],
                source_name=r[10],
                source_hash=r[11],
                content_hash=r[12],
                imported_at=stamp(r[13]),
                framework=r[14],
                annotation_count=by_document.get(r[0], 0),
            )
            for r in driver.execute(sql, wanted or ())
        ]

    def document_text(self, document_id: int) -> ExtractedText:
        row = self._document_row(document_id)
        page_starts = tuple(json.loads(row.page_starts))
        paragraphs = tuple(
            Paragraph(start=p[0], end=p[1], page=p[2], number=p[3], section=p[4], is_heading=p[5])
            for p in json.loads(row.paragraphs)
        )
        return ExtractedText(
            text=row.text, page_starts=page_starts, paragraphs=paragraphs, page_count=row.pages
        )

    def judgements(self, document_id: int) -> list[Judgement]:
        self._require_document(document_id)
        rows = self._s.scalars(
            select(JudgementRow)
            .where(JudgementRow.document_id == document_id)
            .order_by(JudgementRow.position)
        )
        return [Judgement(area=r.area, grade=r.grade) for r in rows]
