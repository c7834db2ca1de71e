"""The action plan's pictures: the board report PDF's pages (pdftoppm) and the window's
Action plan view, made from the Shropshire 2022 report with two actions and three updates.

    QT_QPA_PLATFORM=offscreen python scripts/action_plan_screenshots.py

Writes docs/screenshots/board-report-page.png, board-report-charts.png and action-plan.png.
Needs pdftoppm (poppler-utils) and a font (fonts-dejavu-core).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
CORPUS = REPO.parent / "shared" / "corpus" / "ofsted"
TODAY = dt.date(2022, 9, 1)


def main() -> int:
    from PySide6.QtCore import QSettings, Qt

    from shiny_review.domain.action_plan import ActionStatus
    from shiny_review.ingest import ingest_file
    from shiny_review.services.export.board_report import write_board_pdf, write_board_xlsx
    from shiny_review.services.review import ReviewService
    from shiny_review.storage.workspace import Workspace
    from shiny_review.ui.launch import application
    from shiny_review.ui.main_window import MainWindow
    from shiny_review.ui.settings import WindowSettings

    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        workspace = Workspace(tmp / "w.sqlite", "Ana Officer")
        service = ReviewService(workspace, ingester=ingest_file)
        service.action_plan.today = lambda: TODAY
        doc = service.documents.import_file(CORPUS / "shropshire-2022-march-25.pdf").value.document
        recs = service.recommendations.all(doc.id)
        a = service.annotations.add_quote(
            doc.id,
            "There are delays in establishing family group conferences",
            recommendation_ids=[recs[0].id],
        ).value
        b = service.annotations.add_quote(
            doc.id,
            "New initiatives to address sufficiency issues in Shropshire",
            recommendation_ids=[recs[1].id],
            note="=1+1 stays text – café",
        ).value
        plan = service.action_plan
        plan.add_action(
            recs[0].id,
            text="Relaunch the family group conference service",
            owner="Service manager, FGC",
            start_date=dt.date(2022, 4, 1),
            due_date=dt.date(2022, 6, 30),
            status=ActionStatus.ON_TRACK,
        )
        plan.add_action(
            recs[1].id,
            text="=Recruit 12 foster carers (sufficiency strategy)",
            owner="@Head of placements",
            due_date=dt.date(2023, 3, 31),
            status=ActionStatus.AT_RISK,
        )
        plan.add_update(recs[0].id, "Two conferences held in July", [a.id])
        plan.add_update(recs[0].id, "+4 conferences booked; PLO audit under way – naïve", [a.id])
        plan.add_update(recs[1].id, "Recruitment campaign launched", [b.id])
        report = plan.board_report()
        pdf = tmp / "board.pdf"
        write_board_pdf(report, pdf)
        write_board_xlsx(report, tmp / "board.xlsx")
        pdftoppm = shutil.which("pdftoppm")
        if pdftoppm is None:
            sys.stderr.write("pdftoppm is missing: apt-get install poppler-utils\n")
            return 1
        subprocess.run([pdftoppm, "-r", "80", "-png", str(pdf), str(tmp / "page")], check=True)
        shutil.copy(tmp / "page-3.png", OUT / "board-report-page.png")
        shutil.copy(tmp / "page-2.png", OUT / "board-report-charts.png")

        settings = WindowSettings(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(service, settings, "screenshots")
        window.show()
        window.open_document(doc.id)
        window.resize(1900, 900)
        window.actions["view_action_plan"].trigger()  # View > Action plan
        dock = window.action_plan.dock
        window.resizeDocks([dock], [700], Qt.Orientation.Horizontal)
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(OUT / "action-plan.png"))
        window.close()
        workspace.close()
    print(f"wrote {OUT / 'board-report-page.png'}, board-report-charts.png, action-plan.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
