"""Ctrl+F: find text in the article, with next/previous and a match count."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from lectern.core.readouts.find import find_matches
from lectern.gui.reader.article_view import ArticleView
from lectern.gui.shell.keymap import binding
from lectern.gui.widgets.buttons import tool_button


class FindBar(QWidget):
    """A bar under the article; matches are core spans, selected through the view."""

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = view
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self.field = QLineEdit(placeholderText="Find in article", clearButtonEnabled=True)
        self.count_label = QLabel()
        self.count_label.setMinimumWidth(90)
        # The keymap's keys, so the tips tell the truth (F3 steps through mentions instead).
        previous_tip = binding("edit.find_previous").tooltip().replace(")", ", Shift+Enter)")
        next_tip = binding("edit.find_next").tooltip().replace(")", ", Enter)")
        self.previous_button = tool_button("‹", tip=previous_tip)
        self.next_button = tool_button("›", tip=next_tip)
        self.close_button = tool_button("✕", tip="Close (Esc)", auto_raise=True)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 3, 10, 3)
        for widget in (self.field, self.previous_button, self.next_button, self.count_label):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.field.textChanged.connect(self.search)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.close_bar)
        self.field.installEventFilter(self)
        self.hide()

    def start(self) -> None:
        """Show the bar with the selected words (if any) ready to search."""
        self.show()
        selected = self.view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.field.setFocus()
        self.field.selectAll()
        self.search(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        self.view.setFocus()

    def search(self, text: str) -> None:
        document = self.view.article
        self.current = -1
        self.matches = find_matches(document.text, text) if document is not None else []
        if self.matches:
            caret = self.view.cursor_offset()
            self.current = next((i for i, (p, _) in enumerate(self.matches) if p >= caret),
                                0) - 1
            self.next()
        else:
            self._show_count()

    def next(self) -> None:
        self._step(+1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.isVisible():
            self.start()
            return
        if not self.matches:
            self._show_count()
            return
        self.current = (self.current + step) % len(self.matches)
        self.view.select_span(*self.matches[self.current])
        self._show_count()

    def _show_count(self) -> None:
        if not self.field.text():
            self.count_label.setText("")
        elif not self.matches:
            self.count_label.setText("No matches")
        else:
            self.count_label.setText(f"{self.current + 1} of {len(self.matches):,}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.previous() if shift else self.next()
                return True
        return super().eventFilter(watched, event)
