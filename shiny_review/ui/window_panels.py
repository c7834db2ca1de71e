"""Building the main window's panels, in two parts (issue 16).

``build_document_panel`` puts the document panel in the centre of the window's main splitter,
with an empty column either side where the other panels go, at the widths the person left
them: the window's first stage shows the remembered document so, before anything else is
built (``ui/progressive_start.py``). ``build_side_panels`` then builds the documents list,
the right-hand column and the Action plan's dock, and puts them in those columns' places. A
window built at once makes both parts in one go. Their modules are imported here, when the
panels are built, not when the window is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from shiny_review.ui import window_layout

if TYPE_CHECKING:
    from shiny_review.ui.panels.document import DocumentPanel

# The window the panels are built for: a ``MainWindow`` (which imports this module, so the
# type is not imported back here).
Window = Any

RIGHT_COLUMN = ("recommendations", "authority", "evidence", "annotations")  # *_panel


def _size_main(splitter: QSplitter) -> None:
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([300, 600, 540])  # room for the right-hand column


def build_document_panel(window: Window) -> DocumentPanel:
    """The document panel, in its place (once): the splitter's middle, between two empty
    columns, sized as the person left them."""
    panel: DocumentPanel | None = getattr(window, "document_panel", None)
    if panel is not None:
        return panel
    from shiny_review.ui.panels.document import DocumentPanel

    panel = window.document_panel = DocumentPanel()
    size = window.settings.text_size()  # as the zoom controller sets it, built later
    if size is not None:
        panel.view.set_text_size(size)
    splitter = window.main_splitter
    for widget in (QWidget(), panel, QWidget()):
        splitter.addWidget(widget)
    _size_main(splitter)
    window_layout.restore_splitters([splitter], window.settings)
    # Laid out now, not at the next layout request: a document shown in it next is laid out
    # (wrapped, its blocks in view formatted) once, at the width it is seen at.
    splitter.refresh()
    panel.layout().activate()
    return panel


def build_side_panels(window: Window) -> None:
    """The other panels, in the empty columns beside the document panel, and the Action
    plan's (empty) dock."""
    from shiny_review.ui.action_plan_dock import ActionPlanDock
    from shiny_review.ui.cycle.authority_panel import AuthorityPanel
    from shiny_review.ui.panels.annotations import AnnotationsPanel
    from shiny_review.ui.panels.documents import DocumentsPanel
    from shiny_review.ui.panels.evidence import EvidencePanel
    from shiny_review.ui.panels.recommendations import RecommendationsPanel

    build_document_panel(window)
    window.documents_panel = DocumentsPanel()
    window.recommendations_panel = RecommendationsPanel(window.actions)
    window.evidence_panel = EvidencePanel()
    window.annotations_panel = AnnotationsPanel()
    window.authority_panel = AuthorityPanel()  # the inspection cycle
    right = window.right_splitter = QSplitter(Qt.Orientation.Vertical)
    right.setObjectName("rightSplitter")
    for name in RIGHT_COLUMN:
        right.addWidget(getattr(window, f"{name}_panel"))
    right.setSizes([240, 150, 170, 340])  # evidence readable at 900 px high
    splitter = window.main_splitter
    for index, widget in ((0, window.documents_panel), (2, right)):
        empty = splitter.replaceWidget(index, widget)
        empty.deleteLater()
    _size_main(splitter)
    window.action_plan_dock = ActionPlanDock(
        window, window.state, window.settings, window.actions, window.set_tab_order
    )  # its panel and controller built when first needed
