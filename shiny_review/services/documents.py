"""Documents: importing files (the one import path of the window and the command line),
listing them, and their text, metadata and judgements.

Importing is three steps, each usable alone: ``existing`` (is this exact file already in the
workspace? it hashes the file), ``ingest`` (read it into text and structure, saving nothing:
the slow part, which the window runs off its GUI thread) and ``add_ingested`` (store it, one
transaction, or give back the document the same file already made). ``import_files`` chains
them for several files as one all-or-nothing action.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from shiny_review.domain.entities import Document, Judgement
from shiny_review.domain.errors import InputFileError
from shiny_review.domain.structure import ExtractedText, IngestedDocument
from shiny_review.services.changes import Changed, Outcome
from shiny_review.services.lineage import on_import as propose_lineage

if TYPE_CHECKING:  # importing the services must not load storage (SQLAlchemy) before a window
    from shiny_review.storage.quick_imports import LightImports
    from shiny_review.storage.workspace import Workspace


@runtime_checkable
class _BinWrites(Protocol):
    """Taking a document out of the bin: the ORM ``Repository`` alone."""

    def set_document_removed(self, document_id: int, removed: bool) -> None: ...
    def recommendations_touched_by(self, document_id: int) -> frozenset[int]: ...


class _FromTheBin(Exception):
    """The driver's import met a file whose document is in the bin (the ORM restores it)."""


class Ingester(Protocol):
    """Reads one file into canonical text and structure: ``ingest_isolated`` (a child
    process, which ``cancel`` stops), ``default_ingester`` (in this process) or a stand-in."""

    def __call__(
        self, path: Path, *, cancel: threading.Event | None = None
    ) -> IngestedDocument: ...


def default_ingester(path: Path, *, cancel: threading.Event | None = None) -> IngestedDocument:
    """Ingest in this process (tests, benchmarks, the demo); ``cancel`` is not looked at."""
    del cancel
    from shiny_review.ingest import ingest_file

    return ingest_file(path)


@dataclass(frozen=True, slots=True)
class ImportResult:
    document: Document
    created: bool
    # What the person should check about the import (an encoding that was guessed...).
    warnings: tuple[str, ...] = ()
    # The same file's document was in the bin: the import took it out (issue 11).
    restored: bool = False


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def checked_hash(path: Path) -> str:
    """The file's hash, or an InputFileError saying plainly why it cannot be read."""
    if not path.exists():
        raise InputFileError(f"could not import {path}: no such file")
    if path.is_dir():
        raise InputFileError(f"could not import {path}: it is a folder, not a file")
    try:
        return file_hash(path)
    except OSError as exc:
        raise InputFileError(f"could not import {path}: {exc.strerror or exc}") from exc


