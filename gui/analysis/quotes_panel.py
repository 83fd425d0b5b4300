"""The Quotes panel: who said what; selecting a quotation highlights it in the article."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from lectern.core.readouts.wording import count
from lectern.gui.analysis.facts_panel import make_table
from lectern.gui.analysis.panel_base import AnalysisPanel, follow_in_table
from lectern.gui.analysis.quotes_model import QUOTE_ID_ROLE, QuotesModel
from lectern.gui.analysis.selection import Origin, Selection, SelectionCoordinator, SelectionKind
from lectern.gui.widgets.status_line import StatusLine

ORIGIN = Origin.QUOTES
WRAP_LIMIT = 300  # wrapping rows costs a layout per row; long lists stay one line each


class QuotesPanel(AnalysisPanel):
    def __init__(self, selection: SelectionCoordinator, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, parent)
        self.selection = selection
        self.model = QuotesModel(self)
        self._following = False
        self.table = make_table(self.model)
        self.setFocusProxy(self.table)
        self.table.setObjectName("quotesTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 130)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count_label = StatusLine()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        selection.changed.connect(self.follow)

    def set_quotes(self, quotes) -> None:
        self.model.set_quotes(quotes)
        wrap = len(quotes) <= WRAP_LIMIT
        self.table.setWordWrap(wrap)
        if wrap:
            self.table.resizeRowsToContents()
        speakers = len({q.speaker_name for q in quotes if q.speaker_name})
        self.count_label.setText(f"{count(len(quotes), 'quotation')} · "
                                 f"{count(speakers, 'speaker')}")
        if quotes:
            self.show_content()
        else:
            self.show_message("No quotations", "Direct quotes and who said them appear here.")
        self.follow(self.selection.current)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._following or not current.isValid():
            return
        self.selection.select_quote(current.data(QUOTE_ID_ROLE), origin=ORIGIN)

    def follow(self, selection: Selection | None) -> None:
        self._following = True
        try:
            if selection is None or selection.kind != SelectionKind.QUOTE:
                follow_in_table(self.table, None)
            elif selection.origin != ORIGIN:
                follow_in_table(self.table, self.model.row_of(selection.id), column=1)
        finally:
            self._following = False
