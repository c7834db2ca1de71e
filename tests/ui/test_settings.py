"""The window's settings keep their keys: a workspace's key is the start of its path's SHA-1,
as ``hashlib`` gives it (people's remembered documents are stored under it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

from shiny_review.ui.settings import WindowSettings


def test_workspace_key_is_the_sha1_of_its_resolved_path(tmp_path: Path) -> None:
    workspace = tmp_path / "reviews" / ".." / "review.sqlite"
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    WindowSettings(qsettings).set_last_document(workspace, 7)
    digest = hashlib.sha1(str(workspace.resolve()).encode(), usedforsecurity=False).hexdigest()
    assert qsettings.value(f"last_document/{digest[:12]}") in (7, "7")
    assert WindowSettings(qsettings).last_document(workspace) == 7
