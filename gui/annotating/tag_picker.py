"""Ctrl+K: a small type-to-filter list of tags; Enter applies one, or creates the typed tag."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from lectern.core.tags import TagScheme
from lectern.gui.widgets.swatch import swatch

CREATE_ROLE = Qt.ItemDataRole.UserRole + 1
PICKER_WIDTH = 280


class TagPicker(QFrame):
    """A popup: type to filter, arrows to move, Enter to choose, Esc to close."""

    chosen = Signal(str, bool)  # tag name, whether it must be created first

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("tagPicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(PICKER_WIDTH)
        self._scheme: TagScheme | None = None
        self.field = QLineEdit(placeholderText="Tag… (type a new name to create it)")
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.field)
        layout.addWidget(self.list)
        self.field.textChanged.connect(self._refill)
        self.field.installEventFilter(self)
        self.list.itemClicked.connect(self._choose)

    def popup(self, scheme: TagScheme, anchor: QWidget) -> None:
        """Show over ``anchor``'s caret with every tag listed."""
        self._scheme = scheme
        self.field.clear()
        self._refill("")
        rect = anchor.cursorRect() if hasattr(anchor, "cursorRect") else anchor.rect()
        point = anchor.mapToGlobal(QPoint(rect.left(), rect.bottom() + 4))
        self.move(point)
        self.show()
        self.field.setFocus()

    def _refill(self, text: str) -> None:
        self.list.clear()
        matches, to_create = self._scheme.choices(text) if self._scheme else ([], None)
        for tag in matches:
            label = f"{tag.name}    {tag.shortcut}" if tag.shortcut else tag.name
            item = QListWidgetItem(swatch(tag.colour), label)
            item.setData(Qt.ItemDataRole.UserRole, tag.name)
            self.list.addItem(item)
        if to_create:
            item = QListWidgetItem(f"Create tag “{to_create}”")
            item.setData(Qt.ItemDataRole.UserRole, to_create)
            item.setData(CREATE_ROLE, True)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        rows = min(max(self.list.count(), 1), 9)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 6)
        self.adjustSize()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = (self.list.currentRow() + step) % max(self.list.count(), 1)
                self.list.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.list.currentItem())
                return True
        return super().eventFilter(watched, event)

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.hide()
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole), bool(item.data(CREATE_ROLE)))
