"""Lay out a letter as a PDF with pymupdf, for the layout-invariance tests.

The letter is written here as text; options move page breaks, add running headers and
footers, set two columns and break lines at hyphens, so tests can check that extraction
does not depend on layout.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pymupdf

TITLE = "Inspection of Exampleshire local authority children's services"
RECOMMENDATIONS = (
    "The quality and timeliness of decision-making for children in care, so that plans are "
    "reviewed and progressed without delay. (outcome 4, national framework)",
    "Management oversight and supervision that sufficiently guides social workers and "
    "alternatively qualified staff in their work with children. Leaders should check that "
    "well-being is considered in every plan. (enabler 2, national framework)",
    "The response to homeless 16- and 17-year-olds, including timely joint assessments "
    "with housing colleagues and care-experienced young people. (outcome 3, national "
    "framework)",
    "The sufficiency of suitable homes, so that children live close to their families, "
    "schools and friends, and the quality of life-story work. (outcome 2, national "
    "framework)",
)
PARAGRAPHS = (
    "Children benefit from a well-established early help offer that supports families at "
    "the earliest opportunity, and most children receive timely and proportionate help.",
    "Senior leaders have a clear understanding of the strengths and areas for development "
    "in the service, and quality assurance is used well to inform decision-making.",
    "Social workers know their children well and undertake thoughtful direct work, which "
    "helps children to understand their plans and their life stories.",
)


_WORDS = [
    "children",
    "families",
    "leaders",
    "social",
    "workers",
    "plans",
    "managers",
    "carers",
    "partners",
    "help",
    "support",
    "visits",
    "reviews",
    "oversight",
    "assessments",
    "progress",
    "homes",
    "schools",
    "health",
    "risk",
    "practice",
    "quality",
    "timely",
    "records",
    "meetings",
    "advice",
    "care",
    "leavers",
    "young",
    "people",
    "services",
    "board",
]


def numbered_paragraphs() -> list[str]:
    """Nine distinct numbered paragraphs (real reports do not repeat whole lines)."""
    out = []
    for n in range(9):
        rng = random.Random(n)
        words = [rng.choice(_WORDS) for _ in range(28 + 3 * n)]
        words[5] = "well-being"
        out.append(f"Finding {n + 1} about {rng.choice(_WORDS)}: {' '.join(words)}.")
    return out


@dataclass(frozen=True)
class Layout:
    columns: int = 1
    running: bool = False
    hyphenate: bool = False
    size: float = 11.0
    bottom: float = 770.0  # where the text area of a page ends
    break_after: tuple[int, int] | None = None  # (recommendation, line) forced page break


_HELV = pymupdf.Font("helv")


def _wrap(text: str, width: float, size: float, hyphenate: bool) -> list[str]:
    def fits(s: str) -> bool:
        return bool(_HELV.text_length(s, fontsize=size) <= width)

    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if fits(trial):
            line = trial
            continue
        if hyphenate and "-" in word.strip("-"):
            head, tail = word.split("-", 1)
            if fits(f"{line} {head}-" if line else f"{head}-"):
                lines.append(f"{line} {head}-" if line else f"{head}-")
                line = tail
                continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


class _Writer:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.doc = pymupdf.open()
        self.width, self.height = 595.0, 842.0
        self.left, self.top = 72.0, 80.0
        gutter = 24.0
        self.gutter = gutter
        self.col_width = (523.0 - self.left - gutter * (layout.columns - 1)) / layout.columns
        self.lead = layout.size * 1.3
        self.col = 0
        self.y = self.top
        self.page = self.new_page()

    def new_page(self) -> pymupdf.Page:
        page = self.doc.new_page(width=self.width, height=self.height)
        self.page, self.col, self.y = page, 0, self.top
        if self.layout.running:
            number = self.doc.page_count
            page.insert_text((self.left, 40), TITLE, fontname="helv", fontsize=8)
            page.insert_text((self.left, 52), "4 to 15 March 2024", fontname="helv", fontsize=8)
            page.insert_text((self.width - 90, 815), str(number), fontname="helv", fontsize=14)
        return page

    def room(self) -> None:
        if self.y + self.lead > self.layout.bottom:
            if self.col + 1 < self.layout.columns:
                self.col += 1
                self.y = self.top
            else:
                self.new_page()

    def x(self) -> float:
        return self.left + self.col * (self.col_width + self.gutter)

    def text(self, x: float, text: str, size: float, bold: bool = False) -> None:
        font = "hebo" if bold else "helv"
        self.page.insert_text((x, self.y + size), text, fontname=font, fontsize=size)

    def paragraph(self, text: str, bold: bool = False, size: float | None = None) -> None:
        fsize = size or self.layout.size
        for line in _wrap(text, self.col_width, fsize, self.layout.hyphenate):
            self.room()
            self.text(self.x(), line, fsize, bold)
            self.y += self.lead
        self.y += self.layout.size * 0.8

    def item(self, text: str, marker: str, index: int) -> None:
        size = self.layout.size
        lines = _wrap(text, self.col_width - 18, size, self.layout.hyphenate)
        for n, line in enumerate(lines):
            self.room()
            if n == 0:
                self.text(self.x(), marker, size)
            self.text(self.x() + 18, line, size)
            self.y += self.lead
            if self.layout.break_after == (index, n) and n + 1 < len(lines):
                self.new_page()
        self.y += size * 0.5


def build_letter(layout: Layout) -> bytes:
    """The letter laid out as a PDF, returned as bytes."""
    w = _Writer(layout)
    size = layout.size
    w.paragraph(TITLE, bold=True, size=size + 5)
    w.paragraph("Inspection dates: 4 to 15 March 2024", bold=True)
    w.paragraph("Lead inspector: Jane Example, His Majesty's Inspector", bold=True)
    for text in PARAGRAPHS[:2]:
        w.paragraph(text)
    w.paragraph("What needs to improve?", bold=True, size=size + 2)
    for index, text in enumerate(RECOMMENDATIONS):
        w.item(text, "•", index)
    w.paragraph("The experiences and progress of children in care", bold=True, size=size + 2)
    for n, text in enumerate(numbered_paragraphs(), start=1):
        w.item(text, f"{n}.", 100 + n)
    data: bytes = w.doc.tobytes()
    w.doc.close()
    return data
