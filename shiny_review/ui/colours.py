"""Highlight colours per stance: light fills under black text (contrast above 12:1)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from shiny_review.domain.entities import Stance
from shiny_review.domain.stance_colours import EDGE, FILL

_FILL = FILL  # one table for the window and the exported PDF (domain/stance_colours.py)
_EDGE = EDGE
STANCE_LABELS = {
    None: "No stance",
    Stance.SUPPORTS_PROGRESS: "Supports progress",
    Stance.SHOWS_CONCERN: "Shows concern",
    Stance.CONTEXT: "Context",
}


def fill(stance: Stance | None) -> QColor:
    """The background of a highlight with this stance."""
    return QColor(_FILL[stance])


def edge(stance: Stance | None) -> QColor:
    """A dark shade of the stance colour, for underlines and marks (contrast on white)."""
    return QColor(_EDGE[stance])


def blend(colours: list[QColor]) -> QColor:
    """The average of several fills, so overlapping highlights read as a mix."""
    n = len(colours)
    return QColor(
        sum(c.red() for c in colours) // n,
        sum(c.green() for c in colours) // n,
        sum(c.blue() for c in colours) // n,
    )
