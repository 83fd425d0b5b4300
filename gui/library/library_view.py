"""The Library view: every article kept (sortable, with a filter box) and a search field
whose hits list the passages; Enter or a click on a hit opens the article at it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lectern.core.library.find import Hit
from lectern.core.readouts.wording import count
from lectern.core.store.library_rows import Article
from lectern.gui.library.models import ArticlesModel, HitsModel, article_matches
from lectern.gui.widgets.empty_state import EmptyState
from lectern.gui.widgets.list_table import list_table
from lectern.gui.widgets.marked_text import MarkedTextCell

EMPTY_HEADLINE = "Your library is empty"
EMPTY_DETAIL = ("Every article you open is kept here. To add many at once, choose "
                "File › Add to Library… (Ctrl+Shift+L) or Add Folder to Library…, drop "
                "files or a folder on the window, or run “python main.py add FOLDER” in a "
                "terminal.")
SEARCH_HINT = 'Search every article, quote, note and tag: words, "a phrase", pharma*, OR, NOT'
SEARCH_DELAY_MS = 250
COLUMN_WIDTHS = (300, 150, 92, 64, 56, 200)


class LibraryView(QWidget):
    search_requested = Signal(str)
    article_activated = Signal(int)  # article id
    hit_activated = Signal(object)  # Hit
    remove_requested = Signal(int)
    versions_requested = Signal(int)
    timeline_requested = Signal(list)  # the ids of the articles selected
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
        self.articles = ArticlesModel(self)
        self.hits = HitsModel(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(SEARCH_HINT)
        self.search.setClearButtonEnabled(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter articles by title, outlet, date or tag")
        self.filter.setClearButtonEnabled(True)
        self.add_button = QPushButton("Add to Library…")
        self.remove_button = QPushButton("Remove from Library")
        self.remove_button.setEnabled(False)
        self.versions_button = QPushButton("Versions…")
        self.versions_button.setEnabled(False)
        self.timeline_button = QPushButton("Timeline of Selected")
        self.timeline_button.setToolTip("The dated events and figures of the selected "
                                        "articles (Ctrl+click or Shift+click to select more)")
        self.timeline_button.setEnabled(False)
        self.summary = QLabel()
        self.hits_label = QLabel()

        self.table = list_table(self.articles)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title reads
        self.hit_table = list_table(self.hits)
        self.hit_table.setItemDelegateForColumn(2, MarkedTextCell(self.hit_table))
        hit_header = self.hit_table.horizontalHeader()
        hit_header.resizeSection(0, 64)
        hit_header.resizeSection(1, 260)
        hit_header.setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.add_button)
        hits_box = QWidget()
        hits_layout = QVBoxLayout(hits_box)
        hits_layout.setContentsMargins(0, 0, 0, 0)
        hits_layout.addWidget(self.hits_label)
        hits_layout.addWidget(self.hit_table)
        articles_box = QWidget()
        articles_layout = QVBoxLayout(articles_box)
        articles_layout.setContentsMargins(0, 0, 0, 0)
        articles_layout.addWidget(self.filter)
        articles_layout.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(hits_box)
        self.splitter.addWidget(articles_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        hits_box.hide()
        self.hits_box = hits_box
        self.empty = EmptyState(EMPTY_HEADLINE, EMPTY_DETAIL)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.splitter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.timeline_button)
        bottom.addWidget(self.versions_button)
        bottom.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self._enter_in_search)
        self.filter.textChanged.connect(self._filter)
        self.table.activated.connect(self._article_activated)
        self.table.doubleClicked.connect(self._article_activated)
        self.hit_table.activated.connect(self._hit_activated)
        self.hit_table.clicked.connect(self._hit_activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.remove_button.clicked.connect(self._remove)
        self.versions_button.clicked.connect(self._versions)
        self.timeline_button.clicked.connect(
            lambda: self.timeline_requested.emit(self.selected_ids()))
        self.add_button.clicked.connect(self.add_requested)

    # --- filling ---------------------------------------------------------------------------
    def set_articles(self, articles: list[Article]) -> None:
        self.articles.set_rows(articles)
        self.pages.setCurrentWidget(self.splitter if articles else self.empty)
        self.search.setEnabled(bool(articles))
        notes = sum(a.annotations for a in articles)
        self.summary.setText(f"{count(len(articles), 'article')} · "
                             f"{count(notes, 'annotation')}")
        self._selection_changed()

    def set_hits(self, query: str, hits: list[Hit], problem: str = "") -> None:
        self.hits.set_rows(hits)
        self.hits_box.setVisible(bool(query))
        if problem:
            self.hits_label.setText(problem)
        else:
            shown = query if query.startswith('"') else f"“{query}”"
            self.hits_label.setText(f"{count(len(hits), 'hit')} for {shown}"
                                    + (" — Enter opens the first" if hits else ""))
        if hits:
            self.hit_table.selectRow(0)

    # --- the reader's intent -----------------------------------------------------------------
    def _search(self) -> None:
        self.search_requested.emit(self.search.text().strip())

    def _enter_in_search(self) -> None:
        self._search_timer.stop()
        self._search()
        if self.hits.rows:
            self.hit_activated.emit(self.hits.rows[0])

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        self.articles.set_filter(article_matches(words) if words else None)

    def _article_activated(self, index: QModelIndex) -> None:
        article = self.articles.row_at(index)
        if article is not None:
            self.article_activated.emit(article.id)

    def _hit_activated(self, index: QModelIndex) -> None:
        hit = self.hits.row_at(index)
        if hit is not None:
            self.hit_activated.emit(hit)

    def selected_article(self) -> Article | None:
        """The one article selected (None when none is, or several are)."""
        rows = self.table.selectionModel().selectedRows()
        return self.articles.row_at(rows[0]) if len(rows) == 1 else None

    def selected_ids(self) -> list[int]:
        rows = (self.articles.row_at(i) for i in self.table.selectionModel().selectedRows())
        return sorted(article.id for article in rows if article is not None)

    def _selection_changed(self, *_: object) -> None:
        one = self.selected_article() is not None  # removing and versions: one at a time
        self.remove_button.setEnabled(one)
        self.versions_button.setEnabled(one)
        self.timeline_button.setEnabled(bool(self.selected_ids()))

    def _versions(self) -> None:
        article = self.selected_article()
        if article is not None:
            self.versions_requested.emit(article.id)

    def _remove(self) -> None:
        article = self.selected_article()
        if article is not None:
            self.remove_requested.emit(article.id)
