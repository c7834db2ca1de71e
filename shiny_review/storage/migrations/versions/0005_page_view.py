"""The page view: imported files' bytes (content-addressed), word boxes, highlight rectangles.

``blobs`` keeps each imported file once per SHA-256 (documents.source_hash points at it);
``document_words`` keeps a PDF document's word boxes (compact, see domain/geometry.py);
``annotation_rects`` keeps the rectangles of each highlight on its page(s), by annotation.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-04 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blobs",
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("hash", name=op.f("pk_blobs")),
    )
    op.create_table(
        "document_words",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_words_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_words")),
    )
    op.create_table(
        "annotation_rects",
        sa.Column("annotation_id", sa.Integer(), nullable=False),
        sa.Column("rects", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotation_id"],
            ["annotations.id"],
            name=op.f("fk_annotation_rects_annotation_id_annotations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("annotation_id", name=op.f("pk_annotation_rects")),
    )


def downgrade() -> None:
    op.drop_table("annotation_rects")
    op.drop_table("document_words")
    op.drop_table("blobs")
