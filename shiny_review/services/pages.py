"""The page view's use cases: the original file, where highlights stand on the pages, turning
a drag on a page into a text range, and the annotated PDF export.

A PDF's word boxes are made on first need, not at its import (issue 16): ``words_pending``
says they are still to make, ``make_word_boxes`` makes them here (the command line, the
annotated PDF) and ``keep_word_boxes`` stores boxes made elsewhere (the window's child
process, ``services.word_maker``), placing the document's highlights on them.

Hung on ``ReviewService`` as ``service.pages``. Nothing here touches pymupdf except through
``ingest.pages`` (loaded at first use).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from shiny_review.domain.errors import ValidationError
from shiny_review.domain.geometry import PageRect, WordBoxes
from shiny_review.domain.stance_colours import FILL, rgb
from shiny_review.domain.structure import PageWords

if TYPE_CHECKING:
    from shiny_review.ingest.pages import PageRenderer, RenderedPage
    from shiny_review.storage.workspace import Workspace

NO_PAGES = "{title} is a text document: it has no pages to show (only PDFs have a page view)"
NO_PAGES_KEPT = (
    "{title} was imported before the workspace kept the PDF: import the file again "
    "(File > Import, --replaces) to see its pages"
)
NO_PDF = "{title} is a text document: only a PDF can be exported as an annotated PDF"
WORDS_DIFFER = (
    "The pages of {title} cannot be matched to its text: an earlier version of Shiny Review "
    "imported it and read it differently. Import the file again as a new version "
    "(File > Import, --replaces) to see highlights on its pages"
)

WordMaker = Callable[[bytes, str], PageWords]
"""Makes a kept PDF's word boxes from its bytes and file name (``ingest.page_words``)."""


@dataclass(frozen=True, slots=True)
class PageHighlight:
    """A highlight as the page view draws it."""

    annotation_id: int
    stance: str | None
    rects: tuple[PageRect, ...]


