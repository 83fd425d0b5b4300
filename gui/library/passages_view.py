"""The Passages view: every annotation of the library, filtered by tags (any or all),
words, article, outlet and the articles' dates; each with its quote in context, tags and
note. A click opens it in its article; Export writes the list as it stands."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lectern.core.library.passages import PassageList, PassageQuery
from lectern.core.readouts.wording import count
from lectern.core.store.library_rows import Article, Passage
from lectern.gui.library.passages_model import PassagesModel
from lectern.gui.widgets.empty_state import EmptyState
from lectern.gui.widgets.list_table import list_table
from lectern.gui.widgets.marked_text import MarkedTextCell

ANY, ALL = "any of these tags", "all of these tags"
ALL_ARTICLES, ALL_OUTLETS = "All articles", "All outlets"
FILTER_DELAY_MS = 250
EXPORT_KINDS = (("csv", "CSV…"), ("markdown", "Markdown (quotes with citations)…"),
                ("w3c", "W3C Annotation Collection…"))
COLUMN_WIDTHS = (170, 100, 84, 400, 110, 130)


class PassagesView(QWidget):
    query_changed = Signal(object)  # PassageQuery
    passage_activated = Signal(object)  # Passage
    export_requested = Signal(str)  # csv, markdown, w3c

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passagesView")
        self.model = PassagesModel(self)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Tags, e.g. Claim, Quote")
        self.match = QComboBox()
        self.match.addItems([ANY, ALL])
        self.words = QLineEdit()
        self.words.setPlaceholderText("Words in the quote or note")
        self.words.setClearButtonEnabled(True)
        self.article = QComboBox()
        self.article.setMinimumContentsLength(18)
        self.article.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.outlet = QComboBox()
        self.dated_from = QLineEdit()
        self.dated_to = QLineEdit()
        for field, hint in ((self.dated_from, "from YYYY-MM-DD"),
                            (self.dated_to, "to YYYY-MM-DD")):
            field.setPlaceholderText(hint)
            field.setMaximumWidth(field.fontMetrics().horizontalAdvance("from YYYY-MM-DD__"))
        self.export_button = QPushButton("Export")
        menu = QMenu(self.export_button)
        for kind, text in EXPORT_KINDS:
            action = menu.addAction(text)
            action.setData(kind)
        menu.triggered.connect(lambda action: self.export_requested.emit(action.data()))
        self.export_button.setMenu(menu)
        self.summary = QLabel()
        self.table = list_table(self.model)
        self.table.setSortingEnabled(True)
        # Unsorted at first: article by article, each in reading order.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(3, MarkedTextCell(self.table))
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the passage reads
        self.empty = EmptyState("No passages yet",
                                "Passages are the annotations of every article in the library. "
                                "Highlight and tag passages while reading, then find them all "
                                "here, filtered by tag, outlet and date.")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.table)

        filters = QHBoxLayout()
        for widget, stretch in ((self.tags, 2), (self.match, 0), (self.words, 2),
                                (self.article, 1), (self.outlet, 1), (self.dated_from, 0),
                                (self.dated_to, 0)):
            filters.addWidget(widget, stretch)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.emit_query)
        for field in (self.tags, self.words, self.dated_from, self.dated_to):
            field.textChanged.connect(lambda _: self._timer.start())
        for box in (self.match, self.article, self.outlet):
            box.currentIndexChanged.connect(lambda _: self.emit_query())
        self.table.clicked.connect(self._activated)
        self.table.activated.connect(self._activated)

    def set_articles(self, articles: list[Article]) -> None:
        """The article and outlet choices (kept when still there)."""
        chosen_article, chosen_outlet = self.article.currentData(), self.outlet.currentText()
        for box in (self.article, self.outlet):
            box.blockSignals(True)
            box.clear()
        self.article.addItem(ALL_ARTICLES, None)
        for a in sorted(articles, key=lambda a: a.display_title.casefold()):
            if a.annotations:
                self.article.addItem(a.display_title, a.id)
        self.outlet.addItem(ALL_OUTLETS)
        self.outlet.addItems(sorted({a.outlet for a in articles if a.outlet}, key=str.casefold))
        self.article.setCurrentIndex(max(0, self.article.findData(chosen_article)))
        self.outlet.setCurrentIndex(max(0, self.outlet.findText(chosen_outlet)))
        for box in (self.article, self.outlet):
            box.blockSignals(False)

    def query(self) -> PassageQuery:
        tags = tuple(t.strip() for t in self.tags.text().split(",") if t.strip())
        outlet = self.outlet.currentText() if self.outlet.currentIndex() > 0 else None
        return PassageQuery(tags=tags, all_tags=self.match.currentText() == ALL,
                            words=self.words.text(), article=self.article.currentData(),
                            outlet=outlet, dated_from=_day(self.dated_from.text()),
                            dated_to=_day(self.dated_to.text()))

    def emit_query(self) -> None:
        self._timer.stop()
        self.query_changed.emit(self.query())

    def set_passages(self, passages: Sequence[Passage], filtered: bool) -> None:
        self.model.set_rows(passages)
        self.pages.setCurrentWidget(self.table if passages or filtered else self.empty)
        articles = (passages.texts if isinstance(passages, PassageList)
                    else len({p.fingerprint for p in passages}))
        self.summary.setText(f"{count(len(passages), 'passage')} in "
                             f"{count(articles, 'article')}")
        self.export_button.setEnabled(bool(passages))

    def _activated(self, index: QModelIndex) -> None:
        passage = self.model.row_at(index)
        if passage is not None:
            self.passage_activated.emit(passage)


def _day(text: str) -> str | None:
    """A typed date when it is one (a half-typed one filters nothing yet)."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("yyyy-MM-dd", "yyyy-MM", "yyyy"):
        if QDate.fromString(text, fmt).isValid():
            return text
    return None
