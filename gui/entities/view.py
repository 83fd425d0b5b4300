"""The Entities view across the library: the entities (filter, type), one entity's mentions
beside them, the suggested merges below, and curation by menu, button or key.

Keys while the view has focus: F2 rename, T retype, M merge the selected entities into the
current one, S split, Delete reject; in the suggestions A accepts and R dismisses; Ctrl+Z
undoes the last curation step (the store's undo, not the article's). The view only says
what was asked (signals); the feature runs core's use cases.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lectern.core.library.entities import LibraryEntity
from lectern.core.library.entity_names import NAMED_LABELS
from lectern.core.library.entity_suggestions import Suggestion
from lectern.core.readouts.wording import count
from lectern.gui.entities.details import EntityDetails
from lectern.gui.entities.models import TYPE_NAMES, LibraryEntitiesModel, SuggestionsModel
from lectern.gui.widgets.empty_state import EmptyState
from lectern.gui.widgets.list_table import list_table

ALL_TYPES = "All types"
FILTER_DELAY_MS = 150
ENTITY_KEYS = {Qt.Key.Key_F2: "rename", Qt.Key.Key_T: "retype", Qt.Key.Key_M: "merge",
               Qt.Key.Key_S: "split", Qt.Key.Key_Delete: "reject"}
SUGGESTION_KEYS = {Qt.Key.Key_A: "accept", Qt.Key.Key_R: "dismiss"}
NO_ENTITIES = ("No entities across the library yet",
               "Add articles to the library (File › Add to Library…); once they are analysed, "
               "the people, organisations and places they name are listed here, one entry per "
               "name across every article.")
WAITING = ("Bringing the library's analyses into the entity index…",
           "Articles analysed before this index existed are being taken in, in the "
           "background; the list fills in when that is done.")


class LibraryEntitiesView(QWidget):
    entity_selected = Signal(int)
    mention_activated = Signal(object)  # LibraryMention
    rename_requested = Signal(int, str)
    retype_requested = Signal(int, str)
    merge_requested = Signal(int, int)  # keep, other
    split_requested = Signal(int)
    reject_requested = Signal(int)
    accept_requested = Signal(int, int)  # keep, other
    dismiss_requested = Signal(int, int)
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryEntitiesView")
        self.model = LibraryEntitiesModel(self)
        self.suggestions = SuggestionsModel(self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter names and aliases…")
        self.filter_edit.setClearButtonEnabled(True)
        self.type_box = QComboBox()
        self.type_box.addItem(ALL_TYPES, "")
        for label in NAMED_LABELS:
            self.type_box.addItem(TYPE_NAMES[label], label)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Undo the last curation step (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo_requested)
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(lambda _: self._timer.start())
        self.type_box.currentIndexChanged.connect(lambda _: self._apply_filter())

        self.table = list_table(self.model)
        self.table.setObjectName("libraryEntitiesTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        for column, width in enumerate((180, 92, 120, 62, 70, 86, 86)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # names are what is read
        header.setStretchLastSection(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.count_label = QLabel()
        self.count_label.setEnabled(False)

        self.buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for step, text, key in (("rename", "Rename…", "F2"), ("retype", "Retype…", "T"),
                                ("merge", "Merge", "M"), ("split", "Split", "S"),
                                ("reject", "Reject", "Del")):
            button = QPushButton(text)
            button.setToolTip(f"{_TIPS[step]} ({key})")
            button.clicked.connect(lambda _=False, s=step: self.run(s))
            self.buttons[step] = button
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.suggestion_table = list_table(self.suggestions)
        self.suggestion_table.setObjectName("entitySuggestions")
        for column, width in enumerate((200, 200, 96)):
            self.suggestion_table.horizontalHeader().resizeSection(column, width)
        self.suggestion_table.horizontalHeader().setStretchLastSection(True)
        self.suggestion_label = QLabel()
        self.accept_button = QPushButton("Accept (A)")
        self.accept_button.clicked.connect(lambda: self.run_suggestion("accept"))
        self.dismiss_button = QPushButton("Dismiss (R)")
        self.dismiss_button.clicked.connect(lambda: self.run_suggestion("dismiss"))
        suggestion_bar = QHBoxLayout()
        suggestion_bar.addWidget(self.suggestion_label, 1)
        suggestion_bar.addWidget(self.accept_button)
        suggestion_bar.addWidget(self.dismiss_button)

        self.details = EntityDetails()
        self.details.mention_activated.connect(self.mention_activated)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 3)
        left_layout.addWidget(self.count_label)
        left_layout.addLayout(buttons)
        left_layout.addLayout(suggestion_bar)
        left_layout.addWidget(self.suggestion_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 560])  # the sentences want room as much as the list

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.type_box)
        bar.addWidget(self.undo_button)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(bar)
        content_layout.addWidget(self.splitter, 1)
        self.empty = EmptyState(*NO_ENTITIES)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.stack)
        self.setFocusProxy(self.table)
        for widget in (self.table, self.suggestion_table, *self.details.tables):
            widget.installEventFilter(self)
        self._update_buttons()

    # --- feeding ---------------------------------------------------------------------------
    def set_entities(self, entities: list[LibraryEntity], keep: int | None = None,
                     analysing: int = 0) -> None:
        """The list; ``analysing``: articles still to be analysed (said when it is empty)."""
        current = keep if keep is not None else self.current_id()
        self.model.set_rows(entities)
        if not entities:
            self.empty.set_text(*(_analysing(analysing) if analysing else NO_ENTITIES))
        self.stack.setCurrentIndex(0 if entities else 1)
        self._apply_filter(current)

    def waiting(self) -> None:
        """Analyses kept before the entity index existed are being taken in (the worker's
        progress bar shows it); the list comes when they are."""
        if not self.model.rowCount():
            self.empty.set_text(*WAITING)
            self.stack.setCurrentIndex(1)

    def set_suggestions(self, found: list[Suggestion]) -> None:
        self.suggestions.set_rows(found)
        self.suggestion_label.setText(f"Suggested merges ({len(found)}): A accepts, R "
                                      "dismisses" if found else "No merges to suggest")
        for widget in (self.suggestion_table, self.accept_button, self.dismiss_button):
            widget.setVisible(bool(found))
        if found:
            self.suggestion_table.selectRow(0)
        self._update_buttons()

    def set_undo(self, label: str | None) -> None:
        self.undo_button.setEnabled(label is not None)
        self.undo_button.setToolTip(f"Undo {label} (Ctrl+Z)" if label else "Nothing to undo")

    def _apply_filter(self, keep: int | None = None) -> None:
        current = keep if keep is not None else self.current_id()
        words = self.filter_edit.text().strip().casefold()
        label = self.type_box.currentData()

        def wanted(row: LibraryEntity) -> bool:
            if label and row.label != label:
                return False
            return not words or words in row.name.casefold() or \
                any(words in alias.casefold() for alias in row.aliases)

        self.model.set_filter(wanted if words or label else None)
        shown = self.model.rows
        people = sum(1 for e in shown if e.label == "PERSON")
        self.count_label.setText(f"{count(len(shown), 'entity', 'entities')} · "
                                 f"{count(people, 'person', 'people')}")
        row = self.model.row_of(current) if current is not None else -1
        if row < 0 and shown:
            row = 0  # the most widely named, so the mentions beside it are never blank
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.details.clear()
        self._update_buttons()

    # --- selection -------------------------------------------------------------------------
    def current_id(self) -> int | None:
        entity = self.model.row_at(self.table.currentIndex())
        return entity.id if entity is not None else None

    def selected(self) -> list[LibraryEntity]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def select_ids(self, ids: list[int]) -> None:
        """Select these entities, the first current (tests, and a merge picked by hand)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        for n, entity_id in enumerate(ids):
            row = self.model.row_of(entity_id)
            if row < 0:
                continue
            flags = QItemSelectionModel.SelectionFlag.Select | \
                QItemSelectionModel.SelectionFlag.Rows
            if n == 0:
                selection.setCurrentIndex(self.model.index(row, 0), flags)
            else:
                selection.select(self.model.index(row, 0), flags)

    def _current_changed(self, *_: object) -> None:
        entity_id = self.current_id()
        if entity_id is not None:
            self.entity_selected.emit(entity_id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        picked = self.selected()
        one = self.current_id() is not None
        self.buttons["rename"].setEnabled(one)
        self.buttons["retype"].setEnabled(one)
        self.buttons["split"].setEnabled(one)
        self.buttons["reject"].setEnabled(one)
        self.buttons["merge"].setEnabled(len(picked) >= 2)
        current = self.model.row_at(self.table.currentIndex())
        self.buttons["merge"].setText(f"Merge into “{_short(current.name)}”" if current and
                                      len(picked) >= 2 else "Merge")
        has = self.suggestions.row_at(self.suggestion_table.currentIndex()) is not None
        self.accept_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)

    # --- curation --------------------------------------------------------------------------
    def run(self, step: str) -> None:
        entity = self.model.row_at(self.table.currentIndex())
        if entity is None:
            return
        if step == "rename":
            name, ok = QInputDialog.getText(self, "Rename entity", f"New name for "
                                            f"“{entity.name}” in every article:",
                                            text=entity.name)
            if ok and name.strip() and name.strip() != entity.name:
                self.rename_requested.emit(entity.id, name.strip())
        elif step == "retype":
            labels = [TYPE_NAMES[label] for label in NAMED_LABELS]
            picked, ok = QInputDialog.getItem(self, "Change type", f"“{entity.name}” is:",
                                              labels, labels.index(TYPE_NAMES[entity.label]),
                                              False)
            if ok and NAMED_LABELS[labels.index(picked)] != entity.label:
                self.retype_requested.emit(entity.id, NAMED_LABELS[labels.index(picked)])
        elif step == "merge":
            for other in self.selected():
                if other.id != entity.id:
                    self.merge_requested.emit(entity.id, other.id)
        elif step == "split":
            self.split_requested.emit(entity.id)
        elif step == "reject":
            self.reject_requested.emit(entity.id)

    def run_suggestion(self, step: str) -> None:
        found = self.suggestions.row_at(self.suggestion_table.currentIndex())
        if found is None:
            return
        signal = self.accept_requested if step == "accept" else self.dismiss_requested
        signal.emit(found.keep.id, found.other.id)

    def _menu(self, where: QPoint) -> None:
        if self.current_id() is None:
            return
        menu = QMenu(self)
        for step, text, key in (("rename", "Rename…", "F2"), ("retype", "Change Type…", "T"),
                                ("merge", self.buttons["merge"].text(), "M"),
                                ("split", "Split a Wrong Merge", "S"),
                                ("reject", "Reject (Not an Entity)", "Del")):
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, s=step: self.run(s))
            action.setShortcut(QKeySequence(key))
            action.setEnabled(self.buttons[step].isEnabled())
        menu.popup(self.table.viewport().mapToGlobal(where))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or \
                not isinstance(event, QKeyEvent):
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            event.accept()  # the store's curation undo, not the article's Edit › Undo
            if kind == QEvent.Type.KeyPress:
                self.undo_requested.emit()
            return True
        if kind != QEvent.Type.KeyPress or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = Qt.Key(event.key())
        if watched is self.table and key in ENTITY_KEYS:
            self.run(ENTITY_KEYS[key])
            return True
        if watched is self.suggestion_table and key in SUGGESTION_KEYS:
            self.run_suggestion(SUGGESTION_KEYS[key])
            return True
        return False


_TIPS = {"rename": "Give the entity another name, in every article",
         "retype": "Change the entity's type",
         "merge": "Merge the selected entities into the current one: their names become "
                  "its aliases",
         "split": "Split a wrong merge: the merged entities come back",
         "reject": "Not an entity (a false positive): left out of every article"}


def _analysing(count: int) -> tuple[str, str]:
    articles = f"{count:,} article" + ("" if count == 1 else "s")
    return (f"Analysing {articles}…", "The people, organisations and places they name are "
            "listed here as each analysis is done; the progress bar below shows how far it is.")


def _short(name: str, chars: int = 22) -> str:
    return name if len(name) <= chars else name[:chars - 1] + "…"

