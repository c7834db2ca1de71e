"""Lineage between letters: proposals that a later letter continues an earlier recommendation.

Revision ID: 0006
Revises: 0003
Create Date: 2026-12-04 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lineage_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("earlier_recommendation_id", sa.Integer(), nullable=False),
        sa.Column("later_document_id", sa.Integer(), nullable=False),
        sa.Column("later_recommendation_id", sa.Integer(), nullable=True),
        sa.Column("basis", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["earlier_recommendation_id"],
            ["recommendations.id"],
            name="fk_lineage_proposals_earlier_recommendation_id_recommendations",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["later_document_id"],
            ["documents.id"],
            name="fk_lineage_proposals_later_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["later_recommendation_id"],
            ["recommendations.id"],
            name="fk_lineage_proposals_later_recommendation_id_recommendations",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_lineage_proposals"),
        sa.UniqueConstraint(
            "earlier_recommendation_id",
            "later_document_id",
            "later_recommendation_id",
            name="uq_lineage_proposals_earlier_recommendation_id",
        ),
    )
    op.create_index(
        "ix_lineage_proposals_earlier_recommendation_id",
        "lineage_proposals",
        ["earlier_recommendation_id"],
    )
    op.create_index(
        "ix_lineage_proposals_later_document_id", "lineage_proposals", ["later_document_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_lineage_proposals_later_document_id", "lineage_proposals")
    op.drop_index("ix_lineage_proposals_earlier_recommendation_id", "lineage_proposals")
    op.drop_table("lineage_proposals")
