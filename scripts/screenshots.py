"""Start the real window offscreen on a real report and save the README's screenshots.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--corpus ../shared/corpus/ofsted]

Writes docs/screenshots/main-window.png, evidence.png, export-dialog.png, margin.png (a page
boundary beside a numbered paragraph), edit-menu.png (Undo naming the change) and letter.png
(a made-up letter: its letterhead is not styled as headings). Needs a font installed (e.g.
fonts-dejavu-core on Debian/Ubuntu), or text renders as boxes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"

SHOTS = (
    "main-window.png",
    "evidence.png",
    "export-dialog.png",
    "margin.png",
    "edit-menu.png",
    "letter.png",
)
# A made-up letter: letterhead (address, telephone, textphone, e-mail, web), then the letter.
LETTER = """Ofsted
Piccadilly Gate
Store Street
Manchester
M1 2WD

T 0300 123 1231
Textphone 0161 618 8524
enquiries@ofsted.gov.uk
www.gov.uk/ofsted

4 December 2025

Focused visit to Westmarsh children's services

Dear Ms Example

This letter summarises the findings of the focused visit to Westmarsh Borough Council \
children's services. Inspectors looked at the front door and at children in need.

What needs to improve in this area of social work practice?

The timeliness of initial child protection conferences.

Yours sincerely

A. Inspector
His Majesty's Inspector
""".replace("\\\n", "")

# (phrase that starts the passage, recommendation position or None, stance, note)
HIGHLIGHTS = (
    ("management oversight", 3, "shows concern", "Raise at the improvement board."),
    ("strategy meetings", 2, "shows concern", "Audit 20 strategy meetings in Q1."),
    ("social workers", 2, None, ""),
    ("Leaders have", 1, "supports progress", "Evidence of progress for the action plan."),
    ("Leaders have", None, "context", ""),
    ("Partnership", 1, "context", "Partnership board minutes, May."),
    ("Care leavers", 5, "supports progress", ""),
)


def _sentence(text: str, start: int) -> int:
    end = text.find(".", start)
    return len(text) if end < 0 else min(end + 1, start + 260)


def _margin_shot(app: object, window: object) -> None:
    """The document panel scrolled to a page that starts at a numbered paragraph."""
    from PySide6.QtGui import QTextCursor

    view = window.view  # type: ignore[attr-defined]
    both = sorted(set(view._page_blocks) & set(view._paragraph_numbers))
    blocks = both or sorted(view._page_blocks)
    block = view.document().findBlockByNumber(blocks[len(blocks) // 2])
    cursor = QTextCursor(block)
    view.setTextCursor(cursor)
    view.centerCursor()
    app.processEvents()  # type: ignore[attr-defined]
    window.document_panel.grab().save(str(OUT / "margin.png"))  # type: ignore[attr-defined]


def _edit_menu_shot(app: object, window: object) -> None:
    """The Edit menu after linking a highlight: Undo names the change."""
    actions = window.actions  # type: ignore[attr-defined]
    service = window.state.service  # type: ignore[attr-defined]
    unlinked = [
        a for a in service.annotations.all(window.state.document.id) if not a.recommendation_ids
    ]  # type: ignore[attr-defined]
    window.select_annotation(unlinked[0].id)  # type: ignore[attr-defined]
    actions["link_2"].trigger()  # links the selected highlight
    bar = window.menuBar()  # type: ignore[attr-defined]
    menu = next(a.menu() for a in bar.actions() if a.text() == "&Edit")
    menu.popup(window.mapToGlobal(bar.geometry().bottomLeft()))  # type: ignore[attr-defined]
    app.processEvents()  # type: ignore[attr-defined]
    menu.grab().save(str(OUT / "edit-menu.png"))
    menu.close()


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
    from shiny_review.runtime.resources import resource_path
    from shiny_review.services.isolated_ingest import ingest_isolated
    from shiny_review.services.session import close_service, open_service
    from shiny_review.ui.controllers.exporting import suggested_name
    from shiny_review.ui.dialogs.export import ExportDialog
    from shiny_review.ui.launch import application
    from shiny_review.ui.main_window import MainWindow
    from shiny_review.ui.settings import WindowSettings

    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        service = open_service(Path(scratch) / "shots.sqlite", "A. Officer", ingest_isolated)
        try:
            doc = service.documents.import_file(report).value.document
            samples = sorted(resource_path("samples").glob("*.txt"))
            if not samples:
                sys.stderr.write("screenshots: no sample letters found\n")
                return 1
            for sample in samples:
                service.documents.import_file(sample)
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
            settings = WindowSettings(
                QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)
            )
            window = MainWindow(service, settings)
            window.resize(1500, 920)
            window.show()
            window.open_document(doc.id)
            shown = service.annotations.all(doc.id)[0]
            window.select_annotation(shown.id)
            window.recommendations_panel.table.selectRow(1)
            app.processEvents()
            window.grab().save(str(OUT / "main-window.png"))
            window.right_splitter.grab().save(str(OUT / "evidence.png"))
            name = suggested_name(doc.authority, date.today())
            dialog = ExportDialog(window, (doc.id, doc.title), Path.home() / "Documents", name)
            dialog.show()
            app.processEvents()
            dialog.grab().save(str(OUT / "export-dialog.png"))
            dialog.close()
            _margin_shot(app, window)
            _edit_menu_shot(app, window)
            letter = Path(scratch) / "westmarsh-letter.txt"
            letter.write_text(LETTER, encoding="utf-8")
            window.open_document(service.documents.import_file(letter).value.document.id)
            app.processEvents()
            window.document_panel.grab().save(str(OUT / "letter.png"))
            window.close()
        finally:
            close_service(service)
    for name in SHOTS:
        print(OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
