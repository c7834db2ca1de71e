"""Dark mode (issue 11): highlight text on its fill, headings and warnings read at WCAG 4.5:1
in a light and a dark palette, checked on the colours the document view really paints."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from shiny_review.domain.entities import Stance
from shiny_review.domain.structure import ExtractedText, Paragraph
from shiny_review.ui import colours
from shiny_review.ui.document_view import DocumentView
from shiny_review.ui.highlighter import Span

STANCES = (None, *Stance)


def palette(dark: bool) -> QPalette:
    """A light or a dark palette, as a desktop theme gives."""
    window, base, text = (
        ("#2b2b2b", "#1e1e1e", "#e8e8e8") if dark else ("#efefef", "#ffffff", "#000000")
    )
    pal = QPalette(QColor(window))
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, "#262626" if dark else "#f5f5f5"),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.WindowText, text),
    ):
        pal.setColor(role, QColor(colour))
    return pal


def test_contrast_formula() -> None:
    assert colours.contrast(QColor("black"), QColor("white")) == pytest.approx(21)
    assert colours.contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_palette_colours_read_on_the_base(dark: bool) -> None:
    pal = palette(dark)
    base = pal.color(QPalette.ColorRole.Base)
    assert colours.is_dark(pal) is dark
    assert colours.contrast(colours.heading(pal), base) >= 4.5
    assert colours.contrast(colours.warning(pal), base) >= 4.5
    for stance in STANCES:
        assert colours.contrast(colours.edge(stance, dark), base) >= 3  # marks: 3:1


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_fill_and_its_blends_carry_readable_text(dark: bool) -> None:
    fills = [colours.fill(s, dark) for s in STANCES]
    fills += [colours.selected_fill(s, dark) for s in STANCES]
    fills += [colours.blend(list(pair)) for pair in itertools.combinations(fills[:4], 2)]
    for fill in fills:
        assert colours.contrast(colours.text_on(fill), fill) >= 4.5, fill.name()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_view_paints_readable_highlights_and_headings(qtbot, dark: bool) -> None:  # type: ignore[no-untyped-def]
    blocks = ["Main findings", "Leaders know their services well.", "Plans are reviewed."]
    text = "\n".join(blocks)
    paragraphs, offset = [], 0
    for i, block in enumerate(blocks):
        paragraphs.append(Paragraph(offset, offset + len(block), 1, is_heading=i == 0))
        offset += len(block) + 1
    extracted = ExtractedText(text, (0,), tuple(paragraphs), 1)
    view = DocumentView()
    qtbot.addWidget(view)
    view.show()  # a block's highlights are made when it is in view
    qtbot.waitExposed(view)
    view.setPalette(palette(dark))
    second = text.index("Leaders")
    spans = [
        Span(1, 0, 4, Stance.CONTEXT),  # a highlight on the heading
        Span(2, second, second + 7, Stance.SHOWS_CONCERN),
        Span(3, second + 3, second + 12, None),  # overlaps 2
        Span(4, text.index("Plans"), len(text), Stance.SUPPORTS_PROGRESS),
    ]
    view.load_spans(extracted, spans)
    view.show_annotation(4)
    base = view.palette().color(QPalette.ColorRole.Base)
    pairs = []
    doc = view.document()
    for n in range(doc.blockCount()):
        for fmt_range in doc.findBlockByNumber(n).layout().formats():
            fmt = fmt_range.format
            inked = fmt.foreground().style() != Qt.BrushStyle.NoBrush
            fg = (
                fmt.foreground().color() if inked else view.palette().color(QPalette.ColorRole.Text)
            )
            painted = fmt.background().style() != Qt.BrushStyle.NoBrush
            bg = fmt.background().color() if painted else base
            pairs.append((fg, bg))
    assert len(pairs) >= 6  # the heading, highlights, an overlap, the selected one
    for fg, bg in pairs:
        assert colours.contrast(fg, bg) >= 4.5, (fg.name(), bg.name())
