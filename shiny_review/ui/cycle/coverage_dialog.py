"""The coverage matrix dialog: the authority's recommendations against its documents; a
cell opens its passages; filters by stance and document kind; export as CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shiny_review.domain.entities import Stance
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.services.cycle import letter_label
from shiny_review.services.export.coverage_writer import write_coverage_csv
from shiny_review.ui.cycle.coverage_model import CELL_ROLE, CoverageModel

if TYPE_CHECKING:
    from shiny_review.ui.window_state import WindowState

ALL = "__all__"
NO_STANCE = ""


class CoverageDialog(QDialog):
    def __init__(
        self, state: WindowState, parent: QWidget, go_to: Callable[[int, int], None]
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._go_to = go_to  # open a document at a highlight
        self.setWindowTitle("Coverage matrix")
        self.setObjectName("coverageDialog")
        self.resize(1280, 720)
        self.model = CoverageModel(self)
        self.authority = QComboBox()
        self.authority.setAccessibleName("Authority")
        self.stance = QComboBox()
        self.stance.setAccessibleName("Stance filter")
        self.stance.addItem("All stances", ALL)
        for stance in Stance:
            self.stance.addItem(stance.value, stance.value)
        self.stance.addItem("no stance", NO_STANCE)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Document kind filter")
        self.table = QTableView()
        self.table.setObjectName("coverageTable")
        self.table.setAccessibleName("Coverage matrix")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.passages_title = QLabel("Passages: choose a cell")
        self.passages = QListWidget()
        self.passages.setAccessibleName("Passages of the cell")
        self.passages.setWordWrap(True)
        self.export_button = QPushButton("Export CSV…")
        close = QPushButton("Close")
        filters = QHBoxLayout()
        for label, widget in (
            ("&Authority", self.authority),
            ("&Stance", self.stance),
            ("Document &kind", self.kind),
        ):
            text = QLabel(label)
            text.setBuddy(widget)
            filters.addWidget(text)
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        filters.addWidget(close)
        bottom = QSplitter(Qt.Orientation.Vertical)
        bottom.addWidget(self.table)
        lower = QVBoxLayout()
        lower.addWidget(self.passages_title)
        lower.addWidget(self.passages)
        holder = QWidget()
        holder.setLayout(lower)
        bottom.addWidget(holder)
        bottom.setSizes([520, 160])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(bottom, 1)
        for name in state.service.cycle.authorities():
            self.authority.addItem(name, name)
        self.authority.currentIndexChanged.connect(self._authority_changed)
        self.stance.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.clicked.connect(self.open_cell)
        self.table.activated.connect(self.open_cell)
        self.passages.itemActivated.connect(self._go_to)
        self.export_button.clicked.connect(self._export_interactively)
        close.clicked.connect(self.close)
        self._authority_changed()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.table.resizeRowsToContents()  # the columns have their widths once shown

    def _authority_changed(self) -> None:
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem("All kinds", ALL)
        name = self.authority.currentData()
        if name:
            kinds = sorted({d.kind for d in self.state.service.cycle.coverage(name).columns})
            for kind in kinds:
                self.kind.addItem(kind, kind)
        self.kind.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        name = self.authority.currentData()
        if not name:
            self.model.set_matrix(None)
            self.summary.setText("No document has an authority yet: import a letter first.")
            return
        stance = self.stance.currentData()
        kind = self.kind.currentData()
        matrix = self.state.service.cycle.coverage(
            name,
            stances=None if stance == ALL else [stance],
            kinds=None if kind in (ALL, None) else [kind],
        )
        self.model.set_matrix(matrix)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in range(4, self.model.columnCount()):
            self.table.setColumnWidth(col, 118)
        self.table.resizeRowsToContents()
        gaps = sum(1 for r in matrix.rows if r.gap)
        self.summary.setText(
            f"{matrix.authority}: {len(matrix.rows)} recommendations in "
            f"{len({r.thread_id for r in matrix.rows})} threads, against "
            f"{len(matrix.columns)} documents; {gaps} with no evidence (gaps, in red). "
            "Marks: + supports progress, − shows concern, ○ context, · no stance."
        )

    def open_cell(self, index: QModelIndex) -> None:
        """Show the passages of a count cell (a recommendation in one document)."""
        ids = self.model.data(index, CELL_ROLE)
        self.passages.clear()
        if ids is None:
            self.passages_title.setText("Passages: choose a count cell")
            return
        rec_id, doc_id = ids
        service = self.state.service
        stance = self.stance.currentData()
        passages = [
            a
            for a in service.annotations.by_ids(service.cycle.cell_passages(rec_id, doc_id))
            if stance == ALL or (a.stance.value if a.stance else "") == stance
        ]
        doc = service.documents.get(doc_id)
        self.passages_title.setText(
            f"Passages in {letter_label(doc)} for recommendation "
            f"{self.model.data(index.siblingAtColumn(2))}: {len(passages)}"
        )
        for ann in passages:
            where = f"p. {ann.anchor.page}" if ann.anchor.page else ""
            if ann.anchor.paragraph is not None:
                where += f" ¶{ann.anchor.paragraph}"
            stance_text = ann.stance.value if ann.stance else "no stance"
            item = QListWidgetItem(f"{where} [{stance_text}] “{ann.anchor.exact}”")
            item.setData(Qt.ItemDataRole.UserRole, (doc_id, ann.id))
            self.passages.addItem(item)

    def _go_to(self, item: QListWidgetItem) -> None:
        doc_id, ann_id = item.data(Qt.ItemDataRole.UserRole)
        self._go_to(doc_id, ann_id)

    def export_csv(self, path: Path) -> int:
        matrix = self.model.matrix
        if matrix is None:
            return 0
        return write_coverage_csv(matrix, path)

    def _export_interactively(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export the coverage matrix", "", "CSV (*.csv)")
        if name:
            try:
                count = self.export_csv(Path(name))
            except (ShinyReviewError, OSError) as exc:
                self.state.show_error(str(exc))
                return
            self.state.show_status(f"Wrote {count} rows to {name}.")