class Documents:
    """Import, list and read documents."""

    def __init__(self, workspace: Workspace, ingester: Ingester = default_ingester) -> None:
        self._workspace = workspace
        self._ingest = ingester
        self._text = lru_cache(maxsize=8)(self._load_text)

    # -- importing ----------------------------------------------------------------------------

    def existing(self, path: Path) -> Document | None:
        """The document already imported from this exact file, if any (hashes the file)."""
        with self._workspace.light_read() as reads:
            return reads.find_document_by_hash(file_hash(Path(path)))

    def ingest(self, path: Path, *, cancel: threading.Event | None = None) -> IngestedDocument:
        """Read a file into canonical text and structure, without saving anything.

        ``cancel`` (set from another thread) stops an ingester that runs a child process."""
        if cancel is None:  # a plain stand-in ``f(path)`` serves as well where nothing cancels
            return self._ingest(Path(path))
        return self._ingest(Path(path), cancel=cancel)

    @contextlib.contextmanager
    def batch(self, files: int) -> Iterator[Ingester]:
        """The ingester for ``files`` files read one after another (the window's import):
        one warm child for them all where this service reads each file in a fresh child
        (``session.ingest_in_child``), else ``ingest``."""
        batch = getattr(self._ingest, "batch", None)
        if batch is None:
            yield self.ingest
            return
        with batch(files) as ingester:
            yield ingester

    def add_ingested(self, ingested: IngestedDocument) -> Outcome[ImportResult]:
        """Store an ingested file, or give back the document the same file already made."""
        with self._workspace.light_read() as reads:
            known = reads.find_document_by_hash(ingested.source_hash)
        return self._store_all([known if known is not None else ingested])[0]

    def import_file(self, path: Path) -> Outcome[ImportResult]:
        """Import one file; the same file again gives back the document it already made."""
        return self.import_files([path])[0]

    def import_files(self, paths: Sequence[Path]) -> list[Outcome[ImportResult]]:
        """Import several files as one action: every file is read first, and if any fails
        nothing is saved. A file already in the workspace gives back its document."""
        known: list[Document | Path] = []
        for path in map(Path, paths):
            digest = checked_hash(path)
            with self._workspace.light_read() as reads:
                known.append(reads.find_document_by_hash(digest) or path)
        read_all = getattr(self._ingest, "read_all", None)
        if read_all is not None and len(paths) > 1:  # read side by side (WarmIngester)
            # Stored as they come, in order, in the one transaction: the store of the first
            # files overlaps the children's reading of the last (issue 16).
            read = read_all([item for item in known if isinstance(item, Path)])
            return self._store_all(next(read) if isinstance(item, Path) else item for item in known)
        return self._store_all(
            [self.ingest(item) if isinstance(item, Path) else item for item in known]
        )

    def _store_all(
        self, found: Iterable[Document | IngestedDocument]
    ) -> list[Outcome[ImportResult]]:
        """One transaction: with the driver (``light_import``), or the ORM where a file's
        document is taken out of the bin. ``found`` may still be being read as it is stored;
        a file that fails to read rolls the transaction back, as any failure does."""
        items = iter(found)
        seen: list[Document | IngestedDocument] = []
        try:
            with self._workspace.light_import() as writes:
                out = []
                for item in items:
                    seen.append(item)
                    out.append(self._store_one(writes, item))
                return out
        except _FromTheBin:
            seen.extend(items)  # rolled back: the ORM takes the document out of the bin
        with self._workspace.write() as repo:
            return [self._store_one(repo, item) for item in seen]

    @classmethod
    def _store_one(
        cls, repo: LightImports, item: Document | IngestedDocument
    ) -> Outcome[ImportResult]:
        return _found(repo, item) if isinstance(item, Document) else cls._store(repo, item)

    @staticmethod
    def _store(repo: LightImports, ingested: IngestedDocument) -> Outcome[ImportResult]:
        """The one hash-and-dedupe step: the same file twice gives one document."""
        existing = repo.find_document_by_hash(ingested.source_hash)
        if existing is not None:
            return _found(repo, existing)
        doc_id = repo.add_document(ingested)
        propose_lineage(repo, doc_id)  # the inspection cycle: authority, lineage proposals
        rec_ids = frozenset(r.id for r in repo.recommendations(doc_id))
        return Outcome(
            ImportResult(repo.get_document(doc_id), True, tuple(ingested.extracted.warnings)),
            Changed(documents=frozenset({doc_id}), recommendations=rec_ids),
        )

    # -- the bin (issue 11) --------------------------------------------------------------------

    def remove(self, document_id: int) -> Outcome[Document]:
        """Put a document in the bin: every listing, search, log and report leaves it out,
        and nothing of it is destroyed (its highlights, links, pages, file and history stay)."""
        with self._workspace.write() as repo:
            document = repo.get_document(document_id)  # NotFoundError if gone or in the bin
            repo.set_document_removed(document_id, True)
            changed = _bin_changed(repo, document_id)
        self.forget_text(document_id)
        return Outcome(document, changed)

    def restore(self, document_id: int) -> Outcome[Document]:
        """Take a document out of the bin, exactly as it was."""
        with self._workspace.write() as repo:
            repo.set_document_removed(document_id, False)
            return Outcome(repo.get_document(document_id), _bin_changed(repo, document_id))

    def removed(self) -> list[Document]:
        """The documents in the bin, the last removed first."""
        with self._workspace.read() as repo:
            return repo.removed_documents()

    # -- reading ------------------------------------------------------------------------------

    def all(self) -> list[Document]:
        with self._workspace.light_read() as repo:
            return repo.list_documents()

    def get(self, document_id: int) -> Document:
        with self._workspace.light_read() as repo:
            return repo.get_document(document_id)

    def highlight_counts(self, document_ids: Iterable[int]) -> dict[int, int]:
        """How many live highlights each document holds (a documents list's one cell)."""
        with self._workspace.light_read() as repo:
            return repo.highlight_counts(document_ids)

    def _load_text(self, document_id: int) -> ExtractedText:
        with self._workspace.light_read() as repo:
            return repo.document_text(document_id)

    def text(self, document_id: int) -> ExtractedText:
        return self._text(document_id)

    def forget_text(self, document_id: int) -> None:
        """Drop cached text after a document's content changed."""
        del document_id  # lru_cache cannot drop one key; texts are cheap to reload
        self._text.cache_clear()

    def judgements(self, document_id: int) -> list[Judgement]:
        with self._workspace.read() as repo:
            return repo.judgements(document_id)


def _bin_changed(repo: _BinWrites, document_id: int) -> Changed:
    return Changed(
        documents=frozenset({document_id}),
        recommendations=repo.recommendations_touched_by(document_id),
    )


def _found(repo: LightImports, existing: Document) -> Outcome[ImportResult]:
    """A file already imported gives back its document; from the bin, restored (in the
    import's transaction and the history), not a second copy and not silently left there."""
    existing = repo.find_document_by_hash(existing.source_hash) or existing  # as it is now
    if existing.removed_at is None:
        return Outcome(ImportResult(existing, created=False), Changed())
    if not isinstance(repo, _BinWrites):
        raise _FromTheBin  # the driver's import: again with the ORM
    repo.set_document_removed(existing.id, False)
    restored = repo.get_document(existing.id)
    return Outcome(
        ImportResult(restored, created=False, restored=True), _bin_changed(repo, existing.id)
    )
