"""The command line's subcommands, in one light module: the composition root reads them to
choose between the command line and the window without importing the CLI (and with it the
services, storage and SQLAlchemy, ~0.4 s before the window could paint)."""

COMMANDS = (
    "import",
    "documents",
    "show",
    "annotate",
    "recommend",
    "export",
    "history",
    "bin",
    "remove-document",  # to the bin (issue 11)
    "backups",
    "restore",
    # issue 14: the action plan
    "actions",
    "update",
    "deadlines",
    "report",
    # the inspection cycle (issue 13)
    "link",
    "threads",
    "coverage",
    "set-authority",
    # the import's self-checks (issue 12)
    "confirm",
    # the team workspace on PostgreSQL (issue 17)
    "server-setup",
    "note",
    "copy",
)
