"""The Reports view: tag frequencies, tag co-occurrence and sourcing across the library,
one chart to a tab, each exported as PNG, SVG or CSV. Charts are built on first use
(pyqtgraph is heavy); until the library has something to count, each tab says how to get it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lectern.core.readouts.wording import count
from lectern.gui.shell.theme import is_dark
from lectern.gui.widgets.empty_state import EmptyState

if TYPE_CHECKING:
    from lectern.gui.reports.charts import ReportChart

TABS = (("tags", "Tags"), ("cooccurrence", "Co-occurrence"), ("sources", "Sources"))
EMPTY = {
    "tags": ("No tagged passages yet",
             "Tag passages in the library's articles: this chart counts each tag per outlet."),
    "cooccurrence": ("No tags meet yet",
                     "When two tagged passages overlap or share a paragraph, their tags "
                     "meet; this heat map shows how often."),
    "sources": ("No quotations found yet",
                "Add articles to the library: who is quoted, how often and in how many "
                "articles is counted here, named credits against unnamed ones."),
}
WAITING = "Bringing the library's analyses up to date…"


class ReportPage(QWidget):
    """One report: its chart (or an empty state), a summary line and the export buttons."""

    export_requested = Signal(str, str)  # kind, suffix (".png", ".svg", ".csv")

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.chart: ReportChart | None = None
        self.rows: Sequence[object] = ()
        self.stack = QStackedWidget()
        self.empty = EmptyState(*EMPTY[kind])
        self.stack.addWidget(self.empty)
        self.summary = QLabel()
        self.summary.setEnabled(False)  # muted in both palettes
        self.buttons = {suffix: QPushButton(text) for suffix, text in (
            (".png", "Export PNG…"), (".svg", "Export SVG…"), (".csv", "Export CSV…"))}
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        for suffix, button in self.buttons.items():
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, s=suffix: self.export_requested.emit(
                self.kind, s))
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bar)

    def show_rows(self, rows: Sequence[object], summary: str) -> None:
        from lectern.gui.reports.charts import CHARTS  # pyqtgraph: only once a report shows

        self.rows = rows
        self.summary.setText(summary)
        for button in self.buttons.values():
            button.setEnabled(bool(rows))
        if not rows:
            self.stack.setCurrentWidget(self.empty)
            return
        if self.chart is None:
            self.chart = CHARTS[self.kind](is_dark(self.palette()))
            self.stack.addWidget(self.chart)
        self.chart.draw(rows)
        self.stack.setCurrentWidget(self.chart)

    def waiting(self) -> None:
        self.summary.setText(WAITING)


class ReportsView(QWidget):
    export_requested = Signal(str, str)  # kind, suffix
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsView")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.pages: dict[str, ReportPage] = {}
        for kind, title in TABS:
            page = ReportPage(kind)
            page.export_requested.connect(self.export_requested)
            self.pages[kind] = page
            self.tabs.addTab(page, title)
        self.heading = QLabel("Reports")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.refresh = QPushButton("Refresh")
        self.refresh.setToolTip("Count again, after analysing what the library added since")
        self.refresh.clicked.connect(self.refresh_requested)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def set_report(self, kind: str, rows: Sequence[object]) -> None:
        self.pages[kind].show_rows(rows, summary(kind, rows))

    def waiting(self) -> None:
        for page in self.pages.values():
            page.waiting()

    def current_kind(self) -> str:
        return TABS[self.tabs.currentIndex()][0]


def summary(kind: str, rows: Sequence[object]) -> str:
    """The line under a chart: what it counts."""
    if not rows:
        return ""
    if kind == "tags":
        articles = {getattr(r, "article", None) for r in rows}
        total = sum(int(getattr(r, "count", 0)) for r in rows)
        tags = {getattr(r, "tag", "") for r in rows}
        return (f"{count(total, 'tag use')} on passages of {count(len(articles), 'article')}"
                f" ({count(len(tags), 'tag')})")
    if kind == "cooccurrence":
        total = sum(int(getattr(r, "count", 0)) for r in rows)
        return f"{count(len(rows), 'pair')} of tags, meeting {count(total, 'time')}"
    quotes = sum(int(getattr(r, "quotes", 0)) for r in rows)
    named = sum(int(getattr(r, "quotes", 0)) for r in rows if getattr(r, "named", False))
    return (f"{count(quotes, 'quotation')} from {count(len(rows), 'source')}; "
            f"{named / max(quotes, 1):.0%} credited by name")
