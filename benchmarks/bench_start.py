"""Start: ``shiny-review`` (the app's ``main``) to the first paint of the main window, against
a bare QMainWindow's first paint. Each start is a fresh process
(``python -m benchmarks.bench_start app|floor ...``) timed from spawn to the paint.

The paint is seen from outside: Qt's own ``qt.widgets.painting`` log line for the first flush
of a window to the screen, read from the child's stderr. A Python event filter on the whole
application would make every event cross into Python and cost the app (which has child
widgets) more than the bare window. One more start, not timed, uses such a filter to report
which heavy modules were loaded at the first paint.

Start to usable: the floor is a bare fresh process that reads the last document's text with
``sqlite3`` and shows it in a ``QPlainTextEdit`` in a ``QMainWindow``; the figure is the app's
own ``main`` on a 200-document, 20,000-highlight workspace whose last document is remembered.
Both are timed from spawn until the document's text view has been repainted with the text and
the event loop has run once (the window takes keys). The app shows the remembered document
first (``ui/progressive_start.py``): its moment is the end of that first stage, when the
document panel holds the text with its highlights and has the keyboard focus; the workspace is
opened and the other panels built in the next turns of the event loop (a key pressed before
they have run finishes them first, then is handled). A start that does not show the document
so fails instead of being timed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import REPO, Config, Result, median, new_workspace


def _report_first_paint(app: object) -> None:
    """Print one line at the first paint of a main window, then end the process at once."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                modules = "sqlalchemy" in sys.modules, "pymupdf" in sys.modules
                print(f"painted sqlalchemy={modules[0]} pymupdf={modules[1]}", flush=True)
                os._exit(0)
            return False

    app._first_paint = FirstPaint()  # type: ignore[attr-defined]
    app.installEventFilter(app._first_paint)  # type: ignore[attr-defined]


PAINT_LINE = "qt.widgets.painting: Flushing QRegion"


def child_floor() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(["floor"])
    window = QMainWindow()
    window.resize(1280, 860)
    window.show()
    app.exec()


def child_app(workspace: str, probe: bool) -> None:
    """Run the app's own entry point; with ``probe``, hook the QApplication it makes."""
    if probe:
        from PySide6.QtWidgets import QApplication

        original_init = QApplication.__init__

        def init(self: QApplication, *args: object) -> None:
            original_init(self, *args)
            _report_first_paint(self)

        QApplication.__init__ = init  # type: ignore[method-assign]
    from shiny_review.app import main

    main(["--workspace", workspace, "--author", "Benchmark"])


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO),
        HOME=str(tmp),
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_DATA_HOME=str(tmp / "data"),
        XDG_STATE_HOME=str(tmp / "state"),
        XDG_CACHE_HOME=str(tmp / "cache"),
        **extra,
    )


def _spawn(tmp: Path, *args: str) -> float:
    """Seconds from spawning the child to Qt's log line of its first flush to the screen."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.bench_start", *args],
        cwd=REPO,
        env=_env(tmp, QT_LOGGING_RULES="qt.widgets.painting=true"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    assert process.stderr is not None
    elapsed: float | None = None
    tail: list[str] = []
    try:
        for line in process.stderr:
            if line.startswith(PAINT_LINE):
                elapsed = time.perf_counter() - start
                break
            tail = [*tail[-20:], line]
    finally:
        process.kill()
        process.wait(timeout=60)
        process.stderr.close()
    if elapsed is None:
        raise RuntimeError("start child never painted: " + "".join(tail)[-2000:])
    return elapsed


def _modules_at_first_paint(tmp: Path, workspace: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_start", "app", str(workspace), "probe"],
        cwd=REPO,
        env=_env(tmp),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    line = result.stdout.strip()
    if not line.startswith("painted"):
        raise RuntimeError(f"start child failed: {result.stderr[-2000:]}")
    return line


# -- start to usable: the last document painted and the window taking keys -------------------


def _usable_now(widget: object) -> None:
    """Paint ``widget``'s viewport now, let the event loop take input once, print the time."""
    from PySide6.QtWidgets import QApplication

    widget.viewport().repaint()  # type: ignore[attr-defined]
    QApplication.processEvents()
    print(f"usable {time.time():.6f}", flush=True)
    os._exit(0)


def child_usable_floor(workspace: str, document_id: str) -> None:
    """The floor: sqlite3 reads the document's text, a bare window shows it in a text view."""
    import sqlite3

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    app = QApplication(["floor"])
    conn = sqlite3.connect(workspace)
    (text,) = conn.execute(
        "SELECT text FROM documents WHERE id = ?", (int(document_id),)
    ).fetchone()
    conn.close()
    window = QMainWindow()
    editor = QPlainTextEdit()
    editor.setReadOnly(True)
    editor.setPlainText(text)
    window.setCentralWidget(editor)
    window.resize(1280, 860)
    window.show()
    QTimer.singleShot(0, lambda: _usable_now(editor))
    app.exec()


