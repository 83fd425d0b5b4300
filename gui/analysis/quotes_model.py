"""Quotations with their speakers, as a two-column table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette

from lectern.gui.widgets.headers import column_title

if TYPE_CHECKING:
    from lectern.core.extract.model import Quote

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument
HEADERS = ("Speaker", "Quote")
QUOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
UNKNOWN_SPEAKER = "Unattributed"


class QuotesModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._quotes: list[Quote] = []
        self._rows: dict[str, int] = {}

    def set_quotes(self, quotes: list[Quote]) -> None:
        self.beginResetModel()
        self._quotes = list(quotes)
        self._rows = {q.id: row for row, q in enumerate(self._quotes)}
        self.endResetModel()

    def row_of(self, quote_id: str) -> int:
        return self._rows.get(quote_id, -1)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._quotes)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_title(HEADERS, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._quotes):
            return None
        quote, column = self._quotes[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return quote.speaker_name or UNKNOWN_SPEAKER
            return " ".join(quote.text.split())
        if role == Qt.ItemDataRole.ToolTipRole:
            return " ".join(quote.text.split())
        if role == QUOTE_ID_ROLE:
            return quote.id
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and not quote.speaker_name:
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
