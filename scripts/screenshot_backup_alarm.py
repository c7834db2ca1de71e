"""Screenshot of the warning a damaged workspace raises (issue 16: the open backup's check
moved to the backup thread, so the damage is reported after the window is shown).

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_backup_alarm.py

Builds the demo workspace in a temporary folder, damages one page of a table the window does
not read at start (the action plan's evidence), starts the real window on it through
``shiny_review.ui.launch.run_window`` and, once the warning is up, writes
docs/screenshots/backup-damaged.png: the window with the warning drawn over its centre.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots" / "backup-damaged.png"


def damage(path: Path, table: str) -> None:
    """Make the root page of ``table`` an invalid b-tree page: the rest still reads."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x07")


def main() -> int:
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QMessageBox

    from shiny_review.services.demo import build_demo_workspace
    from shiny_review.ui import launch
    from shiny_review.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="shiny-review-shot-") as folder:
        os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = folder
        workspace = build_demo_workspace(Path(folder), "Sam Officer")
        damage(workspace, "update_evidence")
        saved: list[Path] = []

        def look() -> None:
            app = QApplication.instance()
            boxes = [
                w
                for w in app.topLevelWidgets()  # type: ignore[union-attr]
                if isinstance(w, QMessageBox) and w.objectName() == "backupFailedBox"
            ]
            windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]  # type: ignore[union-attr]
            if not boxes or not windows or not boxes[0].isVisible():
                QTimer.singleShot(100, look)
                return
            window, box = windows[0], boxes[0]
            image = window.grab()
            over = box.grab()
            painter = QPainter(image)
            painter.drawPixmap(
                QPoint((image.width() - over.width()) // 2, (image.height() - over.height()) // 2),
                over,
            )
            painter.end()
            image.save(str(OUT))
            saved.append(OUT)
            box.close()
            window.close()

        launch.application()  # the timer needs the application run_window will use
        QTimer.singleShot(500, look)
        code = launch.run_window(["--workspace", str(workspace), "--author", "Sam Officer"])
    print(f"exit {code}; wrote {saved}")
    return 0 if saved else 1


if __name__ == "__main__":
    raise SystemExit(main())
