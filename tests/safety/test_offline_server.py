"""A team workspace: the app reaches the PostgreSQL server the user named, and nothing else."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]

FLOW = r"""
import json, socket, sys
from shiny_review.app import main

url = sys.argv[1]
codes = [main(["documents", "--workspace", url]), main(["history", "--workspace", url])]
refused = []
port = int(url.split(":")[2].split("/")[0])
for attempt in (
    lambda: socket.create_connection(("127.0.0.1", port + 1), timeout=1),  # another port
    lambda: socket.getaddrinfo("example.org", 443),  # another host
):
    try:
        attempt()
        refused.append("CONNECTED")
    except OSError as exc:
        refused.append(type(exc).__name__)
print(json.dumps({"codes": codes, "refused": refused}))
"""


@pytest.fixture
def engine_name() -> str:
    return "postgresql"


def test_only_the_named_server_is_reached(workspace_target: Any, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), XDG_STATE_HOME=str(tmp_path / "state"))
    proc = subprocess.run(
        [sys.executable, "-c", FLOW, workspace_target.label],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result == {"codes": [0, 0], "refused": ["NetworkBlockedError"] * 2}, proc.stderr
