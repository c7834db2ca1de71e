"""Edit versions: a ``version`` on every row two people may edit at once (issue 17).

Highlights (their note, stance, colour, links, bin state) and the action plan's actions carry
a version that each change raises by one; a change made on an older version is refused as an
edit conflict (``storage/repository/versions.py``), never written over the other one.

Revision ID: 0009
Revises: 0008

Create Date: 2026-12-04 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = ("annotations", "actions")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
