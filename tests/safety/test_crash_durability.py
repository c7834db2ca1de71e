"""Nothing acknowledged is lost when the process is killed (see crash_harness.py).

The number of kills is ``SHINY_REVIEW_CRASH_KILLS`` (default 20, the CI figure).
"""

from __future__ import annotations

import os
from pathlib import Path

from shiny_review.storage.workspace import Workspace
from tests.safety import crash_harness


def test_sigkill_during_saves_loses_nothing_acknowledged(tmp_path: Path) -> None:
    kills = int(os.environ.get(crash_harness.ENV_KILLS, crash_harness.DEFAULT_KILLS))
    workspace = tmp_path / "workspace.sqlite"
    figures = crash_harness.run(workspace, kills, seed=20261122)
    assert figures.problems == []
    assert figures.kills == kills
    assert figures.integrity_failures == 0
    assert figures.rows_lost == 0
    assert figures.lock_recoveries == kills - 1
    assert figures.acknowledged > kills  # the kills did land among saves
    # The app itself opens the killed workspace and sees every acknowledged annotation.
    with Workspace(workspace, "after") as ws, ws.read() as repo:
        assert len(repo.annotations()) == figures.annotations_in_workspace
