"""What only a real process shows: a closed pipe ends quietly; --help lists the window's options."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from shiny_review.storage.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]


def test_history_into_a_closed_pipe_ends_quietly(workspace_path: Path) -> None:
    with Workspace(workspace_path, "Maker"):
        pass
    # Enough history that the output is far larger than a pipe holds, so the reader's
    # closing the pipe is always seen by the writer while it is still writing.
    with sqlite3.connect(workspace_path) as conn:
        conn.executemany(
            "INSERT INTO history (at, author, action, entity, entity_id) VALUES (?, ?, ?, ?, ?)",
            [("2026-01-01 10:00:00", "Officer", "create", "annotation", i) for i in range(5000)],
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", "shiny_review", "history", "--workspace", str(workspace_path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()  # as `| head -1` does
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    proc.wait(timeout=120)
    assert first.startswith(b"2026-01-01")
    assert err == ""
    assert proc.returncode == 0


def test_help_lists_the_window_options() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "shiny_review", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    for word in ("--demo", "--self-test", "FILE ...", "--workspace", "--author", "restore"):
        assert word in out, word
