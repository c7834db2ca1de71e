"""Finding the app's bundled files (sample letters, the self-test letter, icons).

They live in the repository's top-level ``resources/`` folder, and the same lookup works in:

1. an installed wheel, which carries them as ``shiny_review/resources/`` (the
   ``force-include`` in pyproject.toml);
2. a PyInstaller bundle, where the spec copies them to ``sys._MEIPASS/shiny_review/resources``
   and ``shiny_review.__file__`` points there;
3. a source checkout or an editable install: ``resources/`` beside the package.

Nothing here reaches the network: these are plain files on disk.
"""

from __future__ import annotations

import sys
from pathlib import Path

import shiny_review

RESOURCES_DIRNAME = "resources"


def resource_roots() -> list[Path]:
    """The folders that may hold resources, most specific first."""
    package_dir = Path(shiny_review.__file__).resolve().parent
    roots = [package_dir / RESOURCES_DIRNAME]
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        roots.append(Path(bundle) / RESOURCES_DIRNAME)
    roots.append(package_dir.parent / RESOURCES_DIRNAME)
    return roots


def resource_path(*parts: str) -> Path:
    """``resources/<parts...>``: the first existing match across the roots above.

    Raises FileNotFoundError, naming every place it looked, if none has it.
    """
    candidates = [root.joinpath(*parts) for root in resource_roots()]
    for candidate in candidates:
        if candidate.exists():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"a file the app needs is missing (looked for {tried})")
