"""Save docs/screenshots/text-and-page.png: the text and the page side by side, highlights on
both (the same highlights as scripts/screenshots.py, two of them overlapping).

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_page_view.py [--corpus ...]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
OUT = REPO / "docs" / "screenshots" / "text-and-page.png"


def main() -> int:
    from screenshots import HIGHLIGHTS, _sentence  # the README's other screenshots' highlights

    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "ofsted")
    parser.add_argument("--report", default="halton-2024-july-12.pdf")
    args = parser.parse_args()
    report = args.corpus / args.report

    from PySide6.QtCore import QSettings

    from shiny_review.domain.entities import Stance
    from shiny_review.services.isolated_ingest import ingest_isolated
    from shiny_review.services.session import close_service, open_service
    from shiny_review.ui.launch import application
    from shiny_review.ui.main_window import MainWindow
    from shiny_review.ui.settings import WindowSettings

    app = application()
    with tempfile.TemporaryDirectory() as scratch:
        service = open_service(Path(scratch) / "shots.sqlite", "A. Officer", ingest_isolated)
        try:
            doc = service.documents.import_file(report).value.document
            text = service.documents.text(doc.id).text
            recs = service.recommendations.all(doc.id)
            body_from = max(text.find("The experiences and progress"), len(text) // 5)
            used: set[int] = set()
            for phrase, rec, stance, note in HIGHLIGHTS:
                hits = [
                    h
                    for h in service.search.find(phrase, doc.id)
                    if h.start > body_from and h.start not in used
                ]
                if not hits:
                    continue
                start = hits[0].start
                used.add(start)
                service.annotations.add(
                    doc.id,
                    start,
                    _sentence(text, start),
                    stance=Stance(stance) if stance else None,
                    note=note,
                    recommendation_ids=[recs[rec - 1].id] if rec and rec <= len(recs) else [],
                )
            # An overlapping one, so the mix of two stance colours shows.
            first = service.annotations.all(doc.id)[0]
            service.annotations.add(
                doc.id,
                first.anchor.start + 20,
                min(first.anchor.end + 60, len(text)),
                stance=Stance.SUPPORTS_PROGRESS,
            )
            settings = WindowSettings(
                QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)
            )
            window = MainWindow(service, settings)
            window.resize(1700, 960)
            window.show()
            window.open_document(doc.id)
            window.pages.set_mode("both")
            view = window.pages.page_view
            deadline = time.monotonic() + 60
            # the pages, and the word boxes their first showing makes (issue 16)
            while time.monotonic() < deadline and (
                view.page_count == 0 or window.pages.words is None
            ):
                app.processEvents()
                time.sleep(0.01)
            window.select_annotation(first.id)
            app.processEvents()
            while time.monotonic() < deadline:
                app.processEvents()
                scale = view.render_scale()
                if all(view.cache.get(i, scale) is not None for i in view.visible_pages()):
                    break
                time.sleep(0.01)
            view.viewport().repaint()
            app.processEvents()
            OUT.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(OUT))
            window.close()
        finally:
            close_service(service)
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
