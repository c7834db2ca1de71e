"""The command line on a team workspace (issue 17): ``--workspace`` as a server, the password
asked at the terminal, ``server-setup`` for IT, and what a server does not do (backup files,
restore from one: IT's pg_dump does that)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TextIO

from shiny_review.domain.errors import ValidationError, WorkspaceError
from shiny_review.domain.workspace_spec import ServerSpec, WorkspaceTarget, workspace_target

BACKUPS_ARE_IT = (
    "this workspace is on a PostgreSQL server: its backups are IT's pg_dump job "
    "(see docs/team-server.md), not files the app writes"
)


def workspace_argument(text: str) -> WorkspaceTarget:
    """``--workspace``: a file, a ``postgresql://`` URL or a ``.srconn`` file."""
    try:
        return workspace_target(text)
    except WorkspaceError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def ask_password(spec: ServerSpec) -> str | None:
    """At a terminal, ask; never echoed, never stored."""
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"password for {spec.user} on {spec.host}: ")


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "server-setup",
        parents=[common],
        help="print (or run) the SQL that makes a PostgreSQL database a team workspace",
    )
    p.add_argument("--database", default=None, metavar="D", help="the database (printing only)")
    p.add_argument(
        "--run",
        action="store_true",
        help="run it as the --workspace server's login (a database owner or superuser)",
    )


def refusal(args: argparse.Namespace, target: WorkspaceTarget) -> str | None:
    """What a command cannot do on a server (exit 2 with this line), else None."""
    if not isinstance(target, ServerSpec):
        return None
    if args.command == "backups" and (args.now or args.keep is not None or args.interval):
        return BACKUPS_ARE_IT
    if args.command == "restore":
        return BACKUPS_ARE_IT + "; restore with pg_restore"
    return None


def run_server_setup(args: argparse.Namespace, target: WorkspaceTarget | None, out: TextIO) -> int:
    from shiny_review.services.server_admin import run_setup, setup_sql

    if not args.run:
        database = args.database or (target.database if isinstance(target, ServerSpec) else None)
        if database is None:
            raise ValidationError(
                "name the database: --database D (or --workspace postgresql://...)"
            )
        out.write(setup_sql(database))
        return 0
    if not isinstance(target, ServerSpec):
        raise ValidationError(
            "server-setup --run needs the server: --workspace postgresql://owner@host/database"
        )
    revision = run_setup(target, ask_password)
    out.write(
        f"set up {target.label}: schema at revision {revision}, roles shiny_review_reader and "
        "shiny_review_editor granted\n"
    )
    return 0


def file_of(target: WorkspaceTarget) -> Path | None:
    """The workspace file, or None on a server (for the write-target checks)."""
    return None if isinstance(target, ServerSpec) else target
