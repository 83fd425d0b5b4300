"""The Conflicts tab: each measure the articles give differently, and beside it its values
side by side, each with the articles' own sentences; a click opens an article there."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lectern.core.library.conflicts import Conflict
from lectern.core.library.figures import Figure
from lectern.core.readouts.wording import count
from lectern.gui.widgets.empty_state import EmptyState

FIGURE_ROLE = Qt.ItemDataRole.UserRole + 1
EXPANDED_UP_TO = 20  # conflicts listed open, each value beneath it; more start folded
MAX_PASSAGES = 12  # of one value shown in full beside the list; the list has every one


class ConflictsPane(QWidget):
    """``passage_activated(article, start, end)``: open an article at a figure."""

    passage_activated = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflicts: list[Conflict] = []
        self.sentence_of = lambda figure: ""  # set by the view: the figure's sentence
        self.tree = QTreeWidget()
        self.tree.setObjectName("conflictsList")
        self.tree.setHeaderLabels(["Measure · value", "As written", "Article"])
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 230)
        self.tree.setColumnWidth(1, 130)
        self.tree.header().setStretchLastSection(True)
        self.tree.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.tree.itemActivated.connect(lambda item, _col: self._open(item))
        self.sides = QWidget()
        self.sides_layout = QHBoxLayout(self.sides)
        self.sides_layout.setContentsMargins(8, 8, 8, 8)
        self.sides_layout.setSpacing(10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.sides)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(scroll)
        splitter.setSizes([520, 700])
        self.empty = EmptyState("No figure conflicts", "When two articles give different "
                                "values for the same measure (what a figure is of, its unit "
                                "and its period), they are listed here side by side.")
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(splitter)

    def set_conflicts(self, conflicts: list[Conflict], titles: dict[int, str]) -> None:
        self.conflicts = conflicts
        self.tree.clear()
        self._stack.setCurrentIndex(1 if conflicts else 0)
        for conflict in conflicts:
            top = QTreeWidgetItem([conflict.title, count(len(conflict.values), "value"),
                                   count(len(conflict.articles), "article")])
            top.setData(0, Qt.ItemDataRole.UserRole, conflict)
            top.setToolTip(0, conflict.title)
            for group in conflict.values:
                for figure in group.figures:
                    title = titles.get(figure.source.article, "")
                    child = QTreeWidgetItem([conflict.value_text(group), figure.written,
                                             f"{figure.source.article} · {title}"])
                    child.setData(0, FIGURE_ROLE, figure)
                    child.setToolTip(2, title)
                    top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(len(conflicts) <= EXPANDED_UP_TO)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _conflict_of(self, item: QTreeWidgetItem | None) -> Conflict | None:
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _show(self, item: QTreeWidgetItem | None) -> None:
        """The selected conflict's values side by side, each with its passages."""
        while self.sides_layout.count():
            taken = self.sides_layout.takeAt(0)
            old = taken.widget() if taken is not None else None
            if old is not None:
                old.deleteLater()
        conflict = self._conflict_of(item)
        if conflict is None:
            return
        for group in conflict.values:
            column = QFrame()
            column.setObjectName("conflictValue")
            column.setFrameShape(QFrame.Shape.StyledPanel)
            layout = QVBoxLayout(column)
            head = QLabel(f"<b>{escape(conflict.value_text(group))}</b> · "
                          f"{escape(count(len(group.articles), 'article'))}")
            layout.addWidget(head)
            for figure in group.figures[:MAX_PASSAGES]:
                layout.addWidget(self._passage(figure))
            if len(group.figures) > MAX_PASSAGES:
                more = QLabel(f"and {len(group.figures) - MAX_PASSAGES:,} more in the list")
                more.setEnabled(False)
                layout.addWidget(more)
            layout.addStretch(1)
            self.sides_layout.addWidget(column, 1)

    def _passage(self, figure: Figure) -> QLabel:
        sentence = self.sentence_of(figure) or figure.written
        written = escape(figure.written)
        shown = escape(sentence).replace(written, f"<b>{written}</b>", 1) if written else \
            escape(sentence)
        source = figure.source
        link = f"open:{source.article}:{source.start}:{source.end}"
        label = QLabel(f"<a href='{link}'>{escape(source.heading)}</a><br>“{shown}”")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        label.linkActivated.connect(self._link)
        return label

    def _link(self, link: str) -> None:
        _open, article, start, end = link.split(":")
        self.passage_activated.emit(int(article), int(start), int(end))

    def _open(self, item: QTreeWidgetItem | None) -> None:
        figure = item.data(0, FIGURE_ROLE) if item is not None else None
        if isinstance(figure, Figure):
            source = figure.source
            self.passage_activated.emit(source.article, source.start, source.end)
