"""The window's first stage (issue 16): the remembered document of a workspace file, read
before the workspace is opened, so the window can show it at once (``storage/first_read.py``;
the window never imports storage).

Only this module and the read are loaded for it: not the review service, the repository or
the entities. None means "open it the usual way".
"""

from __future__ import annotations

from pathlib import Path

from shiny_review.storage.first_read import FirstDocument, read_first_document

__all__ = ["FirstDocument", "first_document"]


def first_document(workspace: Path, document_id: int) -> FirstDocument | None:
    """The document ``document_id`` of the workspace file ``workspace`` (its text, paragraphs
    and highlight spans as tuples), or None if the file cannot give it as it is."""
    return read_first_document(workspace, document_id)
