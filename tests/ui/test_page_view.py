"""The page view: a corpus PDF's pages beside its text, highlights on both, in step.

Acceptance (issue 15): a highlight made in the text covers the quote's words on page 4 (as
pymupdf boxes them); a drag over words on the page makes the same anchored annotation; the
page view opens after the file is deleted and after a restore from backup.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from shiny_review.domain.geometry import PageRect
from shiny_review.services.isolated_ingest import ingest_isolated
from shiny_review.services.review import ReviewService
from shiny_review.storage.restore import restore_backup
from shiny_review.storage.workspace import Workspace
from shiny_review.ui.main_window import MainWindow
from shiny_review.ui.settings import WindowSettings
from tests.services.test_pages import covers, pymupdf_boxes, quote_on_page

REPORT = "bedford-2025-august-27.pdf"


@pytest.fixture
def report(tmp_path: Path, corpus: Path) -> Path:
    copy = tmp_path / REPORT
    shutil.copy(corpus / REPORT, copy)
    return copy


def open_pages(qtbot, window: MainWindow, doc: int) -> None:  # type: ignore[no-untyped-def]
    window.documents_panel.refresh()
    window.open_document(doc)
    window.pages.set_mode("both")
    view = window.pages.page_view
    qtbot.waitUntil(lambda: view.page_count > 0)
    # the word boxes the import left are made by a child the first time the pages show
    qtbot.waitUntil(lambda: window.pages.words is not None, timeout=20000)


def show_page(qtbot, window: MainWindow, page: int) -> None:  # type: ignore[no-untyped-def]
    view = window.pages.page_view
    window.pages.go_to_page(page)
    qtbot.waitUntil(lambda: view.current_page() == page)
    qtbot.waitUntil(lambda: view.cache.get(page - 1, view.render_scale()) is not None)


def centre(window: MainWindow, box: pymupdf.Rect, page: int) -> QPoint:
    rect = window.pages.page_view.to_view(PageRect(page, box.x0, box.y0, box.x1, box.y1))
    return rect.center().toPoint()


def test_text_highlight_covers_the_quote_on_page_4_and_a_drag_on_the_page_highlights(
    qtbot,  # type: ignore[no-untyped-def]
    make_window: Callable[[], MainWindow],
    service: ReviewService,
    report: Path,
) -> None:
    doc = service.documents.import_file(report).value.document.id
    window = make_window()
    open_pages(qtbot, window, doc)
    show_page(qtbot, window, 4)

    # A highlight made in the text: its rectangles on page 4 cover the quote's words.
    start, end = quote_on_page(service, doc, 4)
    quote = service.documents.text(doc).text[start:end]
    window.view.select_range(start, end)
    assert window.editing.highlight_selection()
    made = window.state.selected_annotation
    assert made is not None
    rects = window.pages.page_view.highlight_rects(made)
    boxes = pymupdf_boxes(report, 4, quote)
    assert rects and all(covers(rects, box, 4) for box in boxes)
    assert window.pages.page_view.selected == made

    # A drag over other words of page 4: the same kind of anchored annotation, in the text.
    text = service.documents.text(doc).text
    later = text.find(" ", end + 40)
    words = text[later:].split()[:5]
    other = " ".join(words)
    boxes = pymupdf_boxes(report, 4, other)
    view = window.pages.page_view
    view.ensure_visible(PageRect(4, *boxes[0][:4]))
    viewport = view.viewport()
    first, last = centre(window, boxes[0], 4), centre(window, boxes[-1], 4)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    QTest.mouseMove(viewport, (first + last) / 2)
    QTest.mouseMove(viewport, last)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, last)
    found = [a for a in service.annotations.all(doc) if a.anchor.exact == other]
    assert len(found) == 1
    dragged = found[0]
    assert window.view.highlighter.span(dragged.id) is not None  # shows in the text view
    qtbot.waitUntil(lambda: not window.state.pending)  # the side panels: a turn later
    assert window.annotations_panel.model.row_of(dragged.id) >= 0
    assert window.state.selected_annotation == dragged.id

    # 1 links the highlight just made on the page.
    rec = window.state.recommendations[0]
    window.actions["link_1"].trigger()
    assert rec.id in service.annotations.get(dragged.id).recommendation_ids

    # A click on the first highlight on the page selects it everywhere.
    click = view.to_view(view.highlight_rects(made)[0]).center().toPoint()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, click)
    assert window.state.selected_annotation == made
    assert window.annotations_panel.selected_id() == made
    assert view.selected == made


def test_a_highlight_made_before_the_pages_were_shown_appears_on_them(
    qtbot,  # type: ignore[no-untyped-def]
    make_window: Callable[[], MainWindow],
    service: ReviewService,
    report: Path,
) -> None:
    """The import leaves the word boxes (issue 16): a highlight made in the text first has
    no place on the pages until they are first shown, when a child makes the boxes and the
    window places the document's highlights on them."""
    doc = service.documents.import_file(report).value.document.id
    window = make_window()
    window.documents_panel.refresh()
    window.open_document(doc)
    start, end = quote_on_page(service, doc, 4)
    window.view.select_range(start, end)
    assert window.editing.highlight_selection()
    made = window.state.selected_annotation
    assert made is not None and service.pages.words_pending(doc)

    window.pages.mode_actions["both"].trigger()
    assert "Placing the highlights" in window.statusBar().currentMessage()
    view = window.pages.page_view
    qtbot.waitUntil(lambda: bool(view.highlight_rects(made)), timeout=20000)
    quote = service.documents.text(doc).text[start:end]
    assert all(covers(view.highlight_rects(made), b, 4) for b in pymupdf_boxes(report, 4, quote))
    assert window.statusBar().currentMessage() == "The highlights are on the pages."
    assert not service.pages.words_pending(doc)  # stored: made once


