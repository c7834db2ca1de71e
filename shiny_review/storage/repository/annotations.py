"""Annotations (highlights): their anchors, stance and note, links to recommendations,
the bin, and the evidence for a recommendation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import select

from shiny_review.domain.entities import (
    Anchor,
    AnchorStatus,
    Annotation,
    HighlightSpan,
    Stance,
)
from shiny_review.domain.errors import NotFoundError
from shiny_review.storage import clock
from shiny_review.storage.quick_reads import HIGHLIGHT_SPANS_SQL, spans_of
from shiny_review.storage.repository.base import RepositoryBase
from shiny_review.storage.repository.rows import (
    ANNOTATION_COLUMNS,
    REMOVED_DOCUMENTS,
    annotation_state,
)
from shiny_review.storage.repository.versions import claim_version
from shiny_review.storage.schema import (
    AnnotationRow,
    LinkRow,
)

# Quoted: "end" is a reserved word in PostgreSQL.
_COLUMNS = ", ".join(f'"{c}"' for c in ANNOTATION_COLUMNS)
# What the text view paints: one range of the covering index ix_annotations_spans (migration
# 0011), already in this order; no table lookups, no sort.


LINKS_CHUNK = 500  # annotation ids a read of their links (under SQLite's variable limit)


class AnnotationQueries(RepositoryBase):
    def _links_of(self, annotation_ids: Sequence[int]) -> dict[int, list[int]]:
        """Each annotation's live recommendations, in the order they were linked: straight
        from the driver (one highlight after each key press, ten thousand at an open).

        Asked ``LINKS_CHUNK`` ids at a time, each an index look-up: reading every link of the
        workspace for a list of 500 or more (as it did) made the bin's few deleted highlights
        cost as much as all the links (the scale suite's ``bin`` row, 1.66x at 10,000)."""
        links: dict[int, list[int]] = {}
        sql = (
            "SELECT l.annotation_id, l.recommendation_id FROM links l"
            " JOIN recommendations r ON r.id = l.recommendation_id"
            f" WHERE r.deleted = FALSE AND r.document_id NOT IN {REMOVED_DOCUMENTS}"
            " AND l.annotation_id IN ({marks}) ORDER BY l.id"
        )
        driver = self._driver()
        for at in range(0, len(annotation_ids), LINKS_CHUNK):
            chunk = tuple(annotation_ids[at : at + LINKS_CHUNK])
            for ann, rec in driver.execute(sql.format(marks=",".join("?" * len(chunk))), chunk):
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
        stamp = clock.now()
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
        self.place_annotations(document_id, [row.id])  # page view (issue 15)
        self._history("create", "annotation", row.id, None, annotation_state(row))
        return row.id

    def get_annotation(self, annotation_id: int) -> Annotation:
        found = self._read_annotations("id = ?", (annotation_id,))
        if not found:
            raise NotFoundError(f"no annotation with id {annotation_id}")
        return found[0]

    def annotations_by_ids(self, annotation_ids: Sequence[int]) -> list[Annotation]:
        """Several annotations in one read, in text order; ids that do not exist are skipped."""
        ids = list(dict.fromkeys(annotation_ids))[:900]  # under SQLite's variable limit
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        where = f"id IN ({marks}) AND document_id NOT IN {REMOVED_DOCUMENTS}"
        return self._read_annotations(where, tuple(ids))

    def annotations(
        self, document_id: int | None = None, *, deleted: bool = False
    ) -> list[Annotation]:
        where = "deleted = ?"
        params: tuple[int, ...] = (bool(deleted),)
        if document_id is not None:
            self._require_document(document_id)
            where, params = where + " AND document_id = ?", (*params, document_id)
        else:  # not those of documents in the bin
            where += f" AND document_id NOT IN {REMOVED_DOCUMENTS}"
        return self._read_annotations(where, params)

    def highlight_spans(self, document_id: int) -> list[HighlightSpan]:
        """(id, start, end, stance) of a document's live annotations in text order: what the
        text view paints, without building 10,000 full annotations first."""
        self._require_document(document_id)
        return spans_of(self._driver().execute(HIGHLIGHT_SPANS_SQL, (document_id,)))

    def _read_annotations(
        self, where: str, params: tuple[int, ...], order: str = "start, id"
    ) -> list[Annotation]:
        """Annotations (in text order by default), read with the driver's cursor (a document
        may hold ten thousand: ORM objects would cost more than the rest of opening it)."""
        sql = f"SELECT {_COLUMNS} FROM annotations WHERE {where} ORDER BY {order}"
        rows = self._driver().execute(sql, params).fetchall()
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
                version=r[19],
            )
            for r in rows
        ]

    def update_annotation(
        self, annotation_id: int, *, expected_version: int | None = None, **changes: Any
    ) -> None:
        """Change fields; ``expected_version``: the version the change was made on (issue 17)."""
        attempted = {k: getattr(v, "value", v) for k, v in changes.items()}
        claim_version(
            self._s, AnnotationRow, "annotation", annotation_id, expected_version, attempted
        )
        row = self._annotation_row(annotation_id)
        before = annotation_state(row)
        for key, value in changes.items():
            if key == "stance":
                value = value.value if value is not None else None
            setattr(row, key, value)
        row.updated_at = clock.now()
        action = "edit"
        if "deleted" in changes:
            action = "delete" if changes["deleted"] else "restore"
            row.deleted_at = row.updated_at if changes["deleted"] else None
        self._history(action, "annotation", row.id, before, annotation_state(row))

    def link(
        self, annotation_id: int, recommendation_id: int, *, expected_version: int | None = None
    ) -> bool:
        ann = self._annotation_row(annotation_id)
        self._recommendation_row(recommendation_id)
        exists = self._s.scalar(
            select(LinkRow.id)
            .where(LinkRow.annotation_id == annotation_id)
            .where(LinkRow.recommendation_id == recommendation_id)
        )
        if exists:
            return False
        attempted = {"link": recommendation_id}
        claim_version(
            self._s, AnnotationRow, "annotation", annotation_id, expected_version, attempted
        )
        self._s.add(
            LinkRow(
                annotation_id=annotation_id,
                recommendation_id=recommendation_id,
                created_at=clock.now(),
            )
        )
        ann.updated_at = clock.now()
        self._history(
            "link", "annotation", annotation_id, None, {"recommendation_id": recommendation_id}
        )
        return True

    def unlink(
        self, annotation_id: int, recommendation_id: int, *, expected_version: int | None = None
    ) -> bool:
        ann = self._annotation_row(annotation_id)
        link = self._s.scalar(
            select(LinkRow)
            .where(LinkRow.annotation_id == annotation_id)
            .where(LinkRow.recommendation_id == recommendation_id)
        )
        if link is None:
            return False
        attempted = {"unlink": recommendation_id}
        claim_version(
            self._s, AnnotationRow, "annotation", annotation_id, expected_version, attempted
        )
        self._s.delete(link)
        ann.updated_at = clock.now()
        self._history(
            "unlink", "annotation", annotation_id, {"recommendation_id": recommendation_id}, None
        )
        return True

    def evidence(self, recommendation_id: int) -> list[Annotation]:
        """The live annotations linked to the recommendation, by document then text order."""
        self._recommendation_row(recommendation_id)
        return self._read_annotations(
            "deleted = FALSE AND id IN "
            "(SELECT annotation_id FROM links WHERE recommendation_id = ?)"
            f" AND document_id NOT IN {REMOVED_DOCUMENTS}",
            (recommendation_id,),
            order="document_id, start, id",
        )

    def evidence_of(self, recommendation_ids: Sequence[int]) -> dict[int, list[Annotation]]:
        """The evidence of each recommendation, as ``evidence`` gives it one at a time (the
        live annotations linked to it, by document then text order; none for an id that does
        not exist), from one read of the annotations and one of the links: the board report
        asks for every recommendation's, and one read each would be recommendations x links.
        An annotation linked to several of them is one object in each list."""
        found: dict[int, list[Annotation]] = {r: [] for r in recommendation_ids}
        if not found:
            return found
        linked = "SELECT annotation_id FROM links"
        pairs_sql = "SELECT annotation_id, recommendation_id FROM links"
        params: tuple[int, ...] = ()
        if len(found) < 500:  # under SQLite's variable limit; else every link, filtered here
            params = tuple(found)
            marks = ",".join("?" * len(params))
            linked += f" WHERE recommendation_id IN ({marks})"
            pairs_sql += f" WHERE recommendation_id IN ({marks})"
        annotations = self._read_annotations(
            f"deleted = FALSE AND id IN ({linked}) AND document_id NOT IN {REMOVED_DOCUMENTS}",
            params,
            order="document_id, start, id",
        )
        recommendations_of: dict[int, list[int]] = {}
        for ann, rec in self._driver(flush=False).execute(pairs_sql, params):
            if rec in found:
                recommendations_of.setdefault(ann, []).append(rec)
        for annotation in annotations:  # in evidence order, so each list is in it too
            for rec in recommendations_of.get(annotation.id, ()):
                found[rec].append(annotation)
        return found

    def set_anchor(self, annotation_id: int, anchor: Anchor, status: AnchorStatus) -> None:
        values = asdict(anchor)
        self.update_annotation(annotation_id, anchor_status=status.value, **values)
        row = self._annotation_row(annotation_id)
        self.place_annotations(row.document_id, [annotation_id])  # page view (issue 15)
