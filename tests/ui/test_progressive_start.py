"""The window's start in stages (``ui/progressive_start.py``, issue 16): the remembered
document is shown, with its highlights and the keyboard focus, before the workspace is opened
and the other panels are built; the stages then build every panel and leave the view as the
person has it; a key pressed while they are still to run finishes them first and is not lost;
closing the window during them stops them cleanly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from shiny_review.domain.entities import Stance
from shiny_review.services.session import close_service, open_service
from shiny_review.ui import launch
from shiny_review.ui.main_window import MainWindow
from shiny_review.ui.progressive_start import ProgressiveStart
from shiny_review.ui.settings import WindowSettings
from tests.factories import LETTER_BLOCKS, make_ingested


@pytest.fixture
def remembered(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Path, int, list[int], str]:
    """A workspace of two letters whose second, with two highlights, the window remembers
    (and a larger text size); the window's settings in tmp_path, no error dialog."""
    path = tmp_path / "w.sqlite"
    service = open_service(path, "Tester")
    try:
        ids = []
        for n in range(2):
            blocks = (f"Letter {n} to Westmarsh Borough Council", *LETTER_BLOCKS[1:])
            outcome = service.documents.add_ingested(make_ingested(blocks, source=f"l{n}.txt"))
            ids.append(outcome.value.document.id)
        doc = ids[1]
        highlights = [
            service.annotations.add(doc, 5, 17, stance=Stance.CONTEXT).value.id,
            service.annotations.add(doc, 40, 52).value.id,
        ]
        text = service.documents.text(doc).text
    finally:
        close_service(service)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    WindowSettings(settings).set_last_document(path, doc)
    WindowSettings(settings).set_text_size(14.0)  # View > Larger text, remembered
    monkeypatch.setattr(launch, "user_settings", lambda: settings)
    monkeypatch.setattr(launch, "install_error_dialog", lambda app: None)
    return path, doc, highlights, text


def _run(path: Path) -> int:
    return launch.run_window(["--workspace", str(path), "--author", "A"])


def test_the_document_is_shown_and_takes_keys_before_the_panels_are_built(
    qapp: QApplication, remembered: tuple[Path, int, list[int], str], monkeypatch: Any
) -> None:
    path, doc, highlights, text = remembered
    seen: dict[str, object] = {}
    first_stage = ProgressiveStart.show_first_document

    def spy(start: ProgressiveStart) -> bool:
        shown = first_stage(start)
        window = start.window
        view = window.document_panel.view
        seen["first"] = {
            "shown": shown,
            "text": view.text == text,
            "highlights": [view.highlighter.span(i) is not None for i in highlights],
            "focus": view.hasFocus(),
            "text size": view.text_size(),
            "header": "Letter 1" in window.document_panel.header.text(),
            "other panels": hasattr(window, "documents_panel"),
            "workspace open": window.state.attached,
        }
        QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        seen["caret"] = view.textCursor().position()
        start.finished.connect(lambda: after(window))
        return shown

    def after(window: MainWindow) -> None:
        seen["after"] = {
            "panels": [type(p).__name__ for p in window.panels()],
            "columns": [window.main_splitter.widget(i) for i in range(3)]
            == [window.documents_panel, window.document_panel, window.right_splitter],
            "document": window.state.document.id if window.state.document else None,
            "spans": len(window.state.spans),
            "focus": window.view.hasFocus(),
            "caret": window.view.textCursor().position(),  # the view was not loaded again
        }
        QTimer.singleShot(0, window.close)

    monkeypatch.setattr(ProgressiveStart, "show_first_document", spy)
    assert _run(path) == 0
    assert seen["first"] == {
        "shown": True,
        "text": True,
        "highlights": [True, True],
        "focus": True,
        "text size": 14.0,
        "header": True,
        "other panels": False,
        "workspace open": False,
    }
    assert seen["caret"] == len(text) > 0  # Ctrl+End moved the caret: the view took the key
    assert seen["after"] == {
        "panels": [
            "DocumentsPanel",
            "DocumentPanel",
            "RecommendationsPanel",
            "AuthorityPanel",
            "EvidencePanel",
            "AnnotationsPanel",
        ],
        "columns": True,
        "document": doc,
        "spans": 2,
        "focus": True,
        "caret": len(text),
    }


def test_a_highlight_made_while_the_stages_are_to_run_is_not_lost(
    qapp: QApplication, remembered: tuple[Path, int, list[int], str], monkeypatch: Any
) -> None:
    """H (Highlight selection) pressed right after the first stage, before the workspace is
    open: the stages finish first, then the key makes the highlight of the selection."""
    path, doc, _highlights, text = remembered
    seen: dict[str, object] = {}
    begin = ProgressiveStart.begin

    def spy(start: ProgressiveStart) -> None:
        begin(start)
        if "before" in seen:  # called again (the wait for the first paint): begun already
            return
        window = start.window
        seen["before"] = (start.done, window.state.attached)
        window.view.select_range(60, 75)
        QTest.keyClick(window.view, Qt.Key.Key_H)
        seen["after"] = (start.done, window.state.undo_stack.count(), window.view.selection())
        QTimer.singleShot(0, window.close)

    monkeypatch.setattr(ProgressiveStart, "begin", spy)
    assert _run(path) == 0
    assert seen["before"] == (False, False)
    assert seen["after"] == (True, 1, None)  # done, one highlight made, its selection gone
    service = open_service(path, "Tester")  # and it is in the workspace
    try:
        spans = [(s.start, s.end) for s in service.annotations.highlight_spans(doc)]
    finally:
        close_service(service)
    assert text[60:75].strip() == text[60:75]
    assert len(spans) == 3 and (60, 75) in spans


def test_closing_the_window_during_the_stages_stops_them(
    qapp: QApplication, remembered: tuple[Path, int, list[int], str], monkeypatch: Any
) -> None:
    path, _doc, _highlights, _text = remembered
    seen: dict[str, object] = {}
    begin = ProgressiveStart.begin

    def spy(start: ProgressiveStart) -> None:
        begin(start)
        if "start" not in seen:
            seen["start"] = start
            start.window.close()

    monkeypatch.setattr(ProgressiveStart, "begin", spy)
    assert _run(path) == 0
    start = seen["start"]
    assert isinstance(start, ProgressiveStart)
    assert start.done
    window = start.window
    assert not window.state.attached and not hasattr(window, "documents_panel")
    QTest.qWait(50)  # stages that were queued find the start stopped: nothing is opened
    assert not window.state.attached
    service = open_service(path, "Tester")  # the workspace is not held open
    close_service(service)
