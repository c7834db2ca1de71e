"""The window's title: the document, the workspace, the app name, each once.

"Halton 2024 – workspace.sqlite – Shiny Review". The title ends with the app's display name,
so the platform (which appends ``QGuiApplication.applicationDisplayName`` to a title that
does not already end with it) never adds it a second time.
"""

from __future__ import annotations

from pathlib import Path

APP_NAME = "Shiny Review"
SEPARATOR = " – "


def window_title(
    document_title: str | None, workspace: Path | None, label: str = "", app: str = APP_NAME
) -> str:
    """The title for a window showing ``document_title`` (or none) from ``workspace`` (or
    none yet); ``label`` (e.g. "demo workspace: …") follows the workspace in brackets."""
    parts = []
    if document_title:
        parts.append(document_title)
    place = workspace.name if workspace is not None else ""
    if label:
        place = f"{place} ({label})" if place else label
    if place:
        parts.append(place)
    parts.append(app)
    return SEPARATOR.join(parts)
