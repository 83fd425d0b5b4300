"""The Entities panel: a filterable tree of who and what the article names, with actions."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from lectern.core.extract.model import EntityLabel
from lectern.core.readouts.wording import count
from lectern.gui.analysis.entities_model import ENTITY_ID_ROLE, MENTION_ROLE, EntitiesModel
from lectern.gui.analysis.panel_base import AnalysisPanel
from lectern.gui.analysis.selection import Origin, Selection, SelectionCoordinator, SelectionKind
from lectern.gui.widgets.status_line import StatusLine

ORIGIN = Origin.ENTITIES
NAME_SAMPLE = 300  # names measured to size the Name column


class EntitiesPanel(AnalysisPanel):
    """Asks the coordinator to select; follows the coordinator's selection."""

    annotate_requested = Signal(str, object)  # entity id, mention index or None (all)
    hide_requested = Signal(str)  # entity id
    unhide_requested = Signal(str)  # entity id

    def __init__(self, selection: SelectionCoordinator, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, parent)
        self.selection = selection
        self.model = EntitiesModel(self)
        self._following = False

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter names, roles…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)

        self.tree = QTreeView()
        self.tree.setTabKeyNavigation(False)
        self.setFocusProxy(self.tree)
        self.tree.setObjectName("entitiesTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        # Names sized to the names shown (a sample, never every mention); the role or value
        # takes the rest; the count stays narrow. Cut text ends in "…" with a full tooltip.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, self.tree.fontMetrics().horizontalAdvance("Mentions") + 18)
        self.tree.viewport().installEventFilter(self)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

        self.count_label = StatusLine()
        self.annotate_button = QPushButton("Annotate")
        self.annotate_button.setToolTip("Turn the selected entity's mentions (or the selected "
                                        "mention) into annotations — one undo step")
        self.hide_button = QPushButton("Hide")
        self.hide_button.setToolTip("Hide this entity for this article (a wrong match); "
                                    "Undo brings it back")
        self.show_hidden_box = QCheckBox("Hidden")
        self.show_hidden_box.setToolTip("List the entities hidden in this article, to show "
                                        "them again")
        self.annotate_button.clicked.connect(self._annotate)
        self.hide_button.clicked.connect(self._hide)
        self.show_hidden_box.toggled.connect(self.model.set_show_hidden)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_hidden_box)
        buttons.addStretch(1)
        buttons.addWidget(self.annotate_button)
        buttons.addWidget(self.hide_button)

        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count_label)  # a line of its own: never squeezed by the buttons
        layout.addLayout(buttons)
        self.model.modelReset.connect(self._after_reset)
        selection.changed.connect(self.follow)
        self._update_buttons()

    # --- feeding ----------------------------------------------------------------------
    def set_analysis(self, analysis, text: str, hidden: frozenset[str]) -> None:
        self.model.set_hidden(hidden)
        self.model.set_analysis(analysis, text)
        if not analysis.entities:
            self.show_message("No names found", "This article names no people, places or "
                              "organisations that Lectern recognises.")
        else:
            self.show_content()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return False

    def _fit_columns(self) -> None:
        """The Name column as wide as the longest visible name, within half the tree."""
        metrics = self.tree.fontMetrics()
        names = [e.name for e in self.model.visible_entities()[:NAME_SAMPLE]]
        indent = self.tree.indentation() * 2 + 12
        widest = max((metrics.horizontalAdvance(n) for n in names), default=120) + indent
        room = self.tree.viewport().width() - self.tree.header().sectionSize(2)
        # Names first: in a narrow panel the role or value is the one cut short.
        share = 0.55 if room > 420 else 0.62
        self.tree.header().resizeSection(0, int(max(min(widest, room * share), 90)))

    def _after_reset(self) -> None:
        visible = self.model.visible_entities()
        people = sum(1 for e in visible if e.label == EntityLabel.PERSON)
        self.count_label.setText(f"{count(len(visible), 'entity', 'entities')} · "
                                 f"{count(people, 'person', 'people')}")
        # Groups open: People and Organisations are what readers look for first.
        for row in range(self.model.rowCount()):
            self.tree.setExpanded(self.model.index(row, 0), row < 3)
        self._fit_columns()
        self.follow(self.selection.current)
        self._update_buttons()

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        if text:
            self.tree.expandToDepth(0)

    # --- selection ----------------------------------------------------------------------
    def selected(self) -> tuple[str, int | None] | None:
        index = self.tree.currentIndex()
        entity_id = index.data(ENTITY_ID_ROLE) if index.isValid() else None
        if not entity_id:
            return None
        return entity_id, index.data(MENTION_ROLE)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        if self._following:
            return
        picked = self.selected()
        if picked:
            self.selection.select_entity(picked[0], picked[1], origin=ORIGIN)

    def follow(self, selection: Selection | None) -> None:
        """Show the coordinator's selection without asking it again."""
        self._following = True
        try:
            if selection is None or selection.kind != SelectionKind.ENTITY:
                self.tree.selectionModel().clearSelection()
                self.tree.setCurrentIndex(QModelIndex())
            elif selection.origin != ORIGIN:
                index = self.model.index_of(selection.id, selection.mention)
                if index.isValid():
                    flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                             | QItemSelectionModel.SelectionFlag.Rows)
                    self.tree.selectionModel().setCurrentIndex(index, flags)
                    self.tree.scrollTo(index)
        finally:
            self._following = False
        self._update_buttons()

    def _selected_entity(self):
        index = self.tree.currentIndex()
        return self.model.entity_at(index) if index.isValid() else None

    def _update_buttons(self) -> None:
        entity = self._selected_entity()
        self.annotate_button.setEnabled(entity is not None)
        self.hide_button.setEnabled(entity is not None)
        hidden = entity is not None and self.model.is_hidden(entity)
        self.hide_button.setText("Show" if hidden else "Hide")

    def _annotate(self) -> None:
        picked = self.selected()
        if picked:
            self.annotate_requested.emit(picked[0], picked[1])

    def _hide(self) -> None:
        entity = self._selected_entity()
        if entity is None:
            return
        if self.model.is_hidden(entity):
            self.unhide_requested.emit(entity.id)
        else:
            self.hide_requested.emit(entity.id)
