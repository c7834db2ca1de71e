"""Self-checks the import failed on a document, until an officer confirms them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_checks_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_checks")),
    )
    op.create_index("ix_document_checks_document", "document_checks", ["document_id", "position"])


def downgrade() -> None:
    op.drop_index("ix_document_checks_document", table_name="document_checks")
    op.drop_table("document_checks")
