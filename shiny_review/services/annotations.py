"""Annotations (highlights): made from a selection or a quote, their stance and note, links
to recommendations, and the bin of deleted ones.

Each change is one ``Workspace.light_write()``: on a workspace file the plain ``sqlite3``
driver writes it (``storage/quick_writes.py``), so a reviewing session never loads SQLAlchemy
(issue 16); on a server, the ORM repository."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from shiny_review.domain.anchoring import anchor_at, content_hash, find_quote
from shiny_review.domain.entities import Annotation, HighlightSpan, Stance
from shiny_review.services.changes import Changed, Outcome
from shiny_review.services.lineage import check_links

if TYPE_CHECKING:
    from shiny_review.services.documents import Documents
    from shiny_review.storage.workspace import Workspace


@lru_cache(maxsize=2)
def _text_hash(text: str) -> str:
    """The hash of a document's text, once per text (each highlight's anchor carries it):
    the cached text is the same object from one key press to the next."""
    return content_hash(text)


def _ann_changed(annotation: Annotation, *, live: bool | None = None) -> Changed:
    """One highlight changed: its document's count (its row otherwise not), the evidence of
    the recommendations it is linked to and no other; ``live``: it was added or restored
    (True) or deleted (False)."""
    ann, doc = frozenset({annotation.id}), frozenset({annotation.document_id})
    return Changed(
        documents=doc,
        annotations=ann,
        recommendations=frozenset(annotation.recommendation_ids),
        counts=doc,
        added=ann if live is True else frozenset(),
        removed=ann if live is False else frozenset(),
        exact=True,
        fresh=(annotation,),
    )


class Annotations:
    """Highlight, edit, link, delete and restore annotations."""

    def __init__(self, workspace: Workspace, documents: Documents) -> None:
        self._workspace = workspace
        self._documents = documents

    # -- reading ------------------------------------------------------------------------------

    def all(self, document_id: int | None = None) -> list[Annotation]:
        with self._workspace.read() as repo:
            return repo.annotations(document_id)

    def get(self, annotation_id: int) -> Annotation:
        with self._workspace.read() as repo:
            return repo.get_annotation(annotation_id)

    def by_ids(self, annotation_ids: Sequence[int]) -> list[Annotation]:
        """Several annotations in one read (a list view fetching the rows it shows)."""
        with self._workspace.light_read() as repo:
            return repo.annotations_by_ids(annotation_ids)

    def highlight_spans(self, document_id: int) -> list[HighlightSpan]:
        """What the text view paints for a document, (id, start, end, stance) in text order:
        about 10 ms for 10,000 highlights against about 70 ms for the full annotations, so a
        window can paint the text before it loads the full annotations for its list."""
        with self._workspace.light_read() as repo:
            return repo.highlight_spans(document_id)

    def deleted(self, document_id: int | None = None) -> list[Annotation]:
        """The bin: deleted annotations, which can be restored."""
        with self._workspace.read() as repo:
            return repo.annotations(document_id, deleted=True)

    # -- changing -----------------------------------------------------------------------------

    def add(
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
        extracted = self._documents.text(document_id)
        text = extracted.text
        if start > end:
            start, end = end, start
        # Trim white space at the edges so the quote is what a person means.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        anchor, paragraph = anchor_at(extracted, start, end, text_hash=_text_hash(text))
        with self._workspace.light_write() as repo:
            check_links(repo, document_id, recommendation_ids)  # the same authority only
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
        return Outcome(annotation, _ann_changed(annotation, live=True))

    def add_quote(
        self,
        document_id: int,
        quote: str,
        *,
        occurrence: int = 1,
        stance: Stance | None = None,
        note: str = "",
        recommendation_ids: Sequence[int] = (),
    ) -> Outcome[Annotation]:
        """Highlight the ``occurrence``-th match of ``quote`` (the command line's way)."""
        start, end = find_quote(self._documents.text(document_id).text, quote, occurrence)
        return self.add(
            document_id,
            start,
            end,
            stance=stance,
            note=note,
            recommendation_ids=recommendation_ids,
        )

    def update(
        self,
        annotation_id: int,
        *,
        stance: Stance | None = None,
        note: str | None = None,
        clear_stance: bool = False,
        colour: str | None = None,
        expected_version: int | None = None,
    ) -> Outcome[Annotation]:
        """Change a highlight's stance, note or colour. ``expected_version``: the version the
        person saw; if someone changed it since, ``EditConflict`` and nothing is written."""
        changes: dict[str, Any] = {}
        if stance is not None or clear_stance:
            changes["stance"] = stance
        if note is not None:
            changes["note"] = note
        if colour is not None:
            changes["colour"] = colour
        with self._workspace.light_write() as repo:
            if changes:
                repo.update_annotation(annotation_id, expected_version=expected_version, **changes)
            annotation = repo.get_annotation(annotation_id)
        return Outcome(annotation, _ann_changed(annotation))

    def set_stance(
        self, annotation_id: int, stance: Stance | None, *, expected_version: int | None = None
    ) -> Outcome[Annotation]:
        return self.update(
            annotation_id,
            stance=stance,
            clear_stance=stance is None,
            expected_version=expected_version,
        )

    def set_note(
        self, annotation_id: int, note: str, *, expected_version: int | None = None
    ) -> Outcome[Annotation]:
        return self.update(annotation_id, note=note, expected_version=expected_version)

    def delete(
        self, annotation_id: int, *, expected_version: int | None = None
    ) -> Outcome[Annotation]:
        return self._set_deleted(annotation_id, True, expected_version)

    def restore(
        self, annotation_id: int, *, expected_version: int | None = None
    ) -> Outcome[Annotation]:
        return self._set_deleted(annotation_id, False, expected_version)

    def _set_deleted(
        self, annotation_id: int, deleted: bool, expected_version: int | None
    ) -> Outcome[Annotation]:
        with self._workspace.light_write() as repo:
            repo.update_annotation(
                annotation_id, expected_version=expected_version, deleted=deleted
            )
            annotation = repo.get_annotation(annotation_id)
        return Outcome(annotation, _ann_changed(annotation, live=not deleted))

    def link(
        self, annotation_id: int, recommendation_id: int, *, expected_version: int | None = None
    ) -> Outcome[Annotation]:
        with self._workspace.light_write() as repo:
            document_id = repo.annotation_documents([annotation_id])[annotation_id]
            check_links(repo, document_id, [recommendation_id])  # the same authority only
            repo.link(annotation_id, recommendation_id, expected_version=expected_version)
            annotation = repo.get_annotation(annotation_id)
        return Outcome(
            annotation,
            _ann_changed(annotation)
            | Changed(recommendations=frozenset({recommendation_id}), exact=True),
        )

    def unlink(
        self, annotation_id: int, recommendation_id: int, *, expected_version: int | None = None
    ) -> Outcome[Annotation]:
        with self._workspace.light_write() as repo:
            repo.unlink(annotation_id, recommendation_id, expected_version=expected_version)
            annotation = repo.get_annotation(annotation_id)
        return Outcome(
            annotation,
            _ann_changed(annotation)
            | Changed(recommendations=frozenset({recommendation_id}), exact=True),
        )
