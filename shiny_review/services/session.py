"""Open a workspace and the review service over it, so the window never imports storage."""

from __future__ import annotations

from pathlib import Path

from shiny_review.services.review import Ingester, ReviewService, default_ingester
from shiny_review.storage.workspace import Workspace


def open_service(path: Path, author: str, ingester: Ingester = default_ingester) -> ReviewService:
    """A ReviewService over the workspace at ``path``; close it with ``close_service``."""
    return ReviewService(Workspace(Path(path), author), ingester=ingester)


def close_service(service: ReviewService) -> None:
    service.workspace.close()
