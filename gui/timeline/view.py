"""The Timeline view: the dated events of the library (or of a search) on one timeline,
the figures as bars by unit and by entity, and the figure conflicts. It only shows what
it is given; the feature runs core's use cases and opens passages.

The plots import pyqtgraph when first drawn, so the window does not pay for it at startup.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lectern.core.readouts.chart_data import Captions
from lectern.core.readouts.library_chart import LibraryChart
from lectern.core.readouts.wording import count
from lectern.gui.shell.theme import is_dark
from lectern.gui.timeline.conflicts_pane import ConflictsPane
from lectern.gui.widgets.empty_state import EmptyState
from lectern.gui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from lectern.gui.widgets.chart.plot import FactChart

TABS = ("timeline", "units", "entities", "conflicts")
TAB_TITLES = ("Timeline", "Figures by unit", "Figures by entity", "Conflicts")
EMPTY = {
    "timeline": ("No dated events yet", "Add articles to the library (File › Add to Library); "
                 "the dates they report appear here, grouped when several articles tell "
                 "the same event."),
    "units": ("No figures yet", "Amounts, counts and percentages the articles give appear "
              "here as bars, one plot per unit."),
    "entities": ("No figures about named entities yet", "Figures whose sentence names a "
                 "person, organisation or place appear here, one plot per entity."),
}


class ChartTab(QWidget):
    """One chart (loaded on first draw) or its empty state; ``clicked(id)``: a marker or a
    bar of it was clicked."""

    clicked = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.chart: LibraryChart | None = None
        self.plot: FactChart | None = None
        self._stack = QStackedLayout(self)
        self.empty = EmptyState(*EMPTY[name])
        self._stack.addWidget(self.empty)

    def show_chart(self, chart: LibraryChart) -> None:
        self.chart = chart
        if chart.data.empty:
            self._stack.setCurrentWidget(self.empty)
            return
        if self.plot is None:
            from lectern.gui.widgets.chart.plot import FactChart  # heavy: pyqtgraph

            self.plot = FactChart(is_dark(self.palette()))
            self.plot.setObjectName(f"{self.name}Chart")
            self.plot.fact_clicked.connect(self.clicked)
            self._stack.addWidget(self.plot)
        self._stack.setCurrentWidget(self.plot)
        self.plot.draw(chart.data)

    @property
    def drawn(self) -> bool:
        return self.plot is not None and self._stack.currentWidget() is self.plot


class TimelineView(QWidget):
    """``scope_requested(query)``: draw the library ("" for all of it) or a search's
    articles; ``item_clicked(tab, id)``: a marker or bar was clicked."""

    scope_requested = Signal(str)
    item_clicked = Signal(str, str)
    export_requested = Signal(str)  # ".png" or ".svg": of the chart tab shown
    tab_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.query = QLineEdit()
        self.query.setObjectName("timelineQuery")
        self.set_scope_hint("Whole library")
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(lambda: self.scope_requested.emit(self.query.text()))
        self.summary = StatusLine()
        self.summary.setObjectName("timelineSummary")
        self._summaries: dict[str, str] = {}
        self.png_button = QPushButton("Export PNG…")
        self.svg_button = QPushButton("Export SVG…")
        self.png_button.setToolTip("Save the chart shown as a PNG image, with its title")
        self.svg_button.setToolTip("Save the chart shown as an SVG drawing, with its title")
        self.png_button.clicked.connect(lambda: self.export_requested.emit(".png"))
        self.svg_button.clicked.connect(lambda: self.export_requested.emit(".svg"))
        bar = QHBoxLayout()
        bar.addWidget(self.query, 3)
        bar.addWidget(self.summary, 2)
        bar.addWidget(self.png_button)
        bar.addWidget(self.svg_button)
        self.charts = {name: ChartTab(name) for name in TABS[:3]}
        for name, tab in self.charts.items():
            tab.clicked.connect(lambda ident, n=name: self.item_clicked.emit(n, ident))
        self.conflicts = ConflictsPane()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for name, title in zip(TABS, TAB_TITLES, strict=True):
            self.tabs.addTab(self.charts.get(name) or self.conflicts, title)
        self.tabs.currentChanged.connect(lambda i: self._tab_changed())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self._tab_changed()

    @property
    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    def _tab_changed(self) -> None:
        self._update_buttons()
        self._show_summary()
        self.tab_changed.emit(self.current_tab)

    def _update_buttons(self) -> None:
        chart = self.charts.get(self.current_tab)
        exportable = chart is not None and chart.drawn
        self.png_button.setEnabled(exportable)
        self.svg_button.setEnabled(exportable)

    def show_chart(self, name: str, chart: LibraryChart, summary: str) -> None:
        self.charts[name].show_chart(chart)
        self.set_summary(summary, name)
        self._update_buttons()

    def set_scope_hint(self, scope: str) -> None:
        """What the empty search field says the view shows (the whole library, or the
        articles picked in the Library) and what typing there does."""
        self.query.setPlaceholderText(f"{scope} — type a search to narrow it "
                                      "(words, \"phrases\", prefix*, AND / OR / NOT)"
                                      if scope == "Whole library" else
                                      f"{scope} — or search the whole library (words, "
                                      "\"phrases\", prefix*, AND / OR / NOT)")

    def set_summary(self, text: str, tab: str | None = None) -> None:
        """What tab ``tab`` (the one shown, by default) shows, said beside the search."""
        self._summaries[tab or self.current_tab] = text
        self._show_summary()

    def _show_summary(self) -> None:
        text = self._summaries.get(self.current_tab, "")
        self.summary.setText(text)
        self.summary.setToolTip(text)

    def captions(self, scope: str, today: date | None = None) -> Captions:
        """What an export of the chart shown says above and below it."""
        today = today or date.today()
        tab = self.charts.get(self.current_tab)
        data = tab.chart.data if tab is not None and tab.chart is not None else None
        shows = TAB_TITLES[TABS.index(self.current_tab)]
        if data is not None and data.events:
            shows = f"Timeline of {count(len(data.events), 'event')}"
        elif data is not None and data.groups:
            shows = f"{shows}: {count(data.bars, 'measure')}"
        title = f"Library · {scope}" if scope else "Library · every article"
        return Captions(title, shows, f"Lectern, {today.day} {today:%B %Y}")
