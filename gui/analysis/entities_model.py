"""Entities as a tree: label group -> entity (name, role, mentions, value) -> each mention.

Wraps the Analysis without copying it; filtering and hiding rebuild only the small
list of visible entities, so a 300,000-mention article filters without a proxy model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from lectern.core.readouts.entity_groups import GROUPS, entity_details, group_of, mention_context
from lectern.gui.widgets.headers import column_title

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument
HEADERS = ("Name", "Details", "Mentions")  # details: a person's role, or a value
ENTITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MENTION_ROLE = Qt.ItemDataRole.UserRole + 2
MENTION_BASE = 1 << 24  # internal ids at or above this mark a mention row; below, an entity row

if TYPE_CHECKING:  # core.extract is imported on the worker thread, never at startup
    from lectern.core.extract.model import Analysis, Entity


class EntitiesModel(QAbstractItemModel):
    """Internal id 0: a group row; 1 + group: an entity row; MENTION_BASE + n: a mention row."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._analysis: Analysis | None = None
        self._text = ""
        self._filter = ""
        self._hidden: frozenset[str] = frozenset()
        self._show_hidden = False
        self._groups: list[tuple[str, list[Entity]]] = []
        self._flat: list[tuple[int, int]] = []  # flat entity number -> (group row, entity row)
        self._where: dict[str, tuple[int, int, int]] = {}  # id -> group row, row, flat number

    # --- feeding ---------------------------------------------------------------------
    def set_analysis(self, analysis: Analysis | None, text: str = "") -> None:
        self._analysis, self._text = analysis, text
        self._rebuild()

    def set_filter(self, text: str) -> None:
        self._filter = text.strip().casefold()
        self._rebuild()

    def set_hidden(self, keys: frozenset[str]) -> None:
        self._hidden = frozenset(keys)
        self._rebuild()

    @property
    def hidden(self) -> frozenset[str]:
        return self._hidden

    def set_show_hidden(self, show: bool) -> None:
        """List hidden entities too (greyed), so they can be shown again."""
        self._show_hidden = show
        self._rebuild()

    def is_hidden(self, entity: Entity) -> bool:
        return entity.key in self._hidden

    def _rebuild(self) -> None:
        self.beginResetModel()
        buckets: list[list[Entity]] = [[] for _ in GROUPS]
        for entity in self._analysis.entities if self._analysis else ():
            if (entity.key in self._hidden and not self._show_hidden) \
                    or not self._matches(entity):
                continue
            buckets[group_of(entity.label)].append(entity)
        self._groups, self._flat, self._where = [], [], {}
        for (title, _), entities in zip(GROUPS, buckets, strict=True):
            if not entities:
                continue
            entities.sort(key=lambda e: (-len(e.mentions), e.name.casefold()))
            group_row = len(self._groups)
            for row, entity in enumerate(entities):
                self._where[entity.id] = (group_row, row, len(self._flat))
                self._flat.append((group_row, row))
            self._groups.append((title, entities))
        self.endResetModel()

    def _matches(self, entity: Entity) -> bool:
        if not self._filter:
            return True
        return any(self._filter in (part or "").casefold()
                   for part in (entity.name, entity.role, entity.label))

    # --- lookups -----------------------------------------------------------------------
    def entity_at(self, index: Index) -> Entity | None:
        if not index.isValid():
            return None
        node = index.internalId()
        if node == 0:
            return None
        if node < MENTION_BASE:
            return self._groups[node - 1][1][index.row()]
        group_row, row = self._flat[node - MENTION_BASE]
        return self._groups[group_row][1][row]

    def index_of(self, entity_id: str, mention: int | None = None) -> QModelIndex:
        where = self._where.get(entity_id)
        if where is None:
            return QModelIndex()
        group_row, row, flat = where
        if mention is None:
            return self.createIndex(row, 0, 1 + group_row)
        return self.createIndex(mention, 0, MENTION_BASE + flat)

    def visible_entities(self) -> list[Entity]:
        return [e for _, entities in self._groups for e in entities]

    # --- QAbstractItemModel ---------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        node = parent.internalId()
        if node == 0:
            return self.createIndex(row, column, 1 + parent.row())
        if node < MENTION_BASE:
            flat = self._where[self._groups[node - 1][1][parent.row()].id][2]
            return self.createIndex(row, column, MENTION_BASE + flat)
        return QModelIndex()

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = index.internalId()
        if node == 0:
            return QModelIndex()
        if node < MENTION_BASE:
            return self.createIndex(node - 1, 0, 0)
        group_row, row = self._flat[node - MENTION_BASE]
        return self.createIndex(row, 0, 1 + group_row)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0:
            return 0
        node = parent.internalId()
        if node == 0:
            return len(self._groups[parent.row()][1])
        if node < MENTION_BASE:
            return len(self._groups[node - 1][1][parent.row()].mentions)
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_title(HEADERS, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node, column = index.internalId(), index.column()
        if node == 0:
            return self._group_data(index.row(), column, role)
        entity = self.entity_at(index)
        if entity is None:
            return None
        if role == ENTITY_ID_ROLE:
            return entity.id
        if node < MENTION_BASE:
            return self._entity_data(entity, column, role)
        if role == MENTION_ROLE:
            return index.row()
        return self._mention_data(entity, index.row(), column, role)

    def _group_data(self, row: int, column: int, role: int) -> Any:
        title, entities = self._groups[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return title
            if column == 2:
                return str(len(entities))
        if role == Qt.ItemDataRole.FontRole and column in (0, 2):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _entity_data(self, entity: Entity, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (entity.name, entity_details(entity), str(len(entity.mentions)))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            details = entity_details(entity)
            details_text = f" — {details}" if details else ""
            return f"{entity.name}{details_text} ({len(entity.mentions)} mentions)"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and entity.key in self._hidden:
            font = QFont()
            font.setItalic(True)
            font.setStrikeOut(True)  # listed only to be shown again
            return font
        return None

    def _mention_data(self, entity: Entity, row: int, column: int, role: int) -> Any:
        if column != 0 or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        mention = entity.mentions[row]
        return self.context(mention.start, mention.end)

    def context(self, start: int, end: int) -> str:
        return mention_context(self._text, start, end)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

