"""The authority's recommendations by letter, beside the open document's: activate one to
link the selected highlight to it (across documents, one undoable command). The panel asks
for the link with ``recommendationChosen``; the window connects it to the cycle controller."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QTreeView, QVBoxLayout, QWidget

from shiny_review.ui.cycle.groups_model import GroupsModel

if TYPE_CHECKING:
    from shiny_review.ui.window_state import WindowState


class AuthorityPanel(QWidget):
    recommendationChosen = Signal(object)  # a Recommendation

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authorityRecommendationsPanel")
        self._state: WindowState | None = None
        self.model = GroupsModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("authorityRecommendationsTree")
        self.tree.setAccessibleName("The authority's recommendations by letter")
        self.tree.setModel(self.model)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setHeaderHidden(True)
        self.tree.activated.connect(self._activated)
        self.title = QLabel("Recommendations of the &authority, by letter")
        self.title.setBuddy(self.tree)
        hint = QLabel("Keys 1-9 link to the first group; Enter links to the chosen one.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addWidget(self.tree)

    def tab_chain(self) -> list[QWidget]:
        """The controls Tab visits here, in order."""
        return [self.tree]

    def bind(self, state: WindowState) -> None:
        self._state = state
        # Another document opening rereads its recommendations first (one reload, not two).
        state.recommendationsChanged.connect(self.reload)

    def reload(self) -> None:
        """Show the open document's authority's recommendations, grouped by letter."""
        assert self._state is not None
        doc = self._state.document
        groups = [] if doc is None else self._state.service.cycle.grouped_recommendations(doc.id)
        self.model.set_groups(groups)
        self.tree.expandAll()

    def _activated(self, index: QModelIndex) -> None:
        rec = self.model.recommendation(index)
        if rec is not None:
            self.recommendationChosen.emit(rec)
