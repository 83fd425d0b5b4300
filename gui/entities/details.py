"""One entity across the library: its names, roles, and its mentions, quotations and figures
article by article. Enter or a double click on a row asks to open the article there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from lectern.core.library.entities import EntityProfile, LibraryMention
from lectern.core.readouts.wording import count
from lectern.gui.entities.models import TYPE_NAMES, MentionsModel
from lectern.gui.widgets.list_table import list_table
from lectern.gui.widgets.row_model import ROW_ROLE


class EntityDetails(QWidget):
    mention_activated = Signal(object)  # LibraryMention

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("entityTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.tabs = QTabWidget()
        self.mentions = MentionsModel(self)
        self.quotes = MentionsModel(self)
        self.figures = MentionsModel(self)
        self.tables: list[QTableView] = []
        for model, name in ((self.mentions, "Mentions"), (self.quotes, "Quotes"),
                            (self.figures, "Figures")):
            view = list_table(model)
            view.setObjectName(f"entity{name}")
            header = view.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(0, 170)
            header.resizeSection(1, 86)
            header.setStretchLastSection(True)
            view.doubleClicked.connect(self._activated)
            view.installEventFilter(self)
            self.tables.append(view)
            self.tabs.addTab(view, name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.about)
        layout.addWidget(self.tabs, 1)
        self.clear()

    def clear(self) -> None:
        self.title.setText("No entity selected")
        self.about.setText("Select an entity to see where the library names it; Enter on a "
                           "mention opens the article there.")
        for model in (self.mentions, self.quotes, self.figures):
            model.set_mentions([], lambda m: "")
        self._name_tabs()

    def show_profile(self, profile: EntityProfile, sentence: Callable[[LibraryMention], str],
                     title: Callable[[int], tuple[str, str, int]]) -> None:
        """``title(article)``: (title, day, current version) of an article."""
        entity = profile.entity
        self.title.setText(entity.name)
        parts = [TYPE_NAMES.get(entity.label, entity.label), f"entity {entity.id}",
                 f"in {count(entity.articles, 'article')}",
                 count(entity.mentions, "mention")]
        if entity.first_seen:
            parts.append(f"first seen {entity.first_seen}, last {entity.last_seen}")
        lines = [" · ".join(parts)]
        if entity.aliases:
            lines.append("Also called: " + ", ".join(entity.aliases))
        roles = sorted(set(profile.roles.values()), key=str.casefold)
        if roles:
            lines.append("Roles: " + "; ".join(roles[:6]) + (" …" if len(roles) > 6 else ""))
        self.about.setText("\n".join(lines))
        self.mentions.set_mentions(profile.mentions, sentence)
        self.quotes.set_mentions(_evidence(profile.quotes, title), lambda m: m.words)
        self.figures.set_mentions(_evidence(profile.figures, title), lambda m: m.words)
        self._name_tabs()

    def _name_tabs(self) -> None:
        for n, (model, name) in enumerate(((self.mentions, "Mentions"),
                                           (self.quotes, "Quotes"),
                                           (self.figures, "Figures"))):
            self.tabs.setTabText(n, f"{name} ({len(model.all_rows)})")

    def _activated(self, index: QModelIndex) -> None:
        mention = index.data(ROW_ROLE)
        if mention is not None:
            self.mention_activated.emit(mention)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                isinstance(watched, QTableView):
            self._activated(watched.currentIndex())
            return True
        return False


def _evidence(items: list[tuple[int, int, int, str]],
              title: Callable[[int], tuple[str, str, int]]) -> list[LibraryMention]:
    """Quotations or figures listed like mentions, their own words in the last column."""
    found: list[LibraryMention] = []
    for article, start, end, text in items:
        name, day, version = title(article)
        found.append(LibraryMention(article, version, name, day, start, end,
                                    words=" ".join(text.split())))
    return found
