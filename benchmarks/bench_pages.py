"""The page view (issue 15): rendering a page, scrolling a 1,000-page report, and the memory
it holds after every page has been shown.

- Render: one page at 150% zoom on a 2x screen (4 pixels a point) the way the window gets
  it (asked of the render child process, the pixels sent back through its pipe, made into
  the ``QImage`` the window draws), against bare ``page.get_pixmap`` of the same page at the
  same scale in this process.
- Scroll: 100 pages of a 1,000-page report scrolled a quarter page a frame in the page view
  (fit to a 1280x860 window, highlights on every page, the real render thread); each frame
  is one synchronous repaint, then the event loop runs for at most one 60 Hz frame to take
  the images that came in. p95 frame time against a bare widget painting the same number of
  ready images.
- Memory: a child process scrolls all 1,000 pages, waiting for each to be drawn; its RSS then
  against its RSS after the first page (the cache is bounded, so it must level off).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import REPO, Config, Result, make_report_pdf, median, p95

WIDTH, HEIGHT = 1280, 860
RENDER_SCALE = 1.5 * 96 / 72 * 2  # 150% zoom on a 2x screen


def _rss_mb(pid: str = "self") -> float:
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_render(cfg: Config, pdf: Path, page: int, label: str) -> Result:
    import pymupdf

    from shiny_review.services.pages import PageService
    from shiny_review.ui.page_render import to_qimage

    data = pdf.read_bytes()
    renderer = PageService.start_renderer(data, pdf.name)
    doc = pymupdf.open(stream=data, filetype="pdf")
    rounds = cfg.size(9, 2)

    def app() -> None:
        to_qimage(renderer.render(page, RENDER_SCALE))

    def floor() -> None:
        doc[page].get_pixmap(matrix=pymupdf.Matrix(RENDER_SCALE, RENDER_SCALE), alpha=False)

    app_t, floor_t = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        floor()
        floor_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        app()
        app_t.append(time.perf_counter() - t)
    renderer.close()
    doc.close()
    return Result(
        f"Page view: render {label} at 150% on a 2x screen",
        "bare page.get_pixmap, same page and scale",
        median(floor_t),
        median(app_t),
        budget=1.3,
        note=f"{RENDER_SCALE:.1f} px a point; median of {rounds}",
    )


def _page_view(pdf: Path) -> tuple[object, object, object]:
    """A shown page view over ``pdf`` with its render thread started and its pages laid out."""
    from PySide6.QtWidgets import QApplication

    from shiny_review.domain.geometry import PageRect
    from shiny_review.services.pages import PageService
    from shiny_review.ui.page_render import PageRenderThread
    from shiny_review.ui.page_view import PageView

    app = QApplication.instance() or QApplication(["benchmark"])
    data = pdf.read_bytes()
    view = PageView()
    view.resize(WIDTH // 2, HEIGHT)
    view.show()
    thread = PageRenderThread(1, lambda: PageService.start_renderer(data, pdf.name))
    sizes: list[list[tuple[float, float]]] = []
    thread.opened.connect(lambda _t, s: sizes.append(s))
    thread.rendered.connect(lambda _t, i, scale, image: view.image_ready(i, scale, image))
    view.renderWanted.connect(thread.request)
    thread.start()
    while not sizes:
        app.processEvents()
        time.sleep(0.001)
    view.set_pages(sizes[0])
    rows = [
        (n, None, [PageRect(p, 60, 100 + 40 * k, 500, 114 + 40 * k) for k in range(3)])
        for n, p in enumerate(range(1, len(sizes[0]) + 1))
    ]
    view.set_highlights(rows)
    return app, view, thread


def bench_scroll(cfg: Config, pdf: Path, pages: int) -> Result:
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QWidget

    app, view, thread = _page_view(pdf)
    bar = view.verticalScrollBar()  # type: ignore[attr-defined]
    step = int(view.page_rect(0).height() / 4)  # type: ignore[attr-defined]
    frames = cfg.size(100, 4) * 4
    start = bar.value()
    times: list[float] = []
    blank = 0
    for frame in range(frames):
        bar.setValue(start + frame * step)
        t = time.perf_counter()
        view.viewport().repaint()  # type: ignore[attr-defined]
        times.append(time.perf_counter() - t)
        scale = view.render_scale()  # type: ignore[attr-defined]
        if any(view.cache.get(i, scale) is None for i in view.visible_pages()):  # type: ignore[attr-defined]
            blank += 1
        deadline = time.perf_counter() + 1 / 60
        while time.perf_counter() < deadline:
            app.processEvents()  # type: ignore[attr-defined]
    thread.stop()  # type: ignore[attr-defined]
    image = next(iter(view.cache._images.values()))  # type: ignore[attr-defined]
    view.close()  # type: ignore[attr-defined]

    class Bare(QWidget):
        def paintEvent(self, _event: object) -> None:
            painter = QPainter(self)
            painter.fillRect(self.rect(), QColor("#6b6b6b"))
            for k in range(2):
                painter.drawImage(self.rect().adjusted(10, 10 + k * 400, -10, k * 400), image)
            painter.end()

    bare = Bare()
    bare.resize(WIDTH // 2, HEIGHT)
    bare.show()
    for _ in range(20):
        app.processEvents()  # type: ignore[attr-defined]
    floor_times = []
    for _ in range(frames):
        t = time.perf_counter()
        bare.repaint()
        floor_times.append(time.perf_counter() - t)
    bare.close()
    return Result(
        f"Page view: scroll {frames // 4} pages of a {pages:,}-page report, p95 frame",
        "bare widget drawing 2 ready page images, p95",
        p95(floor_times),
        p95(times),
        budget=1.5,
        note=(
            f"median {median(times) * 1000:.1f} ms (a 60 Hz frame is 16.7 ms); "
            f"{frames} frames of a quarter page; "
            f"{blank} frames showed a page still being rendered (white until it comes)"
        ),
    )


def child_memory(pdf: Path) -> dict[str, float]:
    app, view, thread = _page_view(pdf)
    bar = view.verticalScrollBar()  # type: ignore[attr-defined]
    count = view.page_count  # type: ignore[attr-defined]

    def settle() -> None:
        scale = view.render_scale()  # type: ignore[attr-defined]
        for _ in range(2000):
            view.viewport().repaint()  # type: ignore[attr-defined]
            app.processEvents()  # type: ignore[attr-defined]
            if all(view.cache.get(i, scale) is not None for i in view.visible_pages()):  # type: ignore[attr-defined]
                return
            time.sleep(0.002)

    def rss() -> float:  # the window's process and its render child
        child = thread._renderer  # type: ignore[attr-defined]
        return _rss_mb() + (_rss_mb(str(child.pid)) if child is not None else 0.0)

    settle()
    first = rss()
    peak = first
    for page in range(1, count + 1):
        view.scroll_to(page)  # type: ignore[attr-defined]
        settle()
        if page % 50 == 0:
            peak = max(peak, rss())
    last = rss()
    cache_mb = view.cache.size / 1024 / 1024  # type: ignore[attr-defined]
    thread.stop()  # type: ignore[attr-defined]
    del bar
    return {"first": first, "last": last, "peak": max(peak, last), "cache": cache_mb}


def bench_memory(cfg: Config, pdf: Path, pages: int) -> Result:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_pages", "memory", str(pdf)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return Result(
        f"Page view: RSS after all {pages:,} pages scrolled",
        "RSS with the first page shown",
        got["first"],
        got["last"],
        unit="MB",
        budget=2.0,
        note=(
            f"peak {got['peak']:.0f} MB; image cache {got['cache']:.0f} MB "
            "(bounded by a few screens' pixels, ui.page_render.cache_budget); "
            "the window's process and its render child"
        ),
    )


def run(cfg: Config) -> list[Result]:
    from benchmarks.common import CORPUS

    pages = cfg.size(1000, 12)
    big = make_report_pdf(cfg.tmp / "pages.pdf", pages, seed=15)
    results = [
        bench_render(cfg, CORPUS / "bedford-2025-august-27.pdf", 3, "a corpus page (Bedford p. 4)"),
        bench_render(cfg, big, 1, "a synthetic text page"),
        bench_scroll(cfg, big, pages),
        bench_memory(cfg, big, pages),
    ]
    return results


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.argv[1] == "memory":
        print(json.dumps(child_memory(Path(sys.argv[2]))))
