"""The window's one kind of dialog for telling the reader something: window-modal and
non-blocking, so the event loop (and the analysis) carries on behind it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def open_message(parent: QWidget, title: str, message: str, warning: bool = False
                 ) -> QMessageBox:
    from PySide6.QtCore import Qt  # never before the first paint (docks.py)

    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box
