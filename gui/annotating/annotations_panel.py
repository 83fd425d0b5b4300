"""The Annotations panel: a sortable, filterable table, a note editor, and the orphans apart."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lectern.core.readouts.wording import count
from lectern.gui.annotating.annotation_table import AnnotationFilterProxy, fit_columns, make_table
from lectern.gui.annotating.annotations_model import (
    CREATED,
    ID_ROLE,
    NOTE_ROLE,
    QUOTE,
    QUOTE_TEXT_ROLE,
    TAGS_ROLE,
    AnnotationsModel,
    created_label,
)
from lectern.gui.annotating.row_menu import row_menu
from lectern.gui.widgets.empty_state import EmptyState

ALL_TAGS = "All tags"
EMPTY_HINT = ("Select a passage in the article, then press a tag's key (1–9), click a tag "
              "above the text, or press Ctrl+K to choose one.")
NOTE_EDITOR_LINES = 4
NOTE_SAVE_DELAY_MS = 500  # a pause in typing this long saves the note
NO_NOTE_TARGET = "Select an annotation to write a note."
NOTE_HINT = "Write a note… it is saved as you type."
PREFERRED_SIZE = QSize(320, 480)  # a readable quote beside its tags


class AnnotationsPanel(QWidget):
    """Reports intent (activate, delete, edit note, re-attach); the workflow acts on it."""

    activated = Signal(str)  # annotation id: show it in the article
    delete_requested = Signal(list)  # annotation ids
    note_edited = Signal(str, str, bool)  # annotation id, new note, still being typed
    reattach_requested = Signal(str)  # orphan id: put it on the current selection
    tag_toggled = Signal(str, str)  # annotation id, tag name: add it or take it off

    def __init__(self, model: AnnotationsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationsPanelContent")
        self.model = model
        self.proxy = AnnotationFilterProxy(orphans=False, parent=self)
        self.proxy.setSourceModel(model)
        self.orphan_proxy = AnnotationFilterProxy(orphans=True, parent=self)
        self.orphan_proxy.setSourceModel(model)
        self._editing_id: str | None = None
        self._caption = ""
        self._tag_names: list[str] = []
        self.row_menu: QMenu | None = None
        self._burst = False  # the reader is typing a note: its saves join one undo step
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(lambda: self.commit_note(continuing=True))

        self.search = QLineEdit(placeholderText="Filter by words…", clearButtonEnabled=True)
        self.tag_filter = QComboBox()
        self.tag_filter.addItem(ALL_TAGS)
        self.table = make_table(self.proxy)
        self.setFocusProxy(self.table)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # text order until asked
        self.count_label = QLabel()
        self.count_label.setEnabled(False)  # muted
        self.empty_hint = EmptyState("No highlights yet", EMPTY_HINT)
        self.note_caption = QLabel("Note")
        self.note_caption.setEnabled(False)  # muted: which annotation the note belongs to
        self.note_caption.setMinimumWidth(1)  # elided by hand, never widening the dock
        self.note_editor = QPlainTextEdit()
        self.note_editor.setPlaceholderText(NO_NOTE_TARGET)
        self.note_editor.setTabChangesFocus(True)
        self.note_editor.setToolTip("Saved as you type; Ctrl+Return or Esc goes back to the list")
        line = self.note_editor.fontMetrics().lineSpacing()
        self.note_editor.setFixedHeight(line * NOTE_EDITOR_LINES + 12)
        self.note_editor.setEnabled(False)
        self.orphan_label = QLabel()
        self.orphan_table = make_table(self.orphan_proxy)
        self.orphan_table.setMaximumHeight(120)
        self.reattach_button = QPushButton("Re-attach to Selection")
        self.reattach_button.setToolTip("Put the chosen orphan on the passage selected in the "
                                        "article")
        self._layout()
        self._connect()
        self._update_counts()

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.tag_filter, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.note_caption)
        layout.addWidget(self.note_editor)
        layout.addWidget(self.orphan_label)
        layout.addWidget(self.orphan_table)
        layout.addWidget(self.reattach_button)

    def _connect(self) -> None:
        self.search.textChanged.connect(self.proxy.set_text)
        self.search.textChanged.connect(self._update_counts)
        self.tag_filter.currentTextChanged.connect(self._tag_chosen)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(lambda _index: self.edit_note(self.selected_id() or ""))
        self.table.clicked.connect(lambda index: self._activate(index))
        self.note_editor.textChanged.connect(self._note_typed)
        self.reattach_button.clicked.connect(self._reattach)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset,
                       self.model.dataChanged):
            signal.connect(self._model_changed)
        self.table.installEventFilter(self)
        self.orphan_table.installEventFilter(self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.note_editor.installEventFilter(self)

    def sizeHint(self) -> QSize:
        return PREFERRED_SIZE

    # --- keys: Delete removes, Enter edits the note, Ctrl+Enter saves it -------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched in (self.table, self.orphan_table):
            fit_columns(watched, watched.width())
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.table and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                ids = self.selected_ids()
                if ids:
                    self.delete_requested.emit(ids)
                return True
            ctrl_return = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if watched is self.note_editor and (ctrl_return or key == Qt.Key.Key_Escape):
                self.flush_note()
                self.table.setFocus()
                return True
        if watched is self.note_editor and event.type() == QEvent.Type.FocusOut:
            self.flush_note()
        return super().eventFilter(watched, event)

    # --- selection ----------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, ID_ROLE) for index in rows]

    def selected_id(self) -> str | None:
        current = self.table.currentIndex()
        return self.proxy.data(current, ID_ROLE) if current.isValid() else None

    def select_id(self, annotation_id: str) -> None:
        """Follow the article: select the row of ``annotation_id`` without activating it."""
        row = self.model.row_of(annotation_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, QUOTE))
        if index.isValid() and index != self.table.currentIndex():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        annotation_id = self.proxy.data(current, ID_ROLE) if current.isValid() else None
        self.flush_note()
        self._load_note(annotation_id)

    def _activate(self, index: QModelIndex) -> None:
        annotation_id = self.proxy.data(index, ID_ROLE)
        if annotation_id:
            self.activated.emit(annotation_id)

    # --- notes ---------------------------------------------------------------------------------
    def edit_note(self, annotation_id: str) -> None:
        """Open the note of ``annotation_id`` in the editor with the caret at its end."""
        if not annotation_id:
            return
        self.select_id(annotation_id)
        self._load_note(annotation_id)
        self.note_editor.setFocus()
        self.note_editor.moveCursor(self.note_editor.textCursor().MoveOperation.End)

    def _load_note(self, annotation_id: str | None) -> None:
        self._editing_id = annotation_id
        row = self.model.row_of(annotation_id) if annotation_id else -1
        self._show_note(self._stored_note(row))
        self.note_editor.setEnabled(row >= 0)
        self.note_editor.setPlaceholderText(NOTE_HINT if row >= 0 else NO_NOTE_TARGET)
        self._caption = self._caption_of(annotation_id) if annotation_id and row >= 0 else ""
        self._show_caption()

    def _caption_of(self, annotation_id: str) -> str:
        row = self.model.row_of(annotation_id)
        tags = ", ".join(self.model.index(row, QUOTE).data(TAGS_ROLE) or ()) or "No tag"
        created = self.model.index(row, CREATED).data(Qt.ItemDataRole.UserRole)
        links = "".join(f" · {line}" for line in self.model.link_lines(annotation_id))
        return f"Note · {tags} · {created_label(str(created))}{links}"

    def _show_caption(self) -> None:
        text = self._caption or "Note"
        metrics = self.note_caption.fontMetrics()
        width = max(self.note_caption.width(), 1)
        self.note_caption.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))
        self.note_caption.setToolTip(text if self._caption else "")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_caption()

    def _note_typed(self) -> None:
        if self._editing_id is not None:
            self._note_timer.start()  # saved a moment after the typing pauses

    def commit_note(self, continuing: bool = False) -> None:
        """Save what the editor holds; ``continuing`` joins the burst's undo step."""
        self._note_timer.stop()
        if self._editing_id is None:
            return
        row = self.model.row_of(self._editing_id)
        text = self.note_editor.toPlainText()
        if row >= 0 and text != self._stored_note(row):
            self.note_edited.emit(self._editing_id, text, continuing and self._burst)
            self._burst = True

    def flush_note(self) -> None:
        """Save any typing not saved yet and end the burst (selection change, focus, quit)."""
        if self._note_timer.isActive():
            self.commit_note(continuing=True)
        self._burst = False

    # --- the row's context menu ---------------------------------------------------------------
    def _row_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        annotation_id = self.proxy.data(index, ID_ROLE) if index.isValid() else None
        if not annotation_id:
            return
        self.table.setCurrentIndex(index)
        quote = str(self.model.index(self.model.row_of(annotation_id), QUOTE).data(
            QUOTE_TEXT_ROLE) or "")
        menu = row_menu(self.table, annotation_id, quote, index.data(TAGS_ROLE) or (),
                        self._tag_names, self.selected_ids(), edit_note=self.edit_note,
                        toggle_tag=self.tag_toggled.emit, delete=self.delete_requested.emit)
        self.row_menu = menu
        menu.popup(self.table.viewport().mapToGlobal(point))

    # --- filters, orphans, counts ------------------------------------------------------------
    def set_tag_names(self, names: list[str]) -> None:
        self._tag_names = list(names)
        chosen = self.tag_filter.currentText()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItems([ALL_TAGS, *names])
        self.tag_filter.setCurrentText(chosen if chosen in names else ALL_TAGS)
        self.tag_filter.blockSignals(False)
        self._tag_chosen(self.tag_filter.currentText())

    def _tag_chosen(self, text: str) -> None:
        self.proxy.set_tag("" if text == ALL_TAGS else text)
        self._update_counts()

    def _reattach(self) -> None:
        index = self.orphan_table.currentIndex()
        if not index.isValid():
            index = self.orphan_proxy.index(0, QUOTE)
        annotation_id = self.orphan_proxy.data(index, ID_ROLE)
        if annotation_id:
            self.reattach_requested.emit(annotation_id)

    def _model_changed(self, *_args) -> None:
        self._update_counts()
        if self._editing_id and self.model.row_of(self._editing_id) < 0:
            self._load_note(None)  # its annotation was deleted
        elif self._editing_id:
            self._caption = self._caption_of(self._editing_id)  # its tags may have changed
            self._show_caption()
            self._follow_stored_note(self._editing_id)

    def _follow_stored_note(self, annotation_id: str) -> None:
        """A note changed elsewhere (undone, redone, set by a command) shows in the editor,
        unless typing waits to be saved there: the reader's words are never overwritten."""
        if self._note_timer.isActive():
            return
        stored = self._stored_note(self.model.row_of(annotation_id))
        if stored != self.note_editor.toPlainText():
            self._show_note(stored)
            self.note_editor.moveCursor(self.note_editor.textCursor().MoveOperation.End)

    def _stored_note(self, row: int) -> str:
        """The note the model holds for ``row`` ("" for no row)."""
        return str(self.model.index(row, QUOTE).data(NOTE_ROLE) or "") if row >= 0 else ""

    def _show_note(self, text: str) -> None:
        self.note_editor.blockSignals(True)  # showing a note is not typing one
        self.note_editor.setPlainText(text)
        self.note_editor.blockSignals(False)

    def _update_counts(self, *_args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        orphans = self.orphan_proxy.rowCount()
        placed = total - orphans
        self.count_label.setText(count(placed, "annotation") if shown == placed
                                 else f"{shown:,} of {count(placed, 'annotation')}")
        self.orphan_label.setText(f"Orphaned ({orphans}): their text was not found")
        for widget in (self.orphan_label, self.orphan_table, self.reattach_button):
            widget.setVisible(orphans > 0)
        # A first-time reader sees how to start instead of an empty grid.
        self.table.setVisible(placed > 0)
        self.empty_hint.setVisible(placed == 0)
        self.setFocusProxy(self.table if placed else self.search)  # never a hidden widget
