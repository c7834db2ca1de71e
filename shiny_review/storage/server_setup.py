"""The SQL that makes a database a team workspace, for IT to read (and run): the two roles, the
schema (the same Alembic migrations as a workspace file), and the grants.

- ``shiny_review_reader``: SELECT on every table (view, search, export).
- ``shiny_review_editor``: SELECT, INSERT, UPDATE, DELETE on the workspace's tables, no DDL;
  the history INSERT only (a trigger refuses any UPDATE, DELETE or TRUNCATE of it as well);
  the schema's version read-only.

Officers' logins are made members of one of them by IT (``GRANT shiny_review_editor TO
alice``). ``setup_script`` prints it all; ``run_setup`` runs it as the login given (a database
owner or superuser), and is also how IT upgrades the schema after an app update.
"""

from __future__ import annotations

import io

from sqlalchemy import text

from shiny_review.domain.workspace_spec import ServerSpec
from shiny_review.storage.database import _alembic_config
from shiny_review.storage.engines.postgresql import AskPassword, make_engine, resolve_password

READER = "shiny_review_reader"
EDITOR = "shiny_review_editor"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def roles_sql() -> list[str]:
    return [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
        f"CREATE ROLE {role} NOLOGIN; END IF; END $$"
        for role in (READER, EDITOR)
    ]


def grants_sql(database: str) -> list[str]:
    both = f"{READER}, {EDITOR}"
    return [
        f"GRANT CONNECT ON DATABASE {_ident(database)} TO {both}",
        f"GRANT USAGE ON SCHEMA public TO {both}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {both}",
        f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {EDITOR}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON history FROM {EDITOR}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {EDITOR}",
        # UPDATE: setval after `copy` inserts rows with their ids (issue 17, pgteam)
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {EDITOR}",
        f"GRANT EXECUTE ON FUNCTION recommendation_label(text, integer) TO {both}",
    ]


def schema_sql() -> str:
    """Every migration as PostgreSQL SQL (Alembic's offline mode), in one transaction."""
    from alembic import command

    out = io.StringIO()
    config = _alembic_config()
    config.attributes["output"] = out
    command.upgrade(config, "head", sql=True)
    return out.getvalue()


def setup_script(database: str) -> str:
    lines = [
        "-- Shiny Review: a team workspace in database " + _ident(database),
        "-- Run as the database's owner (or a superuser), connected to that database:",
        "--   psql -d " + database + " -f this-file.sql",
        "-- Then give each officer's login one of the roles, e.g.:",
        f"--   GRANT {EDITOR} TO alice;  GRANT {READER} TO bob;",
        "",
        "-- 1. The roles",
        *(s + ";" for s in roles_sql()),
        "",
        "-- 2. The schema (the app's migrations)",
        schema_sql().strip(),
        "",
        "-- 3. The grants",
        *(s + ";" for s in grants_sql(database)),
        "",
    ]
    return "\n".join(lines)


def run_setup(spec: ServerSpec, ask: AskPassword | None = None) -> str:
    """Create the roles, migrate the schema to this version, grant; the revision it is at."""
    from alembic import command

    password = resolve_password(spec, ask)
    engine = make_engine(spec, password)
    try:
        with engine.begin() as conn:
            for statement in roles_sql():
                conn.execute(text(statement))
        command.upgrade(_alembic_config(engine), "head")
        with engine.begin() as conn:
            for statement in grants_sql(spec.database):
                conn.execute(text(statement))
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
    return str(revision)