def test_boxes_that_cannot_be_made_leave_the_pages_and_say_why_once(
    qtbot,  # type: ignore[no-untyped-def]
    make_window: Callable[[], MainWindow],
    service: ReviewService,
    report: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from shiny_review.domain.errors import InputFileError

    doc = service.documents.import_file(report).value.document.id
    note = tmp_path / "note.txt"
    note.write_text("A note about the inspection.\n", encoding="utf-8")
    other = service.documents.import_file(note).value.document.id
    calls: list[str] = []

    def refuse(data: bytes, name: str, cancel: object = None) -> object:
        calls.append(name)
        raise InputFileError(f"the pages of {name} could not be read: a test says no")

    monkeypatch.setattr(service.pages, "make_in_child", refuse)
    window = make_window()
    window.documents_panel.refresh()
    window.open_document(doc)
    window.pages.set_mode("both")
    qtbot.waitUntil(lambda: "cannot be placed" in window.statusBar().currentMessage())
    assert "a test says no" in window.statusBar().currentMessage()
    view = window.pages.page_view
    qtbot.waitUntil(lambda: view.page_count > 0)
    assert window.pages.panel.has_pages  # the pages stay, without highlights on them
    window.open_document(other)
    window.open_document(doc)
    assert "cannot be placed" in window.statusBar().currentMessage()
    assert calls == [REPORT]  # said again, not tried again


def test_pages_open_after_the_file_is_deleted_and_after_a_restore(
    qtbot,  # type: ignore[no-untyped-def]
    make_window: Callable[[], MainWindow],
    service: ReviewService,
    report: Path,
    tmp_path: Path,
    window_settings: WindowSettings,
) -> None:
    doc = service.documents.import_file(report).value.document.id
    backup = service.backups.now()
    report.unlink()
    window = make_window()
    open_pages(qtbot, window, doc)
    show_page(qtbot, window, 2)
    assert window.pages.panel.has_pages

    restored = tmp_path / "restored.sqlite"
    restore_backup(backup, restored)
    with Workspace(restored, "Officer") as workspace:
        other = MainWindow(
            ReviewService(workspace, ingester=ingest_isolated), window_settings, "restored"
        )
        qtbot.addWidget(other)
        other.show()
        try:
            open_pages(qtbot, other, doc)
            show_page(qtbot, other, 3)
            assert other.pages.panel.has_pages
        finally:
            other.close()


def test_keys_zoom_and_move_between_pages(
    qtbot,  # type: ignore[no-untyped-def]
    make_window: Callable[[], MainWindow],
    service: ReviewService,
    report: Path,
) -> None:
    doc = service.documents.import_file(report).value.document.id
    window = make_window()
    open_pages(qtbot, window, doc)
    view = window.pages.page_view
    view.setFocus()
    fit = view.zoom
    QTest.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > fit and not view.fit_width
    QTest.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom < fit
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.fit_width and view.zoom == pytest.approx(fit)
    QTest.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current_page() == 2
    QTest.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current_page() == 3
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    assert view.current_page() == 2
    QTest.keyClick(view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = window.pages.go_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.setIntValue(7)
    dialog.accept()
    assert view.current_page() == 7
    # The text follows the pages: its first visible line is on page 7 now.
    top = window.view.cursorForPosition(QPoint(0, 0)).position()
    assert service.documents.text(doc).page_at(top) in (6, 7)


def test_a_text_document_has_no_page_view_and_says_so(
    qtbot,  # type: ignore[no-untyped-def]
    make_window: Callable[[], MainWindow],
    service: ReviewService,
    tmp_path: Path,
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("A note about the inspection.\n", encoding="utf-8")
    doc = service.documents.import_file(note).value.document.id
    window = make_window()
    window.documents_panel.refresh()
    window.open_document(doc)
    window.pages.mode_actions["page"].trigger()
    assert not window.pages.panel.has_pages
    assert "text document" in window.pages.panel.message.text()
    assert "text document" in window.statusBar().currentMessage()
    assert window.pages.panel.isVisible() and not window.view.isVisible()
    window.pages.mode_actions["text"].trigger()
    assert window.view.isVisible() and not window.pages.panel.isVisible()


def test_export_annotated_pdf_from_the_window(
    qtbot,  # type: ignore[no-untyped-def]
    make_window: Callable[[], MainWindow],
    service: ReviewService,
    report: Path,
    tmp_path: Path,
) -> None:
    doc = service.documents.import_file(report).value.document.id
    service.annotations.add_quote(doc, quote_text(service, doc), note="See plan")
    window = make_window()
    window.documents_panel.refresh()
    window.open_document(doc)
    menu_texts = [
        a.text() for a in window.menuBar().actions()[0].menu().actions() if not a.isSeparator()
    ]
    assert "Export annotated &PDF…" in menu_texts
    out = tmp_path / "out.pdf"
    assert window.pages.export_to(str(out)) == 1
    with pymupdf.open(out) as pdf:
        contents = [a.info["content"] for page in pdf for a in page.annots()]
    assert contents == ["See plan"]


def quote_text(service: ReviewService, doc: int) -> str:
    start, end = quote_on_page(service, doc, 4)
    return service.documents.text(doc).text[start:end]


def test_selecting_and_scrolling_in_the_text_moves_the_pages(
    qtbot,  # type: ignore[no-untyped-def]
    make_window: Callable[[], MainWindow],
    service: ReviewService,
    report: Path,
) -> None:
    doc = service.documents.import_file(report).value.document.id
    window = make_window()
    open_pages(qtbot, window, doc)
    view = window.pages.page_view
    start, end = quote_on_page(service, doc, 6)
    window.view.select_range(start, end)  # scrolls the text there and selects
    assert view.current_page() in (5, 6, 7)
    quote = service.documents.text(doc).text[start:end]
    shown = [r for r in view._selection if r.page == 6]
    assert shown and all(covers(shown, box, 6) for box in pymupdf_boxes(report, 6, quote))
    page, _ = view.top_position()
    visible = [p + 1 for p in view.visible_pages()]
    assert 6 in visible, (page, visible)
    # Scrolling the text back to the start brings the pages back to page 1.
    window.view.verticalScrollBar().setValue(0)
    assert view.top_position()[0] == 1


def test_the_pages_are_read_when_first_shown_not_when_the_document_opens(
    qtbot,  # type: ignore[no-untyped-def]
    make_window: Callable[[], MainWindow],
    service: ReviewService,
    report: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 16: with only the text shown, opening a PDF reads neither its word boxes nor
    its original; View > Page then reads them and shows the pages."""
    doc = service.documents.import_file(report).value.document.id
    read: list[int] = []
    word_boxes = service.pages.word_boxes
    monkeypatch.setattr(service.pages, "word_boxes", lambda d: read.append(d) or word_boxes(d))
    window = make_window()
    window.documents_panel.refresh()
    window.open_document(doc)
    assert window.pages.mode == "text" and read == []
    assert window.pages.panel.words is None and window.pages.panel.data is None
    window.pages.mode_actions["page"].trigger()
    assert read == [doc] and window.pages.panel.has_pages
    qtbot.waitUntil(lambda: window.pages.page_view.page_count > 0)
    window.pages.mode_actions["text"].trigger()
