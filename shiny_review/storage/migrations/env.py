"""Alembic environment: runs migrations on the engine the workspace passes in.

Every pending revision runs inside one transaction (``transactional_ddl``): both engines' DDL
is transactional, so a crash or kill during an upgrade leaves the old schema or the new one,
never a mix. On SQLite, foreign keys are switched off for the upgrade (a batch table rebuild
would otherwise cascade deletes into child tables) and checked before the commit
(``storage/engines/sqlite.py``). Offline (``server_setup.py``), it writes PostgreSQL's SQL
for IT to read instead of running it.
"""

from alembic import context

from shiny_review.storage.engines import sqlite as sqlite_engine
from shiny_review.storage.schema import Base

if context.is_offline_mode():
    context.configure(
        dialect_name="postgresql",
        target_metadata=Base.metadata,
        transactional_ddl=True,
        literal_binds=True,
        output_buffer=context.config.attributes["output"],
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = context.config.attributes["engine"]
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            sqlite_engine.prepare_migration(connection)
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=sqlite,
            transactional_ddl=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                sqlite_engine.check_migration(connection)
        connection.commit()
