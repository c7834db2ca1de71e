"""``shiny-review --demo``: a throwaway workspace holding the fictional sample letters
(resources/samples) with a few example highlights, so a newcomer sees the
whole flow at once. Uses services only; the samples are small text files, so they are
imported in-process."""

from __future__ import annotations

from pathlib import Path

from shiny_review.domain.entities import Stance
from shiny_review.runtime.resources import resource_path
from shiny_review.services.review import default_ingester
from shiny_review.services.session import close_service, open_service

# (file, quote, recommendation position (1-based) or None, stance, note)
EXAMPLES = (
    (
        "westmarsh-focused-visit-2025.txt",
        "only 61% of conferences were held within 15 working days",
        1,
        Stance.SHOWS_CONCERN,
        "Baseline for the action plan: report monthly to the improvement board.",
    ),
    (
        "westmarsh-focused-visit-2025.txt",
        "Leaders have recently introduced a tracking meeting",
        1,
        Stance.SUPPORTS_PROGRESS,
        "Tracking meeting started January 2025.",
    ),
    (
        "westmarsh-focused-visit-2025.txt",
        "Supervision takes place regularly, but it is not always reflective",
        2,
        Stance.SHOWS_CONCERN,
        "",
    ),
    (
        "westmarsh-focused-visit-2025.txt",
        "Audits are moderated",
        None,
        Stance.CONTEXT,
        "Check the audit schedule for Q2.",
    ),
    (
        "fenbridge-ilacs-2024.txt",
        "the recruitment of foster carers has not kept pace with demand",
        1,
        Stance.SHOWS_CONCERN,
        "",
    ),
)


def sample_files() -> list[Path]:
    folder = resource_path("samples")
    return sorted(f for f in folder.iterdir() if f.name.endswith(".txt"))


def build_demo_workspace(folder: Path, author: str) -> Path:
    """Create ``folder/demo.sqlite`` with the samples and example highlights; return it."""
    path = Path(folder) / "demo.sqlite"
    service = open_service(path, author, ingester=default_ingester)
    try:
        ids = {}
        for sample in sample_files():
            ids[sample.name] = service.documents.import_file(sample).value.document.id
        for name, quote, rec, stance, note in EXAMPLES:
            doc_id = ids.get(name)
            if doc_id is None:
                continue
            recs = service.recommendations.all(doc_id)
            linked = [recs[rec - 1].id] if rec is not None and rec <= len(recs) else []
            service.annotations.add_quote(
                doc_id, quote, stance=stance, note=note, recommendation_ids=linked
            )
    finally:
        close_service(service)
    return path
