"""The Tags dialog: add, rename, recolour, set the key of and delete tags via the session."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.gui.widgets.swatch import swatch


class TagsDialog(QDialog):
    """A list of tags and a small form for the chosen one; every change is undoable."""

    def __init__(self, show_error: Callable[[str, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tags")
        self.setObjectName("tagsDialog")
        self.show_error = show_error
        self.session: AnnotationSession | None = None
        self.confirm_box: QMessageBox | None = None
        self._colour = "#999999"
        self.list = QListWidget()
        self.name_field = QLineEdit()
        self.key_field = QLineEdit(maxLength=1, placeholderText="none")
        self.key_field.setFixedWidth(60)
        self.colour_button = QPushButton("Choose…")
        self.add_button = QPushButton("Add Tag")
        self.apply_button = QPushButton("Apply")
        self.delete_button = QPushButton("Delete…")
        form = QFormLayout()
        form.addRow("Name", self.name_field)
        form.addRow("Key", self.key_field)
        form.addRow("Colour", self.colour_button)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.apply_button, self.delete_button):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(self._load)
        self.colour_button.clicked.connect(self._choose_colour)
        self.add_button.clicked.connect(self.add_tag)
        self.apply_button.clicked.connect(self.apply_changes)
        self.delete_button.clicked.connect(self.delete_tag)

    def open_for(self, session: AnnotationSession) -> None:
        if self.session is not None:
            self.session.scheme.unsubscribe(self._refill)
        self.session = session
        session.scheme.subscribe(self._refill)
        self._refill()
        self.list.setCurrentRow(0)
        self.open()

    def _refill(self) -> None:
        row = self.list.currentRow()
        self.list.clear()
        for tag in self.session.scheme if self.session else ():
            key = f"   ({tag.shortcut})" if tag.shortcut else ""
            item = QListWidgetItem(swatch(tag.colour), tag.name + key)
            item.setData(Qt.ItemDataRole.UserRole, tag.name)
            self.list.addItem(item)
        self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))

    def selected_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _load(self, _row: int) -> None:
        name = self.selected_name()
        tag = self.session.scheme.find(name) if self.session and name else None
        self.name_field.setText(tag.name if tag else "")
        self.key_field.setText(tag.shortcut or "" if tag else "")
        self._set_colour(tag.colour if tag else "#999999")

    def _set_colour(self, colour: str) -> None:
        self._colour = colour
        self.colour_button.setIcon(swatch(colour))
        self.colour_button.setText(colour)

    def _choose_colour(self) -> None:
        dialog = QColorDialog(QColor(self._colour), self)
        dialog.colorSelected.connect(lambda c: self._set_colour(c.name()))
        dialog.open()

    # --- changes through the session (each one undoable) --------------------------------
    def _try(self, change) -> bool:
        try:
            change(self.session)
        except LecternError as error:
            self.show_error("Tag not changed", str(error))
            return False
        return True

    def add_tag(self) -> None:
        name, key = self.name_field.text().strip(), self.key_field.text().strip() or None
        if self.session and self.session.scheme.find(name):
            name = ""  # the form shows an existing tag: start a fresh one
        if not name:
            self.name_field.setFocus()
            self.name_field.setPlaceholderText("Type the new tag's name, then Add Tag")
            self.name_field.clear()
            self.key_field.clear()
            return
        if self._try(lambda s: s.add_scheme_tag(name, None, key)):
            self.list.setCurrentRow(self.list.count() - 1)

    def apply_changes(self) -> None:
        """Rename, re-key and recolour the chosen tag to match the form."""
        old = self.selected_name()
        if old is None or self.session is None:
            return
        tag = self.session.scheme.get(old)
        name, key = self.name_field.text().strip(), self.key_field.text().strip() or None
        colour = self._colour  # read now: a rename refills the list and reloads the form

        def edit(session: AnnotationSession) -> None:
            # One undo step and one transaction: a failure anywhere leaves nothing applied.
            with session.macro(f"Edit tag '{name}'"):
                if name != tag.name:
                    session.rename_tag(old, name)
                if key != tag.shortcut:
                    session.set_tag_shortcut(name, key)
                if colour != tag.colour:
                    session.recolour_tag(name, colour)

        self._try(edit)

    def delete_tag(self) -> None:
        name = self.selected_name()
        if name is None or self.session is None:
            return
        used = self.session.tag_use_count(name)
        if not used:
            self._try(lambda s: s.delete_tag(name))
            return
        noun = "annotation" if used == 1 else "annotations"
        box = QMessageBox(QMessageBox.Icon.Warning, "Delete tag?",
                          f"“{name}” is used by {used} {noun}. Delete it and remove it from "
                          f"them?", QMessageBox.StandardButton.Yes
                          | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self._try(lambda s: s.delete_tag(name, force=True)))
        self.confirm_box = box
        box.open()
