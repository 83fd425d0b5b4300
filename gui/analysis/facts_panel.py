"""The Facts panel: a sortable table of the article's figures and dates, exportable as CSV."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lectern.core.extract.model import FactKind
from lectern.core.readouts.wording import count
from lectern.gui.analysis.facts_model import FACT_ID_ROLE, FactsModel
from lectern.gui.analysis.panel_base import AnalysisPanel, follow_in_table
from lectern.gui.analysis.selection import Origin, Selection, SelectionCoordinator, SelectionKind
from lectern.gui.widgets.status_line import StatusLine

ORIGIN = Origin.FACTS


def make_table(model) -> QTableView:
    """A compact, row-selecting table shared by the facts and quotes panels."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move by row
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setHighlightSections(False)
    # Fit columns to the first rows only: measuring 100,000 rows would stall the GUI.
    table.horizontalHeader().setResizeContentsPrecision(200)
    return table


class FactsPanel(AnalysisPanel):
    export_requested = Signal()

    def __init__(self, selection: SelectionCoordinator, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, parent)
        self.selection = selection
        self.model = FactsModel(self)
        self._following = False
        self.table = make_table(self.model)
        self.setFocusProxy(self.table)  # Alt+4 / F6 land on the rows
        self.table.setObjectName("factsTable")
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        # "What" takes the room; the others are sized once per article from a sample of rows
        # (ResizeToContents would measure every row on each change).
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(3, self.table.fontMetrics().horizontalAdvance("≈") + 18)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.count_label = StatusLine()
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setToolTip("Save every fact, with raw and formatted values, as CSV")
        self.export_button.clicked.connect(self.export_requested)
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        selection.changed.connect(self.follow)

    def set_facts(self, facts, text: str, cells: list | None = None) -> None:
        """``cells``: the rows' display text, prepared off the GUI thread (optional)."""
        self.model.set_facts(facts, text, cells)
        self._fit_columns()
        dated = sum(1 for f in facts if f.kind == FactKind.DATE)
        self.count_label.setText(f"{count(len(facts), 'fact')} · "
                                 f"{count(len(facts) - dated, 'figure')} · {count(dated, 'date')}")
        if facts:
            self.show_content()
        else:
            self.show_message("No figures or dates", "Amounts, counts and dates the article "
                              "states will be listed here.")
        self.follow(self.selection.current)

    def _fit_columns(self) -> None:
        """Value and Date as wide as their widest text in the first rows, within a share."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        share = max(self.table.viewport().width(), 320) * 0.3
        for column in (1, 2):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            texts = [*self.model.cells_sample(column), title]
            widest = max(metrics.horizontalAdvance(t) for t in texts) + 16
            header.resizeSection(column, int(min(widest, share)))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._following or not current.isValid():
            return
        self.selection.select_fact(current.data(FACT_ID_ROLE), origin=ORIGIN)

    def follow(self, selection: Selection | None) -> None:
        self._following = True
        try:
            if selection is None or selection.kind != SelectionKind.FACT:
                follow_in_table(self.table, None)
            elif selection.origin != ORIGIN:
                follow_in_table(self.table, self.model.row_of(selection.id), column=0)
        finally:
            self._following = False
