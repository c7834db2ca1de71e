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
    "backups",
    "restore",
    "confirm",
)
