"""The review service: the use cases over one workspace, on behalf of one author.

Each use case is a small object over the workspace, reached as an attribute:
``service.documents``, ``service.recommendations``, ``service.annotations``,
``service.evidence``, ``service.search``, ``service.history``, ``service.versions``,
``service.backups``, ``service.checks`` (the import's self-checks), ``service.action_plan``
and ``service.cycle`` (the inspection cycle). Each mutating call is one user action (one
transaction) and returns an ``Outcome`` whose ``changed`` names the documents,
recommendations and annotations it touched.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from shiny_review.domain.errors import ValidationError
from shiny_review.domain.workspace_spec import ServerSpec, WorkspaceTarget
from shiny_review.services.annotations import Annotations
from shiny_review.services.backups import Backups
from shiny_review.services.change_feed import ChangeFeed
from shiny_review.services.checks import DocumentChecks
from shiny_review.services.cycle import InspectionCycle
from shiny_review.services.documents import (
    Documents,
    ImportResult,
    Ingester,
    default_ingester,
    file_hash,
)
from shiny_review.services.evidence import Evidence, EvidenceItem
from shiny_review.services.history import History
from shiny_review.services.listing import DocumentListing
from shiny_review.services.new_version import NewVersions
from shiny_review.services.pages import PageService
from shiny_review.services.recommendations import Recommendations
from shiny_review.services.search import Search
from shiny_review.services.text_search import SearchHit

if TYPE_CHECKING:  # importing the services must not load storage (SQLAlchemy) before a window
    from shiny_review.services.action_plan import ActionPlanService
    from shiny_review.storage.workspace import Workspace

__all__ = [
    "EvidenceItem",
    "ImportResult",
    "Ingester",
    "ReviewService",
    "SearchHit",
    "default_ingester",
    "file_hash",
]


class ReviewService:
    """Use cases over one workspace, on behalf of one author."""

    def __init__(self, workspace: Workspace, ingester: Ingester = default_ingester) -> None:
        self._workspace = workspace
        self.documents = Documents(workspace, ingester)
        self.recommendations = Recommendations(workspace)
        self.annotations = Annotations(workspace, self.documents)
        self.evidence = Evidence(workspace)
        self.search = Search(workspace)
        self.history = History(workspace)
        self.pages = PageService(workspace)  # page view use cases (issue 15)
        self.versions = NewVersions(workspace, self.documents, self.pages)
        self.backups = Backups(workspace)
        self.checks = DocumentChecks(workspace)  # the import's self-checks (issue 12)
        self.cycle = InspectionCycle(workspace)  # the inspection cycle (issue 13)
        self.listing = DocumentListing(workspace)  # perf (issue 16): the one-line listing
        self.feed = ChangeFeed(workspace)  # issue 17: other sessions' changes (live refresh)

    @functools.cached_property
    def action_plan(self) -> ActionPlanService:
        """The action plan (issue 14), made at first use: its modules (the board report, the
        deadlines) are not needed to show the window (issue 16)."""
        from shiny_review.services.action_plan import ActionPlanService

        return ActionPlanService(self._workspace)

    @property
    def author(self) -> str:
        return self._workspace.author

    @author.setter
    def author(self, name: str) -> None:
        if not name.strip():
            raise ValidationError("the author name is empty")
        self._workspace.author = name.strip()

    @property
    def workspace_path(self) -> Path:
        """The workspace file (where the window remembers its last document)."""
        return self._workspace.path

    @property
    def workspace_target(self) -> WorkspaceTarget:
        """What opens this workspace again (a worker's own session): the file, or the server."""
        spec: WorkspaceTarget | None = getattr(self._workspace, "spec", None)
        return spec if spec is not None else self._workspace.path

    @property
    def workspace_label(self) -> str:
        """How to name the workspace to a person: its file, or its server's URL (issue 17)."""
        return str(getattr(self._workspace, "label", self._workspace.path))

    def worker_password(self) -> Callable[[ServerSpec], str | None] | None:
        """For a worker's own session (``open_service(ask_password=...)``): this session's
        server password, typed or stored, so the worker never asks again; None for a file."""
        same = getattr(self._workspace, "same_password", None)
        return same() if same is not None else None

    @property
    def on_server(self) -> bool:
        """The workspace is a team workspace on a PostgreSQL server (issue 17)."""
        return hasattr(self._workspace, "spec")

    def close(self) -> None:
        """Close the workspace (releasing its lock); the service is unusable after."""
        self._workspace.close()
