"""--demo: the fictional samples import with their recommendations and example highlights."""

from __future__ import annotations

from pathlib import Path

from shiny_review.services.demo import EXAMPLES, build_demo_workspace, sample_files
from shiny_review.services.session import close_service, open_service


def test_demo_workspace_has_samples_recommendations_and_highlights(tmp_path: Path) -> None:
    assert len(sample_files()) >= 2
    for sample in sample_files():
        assert sample.read_text(encoding="utf-8").startswith("FICTIONAL SAMPLE")
    path = build_demo_workspace(tmp_path, "Demo Officer")
    service = open_service(path, "Demo Officer")
    try:
        docs = service.documents.all()
        assert len(docs) == len(sample_files())
        assert all(service.recommendations.all(d.id) for d in docs)
        annotations = service.annotations.all()
        assert len(annotations) == len(EXAMPLES)
        assert sum(1 for a in annotations if a.recommendation_ids) == 4
    finally:
        close_service(service)


def test_ui_never_imports_storage_sqlalchemy_or_pymupdf() -> None:
    banned = ("shiny_review.storage", "sqlalchemy", "pymupdf", "fitz")
    ui = Path(__file__).resolve().parents[2] / "shiny_review" / "ui"
    offenders = [
        f"{path.name}: {line.strip()}"
        for path in ui.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(("import ", "from "))
        and any(line.split()[1].startswith(b) for b in banned)
    ]
    assert offenders == []
