"""Screenshots for issue 11 (window items): the window in a light and a dark theme, the link
picker (key L) and the workspace dialogs (bin, history, backups).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_trust.py [--corpus ../shared/corpus/ofsted]

Writes docs/screenshots/theme-light.png, theme-dark.png, link-picker.png and, when those
dialogs exist, bin-dialog.png, history-dialog.png, backups-dialog.png and file-menu.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
PHRASES = (
    ("management oversight", 3, "shows concern", "Raise at the improvement board."),
    ("strategy meetings", 2, "supports progress", ""),
    ("Leaders have", 1, "context", ""),
    ("Care leavers", 5, None, ""),
)


def dark_palette():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette(QColor("#2b2b2b"))
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e8e8e8"),
        (QPalette.ColorRole.Highlight, "#3d6fb4"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.PlaceholderText, "#a0a0a0"),
        (QPalette.ColorRole.Mid, "#5a5a5a"),
    ):
        pal.setColor(role, QColor(colour))
    return pal


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "ofsted")
    parser.add_argument("--report", default="halton-2024-july-12.pdf")
    args = parser.parse_args()
    report = args.corpus / args.report
    if not report.is_file():
        sys.stderr.write(f"screenshots: no report at {report}\n")
        return 1

    from PySide6.QtCore import QSettings

    from shiny_review.domain.entities import Stance
    from shiny_review.services.isolated_ingest import ingest_isolated
    from shiny_review.services.session import close_service, open_service
    from shiny_review.ui.dialogs.link_picker import LinkPicker
    from shiny_review.ui.launch import application
    from shiny_review.ui.main_window import MainWindow
    from shiny_review.ui.settings import WindowSettings

    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        app.processEvents()
        widget.grab().save(str(OUT / name))
        written.append(OUT / name)

    with tempfile.TemporaryDirectory() as scratch:
        service = open_service(Path(scratch) / "shots.sqlite", "A. Officer", ingest_isolated)
        try:
            doc = service.documents.import_file(report).value.document
            text = service.documents.text(doc.id).text
            recs = service.recommendations.all(doc.id)
            body = max(text.find("The experiences and progress"), len(text) // 5)
            for phrase, rec, stance, note in PHRASES:
                hits = [h for h in service.search.find(phrase, doc.id) if h.start > body]
                if hits:
                    start = hits[0].start
                    service.annotations.add(
                        doc.id,
                        start,
                        min(text.find(".", start) + 1 or len(text), start + 220),
                        stance=Stance(stance) if stance else None,
                        note=note,
                        recommendation_ids=[recs[rec - 1].id] if rec <= len(recs) else [],
                    )
            settings = WindowSettings(
                QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)
            )
            window = MainWindow(service, settings, "shots")
            window.resize(1500, 920)
            window.show()
            window.open_document(doc.id)
            anns = service.annotations.all(doc.id)
            window.select_annotation(anns[0].id)
            save(window, "theme-light.png")
            light = app.palette()
            app.setPalette(dark_palette())
            save(window, "theme-dark.png")
            app.setPalette(light)
            picker = LinkPicker(window, recs)
            picker.show()
            picker.filter.setText("leav")
            save(picker, "link-picker.png")
            picker.close()
            # The bin: two highlights deleted through the window.
            for ann in anns[:2]:
                window.select_annotation(ann.id)
                window.actions["delete"].trigger()
            save(window.tools.show_bin(), "bin-dialog.png")
            window.tools.bin_dialog.close()
            history = window.tools.show_history()
            history.filter.setText("annotation")
            save(history, "history-dialog.png")
            history.close()
            service.backups.now("manual")
            window.tools.back_up_now()
            save(window.tools.show_backups(), "backups-dialog.png")
            window.tools.backups_dialog.close()
            file_menu = window.menuBar().actions()[0].menu()
            file_menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
            save(file_menu, "file-menu.png")
            file_menu.close()
            window.close()
        finally:
            close_service(service)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
