"""Full-text search: an FTS5 index over the documents' canonical text; an index for counts.

An external-content table (the text is stored once, in ``documents``) kept in sync by
triggers, so every way a document row is added, replaced (a new version) or deleted (also by a
cascade) updates the index in the same transaction. ``Repository.search`` queries it.

A covering index on annotations (document_id, deleted) makes the highlight counts shown after
every action an index-only scan.

A later migration that rebuilds ``documents`` (a batch ``ALTER``) must drop this table and its
triggers first and re-run this revision's ``upgrade`` SQL afterwards.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 09:00:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STATEMENTS = (
    # remove_diacritics 2: "cafe" finds "café" as well; the exact match is checked afterwards.
    "CREATE VIRTUAL TABLE documents_fts USING fts5(text, content='documents', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO documents_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE INDEX ix_annotations_live ON annotations (document_id, deleted)",
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_annotations_live")
    for name in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS documents_fts")
