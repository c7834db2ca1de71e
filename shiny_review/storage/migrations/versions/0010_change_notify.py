"""Change notifications: every transaction that writes history notifies ``shiny_review`` (issue 17).

On PostgreSQL a statement trigger on the history calls ``pg_notify('shiny_review', '')`` in the
writing transaction. The server delivers it only when that transaction commits (never for a
rolled-back one), in commit order, and folds identical notifications of one transaction into
one: a listening window wakes once per user action and then reads what changed from the
history (``storage/change_log.py``). The payload is empty: nothing of the workspace's content
goes to the listeners. SQLite has no notifications (another window on the file polls), so
nothing is created there.

Revision ID: 0010
Revises: 0009

Create Date: 2026-12-04 20:45:00
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

CHANNEL = "shiny_review"

PG_NOTIFY = (
    "CREATE FUNCTION history_notify() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$",
    "CREATE TRIGGER history_notify AFTER INSERT ON history "
    "FOR EACH STATEMENT EXECUTE FUNCTION history_notify()",
)


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for statement in PG_NOTIFY:
            op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP TRIGGER history_notify ON history")
        op.execute("DROP FUNCTION history_notify()")
