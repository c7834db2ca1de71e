"""`--help`, `--version` and usage errors import neither SQLAlchemy nor pymupdf (issue 16)."""

from __future__ import annotations

import subprocess
import sys

from shiny_review import cli
from shiny_review.services.export.exporting import ExportFormat

PROBE = """
import contextlib, io, sys
from shiny_review.app import main
for argv in (["--help"], ["--version"], ["documents", "--help"], ["export", "--help"],
             ["import", "--help"], ["show"], ["export", "--format", "pdf", "-o", "x"]):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(argv)
        except SystemExit:
            pass
heavy = ("sqlalchemy", "alembic", "pymupdf", "fitz", "xlsxwriter", "rapidfuzz", "PySide6")
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in heavy)) or "none")
"""


def test_commands_needing_no_workspace_load_no_heavy_library() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "none", done.stdout


MODULE_PROBE = """
import contextlib, io, runpy, sys
sys.argv = ["shiny-review", *sys.argv[1:]]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        runpy.run_module("shiny_review", run_name="__main__")
    except SystemExit:
        pass
heavy = ("sqlalchemy", "alembic", "pymupdf", "fitz", "PySide6")
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in heavy)) or "none")
"""


def test_python_m_shiny_review_help_loads_no_heavy_library() -> None:
    """``python -m shiny_review --help`` (and ``--version``, a command's help) as typed."""
    for args in (["--help"], ["--version"], ["export", "--help"]):
        done = subprocess.run(
            [sys.executable, "-c", MODULE_PROBE, *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        assert done.stdout.strip() == "none", (args, done.stdout)


def test_the_cli_offers_every_export_format() -> None:
    assert tuple(f.value for f in ExportFormat) == cli.EXPORT_FORMATS
