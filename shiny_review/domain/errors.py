"""Errors the application reports to a person: each carries a one-line, plain message."""

from __future__ import annotations


class ShinyReviewError(Exception):
    """Base class: the message is shown to the user as it is."""


class InputFileError(ShinyReviewError):
    """A file given to import cannot be read as a letter (missing, empty, wrong type)."""


class ImportCancelled(ShinyReviewError):
    """The person cancelled an import; nothing of the cancelled file was stored."""


class EncryptedDocumentError(InputFileError):
    """The PDF is password-protected."""


class NotFoundError(ShinyReviewError):
    """A document, recommendation or annotation id that does not exist."""


class QuoteNotFoundError(ShinyReviewError):
    """The quote (or the requested occurrence of it) is not in the document's text."""


class ValidationError(ShinyReviewError):
    """A value given by the user is not acceptable (empty text, unknown stance...)."""


class WorkspaceError(ShinyReviewError):
    """The workspace file cannot be opened or used (not ours, too new, locked, corrupt)."""


class WorkspaceLockedError(WorkspaceError):
    """Another process is writing to this workspace."""
