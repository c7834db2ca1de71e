"""The document view: UTF-16 offsets, highlights, overlaps, clicks, 2,000 annotations, and
the highlights of a block made when it comes into view."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from shiny_review.domain.anchoring import make_anchor
from shiny_review.domain.entities import AnchorStatus, Annotation, Stance
from shiny_review.domain.structure import ExtractedText, Paragraph
from shiny_review.ui import colours
from shiny_review.ui.document_view import DocumentView
from shiny_review.ui.highlighter import Span


def _extracted(blocks: list[str]) -> ExtractedText:
    text = "\n".join(blocks)
    paragraphs, offset = [], 0
    for i, block in enumerate(blocks):
        paragraphs.append(
            Paragraph(offset, offset + len(block), 1 + i // 50, number=i or None, is_heading=i == 0)
        )
        offset += len(block) + 1
    starts = tuple(sorted({p.start for p in paragraphs if (paragraphs.index(p) % 50) == 0}))
    return ExtractedText(text, starts, tuple(paragraphs), len(starts))


def _annotation(ann_id: int, text: str, start: int, end: int, stance=None) -> Annotation:
    now = datetime.now(UTC)
    return Annotation(
        ann_id,
        1,
        make_anchor(text, start, end, page=1, paragraph=None),
        stance,
        "",
        None,
        "t",
        now,
        now,
        False,
        AnchorStatus.EXACT,
    )


def _shown_view(qtbot) -> DocumentView:
    """A view on screen: the formats of a block are made when it comes into view."""
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def _background_at(view: DocumentView, qt_position: int):
    block = view.document().findBlock(qt_position)
    offset = qt_position - block.position()
    for fmt in block.layout().formats():
        if fmt.start <= offset < fmt.start + fmt.length and fmt.format.background().style():
            return fmt.format.background().color()
    return None


def test_non_bmp_character_does_not_shift_a_highlight(qtbot) -> None:
    view = _shown_view(qtbot)
    text = "Heading\nThe 𝐀 letter then Supervision is regular here."
    start = text.index("Supervision")
    end = start + len("Supervision")
    view.load(_extracted(text.split("\n")), [_annotation(1, text, start, end)])
    span = view.highlighter.span(1)
    assert (span.start, span.end) == (start + 1, end + 1)  # one extra UTF-16 unit before it
    assert _background_at(view, start + 1) == colours.fill(None)
    assert _background_at(view, start) is None  # the space before, in Qt units
    assert _background_at(view, end) == colours.fill(None)  # last letter, in Qt units
    assert _background_at(view, end + 1) is None
    view.select_range(start, end)
    assert view.selection() == (start, end)
    assert view.textCursor().selectedText() == "Supervision"


def test_overlaps_blend_and_clicks_select(qtbot) -> None:
    view = _shown_view(qtbot)
    text = "Heading\nalpha beta gamma delta epsilon"
    a = text.index("beta")
    view.load(
        _extracted(text.split("\n")),
        [
            _annotation(1, text, a, a + len("beta gamma"), Stance.SUPPORTS_PROGRESS),
            _annotation(2, text, text.index("gamma"), text.index(" epsilon"), Stance.SHOWS_CONCERN),
        ],
    )
    mixed = colours.blend(
        [colours.fill(Stance.SUPPORTS_PROGRESS), colours.fill(Stance.SHOWS_CONCERN)]
    )
    assert _background_at(view, text.index("gamma")) == mixed
    assert _background_at(view, a) == colours.fill(Stance.SUPPORTS_PROGRESS)
    assert view.annotation_at(text.index("gamma")) in (1, 2)
    assert view.annotation_at(text.index("delta")) == 2
    cursor = view.textCursor()
    cursor.setPosition(text.index("delta") + 1)
    point = view.cursorRect(cursor).center()
    with qtbot.waitSignal(view.annotationClicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [2]
    view.highlighter.remove(2)
    assert _background_at(view, text.index("delta")) is None
    assert view.annotation_at(text.index("delta")) is None


def test_two_thousand_annotations_open(qtbot) -> None:
    blocks = ["Inspection report"] + [
        f"Paragraph {i} says that practice for children improved in area {i}."
        for i in range(1, 1001)
    ]
    extracted = _extracted(blocks)
    text = extracted.text
    anns = []
    for i, para in enumerate(extracted.paragraphs[1:], start=1):
        anns.append(_annotation(2 * i, text, para.start, para.start + 9))
        anns.append(_annotation(2 * i + 1, text, para.start + 5, para.end, Stance.CONTEXT))
    assert len(anns) == 2000
    view = _shown_view(qtbot)
    view.load(extracted, anns)
    assert view.document().blockCount() == 1001
    last = anns[-1]
    view.show_annotation(last.id)
    assert view.highlighter.selected == last.id
    assert view.textCursor().position() == last.anchor.start
    assert _background_at(view, last.anchor.start) is not None


def _labels_apart(view: DocumentView, block: int) -> None:
    metrics = view.fontMetrics()
    (page_rect, page), (number_rect, number) = view.margin_labels(block)
    assert (page, number) == ("p. 10", "450")
    assert not page_rect.intersects(number_rect)
    assert page_rect.right() + metrics.horizontalAdvance(" ") < number_rect.left()
    for rect, label in ((page_rect, page), (number_rect, number)):
        assert rect.width() >= metrics.horizontalAdvance(label)
        assert rect.left() >= 0 and rect.right() < view.margin_width()


def test_page_label_and_paragraph_number_each_have_their_own_place(qtbot) -> None:
    view = DocumentView()
    qtbot.addWidget(view)
    view.load_spans(_extracted([f"Paragraph {i}." for i in range(600)]), [])
    _labels_apart(view, 450)  # page 10 starts at paragraph 450: "p. 10" and "450", not "p. 10450"
    assert view.margin_labels(451) == [(view.margin_labels(450)[1][0], "451")]
    width = view.margin_width()
    view.set_text_size(view.text_size() + 6)  # larger text: the margin and its columns follow
    assert view.margin_width() > width
    _labels_apart(view, 450)


def test_highlights_are_made_as_blocks_come_into_view(qtbot) -> None:
    blocks = ["Inspection report"] + [
        f"Paragraph {i} says that practice for children improved in area {i}."
        for i in range(1, 1001)
    ]
    extracted = _extracted(blocks)
    text = extracted.text
    anns = [
        _annotation(i, text, para.start, para.start + 9, Stance.CONTEXT)
        for i, para in enumerate(extracted.paragraphs[1:], start=1)
    ]
    view = _shown_view(qtbot)
    view.load(extracted, anns)
    highlighter = view.highlighter
    assert highlighter.formatted(0) and highlighter.formatted(1)
    assert not highlighter.formatted(900)  # far out of view: not made on opening
    far = replace(anns[899], stance=Stance.SHOWS_CONCERN)  # block 900
    view.put_annotation(far)  # changed out of view: made when it comes into view
    assert not highlighter.formatted(900)
    view.select_range(far.anchor.start, far.anchor.start)  # scrolls it into view
    assert highlighter.formatted(900)
    assert _background_at(view, far.anchor.start) == colours.fill(Stance.SHOWS_CONCERN)
    # ... and painted: the pixels at the highlight are its fill
    cursor = view.textCursor()
    cursor.setPosition(far.anchor.start + 1)
    rect = view.cursorRect(cursor)
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    pixel = image.pixelColor(round((rect.left() + 1) * ratio), round((rect.top() + 1) * ratio))
    assert pixel.name() == colours.fill(Stance.SHOWS_CONCERN).name()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the end, by the scroll bar
    assert highlighter.formatted(1000)
    assert _background_at(view, anns[-1].anchor.start) == colours.fill(Stance.CONTEXT)
    bar.setValue(0)
    assert highlighter.formatted(0)
    assert any(
        f.format.fontWeight() == QFont.Weight.Bold
        for f in view.document().firstBlock().layout().formats()
    )  # the heading


def test_setting_the_text_formats_no_block_out_of_view(qtbot) -> None:
    view = _shown_view(qtbot)
    text_blocks = [f"Paragraph {i}." for i in range(600)]
    view.load_spans(_extracted(text_blocks), [Span(1, 20, 25, None)])
    view.load_spans(_extracted(text_blocks), [Span(2, 3000, 3005, None)])
    formatted = [n for n in range(600) if view.highlighter.formatted(n)]
    assert formatted and len(formatted) < 100  # the blocks in view only
    assert not [
        f
        for f in view.document().findBlockByNumber(2).layout().formats()
        if f.format.background().style()
    ]  # the first text's highlight is gone
