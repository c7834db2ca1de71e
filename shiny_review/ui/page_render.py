"""The page view's render thread: one dedicated QThread driving its own renderer.

pymupdf is not thread-safe, and it holds the GIL while it renders (a page at 2x takes tens of
milliseconds, every one of them taken from the window's frames), so the window's renderer is
a child process with its own document (``PageService.start_renderer``; pymupdf stays in
``ingest``). This thread only sends it requests and waits for the pixels (waiting releases
the GIL), turns them into ``QImage``s and hands them over; it never runs in a shared
QThreadPool. The window asks for pages with ``request`` (the newest
request first, stale ones dropped) and gets plain ``QImage``s back through ``rendered``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

RendererFactory = Callable[[], Any]  # returns an ingest.pages.PageRenderer


class PageRenderThread(QThread):
    """Renders pages of one document on request; ``opened`` carries the page sizes."""

    opened = Signal(int, list)  # token, [(width, height) in points]
    rendered = Signal(int, int, float, QImage)  # token, page index, scale, image
    failed = Signal(int, str)

    def __init__(self, token: int, factory: RendererFactory) -> None:
        super().__init__()
        self.setObjectName("pageRenderThread")
        self.token = token
        self._factory = factory
        self._lock = threading.Condition()
        self._wanted: OrderedDict[tuple[int, float], None] = OrderedDict()
        self._stopping = False
        self._renderer: Any = None

    def request(self, index: int, scale: float) -> None:
        """Ask for page ``index`` at ``scale``; the newest request is served first."""
        with self._lock:
            key = (index, round(scale, 4))
            self._wanted.pop(key, None)
            self._wanted[key] = None
            while len(self._wanted) > 24:  # pages long scrolled past are not wanted any more
                self._wanted.popitem(last=False)
            self._lock.notify()

    def cancel_all(self) -> None:
        with self._lock:
            self._wanted.clear()

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._wanted.clear()
            self._lock.notify()
            renderer = self._renderer
        kill = getattr(renderer, "kill", None)
        if kill is not None:  # a child process: end any render it is waiting for
            kill()
        self.wait()

    def run(self) -> None:
        try:
            renderer = self._factory()
        except Exception as exc:  # a damaged file: say so, render nothing
            self.failed.emit(self.token, str(exc))
            return
        with self._lock:
            self._renderer = renderer
            stopping = self._stopping
        if stopping:
            renderer.close()
            return
        try:
            self.opened.emit(self.token, renderer.page_sizes())
            while True:
                with self._lock:
                    while not self._wanted and not self._stopping:
                        self._lock.wait()
                    if self._stopping:
                        return
                    (index, scale), _ = self._wanted.popitem(last=True)
                try:
                    image = to_qimage(renderer.render(index, scale))
                except (EOFError, OSError):  # the child was ended (stop)
                    return
                except Exception as exc:
                    self.failed.emit(self.token, str(exc))
                    continue
                self.rendered.emit(self.token, index, scale, image)
        finally:
            renderer.close()


def to_qimage(page: Any) -> QImage:
    """A rendered page (``ingest.pages.RenderedPage``) as an image the screen draws as is.

    Converted here, in the render thread, to the backing store's 32-bit format: an RGB888
    image would be converted again at every paint of every frame."""
    image = QImage(page.samples, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    return image.convertToFormat(QImage.Format.Format_RGB32)  # a copy: owns its pixels


SCREENS = 5  # the pages in view and about two screens either side
CACHE_FLOOR = 16 * 1024 * 1024
CACHE_CEILING = 160 * 1024 * 1024


def cache_budget(viewport: QWidget, sizes: Sequence[tuple[float, float]], scale: float) -> int:
    """Bytes of page images worth keeping: a few screens' worth of pixels (the viewport in
    device pixels), and at least the three largest pages at ``scale`` (image pixels a point:
    zoomed in, a page is more than a screen); never under 16 MB nor over 160 MB."""
    screen = viewport.width() * viewport.height() * viewport.devicePixelRatioF() ** 2 * 4
    largest = sorted((w * h * scale * scale * 4 for w, h in sizes), reverse=True)[:3]
    return int(min(CACHE_CEILING, max(CACHE_FLOOR, SCREENS * screen, sum(largest))))


class ImageCache:
    """Rendered pages by (page, scale), least recently used first out, bounded in bytes."""

    def __init__(self, limit_bytes: int = CACHE_CEILING) -> None:
        self.limit = limit_bytes
        self._images: OrderedDict[tuple[int, float], QImage] = OrderedDict()
        self.size = 0

    def get(self, index: int, scale: float) -> QImage | None:
        key = (index, round(scale, 4))
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, index: int, scale: float, image: QImage) -> None:
        key = (index, round(scale, 4))
        old = self._images.pop(key, None)
        if old is not None:
            self.size -= old.sizeInBytes()
        self._images[key] = image
        self.size += image.sizeInBytes()
        while self.size > self.limit and len(self._images) > 1:
            _, dropped = self._images.popitem(last=False)
            self.size -= dropped.sizeInBytes()

    def any_for(self, index: int) -> QImage | None:
        """Some image of the page at any scale (shown stretched until the right one comes)."""
        for (page, _), image in reversed(self._images.items()):
            if page == index:
                return image
        return None

    def clear(self) -> None:
        self._images.clear()
        self.size = 0

    def __len__(self) -> int:
        return len(self._images)
