"""The Quote Ledger view: quotations found in several articles, each entry with its
occurrences (the earliest article first), their flags (truncated, paraphrased, credited to
another speaker) and the word-level differences of each wording: words it lacks struck
through and greyed, words it adds underlined. A click on an occurrence opens its article at
the quotation."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lectern.core.library.ledger import (
    ATTRIBUTION,
    PARAPHRASED,
    TRUNCATED,
    LedgerEntry,
    word_diff,
)
from lectern.core.readouts.wording import count
from lectern.gui.shell.theme import is_dark
from lectern.gui.widgets.empty_state import EmptyState

FLAG_TEXT = {None: "", TRUNCATED: "truncated", PARAPHRASED: "paraphrased",
             ATTRIBUTION: "other speaker"}
FLAG_LIGHT = {TRUNCATED: "#9a6700", PARAPHRASED: "#6f42c1", ATTRIBUTION: "#b42318"}
FLAG_DARK = {TRUNCATED: "#e3b341", PARAPHRASED: "#c9a0f0", ATTRIBUTION: "#ff8a80"}
MAX_WORDINGS = 40  # distinct wordings shown with their differences; the rest are counted
QUOTE_CHARS = 140


def flag_colours(widget: QWidget) -> dict[str, str]:
    return FLAG_DARK if is_dark(widget.palette()) else FLAG_LIGHT


class QuoteLedgerView(QWidget):
    occurrence_activated = Signal(object)  # Occurrence
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteLedgerView")
        self.entries: list[LedgerEntry] = []
        heading = QLabel("Quote Ledger")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.summary = QLabel()
        self.summary.setEnabled(False)
        self.entry_list = QTreeWidget()
        self.entry_list.setHeaderLabels(["Quotation", "Articles", "Flagged"])
        self.entry_list.setRootIsDecorated(False)
        self.entry_list.setUniformRowHeights(True)
        self.entry_list.setAlternatingRowColors(True)
        header = self.entry_list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.entry_list.currentItemChanged.connect(lambda *_: self._show_entry())
        self.quote = QLabel()
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.RichText)
        self.occurrences = QTreeWidget()
        self.occurrences.setHeaderLabels(["Date", "Article", "Outlet", "Speaker", "Differs"])
        self.occurrences.setRootIsDecorated(False)
        self.occurrences.setUniformRowHeights(True)
        self.occurrences.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.occurrences.header().setStretchLastSection(False)
        self.occurrences.itemActivated.connect(self._activated)
        self.occurrences.itemClicked.connect(self._activated)
        self.wordings = QTextBrowser()
        self.wordings.setOpenLinks(False)
        self.wordings.anchorClicked.connect(self._anchor)
        detail = QWidget()
        side = QVBoxLayout(detail)
        side.setContentsMargins(8, 0, 0, 0)
        side.addWidget(self.quote)
        side.addWidget(self.occurrences, 2)
        side.addWidget(self.wordings, 3)
        splitter = QSplitter()
        splitter.addWidget(self.entry_list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.empty = EmptyState(
            "No quotation appears in two articles yet",
            "When the same words are quoted in several articles of the library, identical "
            "or nearly, they are listed here with the earliest article first.")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)

    def set_entries(self, entries: Sequence[LedgerEntry]) -> None:
        self.entries = list(entries)
        flagged = sum(e.flagged > 0 for e in self.entries)
        self.summary.setText(f"{count(len(self.entries), 'quotation')} found in more than one "
                             f"article; {flagged:,} with differences" if self.entries else "")
        self.entry_list.clear()
        items = []
        for n, entry in enumerate(self.entries):
            item = QTreeWidgetItem([_short(entry.text), f"{entry.articles:,}",
                                    _flags(entry)])
            item.setData(0, Qt.ItemDataRole.UserRole, n)
            item.setToolTip(0, entry.text)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        self.entry_list.addTopLevelItems(items)
        self.stack.setCurrentIndex(1 if self.entries else 0)
        if items:
            self.entry_list.setCurrentItem(items[0])
            self.entry_list.resizeColumnToContents(1)
            self.entry_list.resizeColumnToContents(2)

    def waiting(self) -> None:
        self.summary.setText("Bringing the library's analyses up to date…")

    def current_entry(self) -> LedgerEntry | None:
        item = self.entry_list.currentItem()
        return None if item is None else self.entries[item.data(0, Qt.ItemDataRole.UserRole)]

    def _show_entry(self) -> None:
        entry = self.current_entry()
        self.occurrences.clear()
        if entry is None:
            self.quote.clear()
            self.wordings.clear()
            return
        speakers = ", ".join(entry.speakers) or "no speaker named"
        self.quote.setText(f"<p style='font-size:large'>“{escape(entry.text)}”</p>"
                           f"<p>{escape(speakers)} · in {count(entry.articles, 'article')}</p>")
        colours = flag_colours(self)
        rows = []
        for n, occurrence in enumerate(entry.occurrences):
            q = occurrence.quote
            item = QTreeWidgetItem([q.published or "—", q.title or f"Article {q.article}",
                                    q.outlet, q.quote.speaker or "—",
                                    FLAG_TEXT[occurrence.differs]])
            item.setData(0, Qt.ItemDataRole.UserRole, n)
            if occurrence.differs:
                item.setForeground(4, QBrush(QColor(colours[occurrence.differs])))
            item.setToolTip(1, "Click to open the article at the quotation")
            rows.append(item)
        self.occurrences.addTopLevelItems(rows)
        for column in (0, 2, 3, 4):
            self.occurrences.resizeColumnToContents(column)
        self.wordings.setHtml(_wordings_html(entry, colours))

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.occurrence_activated.emit(entry.occurrences[item.data(0,
                                                                        Qt.ItemDataRole.UserRole)])

    def _anchor(self, url: QUrl) -> None:
        entry = self.current_entry()
        if entry is not None and url.scheme() == "occurrence":
            self.occurrence_activated.emit(entry.occurrences[int(url.path() or url.host())])


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[:QUOTE_CHARS - 1] + "…"


def _flags(entry: LedgerEntry) -> str:
    found = dict.fromkeys(FLAG_TEXT[o.differs] for o in entry.occurrences if o.differs)
    return ", ".join(found)


def _wordings_html(entry: LedgerEntry, colours: dict[str, str]) -> str:
    """Each distinct wording (and speaker) once, its differences from the entry marked."""
    seen: dict[tuple[str, str], list[int]] = {}
    for n, o in enumerate(entry.occurrences):
        seen.setdefault((o.quote.quote.normalised, o.quote.quote.speaker_key), []).append(n)
    blocks = []
    for (_, _), numbers in list(seen.items())[:MAX_WORDINGS]:
        first = entry.occurrences[numbers[0]]
        words = []
        for word, kind in word_diff(entry.text, first.quote.quote.text):
            if kind == "missing":
                words.append(f"<s style='color:gray'>{escape(word)}</s>")
            elif kind == "added":
                words.append(f"<u><b>{escape(word)}</b></u>")
            else:
                words.append(escape(word))
        flag = first.differs
        badge = (f" <span style='color:{colours[flag]}'><b>{FLAG_TEXT[flag]}</b></span>"
                 if flag else "")
        where = f"{count(len(numbers), 'article')}" if len(numbers) > 1 else \
            escape(first.quote.title or f"Article {first.quote.article}")
        blocks.append(f"<p><a href='occurrence:{numbers[0]}'>{where}</a> · "
                      f"{escape(first.quote.quote.speaker or 'no speaker')}{badge}<br>"
                      f"“{' '.join(words)}”</p>")
    if len(seen) > MAX_WORDINGS:
        blocks.append(f"<p><i>and {len(seen) - MAX_WORDINGS:,} more wordings</i></p>")
    return "".join(blocks)