class PageService:
    """Use cases of the page view over one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._words: OrderedDict[int, WordBoxes | None] = OrderedDict()
        # Documents whose boxes were made but could not be stored (a read-only workspace),
        # with the hash of the text they were made from: their highlights are placed from
        # the boxes in memory.
        self._unstored: dict[int, str] = {}

    def original(self, document_id: int) -> bytes | None:
        """The file as imported (kept in the workspace), or None for a text document."""
        with self._workspace.read() as repo:
            return repo.original(document_id)

    def has_pages(self, document_id: int) -> bool:
        return self.word_boxes(document_id) is not None or self.words_pending(document_id)

    def word_boxes(self, document_id: int) -> WordBoxes | None:
        """The document's word boxes, None while they are still to make (or for a document
        without pages). Kept for the last few documents: ``forget`` one when it may have
        changed elsewhere (the page view does as it opens a document)."""
        words = self._words.get(document_id)
        if words is not None:
            self._words.move_to_end(document_id)
            return words
        # Not known, or not made when last asked: another window may have made them since.
        with self._workspace.read() as repo:
            words = repo.word_boxes(document_id)
        if words is not None:
            self._cache(document_id, words)
        return words

    def _cache(self, document_id: int, words: WordBoxes | None) -> None:
        self._words[document_id] = words
        self._words.move_to_end(document_id)
        while len(self._words) > 4:
            gone, _ = self._words.popitem(last=False)
            self._unstored.pop(gone, None)

    def words_pending(self, document_id: int) -> bool:
        """Whether the document is a kept PDF whose word boxes are still to make."""
        if self._words.get(document_id) is not None:
            return False
        with self._workspace.read() as repo:
            return repo.words_pending(document_id)

    def make_word_boxes(self, document_id: int, maker: WordMaker | None = None) -> WordBoxes | None:
        """The document's word boxes, made now (by ``maker``, else in this process) if its
        import left them; None for a document without pages."""
        words = self.word_boxes(document_id)
        if words is not None:
            return words
        with self._workspace.read() as repo:
            if not repo.words_pending(document_id):
                return None
            data = repo.original(document_id)
            name = repo.get_document(document_id).source_name
        assert data is not None  # pending: the file is kept
        if maker is None:
            from shiny_review.ingest import page_words

            maker = page_words
        return self.keep_word_boxes(document_id, maker(data, name))

    def keep_word_boxes(self, document_id: int, made: PageWords) -> WordBoxes:
        """Store word boxes made after the import, the document's highlights placed on them
        (one transaction); in memory only on a read-only workspace. A ``ValidationError``
        when they were made from another text than the document's."""
        if self._workspace.writable:
            with self._workspace.write() as repo:
                kept = repo.store_word_boxes(document_id, made)
                title = repo.get_document(document_id).title
        else:
            with self._workspace.read() as repo:
                document = repo.get_document(document_id)
            kept, title = document.content_hash == made.content_hash, document.title
            if kept:
                self._unstored[document_id] = made.content_hash
        if not kept:
            raise ValidationError(WORDS_DIFFER.format(title=title))
        self._cache(document_id, made.words)
        return made.words

    def forget(self, document_id: int) -> None:
        """Drop cached boxes after a new version of the document."""
        self._words.pop(document_id, None)
        self._unstored.pop(document_id, None)

    def refresh(self, document_id: int, content_hash: str) -> None:
        """Read the document's boxes again at their next use (another window or officer may
        have stored them, or imported a new version, since), except boxes this read-only
        window made from the same text."""
        if self._unstored.get(document_id) != content_hash:
            self.forget(document_id)

    def highlights(self, document_id: int) -> list[PageHighlight]:
        """Every live highlight of the document with its rectangles, in text order."""
        words = self._words.get(document_id)
        if document_id in self._unstored and words is not None:
            with self._workspace.read() as repo:
                live = repo.annotations(document_id)
            live.sort(key=lambda a: (a.anchor.start, a.id))
            placed = ((a.id, a.stance, _placed(words, a.anchor.start, a.anchor.end)) for a in live)
            return [
                PageHighlight(ann, stance.value if stance else None, rects)
                for ann, stance, rects in placed
                if rects
            ]
        with self._workspace.read() as repo:
            rows = repo.page_highlights(document_id)
        return [PageHighlight(ann, stance, rects) for ann, stance, rects in rows if rects]

    def rects_for(self, document_id: int, start: int, end: int) -> list[PageRect]:
        words = self.word_boxes(document_id)
        return words.rects_for(start, end) if words is not None else []

    def range_between(
        self, document_id: int, page: int, a: tuple[float, float], b: tuple[float, float]
    ) -> tuple[int, int] | None:
        """The text range a drag from ``a`` to ``b`` on ``page`` (PDF points) selects."""
        words = self.word_boxes(document_id)
        if words is None:
            return None
        first = words.word_at(page, *a)
        last = words.word_at(page, *b)
        if first is None or last is None:
            return None
        return words.span_between(first, last)

    def offset_at(self, document_id: int, page: int, x: float, y: float) -> int | None:
        words = self.word_boxes(document_id)
        if words is None:
            return None
        index = words.word_at(page, x, y)
        return words.starts[index] if index is not None else None

    @staticmethod
    def make_in_child(data: bytes, name: str, cancel: threading.Event | None = None) -> PageWords:
        """A kept PDF's word boxes made in a child process (``services.word_maker``), for a
        thread of the window to wait on; store them with ``keep_word_boxes``."""
        from shiny_review.services.word_maker import make_in_child

        return make_in_child(data, name, cancel=cancel)

    @staticmethod
    def open_renderer(data: bytes, name: str = "the document") -> PageRenderer:
        """A renderer in this process, with its own document handle (one thread only)."""
        from shiny_review.ingest.pages import PageRenderer

        return PageRenderer(data, name)

    @staticmethod
    def start_renderer(data: bytes, name: str = "the document") -> RenderProcess:
        """A renderer in a child process: pymupdf holds the GIL while it renders, so in a
        thread of the window's process it would stall every frame of the window."""
        return RenderProcess(data, name)

    def stored_size(self) -> tuple[int, int]:
        """How many original files the workspace keeps, and their bytes."""
        with self._workspace.read() as repo:
            return repo.blob_bytes()

    def export_pdf(self, document_id: int, target: Path, maker: WordMaker | None = None) -> int:
        """Write the original PDF with one native highlight per highlight; return how many.
        Word boxes still to make are made first (by ``maker``, else in this process)."""
        from shiny_review.ingest.pages import PdfHighlight, annotate_pdf

        words = self.make_word_boxes(document_id, maker)  # the highlights placed first
        with self._workspace.read() as repo:
            document = repo.get_document(document_id)
            data = repo.original(document_id)
            rects = repo.annotation_rects(document_id)
            annotations = repo.annotations(document_id)
            recommendations = {r.id: r for r in repo.recommendations(document_id)}
        if document_id in self._unstored and words is not None:  # a read-only workspace
            rects = {a.id: _placed(words, a.anchor.start, a.anchor.end) for a in annotations}
        if data is None:
            raise ValidationError(NO_PDF.format(title=document.title))
        highlights = []
        for annotation in annotations:
            if not rects.get(annotation.id):
                continue
            lines = [annotation.note.strip()] if annotation.note.strip() else []
            if annotation.stance is not None:
                lines.append(f"Stance: {annotation.stance.value}")
            for rec_id in annotation.recommendation_ids:
                rec = recommendations.get(rec_id)
                if rec is not None:
                    number = f"Recommendation {rec.number}" if rec.number else "Recommendation"
                    lines.append(f"{number}: {rec.text}")
            highlights.append(
                PdfHighlight(
                    rects=rects[annotation.id],
                    colour=rgb(FILL[annotation.stance]),
                    content="\n".join(lines),
                    author=annotation.author,
                    created=annotation.created_at,
                    modified=annotation.updated_at,
                )
            )
        out = annotate_pdf(data, highlights, document.source_name)
        target = Path(target)
        if not target.parent.exists():
            raise ValidationError(f"the folder {target.parent} does not exist")
        from shiny_review.runtime.atomic_file import atomic_writer

        with atomic_writer(target, "wb") as handle:
            handle.write(out)
        return len(highlights)


