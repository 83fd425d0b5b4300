"""A table over the core AnnotationSet: quote, tags, note, created. It holds no data of its own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from lectern.core.annotations import Annotation, AnnotationSet, ChangeKind, SetChange
from lectern.core.links import Link
from lectern.core.readouts.link_wording import link_lines
from lectern.core.tags import TagScheme
from lectern.gui.widgets.headers import column_title

COLUMNS = ("Quote", "Tags", "Note", "Created")
QUOTE, TAGS, NOTE, CREATED = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the annotation's id
ORPHAN_ROLE = Qt.ItemDataRole.UserRole + 2  # True for annotations that could not be placed
TAGS_ROLE = Qt.ItemDataRole.UserRole + 3  # the tag names as a tuple
NOTE_ROLE = Qt.ItemDataRole.UserRole + 4  # the whole note, "" without one
COLOURS_ROLE = Qt.ItemDataRole.UserRole + 5  # the tags' colours ("#rrggbb"), in tag order
QUOTE_TEXT_ROLE = Qt.ItemDataRole.UserRole + 6  # the whole quote, as in the article
QUOTE_CHARS = 120
TOOLTIP_QUOTE_CHARS = 300
AnyIndex = QModelIndex | QPersistentModelIndex


def _one_line(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def created_label(created: str) -> str:
    """``2026-03-14T09:05:12.345Z`` as ``2026-03-14 09:05 UTC``."""
    return created[:16].replace("T", " ") + " UTC" if len(created) >= 16 else created


ARTICLE_NOTE_LABEL = "Note on the whole article"


def _summary(annotation: Annotation, links: list[str]) -> str:
    """Everything about one annotation, for the tooltip of a narrow row."""
    lines = [f"“{_one_line(annotation.exact, TOOLTIP_QUOTE_CHARS)}”" if annotation.exact
             else ARTICLE_NOTE_LABEL, "Tags: " + (", ".join(annotation.tags) or "none")]
    if annotation.note:
        lines.append("Note: " + annotation.note)
    lines += ["Linked: " + line for line in links]
    lines.append("Created " + created_label(annotation.created))
    return "\n".join(lines)


class AnnotationsModel(QAbstractTableModel):
    """Rows follow the set's order; its before/after events become begin/end row calls."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._set: AnnotationSet | None = None
        self._scheme: TagScheme | None = None
        self._links: Callable[[str], list[Link]] = lambda _id: []

    def set_links(self, links_of: Callable[[str], list[Link]]) -> None:
        """Where each annotation's links come from (the session), for the tooltips."""
        self._links = links_of

    def link_lines(self, annotation_id: str) -> list[str]:
        find = self._set.get if self._set is not None else (lambda _id: None)
        return link_lines(annotation_id, self._links(annotation_id), find)

    def set_source(self, annotations: AnnotationSet | None, scheme: TagScheme | None) -> None:
        self.beginResetModel()
        if self._set is not None:
            self._set.unsubscribe(self._on_change)
        self._set, self._scheme = annotations, scheme
        if annotations is not None:
            annotations.subscribe(self._on_change)
        self.endResetModel()

    def _on_change(self, change: SetChange) -> None:
        root = QModelIndex()
        kind, row = change.kind, change.row
        if kind is ChangeKind.BEFORE_INSERT:
            self.beginInsertRows(root, row, row)
        elif kind is ChangeKind.AFTER_INSERT:
            self.endInsertRows()
        elif kind is ChangeKind.BEFORE_REMOVE:
            self.beginRemoveRows(root, row, row)
        elif kind is ChangeKind.AFTER_REMOVE:
            self.endRemoveRows()
        elif kind is ChangeKind.CHANGED:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        elif kind is ChangeKind.BEFORE_RESET:
            self.beginResetModel()
        elif kind is ChangeKind.AFTER_RESET:
            self.endResetModel()

    def scheme_changed(self) -> None:
        """Tag names or colours changed: every row's tags column may read differently."""
        if self.rowCount():
            self.dataChanged.emit(self.index(0, TAGS), self.index(self.rowCount() - 1, TAGS))

    # --- the model interface ----------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._set is None else len(self._set)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        return column_title(COLUMNS, section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._set is None or index.row() >= len(self._set):
            return None
        annotation = self._set[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == QUOTE:
                return _one_line(annotation.exact) if annotation.exact else ARTICLE_NOTE_LABEL
            if column == TAGS:
                return ", ".join(annotation.tags) or "—"
            if column == NOTE:
                return _one_line(annotation.note, 80)
            if column == CREATED:
                return annotation.created[:10]
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == NOTE:
                return annotation.note or None
            return _summary(annotation, self.link_lines(annotation.id))
        elif role == Qt.ItemDataRole.DecorationRole and column == TAGS and self._scheme:
            tag = annotation.tags[0] if annotation.tags else ""
            return QColor(self._scheme.colour_of(tag)) if tag else None
        elif role == NOTE_ROLE:
            return annotation.note
        elif role == COLOURS_ROLE:
            scheme = self._scheme
            return tuple(scheme.colour_of(t) if scheme else "" for t in annotation.tags)
        elif role == ID_ROLE:
            return annotation.id
        elif role == QUOTE_TEXT_ROLE:
            return annotation.exact
        elif role == ORPHAN_ROLE:
            return annotation.is_orphan
        elif role == TAGS_ROLE:
            return annotation.tags
        elif role == Qt.ItemDataRole.UserRole and column == CREATED:
            return annotation.created  # sorts as time
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @property
    def annotations(self) -> AnnotationSet | None:
        """The set shown (the proxies filter straight on it, not through ``data``)."""
        return self._set

    def row_of(self, annotation_id: str) -> int:
        return -1 if self._set is None else self._set.row_of(annotation_id)
