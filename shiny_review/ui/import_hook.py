"""PySide6's import hook, answered cheaply (issue 16: the start).

Importing PySide6 replaces ``builtins.__import__``: after the first import of every module,
shiboken asks whether the module's source mentions "PySide6" (for its opt-in
``from __feature__ import ...``, which this app never uses) with ``inspect.getsource``, which
goes through ``linecache`` and ``inspect.getmodule`` for each one: 100-150 ms over the ~430
modules the window imports after PySide6 (SQLAlchemy's among them). ``install`` answers the
same question by reading the module's file as bytes; a module with no ``.py`` file (builtin,
compiled, frozen) still gets PySide6's own answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_FEATURE = "shibokensupport.feature"


def _reading_the_file(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.original = original  # type: ignore[attr-defined]
    return uses_pyside


def install() -> bool:
    """Replace shiboken's check with the cheap one (once); False if there is none to replace
    (PySide6 not loaded yet, or a version without it)."""
    feature = sys.modules.get(_FEATURE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or hasattr(original, "original"):
        return False
    feature._mod_uses_pyside = _reading_the_file(original)  # type: ignore[union-attr]
    return True
