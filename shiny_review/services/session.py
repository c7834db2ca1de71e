"""Open a workspace and the review service over it, so the window never imports storage."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from shiny_review.domain.workspace_spec import ServerSpec
from shiny_review.services.review import Ingester, ReviewService, default_ingester

if TYPE_CHECKING:
    from shiny_review.domain.structure import IngestedDocument
    from shiny_review.storage.workspace import Workspace

# Asked for a server's password when neither .pgpass nor the credential store has it.
AskPassword = Callable[[ServerSpec], str | None]


def ask_at_terminal(spec: ServerSpec) -> str | None:
    """The command line's way: asked at a terminal, never echoed or stored; None without one."""
    import getpass
    import sys

    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"password for {spec.user} on {spec.host}: ")


class _InChild:
    """The window's ingester: ``isolated_ingest.ingest_isolated`` (a child process a file),
    its module, with ``multiprocessing``, imported at the first import, not at the start;
    ``batch`` gives one warm child for several files read one after another (a child's start
    is 0.1-0.3 s: 12 corpus reports took 2.4 s a child each, 0.7 s with one)."""

    def __call__(self, path: Path, *, cancel: threading.Event | None = None) -> IngestedDocument:
        from shiny_review.services.isolated_ingest import ingest_isolated

        return ingest_isolated(path, cancel=cancel)

    @contextlib.contextmanager
    def batch(self, files: int) -> Iterator[Ingester]:
        if files < 2:
            yield self
            return
        from shiny_review.services.warm_ingest import WarmIngester

        ingester = WarmIngester(workers=1)
        try:
            yield ingester
        finally:
            ingester.close()


ingest_in_child = _InChild()


def open_service(
    path: Path | ServerSpec,
    author: str | None,
    ingester: Ingester = default_ingester,
    *,
    backup_timer: bool = False,
    read_only: bool = False,
    purpose: str = "",
    ask_password: AskPassword | None = ask_at_terminal,
) -> ReviewService:
    """A ReviewService over the workspace at ``path``; close it with ``close_service``.

    ``path`` is a workspace file or a PostgreSQL server (``domain.workspace_spec``); on a
    server the author is the database login (``author`` None, or the login itself) and
    ``ask_password`` is asked for a password the login's .pgpass or credential store lacks
    (by default at the terminal, if there is one; the window gives its own dialog).
    ``backup_timer`` keeps rotating backups on a timer while it is open (the window wants
    this; one-shot commands do not). ``read_only`` opens it for reading only, which works
    while a window is writing to it.
    """
    workspace: Workspace
    if isinstance(path, ServerSpec):  # SQLAlchemy loads here, not on import
        from shiny_review.storage.server_workspace import open_workspace

        workspace = open_workspace(
            path, author, read_only=read_only, ask_password=ask_password, purpose=purpose
        )
    else:  # an up-to-date file opens without SQLAlchemy (issue 16: storage/quick_reads.py)
        from shiny_review.storage.workspace import open_file_workspace

        workspace = open_file_workspace(
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
