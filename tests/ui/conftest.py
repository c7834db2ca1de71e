"""GUI test set-up: offscreen Qt (tests/conftest.py), QSettings in tmp_path, a real window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from shiny_review.services.review import ReviewService
from shiny_review.services.session import ingest_in_child
from shiny_review.ui.main_window import MainWindow
from shiny_review.ui.settings import WindowSettings
from shiny_review.ui.window_state import WindowState

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "ofsted"
DATA = Path(__file__).with_name("data")


@pytest.fixture
def corpus() -> Path:
    """The shared corpus; its absence is a failure, never a skip."""
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing: expected it at {CORPUS}")
    return CORPUS


@pytest.fixture
def service(workspace_path: Path) -> Iterator[ReviewService]:
    """The window's service: a real workspace in tmp_path, opened (as ``launch`` opens it)
    with the ingester that reads each file in a child process; the window imports through it."""
    from shiny_review.storage.workspace import Workspace

    workspace = Workspace(workspace_path, "Test Officer")
    try:
        yield ReviewService(workspace, ingester=ingest_in_child)
    finally:
        workspace.close()


@pytest.fixture
def window_settings(tmp_path: Path) -> WindowSettings:
    return WindowSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(
    qtbot: object, service: ReviewService, window_settings: WindowSettings
) -> Iterator[Callable[[], MainWindow]]:
    made: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(service, window_settings, "test")
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        qtbot.waitExposed(window)  # type: ignore[attr-defined]
        window.activateWindow()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


@pytest.fixture
def state(qtbot: object, service: ReviewService) -> WindowState:
    """A window's state over a real workspace in tmp_path, with no window."""
    return WindowState(service)


@pytest.fixture
def letter(service: ReviewService) -> object:
    """One letter (``tests.factories.make_ingested``) in the workspace: its document."""
    from tests.factories import make_ingested

    return service.documents.add_ingested(make_ingested()).value.document


@pytest.fixture
def parent(qtbot: object) -> object:
    """A widget to parent a controller and its dialogs (not a main window)."""
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    return widget
