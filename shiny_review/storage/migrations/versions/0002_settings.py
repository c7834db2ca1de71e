"""Workspace settings (backups kept, backup interval) as key/value rows.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 08:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    settings = op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.bulk_insert(
        settings,
        [
            {"key": "backups_keep", "value": "10"},
            {"key": "backup_interval_minutes", "value": "10"},
        ],
    )


def downgrade() -> None:
    op.drop_table("settings")
