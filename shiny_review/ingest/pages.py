"""The PDF as it was published: pages rendered to pixels, and the annotated copy for export.

The only place besides ``pdf_text`` that uses pymupdf. pymupdf is not thread-safe: a
``PageRenderer`` owns its own ``Document`` and must be used from one thread only (the page
view's render thread makes its own). Pixels leave as plain bytes (RGB, 8 bits a channel).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pymupdf

from shiny_review.domain.errors import InputFileError
from shiny_review.domain.geometry import PageRect
from shiny_review.ingest.pdf_text import open_pdf


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A page's pixels: ``height`` rows of ``stride`` bytes, RGB."""

    index: int  # 0-based page
    scale: float  # pixels per PDF point
    width: int
    height: int
    stride: int
    samples: bytes


class PageRenderer:
    """One document open for rendering; use from a single thread."""

    def __init__(self, data: bytes, name: str = "the document") -> None:
        self._doc: Any = open_pdf(data, name)

    @property
    def page_count(self) -> int:
        return int(self._doc.page_count)

    def page_sizes(self) -> list[tuple[float, float]]:
        """Each page's width and height in PDF points."""
        sizes = []
        for page in self._doc:
            rect = page.rect
            sizes.append((float(rect.width), float(rect.height)))
        return sizes

    def pixmap(self, index: int, scale: float) -> Any:
        """Page ``index`` (0-based) at ``scale`` as a pymupdf pixmap (RGB, no alpha)."""
        page = self._doc[index]
        matrix = pymupdf.Matrix(scale, scale)  # type: ignore[no-untyped-call]
        return page.get_pixmap(matrix=matrix, alpha=False, colorspace=pymupdf.csRGB)

    def render(self, index: int, scale: float) -> RenderedPage:
        """Page ``index`` (0-based) at ``scale`` pixels per point (zoom x device pixel ratio)."""
        pix = self.pixmap(index, scale)
        return RenderedPage(
            index=index,
            scale=scale,
            width=pix.width,
            height=pix.height,
            stride=pix.stride,
            samples=bytes(pix.samples),
        )

    def close(self) -> None:
        self._doc.close()


@dataclass(frozen=True, slots=True)
class PdfHighlight:
    """One highlight to write into the exported PDF."""

    rects: tuple[PageRect, ...]
    colour: tuple[float, float, float]  # 0..1 RGB
    content: str
    author: str
    created: dt.datetime
    modified: dt.datetime


def _pdf_date(when: dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    offset = when.strftime("%z") or "+0000"
    return when.strftime("D:%Y%m%d%H%M%S") + f"{offset[:3]}'{offset[3:]}'"


def annotate_pdf(data: bytes, highlights: Sequence[PdfHighlight], name: str = "the PDF") -> bytes:
    """The original file with one native highlight annotation per highlight and page."""
    doc = open_pdf(data, name)
    try:
        for highlight in highlights:
            by_page: dict[int, list[PageRect]] = {}
            for rect in highlight.rects:
                by_page.setdefault(rect.page, []).append(rect)
            for page_no, rects in sorted(by_page.items()):
                if not 1 <= page_no <= doc.page_count:
                    continue
                page = doc[page_no - 1]
                quads = [pymupdf.Rect(r.x0, r.y0, r.x1, r.y1).quad for r in rects]  # type: ignore[no-untyped-call]
                annot = page.add_highlight_annot(quads=quads)
                annot.set_colors(stroke=highlight.colour)
                annot.set_info(
                    content=highlight.content,
                    title=highlight.author,
                    creationDate=_pdf_date(highlight.created),
                    modDate=_pdf_date(highlight.modified),
                    subject="Highlight",
                )
                annot.update()
        out = doc.tobytes(garbage=0, deflate=True)
    except (RuntimeError, ValueError) as exc:
        raise InputFileError(f"could not write highlights into {name}: {exc}") from exc
    finally:
        doc.close()
    return bytes(out)


def serve_renders(conn: Any) -> None:
    """The render child process's loop (started by ``services.pages.RenderProcess``).

    Messages in: ``("open", data, name)``, ``("render", index, scale)``, ``None`` to stop.
    Out: ``("sizes", [(w, h), ...])``, ``("page", index, scale, width, height, stride)`` then
    the pixels as raw bytes, or ``("error", message)``.
    """
    renderer: PageRenderer | None = None
    try:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return
            if message is None:
                return
            try:
                if message[0] == "open":
                    if renderer is not None:
                        renderer.close()
                    renderer = PageRenderer(message[1], message[2])
                    conn.send(("sizes", renderer.page_sizes()))
                elif message[0] == "render" and renderer is not None:
                    # The pixels go as raw bytes, not pickled: one copy fewer each way.
                    index, scale = message[1], message[2]
                    pix = renderer.pixmap(index, scale)
                    conn.send(("page", index, scale, pix.width, pix.height, pix.stride))
                    conn.send_bytes(pix.samples_mv)
            except Exception as exc:  # a damaged page: say so and go on
                conn.send(("error", str(exc) or type(exc).__name__))
    finally:
        if renderer is not None:
            renderer.close()
