"""The stance colours as hex strings: the window's highlights and the exported PDF's."""

from __future__ import annotations

from shiny_review.domain.stance import Stance

FILL: dict[Stance | None, str] = {
    Stance.SUPPORTS_PROGRESS: "#bfe8c0",
    Stance.SHOWS_CONCERN: "#ffc9a8",
    Stance.CONTEXT: "#c9defc",
    None: "#fff09a",
}
EDGE: dict[Stance | None, str] = {
    Stance.SUPPORTS_PROGRESS: "#1b6e20",
    Stance.SHOWS_CONCERN: "#b23b00",
    Stance.CONTEXT: "#1f4fa3",
    None: "#8a7400",
}


def rgb(hex_colour: str) -> tuple[float, float, float]:
    """'#rrggbb' as three 0..1 floats."""
    value = hex_colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)
