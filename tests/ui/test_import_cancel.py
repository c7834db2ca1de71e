"""Cancel in the import progress dialog stops the import: its child process is killed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.services.test_isolated_ingest import import_children, slow_text


def test_cancel_button_kills_the_import_child(qtbot, make_window, service, tmp_path) -> None:
    window = make_window()
    path = slow_text(tmp_path)
    window.import_files([path])
    progress = window.importing.progress
    assert progress is not None and progress.isVisible()
    qtbot.waitUntil(lambda: len(import_children()) == 1, timeout=30_000)
    (child,) = import_children()
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and "Cancel" in cancel.text()
    with qtbot.waitSignal(window.importFinished, timeout=10_000) as blocker:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == []
    assert window.statusBar().currentMessage().startswith("Import cancelled")
    assert window.import_failures == []
    assert window.findChild(QMessageBox, "errorBox") is None
    qtbot.waitUntil(lambda: not child.is_alive() and import_children() == [], timeout=10_000)
    assert child.exitcode is not None and child.exitcode < 0  # killed, not finished
    assert service.documents.all() == []


def test_several_files_are_read_by_one_warm_child(
    qtbot, make_window, service, tmp_path, monkeypatch
) -> None:
    """The window reads a batch in one child kept for it (a child's start is paid once,
    not once a file); each file is still stored as it comes."""
    from shiny_review.services import isolated_ingest

    def fresh_child(*args: object, **kwargs: object) -> None:
        raise AssertionError("a fresh child for one file of a batch")

    monkeypatch.setattr(isolated_ingest, "ingest_isolated", fresh_child)
    paths = []
    for n in range(3):
        path = tmp_path / f"audit-{n}.txt"
        path.write_text(f"Audit {n}\n\nSupervision was seen in every file.\n", "utf-8")
        paths.append(path)
    window = make_window()
    with qtbot.waitSignal(window.importFinished, timeout=30_000) as blocker:
        window.import_files(paths)
    assert len(blocker.args[0]) == 3
    assert window.import_failures == []
    assert sorted(d.source_name for d in service.documents.all()) == [p.name for p in paths]
    qtbot.waitUntil(lambda: import_children() == [], timeout=10_000)


def test_cancel_stops_the_batch_child_and_stores_nothing(
    qtbot, make_window, service, tmp_path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    paths = [slow_text(tmp_path / "a"), slow_text(tmp_path / "b")]
    window = make_window()
    window.import_files(paths)
    progress = window.importing.progress
    assert progress is not None
    qtbot.waitUntil(lambda: len(import_children()) == 1, timeout=30_000)
    (child,) = import_children()
    with qtbot.waitSignal(window.importFinished, timeout=10_000) as blocker:
        window.importing.cancel()
    assert blocker.args[0] == []
    qtbot.waitUntil(lambda: not child.is_alive() and import_children() == [], timeout=10_000)
    assert service.documents.all() == []


def test_a_bad_file_in_a_batch_is_reported_and_the_others_are_imported(
    qtbot, make_window, service, tmp_path
) -> None:
    import os

    good = tmp_path / "audit.txt"
    good.write_text("Audit\n\nSupervision was seen in every file.\n", "utf-8")
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + os.urandom(4000))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    later = tmp_path / "later.txt"
    later.write_text("Later audit\n\nPlans were reviewed on time.\n", "utf-8")
    window = make_window()
    with qtbot.waitSignal(window.importFinished, timeout=30_000):
        window.import_files([good, junk, empty, later])
    failures = " ".join(window.import_failures)
    assert "junk.pdf" in failures and "empty.txt" in failures
    assert sorted(d.source_name for d in service.documents.all()) == ["audit.txt", "later.txt"]
    qtbot.waitUntil(lambda: import_children() == [], timeout=10_000)
