"""The desktop window (PySide6 only here). Widgets call services and get plain rows."""

import PySide6.QtCore  # noqa: F401  (loads shiboken's import hook, made cheap just below)

from shiny_review.ui.import_hook import install as _cheap_import_hook

_cheap_import_hook()
