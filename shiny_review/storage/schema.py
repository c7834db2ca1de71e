"""ORM tables of a workspace. Rows never leave storage: repository.py makes domain rows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_deleted_at", "deleted_at"),)  # migration 0008

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(64))
    framework: Mapped[str | None] = mapped_column(String(32))
    authority: Mapped[str | None] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date)
    inspection_start: Mapped[dt.date | None] = mapped_column(Date)
    inspection_end: Mapped[dt.date | None] = mapped_column(Date)
    lead_inspector: Mapped[str | None] = mapped_column(Text)
    pages: Mapped[int] = mapped_column(Integer)
    overall: Mapped[str | None] = mapped_column(Text)
    source_name: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[str] = mapped_column(String(64), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    page_starts: Mapped[str] = mapped_column(Text)  # JSON list of offsets
    paragraphs: Mapped[str] = mapped_column(
        Text
    )  # JSON list of [start, end, page, number, section, heading]
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # In the bin since then (migration 0008); None while the document is in use.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class JudgementRow(Base):
    __tablename__ = "judgements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    area: Mapped[str] = mapped_column(Text)
    grade: Mapped[str] = mapped_column(Text)


class RecommendationRow(Base):
    __tablename__ = "recommendations"
    __table_args__ = (Index("ix_recommendations_document", "document_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    group: Mapped[str] = mapped_column("grp", String(64))
    number: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    nf_kind: Mapped[str | None] = mapped_column(String(16))
    nf_number: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    heading: Mapped[str | None] = mapped_column(Text)
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class AnnotationRow(Base):
    __tablename__ = "annotations"
    __table_args__ = (
        Index("ix_annotations_document", "document_id", "start"),
        Index("ix_annotations_live", "document_id", "deleted"),  # migration 0003
        # what the text view paints, in text order, from the index alone (migration 0011)
        Index("ix_annotations_spans", "document_id", "deleted", "start", "id", "end", "stance"),
    )
    # ``version`` (0009) is the database's default on insert, read when first needed.
    __mapper_args__ = {"eager_defaults": False}  # noqa: RUF012  (SQLAlchemy reads it)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    exact: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text)
    suffix: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    paragraph: Mapped[int | None] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    stance: Mapped[str | None] = mapped_column(String(32))
    colour: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    anchor_status: Mapped[str] = mapped_column(String(16), default="exact")
    version: Mapped[int] = mapped_column(Integer, server_default="1")  # 0009


class LinkRow(Base):
    __tablename__ = "links"
    __table_args__ = (UniqueConstraint("annotation_id", "recommendation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    annotation_id: Mapped[int] = mapped_column(ForeignKey("annotations.id", ondelete="CASCADE"))
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class HistoryRow(Base):
    """Append-only log of every change: who, when, what, before and after (JSON)."""

    __tablename__ = "history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    author: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(Integer)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class LineageProposalRow(Base):
    """A proposed (then accepted or rejected) continuation of an earlier recommendation by a
    later letter: one of its items (``later_recommendation_id``) or its own words naming the
    earlier inspection (``later_recommendation_id`` empty, ``quote`` the words). Migration 0006.
    """

    __tablename__ = "lineage_proposals"
    __table_args__ = (
        UniqueConstraint(
            "earlier_recommendation_id", "later_document_id", "later_recommendation_id"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    earlier_recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    later_document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    later_recommendation_id: Mapped[int | None] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE")
    )
    basis: Mapped[str] = mapped_column(String(32))
    score: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    decided_by: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class DocumentCheckRow(Base):
    """A self-check the import failed on a document ("check the recommendations")."""

    __tablename__ = "document_checks"
    __table_args__ = (Index("ix_document_checks_document", "document_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)


class BlobRow(Base):
    """An imported file's bytes, stored once per content hash (migration 0005)."""

    __tablename__ = "blobs"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class DocumentWordsRow(Base):
    """Where each word of a PDF document's text stands on its page (migration 0005)."""

    __tablename__ = "document_words"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AnnotationRectsRow(Base):
    """Where a highlight stands on its page(s), kept with its anchor (migration 0005).

    ``rects`` is JSON ``[[page, x0, y0, x1, y1], ...]`` in PDF points; recomputed whenever
    the anchor moves (new version, re-anchoring).
    """

    __tablename__ = "annotation_rects"

    annotation_id: Mapped[int] = mapped_column(
        ForeignKey("annotations.id", ondelete="CASCADE"), primary_key=True
    )
    rects: Mapped[str] = mapped_column(Text)
