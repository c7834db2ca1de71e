"""Start: ``shiny-review`` (the app's ``main``) to the first paint of the main window, against
a bare QMainWindow's first paint. Each start is a fresh process
(``python -m benchmarks.bench_start app|floor ...``) timed from spawn to the paint."""

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


def child_floor() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(["floor"])
    _report_first_paint(app)
    window = QMainWindow()
    window.resize(1280, 860)
    window.show()
    app.exec()


def child_app(workspace: str) -> None:
    """Run the app's own entry point, with a hook on the QApplication it makes."""
    from PySide6.QtWidgets import QApplication

    original_init = QApplication.__init__

    def init(self: QApplication, *args: object) -> None:
        original_init(self, *args)
        _report_first_paint(self)

    QApplication.__init__ = init  # type: ignore[method-assign]
    from shiny_review.app import main

    main(["--workspace", workspace, "--author", "Benchmark"])


def _spawn(tmp: Path, *args: str) -> tuple[float, str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO),
        HOME=str(tmp),
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_DATA_HOME=str(tmp / "data"),
        XDG_STATE_HOME=str(tmp / "state"),
        XDG_CACHE_HOME=str(tmp / "cache"),
    )
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.bench_start", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
    if not line.startswith("painted"):
        errors = process.stderr.read()[-2000:] if process.stderr else ""
        raise RuntimeError(f"start child failed: {errors}")
    if process.stderr is not None:
        process.stderr.close()
    process.stdout.close()
    return elapsed, line.strip()


def run(cfg: Config) -> list[Result]:
    workspace = new_workspace(cfg.tmp / "start.sqlite")
    _spawn(cfg.tmp, "floor")  # warm the disk cache for both
    _spawn(cfg.tmp, "app", str(workspace))
    repeats = cfg.size(7, 1)
    floors, figures = [], []
    state = ""
    for _ in range(repeats):
        floors.append(_spawn(cfg.tmp, "floor")[0])
        elapsed, state = _spawn(cfg.tmp, "app", str(workspace))
        figures.append(elapsed)
    loaded = state.replace("painted ", "").replace("=True", " loaded").replace("=False", " not")
    return [
        Result(
            "Start: shiny-review to the first paint of the main window",
            "bare QMainWindow first paint (fresh process)",
            median(floors),
            median(figures),
            budget=1.5,
            note=f"median of {repeats}; at first paint: {loaded}",
        )
    ]


if __name__ == "__main__":
    if sys.argv[1] == "floor":
        child_floor()
    else:
        child_app(sys.argv[2])
