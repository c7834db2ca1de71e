"""The review service: every use case of the window and the command line in one facade.

Each mutating call is one user action (one transaction) and returns an ``Outcome`` whose
``changed`` names the documents, recommendations and annotations it touched.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shiny_review.domain.anchoring import content_hash, find_quote, make_anchor
from shiny_review.domain.entities import (
    Annotation,
    Document,
    Judgement,
    NFTag,
    Recommendation,
    RecommendationGroup,
    Stance,
)
from shiny_review.domain.errors import InputFileError, ValidationError
from shiny_review.domain.export_rows import EvidenceRow
from shiny_review.domain.structure import ExtractedText, IngestedDocument
from shiny_review.services.changes import Changed, Outcome
from shiny_review.services.listing import DocumentListing
from shiny_review.services.text_search import Matcher, SearchHit

if TYPE_CHECKING:  # importing the services must not load storage (SQLAlchemy) before a window
    from shiny_review.storage.repository import HighlightSpan
    from shiny_review.storage.workspace import Workspace

Ingester = Callable[[Path], IngestedDocument]

__all__ = ["EvidenceItem", "ImportResult", "Ingester", "ReviewService", "SearchHit", "file_hash"]


def default_ingester(path: Path) -> IngestedDocument:
    from shiny_review.ingest import ingest_file

    return ingest_file(path)


@dataclass(frozen=True, slots=True)
class ImportResult:
    document: Document
    created: bool


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One passage linked to a recommendation, with the document it stands in."""

    annotation: Annotation
    document_id: int
    document_title: str


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class ReviewService:
    """Use cases over one workspace, on behalf of one author."""

    def __init__(self, workspace: Workspace, ingester: Ingester = default_ingester) -> None:
        self.workspace = workspace
        self._ingest = ingester
        self._text = lru_cache(maxsize=8)(self._load_text)
        self.listing = DocumentListing(workspace)  # perf (issue 16): the one-line listing

    @property
    def author(self) -> str:
        return self.workspace.author

    @author.setter
    def author(self, name: str) -> None:
        if not name.strip():
            raise ValidationError("the author name is empty")
        self.workspace.author = name.strip()

    # -- documents ----------------------------------------------------------------------------

    def import_file(self, path: Path) -> Outcome[ImportResult]:
        """Import one file; the same file again gives back the document it already made."""
        return self.import_files([path])[0]

    def import_files(self, paths: Sequence[Path]) -> list[Outcome[ImportResult]]:
        """Import several files as one action: every file is read first, and if any fails
        nothing is saved. A file already in the workspace gives back its document."""
        found: list[Document | IngestedDocument] = []
        for path in map(Path, paths):
            digest = self._checked_hash(path)
            with self.workspace.read() as repo:
                existing = repo.find_document_by_hash(digest)
            found.append(existing if existing is not None else self._ingest(path))
        results: list[Outcome[ImportResult]] = []
        with self.workspace.write() as repo:
            for item in found:
                if isinstance(item, Document):
                    results.append(Outcome(ImportResult(item, created=False), Changed()))
                    continue
                existing = repo.find_document_by_hash(item.source_hash)
                if existing is not None:  # the same file twice in one call
                    results.append(Outcome(ImportResult(existing, created=False), Changed()))
                    continue
                doc_id = repo.add_document(item)
                rec_ids = frozenset(r.id for r in repo.recommendations(doc_id))
                results.append(
                    Outcome(
                        ImportResult(repo.get_document(doc_id), created=True),
                        Changed(documents=frozenset({doc_id}), recommendations=rec_ids),
                    )
                )
        return results

    @staticmethod
    def _checked_hash(path: Path) -> str:
        if not path.exists():
            raise InputFileError(f"could not import {path}: no such file")
        if path.is_dir():
            raise InputFileError(f"could not import {path}: it is a folder, not a file")
        try:
            return file_hash(path)
        except OSError as exc:
            raise InputFileError(f"could not import {path}: {exc.strerror or exc}") from exc

    def ingest(self, path: Path) -> IngestedDocument:
        """Read a file into canonical text and structure, without saving anything."""
        return self._ingest(Path(path))

    def add_ingested(self, ingested: IngestedDocument) -> Outcome[ImportResult]:
        with self.workspace.write() as repo:
            existing = repo.find_document_by_hash(ingested.source_hash)
            if existing is not None:
                return Outcome(ImportResult(existing, created=False), Changed())
            doc_id = repo.add_document(ingested)
            document = repo.get_document(doc_id)
            rec_ids = frozenset(r.id for r in repo.recommendations(doc_id))
        return Outcome(
            ImportResult(document, created=True),
            Changed(documents=frozenset({doc_id}), recommendations=rec_ids),
        )

    def documents(self) -> list[Document]:
        with self.workspace.read() as repo:
            return repo.list_documents()

    def document(self, document_id: int) -> Document:
        with self.workspace.read() as repo:
            return repo.get_document(document_id)

    def _load_text(self, document_id: int) -> ExtractedText:
        with self.workspace.read() as repo:
            return repo.document_text(document_id)

    def document_text(self, document_id: int) -> ExtractedText:
        return self._text(document_id)

    def forget_text(self, document_id: int) -> None:
        """Drop cached text after a document's content changed."""
        del document_id  # lru_cache cannot drop one key; texts are cheap to reload
        self._text.cache_clear()

    def judgements(self, document_id: int) -> list[Judgement]:
        with self.workspace.read() as repo:
            return repo.judgements(document_id)

    # -- recommendations ----------------------------------------------------------------------

    def recommendations(self, document_id: int | None = None) -> list[Recommendation]:
        with self.workspace.read() as repo:
            return repo.recommendations(document_id)

    def recommendation(self, recommendation_id: int) -> Recommendation:
        with self.workspace.read() as repo:
            return repo.get_recommendation(recommendation_id)

    def add_recommendation(
        self,
        document_id: int,
        text: str,
        *,
        number: str | None = None,
        group: str = RecommendationGroup.MANUAL.value,
        nf_tag: NFTag | None = None,
        position: int | None = None,
    ) -> Outcome[Recommendation]:
        text = " ".join(text.split())
        if not text:
            raise ValidationError("a recommendation needs some text")
        with self.workspace.write() as repo:
            rec_id = repo.add_recommendation(
                document_id, text, number=number, group=group, nf_tag=nf_tag, position=position
            )
            rec = repo.get_recommendation(rec_id)
        return Outcome(rec, self._rec_changed(rec))

    @staticmethod
    def _rec_changed(rec: Recommendation) -> Changed:
        return Changed(documents=frozenset({rec.document_id}), recommendations=frozenset({rec.id}))

    def edit_recommendation(
        self,
        recommendation_id: int,
        *,
        text: str | None = None,
        number: str | None = None,
        nf_tag: NFTag | None = None,
        clear_number: bool = False,
        clear_nf_tag: bool = False,
    ) -> Outcome[Recommendation]:
        changes: dict[str, Any] = {}
        if text is not None:
            text = " ".join(text.split())
            if not text:
                raise ValidationError("a recommendation needs some text")
            changes["text"] = text
        if number is not None or clear_number:
            changes["number"] = number
        if nf_tag is not None or clear_nf_tag:
            changes["nf_tag"] = nf_tag
        with self.workspace.write() as repo:
            repo.update_recommendation(recommendation_id, **changes)
            rec = repo.get_recommendation(recommendation_id)
        return Outcome(rec, self._rec_changed(rec))

    def delete_recommendation(self, recommendation_id: int) -> Outcome[Recommendation]:
        return self._set_recommendation_deleted(recommendation_id, True)

    def restore_recommendation(self, recommendation_id: int) -> Outcome[Recommendation]:
        return self._set_recommendation_deleted(recommendation_id, False)

    def _set_recommendation_deleted(self, rec_id: int, deleted: bool) -> Outcome[Recommendation]:
        with self.workspace.write() as repo:
            linked = [a.id for a in repo.evidence(rec_id)]
            repo.set_recommendation_deleted(rec_id, deleted)
            rec = repo.get_recommendation(rec_id)
            siblings = frozenset(r.id for r in repo.recommendations(rec.document_id))
        changed = self._rec_changed(rec) | Changed(
            recommendations=siblings, annotations=frozenset(linked)
        )
        return Outcome(rec, changed)

    def move_recommendation(self, recommendation_id: int, position: int) -> Outcome[Recommendation]:
        with self.workspace.write() as repo:
            repo.move_recommendation(recommendation_id, position)
            rec = repo.get_recommendation(recommendation_id)
            siblings = frozenset(r.id for r in repo.recommendations(rec.document_id))
        return Outcome(rec, self._rec_changed(rec) | Changed(recommendations=siblings))

    # -- annotations --------------------------------------------------------------------------

    def annotations(self, document_id: int | None = None) -> list[Annotation]:
        with self.workspace.read() as repo:
            return repo.annotations(document_id)

    def highlight_spans(self, document_id: int) -> list[HighlightSpan]:
        """What the text view paints for a document, (id, start, end, stance) in text order:
        about 10 ms for 10,000 highlights against about 70 ms for the full annotations, so a
        window can paint the text before it loads the full annotations for its list."""
        with self.workspace.read() as repo:
            return repo.highlight_spans(document_id)

    def deleted_annotations(self, document_id: int | None = None) -> list[Annotation]:
        """The bin: deleted annotations, which can be restored."""
        with self.workspace.read() as repo:
            return repo.annotations(document_id, deleted=True)

    def annotation(self, annotation_id: int) -> Annotation:
        with self.workspace.read() as repo:
            return repo.get_annotation(annotation_id)

    def annotations_by_ids(self, annotation_ids: Sequence[int]) -> list[Annotation]:
        """Several annotations in one read (a list view fetching the rows it shows)."""
        with self.workspace.read() as repo:
            return repo.annotations_by_ids(annotation_ids)

    def annotate(
        self,
        document_id: int,
        start: int,
        end: int,
        *,
        stance: Stance | None = None,
        note: str = "",
        recommendation_ids: Sequence[int] = (),
        colour: str | None = None,
    ) -> Outcome[Annotation]:
        """Highlight ``text[start:end]`` (code-point offsets) and link it, in one action."""
        extracted = self.document_text(document_id)
        text = extracted.text
        if start > end:
            start, end = end, start
        # Trim white space at the edges so the quote is what a person means.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        paragraph = extracted.paragraph_at(start)
        anchor = make_anchor(
            text,
            start,
            end,
            page=extracted.page_at(start),
            paragraph=paragraph.number if paragraph else None,
            text_hash=content_hash(text),
        )
        with self.workspace.write() as repo:
            ann_id = repo.add_annotation(
                document_id,
                anchor,
                section=paragraph.section if paragraph else None,
                stance=stance,
                note=note,
                colour=colour,
            )
            for rec_id in recommendation_ids:
                repo.link(ann_id, rec_id)
            annotation = repo.get_annotation(ann_id)
        return Outcome(
            annotation,
            Changed(
                documents=frozenset({document_id}),
                annotations=frozenset({ann_id}),
                recommendations=frozenset(recommendation_ids),
            ),
        )

    def annotate_quote(
        self,
        document_id: int,
        quote: str,
        *,
        occurrence: int = 1,
        stance: Stance | None = None,
        note: str = "",
        recommendation_ids: Sequence[int] = (),
    ) -> Outcome[Annotation]:
        start, end = find_quote(self.document_text(document_id).text, quote, occurrence)
        return self.annotate(
            document_id,
            start,
            end,
            stance=stance,
            note=note,
            recommendation_ids=recommendation_ids,
        )

    def update_annotation(
        self,
        annotation_id: int,
        *,
        stance: Stance | None = None,
        note: str | None = None,
        clear_stance: bool = False,
        colour: str | None = None,
    ) -> Outcome[Annotation]:
        changes: dict[str, Any] = {}
        if stance is not None or clear_stance:
            changes["stance"] = stance
        if note is not None:
            changes["note"] = note
        if colour is not None:
            changes["colour"] = colour
        with self.workspace.write() as repo:
            if changes:
                repo.update_annotation(annotation_id, **changes)
            annotation = repo.get_annotation(annotation_id)
        return Outcome(annotation, self._ann_changed(annotation))

    def set_stance(self, annotation_id: int, stance: Stance | None) -> Outcome[Annotation]:
        return self.update_annotation(annotation_id, stance=stance, clear_stance=stance is None)

    def set_note(self, annotation_id: int, note: str) -> Outcome[Annotation]:
        return self.update_annotation(annotation_id, note=note)

    @staticmethod
    def _ann_changed(annotation: Annotation) -> Changed:
        return Changed(
            documents=frozenset({annotation.document_id}),
            annotations=frozenset({annotation.id}),
            recommendations=frozenset(annotation.recommendation_ids),
        )

    def delete_annotation(self, annotation_id: int) -> Outcome[Annotation]:
        return self._set_annotation_deleted(annotation_id, True)

    def restore_annotation(self, annotation_id: int) -> Outcome[Annotation]:
        return self._set_annotation_deleted(annotation_id, False)

    def _set_annotation_deleted(self, annotation_id: int, deleted: bool) -> Outcome[Annotation]:
        with self.workspace.write() as repo:
            repo.update_annotation(annotation_id, deleted=deleted)
            annotation = repo.get_annotation(annotation_id)
        return Outcome(annotation, self._ann_changed(annotation))

    def link(self, annotation_id: int, recommendation_id: int) -> Outcome[Annotation]:
        with self.workspace.write() as repo:
            repo.link(annotation_id, recommendation_id)
            annotation = repo.get_annotation(annotation_id)
        return Outcome(
            annotation,
            self._ann_changed(annotation) | Changed(recommendations=frozenset({recommendation_id})),
        )

    def unlink(self, annotation_id: int, recommendation_id: int) -> Outcome[Annotation]:
        with self.workspace.write() as repo:
            repo.unlink(annotation_id, recommendation_id)
            annotation = repo.get_annotation(annotation_id)
        return Outcome(
            annotation,
            self._ann_changed(annotation) | Changed(recommendations=frozenset({recommendation_id})),
        )

    # -- evidence and history -----------------------------------------------------------------

    def evidence(self, recommendation_id: int) -> list[EvidenceItem]:
        """Every live passage linked to the recommendation, across all documents."""
        with self.workspace.read() as repo:
            titles = {d.id: d.title for d in repo.list_documents()}
            return [
                EvidenceItem(a, a.document_id, titles.get(a.document_id, ""))
                for a in repo.evidence(recommendation_id)
            ]

    def recommendations_without_evidence(
        self, document_id: int | None = None
    ) -> list[Recommendation]:
        return [r for r in self.recommendations(document_id) if r.evidence_count == 0]

    def evidence_rows(self, document_id: int | None = None) -> Iterator[EvidenceRow]:
        with self.workspace.read() as repo:
            yield from repo.evidence_rows(document_id)

    def history(self) -> list[dict[str, Any]]:
        with self.workspace.read() as repo:
            return repo.history()

    def existing_document(self, path: Path) -> Document | None:
        """The document already imported from this exact file, if any (hashes the file)."""
        with self.workspace.read() as repo:
            return repo.find_document_by_hash(file_hash(Path(path)))

    def search(
        self, query: str, document_id: int | None = None, limit: int = 500
    ) -> list[SearchHit]:
        """Matches of ``query`` in one document or all, in document then text order.

        Case-insensitive, and any run of white space matches any other. In one document a
        match may start anywhere (like a viewer's Find); across the workspace a match starts at
        the beginning of a word, and the full-text index (FTS5) picks the documents to look
        in, so a search stays fast however many documents there are.
        """
        matcher = Matcher(query, word_start=document_id is None)
        hits: list[SearchHit] = []
        with self.workspace.read() as repo:
            candidates = repo.search_texts(query if document_id is None else None, document_id)
            for doc in candidates:
                text = doc.text
                for start, end in matcher.spans(text):
                    left = max(0, start - 40)
                    context = " ".join(text[left : end + 40].split())
                    page = bisect.bisect_right(doc.page_starts, start)
                    hits.append(
                        SearchHit(doc.document_id, doc.title, start, end, max(page, 1), context)
                    )
                    if len(hits) >= limit:
                        return hits
        return hits
