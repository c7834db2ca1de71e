"""The command line on a team workspace (issue 17): ``--workspace`` as a server, the password
asked at the terminal, ``server-setup`` for IT, and what a server does not do (backup files,
restore from one: IT's pg_dump does that)."""

from __future__ import annotations

import argparse
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


def resolve(
    args: argparse.Namespace, reads: bool
) -> tuple[WorkspaceTarget, Path | None, str | None, bool]:
    """The workspace, its file (None: a team workspace on a server), the author, and whether
    to open it read-only. On a server the author is the login: ``--author`` may only repeat it
    (storage checks). A reading command on a file that does not exist yet makes it (empty)."""
    from shiny_review import cli  # its defaults (tests replace them there)

    target: WorkspaceTarget = getattr(args, "workspace", None) or cli.default_workspace()
    if isinstance(target, ServerSpec):
        return target, None, getattr(args, "author", None), reads
    author = getattr(args, "author", None) or cli.default_author()
    return target, target, author, reads and target.exists()


def before_opening(args: argparse.Namespace, out: TextIO) -> int | None:
    """``server-setup`` (it opens no workspace), or a server's refusal (exit 2); else None."""
    given = getattr(args, "workspace", None)
    if args.command == "server-setup":
        return run_server_setup(args, given, out)
    refused = refusal(args, given) if given is not None else None
    if refused is not None:
        sys.stderr.write(f"shiny-review: {refused}\n")
        return 2
    return None


def run_server_setup(args: argparse.Namespace, target: WorkspaceTarget | None, out: TextIO) -> int:
    from shiny_review.services.server_admin import run_setup, setup_sql
    from shiny_review.services.session import ask_at_terminal

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
    revision = run_setup(target, ask_at_terminal)
    out.write(
        f"set up {target.label}: schema at revision {revision}, roles shiny_review_reader and "
        "shiny_review_editor granted\n"
    )
    return 0


def file_of(target: WorkspaceTarget) -> Path | None:
    """The workspace file, or None on a server (for the write-target checks)."""
    return None if isinstance(target, ServerSpec) else target
