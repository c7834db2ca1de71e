"""The window shows what to check after an import: a text file's guessed encoding (issue 11)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from shiny_review.ingest.plain_text import CP1252_WARNING


def test_a_guessed_encoding_is_shown_after_the_import(qtbot, make_window, tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(
        "Focused visit – children’s services £5\n\nWhat needs to improve?\n".encode("cp1252")
    )
    window = make_window()
    with qtbot.waitSignal(window.importing.finished, timeout=60000):
        window.import_files([path])
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None
    assert f"letter.txt: {CP1252_WARNING}" in box.text()
    assert "£5" in window.state.service.documents.text(window.state.document.id).text
