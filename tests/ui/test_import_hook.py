"""PySide6's after-import check answers as PySide6's own does, from the file's bytes (issue 16)."""

from __future__ import annotations

import sys

import shiny_review.domain.entities
import shiny_review.ui.launch
from shiny_review.ui import import_hook


def test_the_cheap_check_is_installed_and_gives_the_same_answers() -> None:
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    original = check.original  # installed when shiny_review.ui was imported
    assert not import_hook.install()  # once only
    for module in (shiny_review.ui.launch, shiny_review.domain.entities, sys, import_hook):
        assert check(module) == original(module), module.__name__
    assert check(shiny_review.ui.launch) and not check(shiny_review.domain.entities)
