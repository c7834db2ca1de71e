"""The authority's recommendations by letter, beside the open document's: activate one to
link the selected highlight to it (across documents, one undoable command)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTreeView, QVBoxLayout, QWidget

from shiny_review.ui.cycle.groups_model import GroupsModel


class AuthorityPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authorityRecommendationsPanel")
        self.model = GroupsModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("authorityRecommendationsTree")
        self.tree.setAccessibleName("The authority's recommendations by letter")
        self.tree.setModel(self.model)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setHeaderHidden(True)
        self.title = QLabel("Recommendations of the &authority, by letter")
        self.title.setBuddy(self.tree)
        hint = QLabel("Keys 1-9 link to the first group; Enter links to the chosen one.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addWidget(self.tree)
