"""Where a person's data lives: the local (not roaming) per-user data folder."""

from __future__ import annotations

import getpass
from pathlib import Path

import platformdirs

APP_NAME = "ShinyReview"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_workspace() -> Path:
    return data_dir() / "workspace.sqlite"


def default_author() -> str:
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):  # no user name in a locked-down environment
        return "unknown"
