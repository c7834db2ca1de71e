"""An import's store on a workspace file, on the plain ``sqlite3`` driver (issue 16).

Storing an ingested file (its document row with the text and its maps, judgements,
recommendations, failed self-checks, the file's bytes and word boxes, the history row) and the
inspection cycle's step at import (its authority, its lineage proposals with the authority's
other letters) go through here on a workspace file: an import neither loads SQLAlchemy nor
pays for its statements. The full-text index follows the document's row through SQLite's own
triggers (migration 0003), as with the ORM. Restoring a file's document from the bin and
every import on a PostgreSQL server keep the ORM ``Repository``.

``QuickImports`` writes the same rows as the ORM repository's methods of the same names
(``tests/storage/test_quick_imports.py`` compares every table whole); it runs inside one
``Workspace.light_import()`` transaction (``BEGIN IMMEDIATE``, the write engine's pragmas),
one for a batch of files, committed whole or rolled back.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any, Protocol

from shiny_review.domain.entities import Document, Recommendation
from shiny_review.domain.lineage import ProposalStatus
from shiny_review.domain.structure import ExtractedText, IngestedDocument, Paragraph
from shiny_review.storage import clock
from shiny_review.storage.quick_writes import QuickWrites, dump_json, stored


class CycleWrites(Protocol):
    """What the inspection cycle's step at import reads and writes (``services/lineage.py``):
    the ORM ``Repository``, or ``QuickImports`` on a workspace file (the same rows)."""

    def get_document(self, document_id: int) -> Document: ...
    def document_text(self, document_id: int) -> ExtractedText: ...
    def document_authorities(self) -> list[tuple[int, str | None]]: ...
    def set_document_authority(self, document_id: int, authority: str | None) -> None: ...
    def recommendations(
        self,
        document_id: int | None = None,
        *,
        include_deleted: bool = False,
        of_documents: Collection[int] | None = None,
    ) -> list[Recommendation]: ...
    def add_proposal(
        self,
        earlier_recommendation_id: int,
        later_document_id: int,
        later_recommendation_id: int | None,
        *,
        basis: str,
        score: int,
        quote: str = "",
    ) -> int | None: ...


class LightImports(CycleWrites, Protocol):
    """What ``Workspace.light_import()`` gives: ``QuickImports`` on a file, the ORM
    ``Repository`` on a server (both write the same rows)."""

    def find_document_by_hash(self, source_hash: str) -> Document | None: ...
    def add_document(self, ingested: IngestedDocument) -> int: ...


def paragraphs_json(paragraphs: Sequence[Paragraph]) -> str:
    """A document's paragraphs as stored (the ORM repository's too)."""
    return json.dumps(
        [[p.start, p.end, p.page, p.number, p.section, p.is_heading] for p in paragraphs],
        ensure_ascii=False,
    )


def _day(value: date | None) -> str | None:
    """A date as SQLAlchemy's ``Date`` stores it in SQLite."""
    return value.isoformat() if value is not None else None


