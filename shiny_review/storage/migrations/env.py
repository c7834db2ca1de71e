"""Alembic environment: runs migrations on the engine the workspace passes in.

Every pending revision runs inside one SQLite transaction (``transactional_ddl``): SQLite's DDL
is transactional, so a crash or kill during an upgrade leaves the old schema or the new one,
never a mix. Foreign keys are switched off for the upgrade (a batch table rebuild would
otherwise cascade deletes into child tables) and checked before the commit.
"""

from alembic import context

from shiny_review.storage.schema import Base

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    # Must happen before the transaction starts: the pragma is a no-op inside one.
    connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"the upgrade would break {len(problems)} references; undone")
    connection.commit()