def _placed(words: WordBoxes, start: int, end: int) -> tuple[PageRect, ...]:
    return tuple(words.rects_for(start, end))


class RenderProcess:
    """A child process that renders one document's pages (``ingest.pages.serve_renders``).

    Same calls as ``ingest.pages.PageRenderer``; use from one thread, except ``kill``, which
    any thread may call to end a wait at once.
    """

    def __init__(self, data: bytes, name: str = "the document") -> None:
        import multiprocessing as mp

        from shiny_review.ingest.pages import serve_renders

        ctx = mp.get_context("spawn")
        self._conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(
            target=serve_renders, args=(child,), name="shiny-review-pages", daemon=True
        )
        self.process.start()
        child.close()
        self._conn.send(("open", data, name))
        kind, payload = self._conn.recv()
        if kind != "sizes":
            self.close()
            raise ValidationError(f"the pages of {name} cannot be shown: {payload}")
        self._sizes: list[tuple[float, float]] = payload

    @property
    def pid(self) -> int | None:
        return self.process.pid

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def page_sizes(self) -> list[tuple[float, float]]:
        return list(self._sizes)

    def render(self, index: int, scale: float) -> RenderedPage:
        from shiny_review.ingest.pages import RenderedPage

        self._conn.send(("render", index, scale))
        reply = self._conn.recv()
        if reply[0] != "page":
            raise ValidationError(f"page {index + 1} cannot be shown: {reply[1]}")
        _, index, scale, width, height, stride = reply
        samples = self._conn.recv_bytes()
        return RenderedPage(index, scale, width, height, stride, samples)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()

    def close(self) -> None:
        try:
            if self.process.is_alive():
                self._conn.send(None)
                self.process.join(2)
        except (OSError, ValueError):
            pass
        self.kill()
        self.process.join(2)
        self._conn.close()