class QuickImports(QuickWrites):
    """An import's writes (and the reads it needs) inside one write transaction."""

    def _log(
        self,
        action: str,
        entity: str,
        entity_id: int,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self._conn.execute(
            "INSERT INTO history (at, author, action, entity, entity_id, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                stored(clock.now()),
                self.author,
                action,
                entity,
                entity_id,
                dump_json(before),
                dump_json(after),
            ),
        )

    def add_document(self, ingested: IngestedDocument) -> int:
        """``DocumentQueries.add_document``: the document and everything read from its file."""
        st, ex, conn = ingested.structure, ingested.extracted, self._conn
        cursor = conn.execute(
            "INSERT INTO documents (title, kind, framework, authority, date, inspection_start, "
            "inspection_end, lead_inspector, pages, overall, source_name, source_hash, "
            "content_hash, text, page_starts, paragraphs, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                st.title,
                st.kind,
                st.framework,
                st.authority,
                _day(st.date),
                _day(st.inspection_start),
                _day(st.inspection_end),
                st.lead_inspector,
                ex.page_count,
                st.overall,
                ingested.source_name,
                ingested.source_hash,
                ingested.content_hash,
                ex.text,
                json.dumps(list(ex.page_starts)),
                paragraphs_json(ex.paragraphs),
                stored(clock.now()),
            ),
        )
        document_id = int(cursor.lastrowid or 0)
        self._keep_original(document_id, ingested)
        conn.executemany(
            "INSERT INTO judgements (document_id, position, area, grade) VALUES (?, ?, ?, ?)",
            [(document_id, i, j.area, j.grade) for i, j in enumerate(st.judgements)],
        )
        conn.executemany(
            "INSERT INTO recommendations (document_id, position, grp, number, text, nf_kind, "
            "nf_number, page, heading, manual, deleted) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
            [
                (
                    document_id,
                    i,
                    r.group,
                    r.number,
                    r.text,
                    r.nf_tag.kind if r.nf_tag else None,
                    r.nf_tag.number if r.nf_tag else None,
                    r.page,
                    r.heading,
                )
                for i, r in enumerate(st.recommendations)
            ],
        )
        conn.executemany(
            "INSERT INTO document_checks (document_id, position, reason) VALUES (?, ?, ?)",
            [(document_id, i, reason) for i, reason in enumerate(st.checks)],
        )
        after = {"title": st.title, "source": ingested.source_name, "hash": ingested.source_hash}
        self._log("create", "document", document_id, None, after)
        return document_id

    def _keep_original(self, document_id: int, ingested: IngestedDocument) -> None:
        """``PageQueries.keep_original``: the file's bytes (once per hash), its word boxes."""
        conn = self._conn
        if not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_words'"
        ).fetchone():
            return  # a workspace older than migration 0005
        data = ingested.original
        if data is not None:
            conn.execute(
                "INSERT INTO blobs (hash, size, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (ingested.source_hash, len(data), data),
            )
        words = ingested.extracted.words
        if words is None:
            conn.execute("DELETE FROM document_words WHERE document_id = ?", (document_id,))
            return
        conn.execute(
            "INSERT INTO document_words (document_id, data) VALUES (?, ?) "
            "ON CONFLICT (document_id) DO UPDATE SET data = excluded.data",
            (document_id, words.to_bytes()),
        )

    # -- the inspection cycle's step at import (services/lineage.py) ----------------------

    def set_document_authority(self, document_id: int, authority: str | None) -> None:
        self._live_document(document_id)
        (before,) = self._conn.execute(
            "SELECT authority FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        self._conn.execute(
            "UPDATE documents SET authority = ? WHERE id = ?", (authority, document_id)
        )
        self._log("edit", "document", document_id, {"authority": before}, {"authority": authority})

    def add_proposal(
        self,
        earlier_recommendation_id: int,
        later_document_id: int,
        later_recommendation_id: int | None,
        *,
        basis: str,
        score: int,
        quote: str = "",
    ) -> int | None:
        """``LineageQueries.add_proposal``: an open proposal; None when made before."""
        pair = (earlier_recommendation_id, later_document_id, later_recommendation_id)
        if self._conn.execute(
            "SELECT id FROM lineage_proposals WHERE earlier_recommendation_id = ? "
            "AND later_document_id = ? AND later_recommendation_id IS ?",
            pair,
        ).fetchone():
            return None
        status = ProposalStatus.OPEN.value
        cursor = self._conn.execute(
            "INSERT INTO lineage_proposals (earlier_recommendation_id, later_document_id, "
            "later_recommendation_id, basis, score, quote, status, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*pair, basis, score, quote, status, stored(clock.now())),
        )
        proposal_id = int(cursor.lastrowid or 0)
        state = dict(
            zip(
                ("earlier_recommendation_id", "later_document_id", "later_recommendation_id"),
                pair,
                strict=True,
            )
        )
        self._log(
            "propose",
            "lineage",
            proposal_id,
            None,
            {**state, "basis": basis, "score": score, "status": status},
        )
        return proposal_id
