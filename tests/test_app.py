"""The composition root chooses between the command line and the window without importing
the CLI; its list of commands must stay the CLI's."""

from __future__ import annotations

import subprocess
import sys

from shiny_review import app, cli


def test_app_commands_are_the_cli_subcommands() -> None:
    assert app.COMMANDS is cli.COMMANDS
    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert set(subparsers.choices) == set(cli.COMMANDS)  # type: ignore[attr-defined]


def test_importing_the_app_loads_neither_the_cli_nor_storage() -> None:
    code = (
        "import sys, shiny_review.app;"
        "heavy = ('shiny_review.cli', 'sqlalchemy', 'pymupdf');"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
