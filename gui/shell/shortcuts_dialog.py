"""Help › Keyboard Shortcuts: every key of the keymap, by menu, and the tags' own keys."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lectern.gui.shell.keymap import KEYMAP, Scope

COLUMNS = ("Action", "Keys", "Where")


def shortcut_rows(tag_keys: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(action, keys, where) for every binding with keys, then each tag's key."""
    rows = [(f"{item.menu.value.replace('&', '')} › {item.plain_text}", ", ".join(item.keys),
             item.scope.value) for item in KEYMAP if item.keys]
    rows += [(f"Tag the selection “{name}”", key, Scope.ARTICLE.value) for name, key in tag_keys]
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, tag_keys: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("shortcutsDialog")
        rows = shortcut_rows(tag_keys)
        self.table = QTableWidget(len(rows), len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)
