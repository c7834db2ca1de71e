"""Reads and writes of one unit of work, in domain terms.

Services get a Repository from ``Workspace.read()`` or ``Workspace.write()``; every write
also appends a row to the history with its author, time, and before/after values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session, defer

from shiny_review.domain.entities import (
    Anchor,
    AnchorStatus,
    Annotation,
    Document,
    Judgement,
    NFTag,
    Recommendation,
    Stance,
)
from shiny_review.domain.errors import NotFoundError
from shiny_review.domain.export_rows import EvidenceRow
from shiny_review.domain.structure import (
    ExtractedRecommendation,
    ExtractedText,
    IngestedDocument,
    Paragraph,
)
from shiny_review.storage.schema import (
    AnnotationRow,
    DocumentRow,
    HistoryRow,
    JudgementRow,
    LinkRow,
    RecommendationRow,
)

# Columns a Document row never needs: loading them for a list of documents would read every
# document's whole text.
_BULKY = (defer(DocumentRow.text), defer(DocumentRow.page_starts), defer(DocumentRow.paragraphs))
_TOKEN_CHAR = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class SearchRow:
    """A document that matches a full-text search, with a snippet around the first match."""

    document_id: int
    title: str
    snippet: str


class HighlightSpan(NamedTuple):
    """A highlight as the text view paints it: code-point offsets and the stance."""

    annotation_id: int
    start: int
    end: int
    stance: Stance | None


@dataclass(frozen=True, slots=True)
class SearchText:
    """A candidate document of a search, with what is needed to find the exact matches."""

    document_id: int
    title: str
    text: str
    page_starts: tuple[int, ...]


def fts_query(query: str) -> str | None:
    """The FTS5 expression for a search: the query's words as one phrase, the last word as a
    prefix. It finds every document where the words occur in order, each starting a word (a
    superset of the exact, case-insensitive matches). None when the query has no word.
    """
    words = query.split()
    if not any(_TOKEN_CHAR.search(w) for w in words):
        return None
    phrase = " ".join(words).replace('"', '""')
    return f'"{phrase}"*'


# The evidence log's rows in column order (EvidenceRow), formatted by SQLite: ISO 8601 times,
# empty strings for missing text, the printed number or else the position. {where} is empty
# or a filter on one document.
EVIDENCE_SQL = """
        SELECT a.id, d.title, d.kind, COALESCE(d.authority, ''), COALESCE(d.date, ''),
               a.page, a.paragraph, COALESCE(a.section, ''), a.exact,
               COALESCE(r.number, CAST(r.position + 1 AS TEXT)), COALESCE(r.text, ''),
               COALESCE(a.stance, ''), COALESCE(a.note, ''), a.author,
               substr(a.created_at, 1, 10) || 'T' || substr(a.created_at, 12, 8) || 'Z',
               substr(a.updated_at, 1, 10) || 'T' || substr(a.updated_at, 12, 8) || 'Z',
               a.anchor_status
        FROM annotations a
        JOIN documents d ON d.id = a.document_id
        LEFT JOIN links l ON l.annotation_id = a.id
            AND l.recommendation_id IN (SELECT id FROM recommendations WHERE deleted = 0)
        LEFT JOIN recommendations r ON r.id = l.recommendation_id
        WHERE a.deleted = 0 {where}
        ORDER BY d.id, a.start, a.id, r.position
    """


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value))


def _dump(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, default=_json_default, ensure_ascii=False, sort_keys=True)


def _paragraphs_json(paragraphs: Sequence[Paragraph]) -> str:
    return json.dumps(
        [[p.start, p.end, p.page, p.number, p.section, p.is_heading] for p in paragraphs],
        ensure_ascii=False,
    )


def _document(row: DocumentRow, annotation_count: int = 0) -> Document:
    return Document(
        id=row.id,
        title=row.title,
        kind=row.kind,
        authority=row.authority,
        date=row.date,
        inspection_start=row.inspection_start,
        inspection_end=row.inspection_end,
        lead_inspector=row.lead_inspector,
        pages=row.pages,
        overall=row.overall,
        source_name=row.source_name,
        source_hash=row.source_hash,
        content_hash=row.content_hash,
        imported_at=row.imported_at,
        framework=row.framework,
        annotation_count=annotation_count,
    )


def _recommendation(row: RecommendationRow, evidence: int = 0) -> Recommendation:
    tag = NFTag(row.nf_kind, row.nf_number) if row.nf_kind and row.nf_number else None
    return Recommendation(
        id=row.id,
        document_id=row.document_id,
        position=row.position,
        group=row.group,
        number=row.number,
        text=row.text,
        nf_tag=tag,
        page=row.page,
        heading=row.heading,
        manual=row.manual,
        evidence_count=evidence,
    )


def _annotation(row: AnnotationRow, links: Sequence[int] = ()) -> Annotation:
    return Annotation(
        id=row.id,
        document_id=row.document_id,
        anchor=Anchor(
            exact=row.exact,
            prefix=row.prefix,
            suffix=row.suffix,
            start=row.start,
            end=row.end,
            page=row.page,
            paragraph=row.paragraph,
            content_hash=row.content_hash,
        ),
        stance=Stance(row.stance) if row.stance else None,
        note=row.note,
        colour=row.colour,
        author=row.author,
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted=row.deleted,
        anchor_status=AnchorStatus(row.anchor_status),
        section=row.section,
        recommendation_ids=tuple(links),
    )


def _annotation_state(row: AnnotationRow) -> dict[str, Any]:
    return {
        "document_id": row.document_id,
        "exact": row.exact,
        "start": row.start,
        "end": row.end,
        "page": row.page,
        "paragraph": row.paragraph,
        "stance": row.stance,
        "note": row.note,
        "colour": row.colour,
        "deleted": row.deleted,
    }


def _recommendation_state(row: RecommendationRow) -> dict[str, Any]:
    return {
        "document_id": row.document_id,
        "position": row.position,
        "group": row.group,
        "number": row.number,
        "text": row.text,
        "nf_kind": row.nf_kind,
        "nf_number": row.nf_number,
        "deleted": row.deleted,
    }


class Repository:
    """Domain-level access to a workspace inside one transaction."""

    def __init__(self, session: Session, author: str) -> None:
        self._s = session
        self.author = author

    # -- history ---------------------------------------------------------------------------

    def _history(
        self,
        action: str,
        entity: str,
        entity_id: int,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self._s.add(
            HistoryRow(
                at=now(),
                author=self.author,
                action=action,
                entity=entity,
                entity_id=entity_id,
                before=_dump(before),
                after=_dump(after),
            )
        )

    def history(self, limit: int | None = None) -> list[dict[str, Any]]:
        query = select(HistoryRow).order_by(HistoryRow.id)
        if limit is not None:
            query = query.limit(limit)
        return [
            {
                "id": h.id,
                "at": h.at.isoformat(timespec="seconds") + "Z",
                "author": h.author,
                "action": h.action,
                "entity": h.entity,
                "entity_id": h.entity_id,
                "before": h.before,
                "after": h.after,
            }
            for h in self._s.scalars(query)
        ]

    # -- documents -------------------------------------------------------------------------

    def _document_row(self, document_id: int) -> DocumentRow:
        row = self._s.get(DocumentRow, document_id)
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        return row

    def find_document_by_hash(self, source_hash: str) -> Document | None:
        row = self._s.scalar(
            select(DocumentRow).options(*_BULKY).where(DocumentRow.source_hash == source_hash)
        )
        return _document(row) if row else None

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
                paragraphs=_paragraphs_json(ex.paragraphs),
                imported_at=now(),
            )
            .returning(DocumentRow.id)
        )
        assert isinstance(document_id, int)
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
        row.page_starts = json.dumps(list(ex.page_starts))
        row.paragraphs = _paragraphs_json(ex.paragraphs)
        self._s.execute(delete(JudgementRow).where(JudgementRow.document_id == document_id))
        for i, j in enumerate(st.judgements):
            self._s.add(JudgementRow(document_id=row.id, position=i, area=j.area, grade=j.grade))
        self._history(
            "new version",
            "document",
            row.id,
            before,
            {"source": ingested.source_name, "hash": ingested.source_hash},
        )

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
        self._history("create", "recommendation", row.id, None, _recommendation_state(row))
        return row.id

    def get_document(self, document_id: int) -> Document:
        row = self._s.get(DocumentRow, document_id, options=_BULKY)
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        return _document(row, self._annotation_counts([document_id]).get(document_id, 0))

    def _annotation_counts(self, ids: Iterable[int] | None = None) -> dict[int, int]:
        query = (
            select(AnnotationRow.document_id, func.count())
            .where(AnnotationRow.deleted.is_(False))
            .group_by(AnnotationRow.document_id)
        )
        if ids is not None:
            query = query.where(AnnotationRow.document_id.in_(list(ids)))
        return {doc: n for doc, n in self._s.execute(query)}

    def list_documents(self) -> list[Document]:
        counts = self._annotation_counts()
        rows = self._s.scalars(select(DocumentRow).options(*_BULKY).order_by(DocumentRow.id))
        return [_document(r, counts.get(r.id, 0)) for r in rows]

    # -- full-text search (the documents_fts index of migration 0003) --------------------

    def search(self, query: str, limit: int = 100) -> list[SearchRow]:
        """Documents whose words match ``query`` (see ``fts_query``), by id, with snippets."""
        match = fts_query(query)
        if match is None:
            return []
        rows = self._s.connection().exec_driver_sql(
            "SELECT d.id, d.title, snippet(documents_fts, 0, '', '', ' … ', 12) "
            "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY documents_fts.rowid LIMIT ?",
            (match, limit),
        )
        return [SearchRow(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    def search_texts(
        self, query: str | None, document_id: int | None = None
    ) -> Iterator[SearchText]:
        """Candidate documents for an exact search, by id, streamed one at a time.

        With a query, only documents the full-text index matches (see ``fts_query``); with
        None, every document. ``document_id`` limits the search to one document.
        """
        match = None if query is None else fts_query(query)
        if query is not None and match is None:
            return
        if document_id is not None:
            self._require_document(document_id)
        conn = self._s.connection()
        if match is None:
            ids: list[int] = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT id FROM documents WHERE ? IS NULL OR id = ? ORDER BY id",
                    (document_id, document_id),
                )
            ]
        else:
            # Ids first, texts one by one: sorting joined rows would copy every text.
            ids = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
                    "AND (? IS NULL OR rowid = ?) ORDER BY rowid",
                    (match, document_id, document_id),
                )
            ]
        for doc_id in ids:
            row = conn.exec_driver_sql(
                "SELECT id, title, text, page_starts FROM documents WHERE id = ?", (doc_id,)
            ).one()
            yield SearchText(int(row[0]), str(row[1]), str(row[2]), tuple(json.loads(row[3])))

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

    # -- recommendations -------------------------------------------------------------------

    def _recommendation_row(self, recommendation_id: int) -> RecommendationRow:
        row = self._s.get(RecommendationRow, recommendation_id)
        if row is None:
            raise NotFoundError(f"no recommendation with id {recommendation_id}")
        return row

    def _evidence_counts(self, recommendation_ids: Sequence[int]) -> dict[int, int]:
        query = (
            select(LinkRow.recommendation_id, func.count())
            .join(AnnotationRow, AnnotationRow.id == LinkRow.annotation_id)
            .where(AnnotationRow.deleted.is_(False))
            .where(LinkRow.recommendation_id.in_(list(recommendation_ids)))
            .group_by(LinkRow.recommendation_id)
        )
        return {rec: n for rec, n in self._s.execute(query)}

    def recommendations(
        self, document_id: int | None = None, *, include_deleted: bool = False
    ) -> list[Recommendation]:
        """With their evidence counts, read with the driver's cursor in one statement (the
        window reloads them after every action)."""
        where: list[str] = []
        params: tuple[int, ...] = ()
        if document_id is not None:
            self._require_document(document_id)
            where.append("r.document_id = ?")
            params = (document_id,)
        if not include_deleted:
            where.append("r.deleted = 0")
        self._s.flush()  # the driver does not see the session's pending changes
        driver = self._s.connection().connection.driver_connection
        assert driver is not None
        rows = driver.execute(
            "SELECT r.id, r.document_id, r.position, r.grp, r.number, r.text, r.nf_kind, "
            "r.nf_number, r.page, r.heading, r.manual, "
            "(SELECT count(*) FROM links l JOIN annotations a ON a.id = l.annotation_id "
            " WHERE l.recommendation_id = r.id AND a.deleted = 0) "
            "FROM recommendations r"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY r.document_id, r.position",
            params,
        ).fetchall()
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

    def get_recommendation(self, recommendation_id: int) -> Recommendation:
        row = self._recommendation_row(recommendation_id)
        return _recommendation(row, self._evidence_counts([row.id]).get(row.id, 0))

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
        self._history("create", "recommendation", row.id, None, _recommendation_state(row))
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
        before = _recommendation_state(row)
        for key, value in changes.items():
            if key == "nf_tag":
                row.nf_kind = value.kind if value else None
                row.nf_number = value.number if value else None
            else:
                setattr(row, key, value)
        self._history("edit", "recommendation", row.id, before, _recommendation_state(row))

    def set_recommendation_deleted(self, recommendation_id: int, deleted: bool) -> None:
        row = self._recommendation_row(recommendation_id)
        before = _recommendation_state(row)
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
            _recommendation_state(row),
        )

    def move_recommendation(self, recommendation_id: int, position: int) -> None:
        row = self._recommendation_row(recommendation_id)
        before = _recommendation_state(row)
        live = [r for r in self._live_recommendations(row.document_id) if r.id != row.id]
        live.insert(max(0, min(position, len(live))), row)
        self._renumber(live)
        self._history("move", "recommendation", row.id, before, _recommendation_state(row))

    # -- annotations -----------------------------------------------------------------------

    def _annotation_row(self, annotation_id: int) -> AnnotationRow:
        row = self._s.get(AnnotationRow, annotation_id)
        if row is None:
            raise NotFoundError(f"no annotation with id {annotation_id}")
        return row

    def _links_of(self, annotation_ids: Sequence[int]) -> dict[int, list[int]]:
        links: dict[int, list[int]] = {}
        if not annotation_ids:
            return links
        query = (
            select(LinkRow.annotation_id, LinkRow.recommendation_id)
            .join(RecommendationRow, RecommendationRow.id == LinkRow.recommendation_id)
            .where(RecommendationRow.deleted.is_(False))
            .order_by(LinkRow.id)
        )
        if len(annotation_ids) < 500:
            query = query.where(LinkRow.annotation_id.in_(list(annotation_ids)))
        for ann, rec in self._s.execute(query):
            links.setdefault(ann, []).append(rec)
        return links

    def add_annotation(
        self,
        document_id: int,
        anchor: Anchor,
        *,
        section: str | None,
        stance: Stance | None,
        note: str,
        colour: str | None,
    ) -> int:
        self._require_document(document_id)
        stamp = now()
        row = AnnotationRow(
            document_id=document_id,
            exact=anchor.exact,
            prefix=anchor.prefix,
            suffix=anchor.suffix,
            start=anchor.start,
            end=anchor.end,
            page=anchor.page,
            paragraph=anchor.paragraph,
            section=section,
            content_hash=anchor.content_hash,
            stance=stance.value if stance else None,
            colour=colour,
            note=note,
            author=self.author,
            created_at=stamp,
            updated_at=stamp,
            deleted=False,
            anchor_status=AnchorStatus.EXACT.value,
        )
        self._s.add(row)
        self._s.flush()
        self._history("create", "annotation", row.id, None, _annotation_state(row))
        return row.id

    def get_annotation(self, annotation_id: int) -> Annotation:
        found = self._read_annotations("id = ?", (annotation_id,))
        if not found:
            raise NotFoundError(f"no annotation with id {annotation_id}")
        return found[0]

    def annotations(
        self, document_id: int | None = None, *, deleted: bool = False
    ) -> list[Annotation]:
        where = "deleted = ?"
        params: tuple[int, ...] = (int(deleted),)
        if document_id is not None:
            self._require_document(document_id)
            where, params = where + " AND document_id = ?", (*params, document_id)
        return self._read_annotations(where, params)

    def highlight_spans(self, document_id: int) -> list[HighlightSpan]:
        """(id, start, end, stance) of a document's live annotations in text order: what the
        text view paints, without building 10,000 full annotations first."""
        self._require_document(document_id)
        self._s.flush()
        driver = self._s.connection().connection.driver_connection
        assert driver is not None
        stances = {s.value: s for s in Stance}
        rows = driver.execute(
            "SELECT id, start, end, stance FROM annotations WHERE document_id = ? AND deleted = 0"
            " ORDER BY start, id",
            (document_id,),
        ).fetchall()
        return [HighlightSpan(r[0], r[1], r[2], stances[r[3]] if r[3] else None) for r in rows]

    def _read_annotations(self, where: str, params: tuple[int, ...]) -> list[Annotation]:
        """Annotations in text order, read with the driver's cursor (a document may hold ten
        thousand: ORM objects would cost more than the rest of opening it)."""
        self._s.flush()  # the driver does not see the session's pending changes
        sql = (
            "SELECT id, document_id, exact, prefix, suffix, start, end, page, paragraph, "
            "content_hash, stance, note, colour, author, created_at, updated_at, deleted, "
            f"anchor_status, section FROM annotations WHERE {where} ORDER BY start, id"
        )
        driver = self._s.connection().connection.driver_connection
        assert driver is not None
        rows = driver.execute(sql, params).fetchall()
        links = self._links_of([r[0] for r in rows])
        stances = {s.value: s for s in Stance}
        statuses = {s.value: s for s in AnchorStatus}
        parse = datetime.fromisoformat
        return [
            Annotation(
                id=r[0],
                document_id=r[1],
                anchor=Anchor(r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]),
                stance=stances[r[10]] if r[10] else None,
                note=r[11],
                colour=r[12],
                author=r[13],
                created_at=parse(r[14]),
                updated_at=parse(r[15]),
                deleted=bool(r[16]),
                anchor_status=statuses[r[17]],
                section=r[18],
                recommendation_ids=tuple(links.get(r[0], ())),
            )
            for r in rows
        ]

    def _require_document(self, document_id: int) -> None:
        """NotFoundError unless the document exists (without loading its text)."""
        driver = self._s.connection().connection.driver_connection
        assert driver is not None
        found = driver.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
        if found is None:
            raise NotFoundError(f"no document with id {document_id}")

    def update_annotation(self, annotation_id: int, **changes: Any) -> None:
        row = self._annotation_row(annotation_id)
        before = _annotation_state(row)
        for key, value in changes.items():
            if key == "stance":
                value = value.value if value is not None else None
            setattr(row, key, value)
        row.updated_at = now()
        action = "edit"
        if "deleted" in changes:
            action = "delete" if changes["deleted"] else "restore"
            row.deleted_at = row.updated_at if changes["deleted"] else None
        self._history(action, "annotation", row.id, before, _annotation_state(row))

    def link(self, annotation_id: int, recommendation_id: int) -> bool:
        ann = self._annotation_row(annotation_id)
        self._recommendation_row(recommendation_id)
        exists = self._s.scalar(
            select(LinkRow.id)
            .where(LinkRow.annotation_id == annotation_id)
            .where(LinkRow.recommendation_id == recommendation_id)
        )
        if exists:
            return False
        self._s.add(
            LinkRow(
                annotation_id=annotation_id,
                recommendation_id=recommendation_id,
                created_at=now(),
            )
        )
        ann.updated_at = now()
        self._history(
            "link", "annotation", annotation_id, None, {"recommendation_id": recommendation_id}
        )
        return True

    def unlink(self, annotation_id: int, recommendation_id: int) -> bool:
        ann = self._annotation_row(annotation_id)
        link = self._s.scalar(
            select(LinkRow)
            .where(LinkRow.annotation_id == annotation_id)
            .where(LinkRow.recommendation_id == recommendation_id)
        )
        if link is None:
            return False
        self._s.delete(link)
        ann.updated_at = now()
        self._history(
            "unlink", "annotation", annotation_id, {"recommendation_id": recommendation_id}, None
        )
        return True

    def evidence(self, recommendation_id: int) -> list[Annotation]:
        self._recommendation_row(recommendation_id)
        rows = list(
            self._s.scalars(
                select(AnnotationRow)
                .join(LinkRow, LinkRow.annotation_id == AnnotationRow.id)
                .where(LinkRow.recommendation_id == recommendation_id)
                .where(AnnotationRow.deleted.is_(False))
                .order_by(AnnotationRow.document_id, AnnotationRow.start)
            )
        )
        links = self._links_of([r.id for r in rows])
        return [_annotation(r, links.get(r.id, [])) for r in rows]

    def set_anchor(self, annotation_id: int, anchor: Anchor, status: AnchorStatus) -> None:
        values = asdict(anchor)
        self.update_annotation(annotation_id, anchor_status=status.value, **values)

    # -- export ----------------------------------------------------------------------------

    def evidence_rows(self, document_id: int | None = None) -> Iterator[EvidenceRow]:
        """Rows of the evidence log, one per link (or one per unlinked annotation), streamed.

        Read with the driver's cursor, and formatted in SQL (ISO times, the number or the
        position), since an export may hold a hundred thousand rows.
        """
        params: tuple[int, ...] = ()
        where = ""
        if document_id is not None:
            self._require_document(document_id)
            where, params = "AND a.document_id = ?", (document_id,)
        self._s.flush()
        driver = self._s.connection().connection.driver_connection
        assert driver is not None
        cursor = driver.cursor()
        cursor.arraysize = 1000
        try:
            cursor.execute(EVIDENCE_SQL.format(where=where), params)
            yield from map(EvidenceRow._make, cursor)
        finally:
            cursor.close()

    def purge_annotation(self, annotation_id: int) -> None:
        """Irreversible removal (used only for the bin's 'empty'): recorded in the history."""
        row = self._annotation_row(annotation_id)
        self._history("purge", "annotation", row.id, _annotation_state(row), None)
        self._s.delete(row)

    def bulk_update_anchor_status(self, ids: Sequence[int], status: AnchorStatus) -> None:
        if ids:
            self._s.execute(
                update(AnnotationRow)
                .where(AnnotationRow.id.in_(list(ids)))
                .values(anchor_status=status.value)
            )
