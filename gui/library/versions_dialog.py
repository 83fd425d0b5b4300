"""An article's versions: when each text was kept, its words and annotations, how the
annotations moved to it (exact, moved, fuzzy, orphaned); any version opens to be read."""

from __future__ import annotations

import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lectern.core.store.library_rows import Article, Version

COLUMNS = ("Version", "Kept", "Words", "Annotations", "Annotations moved in")


def moved_in(version: Version) -> str:
    if not version.reanchored:
        return ""
    counts = json.loads(version.reanchored)
    return (f"{counts['exact']} exact, {counts['moved']} moved, {counts['fuzzy']} fuzzy, "
            f"{counts['orphaned']} orphaned")


class VersionsDialog(QDialog):
    open_requested = Signal(int)  # version id

    def __init__(self, article: Article, versions: list[Version], current: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Versions of “{article.display_title}”")
        self.versions = versions
        self.table = QTableWidget(len(versions), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, version in enumerate(versions):
            words = "text not kept" if version.words is None else f"{version.words:,}"
            label = f"{row + 1}" + (" (current)" if version.id == current else "")
            for column, value in enumerate((label, version.added[:19].replace("T", " "), words,
                                            str(version.annotations), moved_in(version))):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton("Open This Version",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self._open)
        self.table.itemSelectionChanged.connect(self._selected)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(article.path or "No file"))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 300)

    def _row(self) -> Version | None:
        rows = self.table.selectionModel().selectedRows()
        return self.versions[rows[0].row()] if rows else None

    def _selected(self) -> None:
        version = self._row()
        self.open_button.setEnabled(version is not None and version.text_kept)

    def _open(self) -> None:
        version = self._row()
        if version is not None:
            self.open_requested.emit(version.id)
            self.accept()
