"""Facts as a sortable table: what, value (for people), date, approximate; sorted in Python.

The model sorts itself (one keyed list sort) instead of a QSortFilterProxyModel, whose
per-comparison Python calls would stall the GUI on an article with 100,000 facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from lectern.core.readouts.facts_table import (
    APPROX,
    HEADERS,
    VALUE,
    Cells,
    display_rows,
    sentence_of,
    sort_key,
)

if TYPE_CHECKING:
    from lectern.core.extract.model import Fact

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument
FACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class FactsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._facts: list[Fact] = []
        self._cells: list[Cells] = []  # row -> display text of each column
        self._text = ""
        self._rows: dict[str, int] = {}

    def set_facts(self, facts: list[Fact], text: str = "",
                  cells: list[Cells] | None = None) -> None:
        """``cells``: ``display_rows(facts)`` made beforehand (off the GUI thread)."""
        self.beginResetModel()
        self._facts, self._text = list(facts), text
        self._cells = list(cells) if cells is not None else display_rows(self._facts)
        self._rows = {f.id: row for row, f in enumerate(self._facts)}
        self.endResetModel()

    def fact_at(self, row: int) -> Fact | None:
        return self._facts[row] if 0 <= row < len(self._facts) else None

    def cells_sample(self, column: int, count: int = 200) -> list[str]:
        """The display text of a column's first rows, for sizing the column."""
        return [cells[column] for cells in self._cells[:count]]

    def row_of(self, fact_id: str) -> int:
        return self._rows.get(fact_id, -1)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._facts)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == APPROX:
            return "Approximate: the article hedges this figure (about, nearly, around…)"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._facts):
            return None
        fact, column = self._facts[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # A date's value is its date: shown once, in the Date column.
            return self._cells[index.row()][column]
        if role == FACT_ID_ROLE:
            return fact.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.sentence(fact)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (VALUE, APPROX):
            horizontal = Qt.AlignmentFlag.AlignRight if column == VALUE \
                else Qt.AlignmentFlag.AlignHCenter
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sentence(self, fact: Fact) -> str:
        return sentence_of(self._text, fact)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        key = sort_key(column)
        moved_from = sorted(range(len(self._facts)), key=lambda row: key(self._facts[row]),
                            reverse=order == Qt.SortOrder.DescendingOrder)
        self._facts = [self._facts[row] for row in moved_from]
        self._cells = [self._cells[row] for row in moved_from]
        self._rows = {f.id: row for row, f in enumerate(self._facts)}
        new_row = {was: now for now, was in enumerate(moved_from)}
        for persistent in self.persistentIndexList():
            self.changePersistentIndex(persistent, self.index(new_row[persistent.row()],
                                                              persistent.column()))
        self.layoutChanged.emit()

    @property
    def facts_in_order(self) -> list[Fact]:
        """Every fact, in the table's order (for an export)."""
        return list(self._facts)

    @property
    def text(self) -> str:
        return self._text
