"""A team workspace's set-up for IT (``shiny-review server-setup``), so the command line never
imports storage: the SQL that makes the roles, the schema and the grants, printed or run."""

from __future__ import annotations

from shiny_review.domain.workspace_spec import ServerSpec
from shiny_review.services.session import AskPassword


def setup_sql(database: str) -> str:
    from shiny_review.storage.server_setup import setup_script

    return setup_script(database)


def run_setup(spec: ServerSpec, ask: AskPassword | None = None) -> str:
    """Run it as ``spec``'s login (the database's owner or a superuser); the schema's revision."""
    from shiny_review.storage.server_setup import run_setup as run

    return run(spec, ask)
