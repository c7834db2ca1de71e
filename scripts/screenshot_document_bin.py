"""Screenshots for issue 11 (removing a document): the confirmation File > Remove document…
asks, and the bin dialog with the removed document in it.

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_document_bin.py [--corpus DIR]

Writes docs/screenshots/remove-document-confirm.png and document-bin-dialog.png.
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
REPORTS = ("halton-2024-july-12.pdf",)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "ofsted")
    args = parser.parse_args()
    reports = sorted(args.corpus.glob("shropshire*.pdf"))[:2] or [args.corpus / REPORTS[0]]
    if not all(r.is_file() for r in reports):
        sys.stderr.write(f"screenshots: no reports in {args.corpus}\n")
        return 1

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from shiny_review.services.isolated_ingest import ingest_isolated
    from shiny_review.services.session import close_service, open_service
    from shiny_review.ui.controllers.document_bin import confirm_remove
    from shiny_review.ui.launch import application
    from shiny_review.ui.main_window import MainWindow
    from shiny_review.ui.settings import WindowSettings

    app = application()
    OUT.mkdir(parents=True, exist_ok=True)

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        app.processEvents()
        widget.grab().save(str(OUT / name))
        print(OUT / name)

    with tempfile.TemporaryDirectory() as scratch:
        service = open_service(Path(scratch) / "shots.sqlite", "A. Officer", ingest_isolated)
        try:
            docs = [service.documents.import_file(r).value.document for r in reports]
            for doc in docs:
                service.annotations.add(doc.id, 200, 320)
            settings = WindowSettings(
                QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)
            )
            window = MainWindow(service, settings, "shots")
            window.resize(1500, 920)
            window.show()
            window.open_document(docs[0].id)

            def shoot_box() -> None:  # the real confirmation, while it is shown
                box = QApplication.activeModalWidget()
                if isinstance(box, QMessageBox):
                    save(box, "remove-document-confirm.png")
                    box.button(QMessageBox.StandardButton.Yes).click()  # as a person would
                else:
                    QTimer.singleShot(50, shoot_box)

            QTimer.singleShot(50, shoot_box)
            window.tools.document_bin.confirm = confirm_remove
            window.actions["remove_document"].trigger()
            save(window.tools.show_bin(), "document-bin-dialog.png")
            window.tools.bin_dialog.close()
            window.close()
        finally:
            close_service(service)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
