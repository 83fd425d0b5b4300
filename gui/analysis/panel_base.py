"""What every analysis panel shares: an empty state that gives way to the content."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedLayout, QTableView, QWidget

from lectern.gui.widgets.empty_state import EmptyState

WAITING = ("Analysing the article…", "Names, figures and quotes appear here in a moment.")
NO_ARTICLE = ("No article yet", "Open an article to see who, where, when and how much.")


class AnalysisPanel(QWidget):
    """A stacked widget: page 0 an EmptyState, page 1 the panel's own content."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty = EmptyState(*NO_ARTICLE)
        self.content = content
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(content)
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def show_message(self, headline: str, detail: str = "") -> None:
        self.empty.headline.setText(headline)
        if hasattr(self.empty, "detail"):
            self.empty.detail.setText(detail)
        self._stack.setCurrentIndex(0)

    def show_content(self) -> None:
        self._stack.setCurrentIndex(1)

    @property
    def showing_content(self) -> bool:
        return self._stack.currentIndex() == 1


def follow_in_table(table: QTableView, row: int | None, column: int = 0) -> None:
    """Mirror the shared selection in ``table``: select and show ``row``, or clear (None).

    Callers guard against the echo (the table's own currentChanged) with a flag.
    """
    if row is None:
        table.selectionModel().clearSelection()
        table.setCurrentIndex(QModelIndex())
        return
    if row < 0:
        return
    index = table.model().index(row, column)
    select = QItemSelectionModel.SelectionFlag
    flags = select.ClearAndSelect | select.Rows
    table.selectionModel().setCurrentIndex(index, flags)
    table.scrollTo(index)