def child_usable_app(workspace: str) -> None:
    """The app's own main; the moment it has shown the last document, the same repaint.

    The window's start shows the remembered document first (``ui/progressive_start.py``: its
    text and highlights in the document panel, with the keyboard focus), before it opens the
    workspace and builds its other panels in the next turns of the event loop. So the moment
    is caught at the end of that first stage (``ProgressiveStart.show_first_document``), and
    from there it is the floor's: the text view repainted, the event loop run once (the
    window takes keys). A start that could not show the document so does not count."""
    from shiny_review.ui.progressive_start import ProgressiveStart

    original = ProgressiveStart.show_first_document

    def show_first_document(self: ProgressiveStart) -> bool:
        shown = original(self)
        if not shown:
            print("not shown", flush=True)
            os._exit(1)
        view = self.window.document_panel.view
        if not (view.hasFocus() and view.text):
            print("not usable", flush=True)
            os._exit(1)
        _usable_now(view)
        return shown

    ProgressiveStart.show_first_document = show_first_document  # type: ignore[method-assign]
    from shiny_review.app import main

    main(["--workspace", workspace, "--author", "Benchmark"])


def child_remember(workspace: str, document_id: str) -> None:
    """Store the last document of the workspace in the user's settings, as the window does."""
    from PySide6.QtCore import QCoreApplication

    from shiny_review.ui.settings import WindowSettings, user_settings

    QCoreApplication(["settings"])
    settings = WindowSettings(user_settings())
    settings.set_last_document(Path(workspace), int(document_id))
    settings.qsettings.sync()


def _spawn_usable(tmp: Path, *args: str) -> float:
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_start", *args],
        cwd=REPO,
        env=_env(tmp),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("usable "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"start child never became usable: {done.stderr[-2000:]}")


def _usable(cfg: Config) -> Result:
    from benchmarks.scale import build_scale

    documents = cfg.size(200, 3)
    ws = build_scale(cfg.tmp / "usable.sqlite", documents, cfg.size(20_000, 60))
    last = str(documents // 2)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_start", "remember", str(ws.path), last],
        cwd=REPO,
        env=_env(cfg.tmp),
        check=True,
        timeout=120,
    )
    _spawn_usable(cfg.tmp, "usable-floor", str(ws.path), last)
    _spawn_usable(cfg.tmp, "usable-app", str(ws.path))
    repeats = cfg.size(7, 1)
    floors, figures = [], []
    for _ in range(repeats):
        floors.append(_spawn_usable(cfg.tmp, "usable-floor", str(ws.path), last))
        figures.append(_spawn_usable(cfg.tmp, "usable-app", str(ws.path)))
    return Result(
        f"Start to usable: {documents} documents, {ws.annotations:,} highlights, the last "
        "document painted and taking keys",
        "bare window: sqlite3 reads the same text, QPlainTextEdit shows it (fresh process)",
        median(floors),
        median(figures),
        budget=1.5,
        note=f"median of {repeats}; both repaint the text view and run the event loop once "
        "(the app: its first stage, the document with its highlights and the focus)",
    )


def _compile_bytecode() -> None:
    """Compile the app's modules once, as an installed app has them (pip compiles them at
    install, a frozen build ships them). Without it, with PYTHONDONTWRITEBYTECODE set (as on
    the machines these run on), every fresh process compiled ~150 modules from source, which
    no user's start pays; the floor has no module of its own to compile."""
    import compileall

    compileall.compile_dir(REPO / "shiny_review", quiet=1)


def run(cfg: Config) -> list[Result]:
    _compile_bytecode()
    workspace = new_workspace(cfg.tmp / "start.sqlite")
    _spawn(cfg.tmp, "floor")  # warm the disk cache for both
    _spawn(cfg.tmp, "app", str(workspace))
    repeats = cfg.size(7, 1)
    floors, figures = [], []
    for _ in range(repeats):
        floors.append(_spawn(cfg.tmp, "floor"))
        figures.append(_spawn(cfg.tmp, "app", str(workspace)))
    state = _modules_at_first_paint(cfg.tmp, workspace)
    loaded = state.replace("painted ", "").replace("=True", " loaded").replace("=False", " not")
    return [
        _usable(cfg),
        Result(
            "Start: shiny-review to the first paint of the main window",
            "bare QMainWindow first paint (fresh process)",
            median(floors),
            median(figures),
            budget=1.5,
            note=f"median of {repeats}; at first paint: {loaded}",
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1] == "floor":
        child_floor()
    elif sys.argv[1] == "usable-floor":
        child_usable_floor(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "usable-app":
        child_usable_app(sys.argv[2])
    elif sys.argv[1] == "remember":
        child_remember(sys.argv[2], sys.argv[3])
    else:
        child_app(sys.argv[2], probe=sys.argv[3:] == ["probe"])
