"""A covering index for the highlights a document's text view paints (issue 16).

Opening a document reads the light rows of its live highlights (``highlight_spans``:
``SELECT id, start, "end", stance FROM annotations WHERE document_id = ? AND deleted = 0
ORDER BY start, id``). With only ``ix_annotations_document`` and ``ix_annotations_live`` each
of 10,000 rows was looked up in the wide annotations table (its text columns: exact, prefix,
suffix, note) and then sorted. This index holds every column the query reads, in its order,
so the read is one range of the index: no table lookups and no sort. ``id`` is named in the
index (SQLite would append the rowid anyway) so that ``ORDER BY start, id`` is the index's
order. The same index on PostgreSQL.

Revision ID: 0011
Revises: 0010

Create Date: 2026-12-05 08:30:00
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEX = (
    "CREATE INDEX ix_annotations_spans ON annotations "
    '(document_id, deleted, start, id, "end", stance)'
)


def upgrade() -> None:
    op.execute(INDEX)  # the same SQL on SQLite and PostgreSQL


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_annotations_spans")
