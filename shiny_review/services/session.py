"""Open a workspace and the review service over it, so the window never imports storage."""

from __future__ import annotations

from pathlib import Path

from shiny_review.services.review import Ingester, ReviewService, default_ingester


def open_service(
    path: Path,
    author: str,
    ingester: Ingester = default_ingester,
    *,
    backup_timer: bool = False,
    read_only: bool = False,
    purpose: str = "",
) -> ReviewService:
    """A ReviewService over the workspace at ``path``; close it with ``close_service``.

    ``backup_timer`` keeps rotating backups on a timer while it is open (the window wants
    this; one-shot commands do not). ``read_only`` opens it for reading only, which works
    while a window is writing to it.
    """
    from shiny_review.storage.workspace import Workspace  # SQLAlchemy loads here, not on import

    workspace = Workspace(
        Path(path), author, read_only=read_only, backup_timer=backup_timer, purpose=purpose
    )
    return ReviewService(workspace, ingester=ingester)


def close_service(service: ReviewService) -> None:
    service.close()


def explain_os_error(exc: OSError) -> str:
    """One line naming the real cause of a failed read or write (full disk, no permission,
    read-only disk...), for callers that may not import storage (the command line)."""
    from shiny_review.storage.io_errors import explain_os_error as explain

    return explain(exc)
