"""Colours for both themes: highlight fills per stance, their text, headings and warnings.

Every colour either comes from the palette or is chosen for contrast in the palette's theme
(light or dark, ``is_dark``): light fills in a light theme and deep fills in a dark one, with
the text on a fill black or white, whichever reads better (``text_on``: at least 4.58:1 on
any fill, by the WCAG formula in ``contrast``); headings and warnings a shade that reads on
the palette's base (``heading``, ``warning``). ``tests/ui/test_colours.py`` checks every
pair at 4.5:1 in a light and a dark palette.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from shiny_review.domain.stance import Stance
from shiny_review.domain.stance_colours import EDGE, FILL

_FILL = FILL  # light theme: one table for the window and the exported PDF
_DARK_FILL = {
    Stance.SUPPORTS_PROGRESS: "#1e5b2a",
    Stance.SHOWS_CONCERN: "#7a3414",
    Stance.CONTEXT: "#1f4476",
    None: "#5e5210",
}
_EDGE = EDGE
_DARK_EDGE = {
    Stance.SUPPORTS_PROGRESS: "#8fdc97",
    Stance.SHOWS_CONCERN: "#ffab80",
    Stance.CONTEXT: "#9cc3ff",
    None: "#f0d860",
}
_HEADING = ("#173b7a", "#9cc3ff")  # light theme, dark theme
_WARNING = ("#9b2c00", "#ff9e7a")
STANCE_LABELS = {
    None: "No stance",
    Stance.SUPPORTS_PROGRESS: "Supports progress",
    Stance.SHOWS_CONCERN: "Shows concern",
    Stance.CONTEXT: "Context",
}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether ``palette`` (else the application's) is a dark theme: light text on dark."""
    palette = palette if palette is not None else QGuiApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    return base.lightnessF() < text.lightnessF()


def fill(stance: Stance | None, dark: bool = False) -> QColor:
    """The background of a highlight with this stance."""
    return QColor((_DARK_FILL if dark else _FILL)[stance])


def selected_fill(stance: Stance | None, dark: bool = False) -> QColor:
    """The background of the selected highlight: a stronger shade of its fill."""
    base = fill(stance, dark)
    return base.lighter(135) if dark else base.darker(118)


def edge(stance: Stance | None, dark: bool = False) -> QColor:
    """A strong shade of the stance colour, for underlines and marks (contrast on the base)."""
    return QColor((_DARK_EDGE if dark else _EDGE)[stance])


def heading(palette: QPalette | None = None) -> QColor:
    """The colour of headings in the document text, readable on the palette's base."""
    return QColor(_HEADING[is_dark(palette)])


def warning(palette: QPalette | None = None) -> QColor:
    """Text that warns (a recommendation with no evidence), readable on the base."""
    return QColor(_WARNING[is_dark(palette)])


def blend(colours: list[QColor]) -> QColor:
    """The average of several fills, so overlapping highlights read as a mix."""
    n = len(colours)
    return QColor(
        sum(c.red() for c in colours) // n,
        sum(c.green() for c in colours) // n,
        sum(c.blue() for c in colours) // n,
    )


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``background``."""
    rgb = background.rgb()
    black = _BLACK_ON.get(rgb)
    if black is None:  # the highlighter asks this for every overlap: a few fills, many times
        black = _BLACK_ON[rgb] = contrast(QColor("#000000"), background) >= contrast(
            QColor("#ffffff"), background
        )
    return QColor("#000000" if black else "#ffffff")


_BLACK_ON: dict[int, bool] = {}  # by RGB: whether black text reads better on it
