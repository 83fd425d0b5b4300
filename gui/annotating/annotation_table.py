"""The Annotations panel's table: the core AnnotationFilter as a sort/filter proxy, and a
compact table (quote and tags; note and date join when the dock is wide)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from lectern.core.readouts.annotation_filter import AnnotationFilter
from lectern.gui.annotating.annotation_cells import QuoteCell, TagsCell, row_height
from lectern.gui.annotating.annotations_model import CREATED, NOTE, QUOTE, TAGS, AnnotationsModel

COLUMN_WIDTHS = {TAGS: 104, NOTE: 150, CREATED: 92}
WIDE_COLUMNS = {NOTE: 480, CREATED: 600}  # table width from which each column is shown


class AnnotationFilterProxy(QSortFilterProxyModel):
    """Placed or orphaned annotations, narrowed by the core AnnotationFilter (tag, words)."""

    def __init__(self, orphans: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._orphans = orphans
        self._filter = AnnotationFilter.of(orphans=orphans)
        self._source: AnnotationsModel | None = None
        self.setSortRole(Qt.ItemDataRole.DisplayRole)

    def set_tag(self, tag: str) -> None:
        self._refilter(AnnotationFilter.of(tag, " ".join(self._filter.words), self._orphans))

    def set_text(self, text: str) -> None:
        self._refilter(AnnotationFilter.of(self._filter.tag, text, self._orphans))

    def _refilter(self, new: AnnotationFilter) -> None:
        if new != self._filter:
            self.beginFilterChange()
            self._filter = new
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def setSourceModel(self, model: AnnotationsModel) -> None:  # type: ignore[override]
        self._source = model
        super().setSourceModel(model)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        # Called for every row on each reset: straight to the core annotation, no data().
        annotations = self._source.annotations if self._source else None
        if annotations is None or row >= len(annotations):
            return False
        return self._filter.matches(annotations[row])

    def lessThan(self, left, right) -> bool:
        if left.column() == CREATED:  # ISO timestamps sort as text
            return str(left.data(Qt.ItemDataRole.UserRole)) < str(
                right.data(Qt.ItemDataRole.UserRole))
        return str(left.data()).casefold() < str(right.data()).casefold()


def make_table(model: QSortFilterProxyModel) -> QTableView:
    """A compact table: quote and tags; note and date join when the dock is wide."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move by row
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setItemDelegateForColumn(QUOTE, QuoteCell(table))
    table.setItemDelegateForColumn(TAGS, TagsCell(table))
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(row_height(table.fontMetrics().height()))
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setHighlightSections(False)
    header.setMinimumSectionSize(40)
    header.setSectionResizeMode(QUOTE, QHeaderView.ResizeMode.Stretch)
    for column in (TAGS, NOTE, CREATED):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    for column, width in COLUMN_WIDTHS.items():
        header.resizeSection(column, width)
    fit_columns(table, 0)
    return table


def fit_columns(table: QTableView, width: int) -> None:
    """Show the note and date columns only where the quote keeps room to be read."""
    header = table.horizontalHeader()
    for column, from_width in WIDE_COLUMNS.items():
        hidden = width < from_width
        if header.isSectionHidden(column) != hidden:
            header.setSectionHidden(column, hidden)
