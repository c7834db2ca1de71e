"""Full-text search: an FTS5 index over the documents' canonical text; an index for counts.

An external-content table (the text is stored once, in ``documents``) kept in sync by
triggers, so every way a document row is added, replaced (a new version) or deleted (also by a
cascade) updates the index in the same transaction. ``Repository.search`` queries it.

A covering index on annotations (document_id, deleted) makes the highlight counts shown after
every action an index-only scan.

On PostgreSQL the index is a ``search_terms`` tsvector column with a GIN index, written by the
app (``storage/search_index.py``) from the words ``domain/search_words.py`` finds, so that both
engines find the same documents; and the export's ``recommendation_label`` (a Python function
registered on each SQLite connection) is a SQL function with the same result.

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


# Python's str.strip() whitespace, so that the label is the same on both engines.
_SPACES = "".join(f"\\u{i:04x}" for i in range(0x10000) if chr(i).isspace())

PG_STATEMENTS = (
    "ALTER TABLE documents ADD COLUMN search_terms tsvector",
    "CREATE INDEX ix_documents_search_terms ON documents USING gin (search_terms)",
    "CREATE INDEX ix_annotations_live ON annotations (document_id, deleted)",
    "CREATE FUNCTION recommendation_label(label text, pos integer) RETURNS text "
    "LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN label IS NOT NULL "
    f"AND btrim(label, E'{_SPACES}') <> '' THEN label ELSE CAST(pos + 1 AS text) END $$",
)


def upgrade() -> None:
    postgresql = op.get_context().dialect.name == "postgresql"
    for statement in PG_STATEMENTS if postgresql else STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS recommendation_label(text, integer)")
        op.execute("DROP INDEX IF EXISTS ix_annotations_live")
        op.execute("ALTER TABLE documents DROP COLUMN search_terms")
        return
    op.execute("DROP INDEX IF EXISTS ix_annotations_live")
    for name in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS documents_fts")
