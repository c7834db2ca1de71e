"""Removing a document to the bin (issue 11): ``documents.deleted_at``, empty while the
document is in use, the time it was removed while it is in the bin. Nothing else changes: a
removed document keeps its text, pages, original file, recommendations, highlights, links
and history, so restoring it gives back exactly what was there.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 19:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("deleted_at", sa.DateTime(), nullable=True))
    # The removed documents are read by every listing (``NOT IN`` the bin): from this
    # index, without reading the documents' rows (and their texts) themselves.
    op.create_index("ix_documents_deleted_at", "documents", ["deleted_at"])


def downgrade() -> None:
    op.drop_index("ix_documents_deleted_at", table_name="documents")
    op.drop_column("documents", "deleted_at")
