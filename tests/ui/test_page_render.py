"""The page images' cache: bounded by a few screens' worth of pixels, not a fixed size."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from shiny_review.ui.page_render import (
    CACHE_CEILING,
    CACHE_FLOOR,
    SCREENS,
    ImageCache,
    cache_budget,
)
from shiny_review.ui.page_view import PageView

A4 = (595.0, 842.0)


def test_the_budget_is_a_few_screens_at_least_three_pages_and_bounded(qtbot) -> None:
    viewport = QWidget()
    qtbot.addWidget(viewport)
    viewport.resize(1000, 1000)
    screen = 1000 * 1000 * viewport.devicePixelRatioF() ** 2 * 4
    assert cache_budget(viewport, [A4] * 1000, 1.0) == int(SCREENS * screen)
    three_pages = 3 * A4[0] * A4[1] * 9.0 * 4  # zoomed in: three pages weigh more
    assert cache_budget(viewport, [A4] * 1000, 3.0) == int(three_pages)
    assert cache_budget(viewport, [A4] * 1000, 12.0) == CACHE_CEILING
    viewport.resize(100, 100)
    assert cache_budget(viewport, [A4], 0.2) == CACHE_FLOOR


def test_the_page_view_sizes_its_cache_to_its_viewport(qtbot) -> None:
    view = PageView()
    qtbot.addWidget(view)
    view.resize(800, 900)
    view.set_pages([A4] * 1000)
    assert view.cache.limit == cache_budget(view.viewport(), [A4] * 1000, view.render_scale())
    assert view.cache.limit < CACHE_CEILING


def test_the_least_recently_used_page_goes_first() -> None:
    from PySide6.QtGui import QImage

    cache = ImageCache(limit_bytes=3 * 100 * 100 * 4)
    for index in range(3):
        cache.put(index, 1.0, QImage(100, 100, QImage.Format.Format_RGB32))
    assert cache.get(0, 1.0) is not None  # page 0 now the most recent
    cache.put(3, 1.0, QImage(100, 100, QImage.Format.Format_RGB32))
    assert cache.get(1, 1.0) is None and len(cache) == 3
