"""Render the coverage matrix and the lineage review from the real window, offscreen, into
docs/screenshots/ (run from the checkout: python scripts/cycle_screenshots.py)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUT = REPO / "docs" / "screenshots"


def main() -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from shiny_review.domain.entities import Stance
    from shiny_review.services.review import ReviewService
    from shiny_review.storage.workspace import Workspace
    from shiny_review.ui.main_window import MainWindow
    from shiny_review.ui.settings import WindowSettings

    app = QApplication(sys.argv)
    corpus, seeds = SHARED / "corpus" / "ofsted", SHARED / "seeds"
    with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp) / "w.sqlite", "A Officer") as ws:
        service = ReviewService(ws)
        docs = [
            service.documents.import_file(p).value.document
            for p in (
                corpus / "shropshire-2022-march-25.pdf",
                next(seeds.glob("004_*.txt")),
                corpus / "shropshire-2025-august-12.pdf",
                next(seeds.glob("003_*.txt")),
            )
        ]
        r2022 = service.recommendations.all(docs[0].id)
        service.annotations.add_quote(
            docs[1].id,
            "More children are being returned closer to home",
            stance=Stance.SUPPORTS_PROGRESS,
            recommendation_ids=[r2022[1].id],
        )
        service.annotations.add_quote(
            docs[1].id,
            "While sufficiency challenges continue",
            stance=Stance.SHOWS_CONCERN,
            recommendation_ids=[r2022[1].id],
        )
        service.annotations.add_quote(
            docs[1].id,
            "significant investment in emotional health services",
            stance=Stance.SUPPORTS_PROGRESS,
            recommendation_ids=[r2022[2].id],
        )
        service.annotations.add_quote(
            docs[3].id,
            "increase in council-run residential care",
            stance=Stance.CONTEXT,
            recommendation_ids=[r2022[1].id],
        )
        settings = WindowSettings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(service, settings, "screenshots")
        window.show()
        app.processEvents()
        window.open_document(docs[1].id)
        OUT.mkdir(parents=True, exist_ok=True)
        app.processEvents()
        window.grab().save(str(OUT / "cycle-window.png"))  # the authority's letters panel
        lineage = window.cycle.open_lineage()
        proposals = [lineage.model.row_at(r) for r in range(lineage.model.rowCount())]
        for view, status in zip(proposals, ("accepted", "rejected", "accepted"), strict=False):
            lineage.select_pair(view.proposal.id)
            lineage.decide(status)
        lineage.select_pair(proposals[0].proposal.id)
        app.processEvents()
        lineage.grab().save(str(OUT / "lineage-review.png"))
        coverage = window.cycle.open_coverage()
        model = coverage.model
        row = next(
            r for r in range(model.rowCount()) if model.row_at(r).recommendation.id == r2022[1].id
        )
        column = 4 + [d.id for d in model.matrix.columns].index(docs[1].id)
        coverage.table.setCurrentIndex(model.index(row, column))
        coverage.open_cell(model.index(row, column))
        app.processEvents()
        coverage.grab().save(str(OUT / "coverage-matrix.png"))
        coverage.close()
        lineage.close()
        window.close()
        app.processEvents()
    print(
        "wrote",
        *(OUT / n for n in ("cycle-window.png", "lineage-review.png", "coverage-matrix.png")),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
