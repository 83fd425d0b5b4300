"""The Passages table: a model over a ``PassageList`` that reads only the rows on screen.

Qt asks ``data()`` for the visible rows alone, so opening 100,000 passages reads a page or
two; a sort by a column reads the list whole (once, when asked) and sorts it in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from lectern.core.library.passages import context_of
from lectern.core.store.library_rows import Passage
from lectern.gui.widgets.headers import column_title
from lectern.gui.widgets.marked_text import MARKED_ROLE
from lectern.gui.widgets.row_model import ROW_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex


class PassagesModel(QAbstractTableModel):
    titles = ("Article", "Outlet", "Date", "Passage", "Tags", "Note")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.all_rows: Sequence[Passage] = []
        self.rows: Sequence[Passage] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Passage]) -> None:
        self.beginResetModel()
        self.all_rows = rows
        self.rows = self._visible()
        self.endResetModel()

    def _visible(self) -> Sequence[Passage]:
        if self._sort is None:
            return self.all_rows  # the list's own order: read as it is shown
        column, order = self._sort
        return sorted(self.all_rows, key=self.sort_key(column),
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order) if column >= 0 else None  # -1: the rows' own order
        self.rows = self._visible()
        self.layoutChanged.emit()

    def cell(self, row: Passage, column: int) -> Any:
        if column == 0:
            return row.title or row.path.rsplit("/", 1)[-1]
        if column == 1:
            return row.outlet
        if column == 2:
            return row.published
        if column == 3:
            return "".join(context_of(row))
        if column == 4:
            return ", ".join(row.tags)
        return " ".join(row.note.split())

    def sort_key(self, column: int) -> Callable[[Passage], Any]:
        if column == 3:
            return lambda row: row.exact.casefold()
        return lambda row: str(self.cell(row, column)).casefold()

    def extra(self, row: Passage, column: int, role: int) -> Any:
        if role == MARKED_ROLE and column == 3:
            before, quote, after = context_of(row)
            lead = f"…{before.lstrip()}" if before.strip() else ""
            text = f"{lead}{quote}{after.rstrip()}…" if after.strip() else f"{lead}{quote}"
            return text, ((len(lead), len(lead) + len(quote)),)
        if role == Qt.ItemDataRole.ToolTipRole and column in (3, 5):
            return row.exact if column == 3 else row.note
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.titles)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        return column_title(self.titles, section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == ROW_ROLE:
            return row
        return self.extra(row, index.column(), role)

    def row_at(self, index: AnyIndex) -> Passage | None:
        if not index.isValid():
            return None
        try:
            return self.rows[index.row()]
        except IndexError:  # the store lost rows since the list was counted
            return None
