"""The timeline feature: the Timeline view filled from core's use cases (timeline events,
figure bars, conflicts) over the library's facts index, and every click opened through the
library's navigator at its passage. It sees the window only through ``WindowApi``."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from lectern.core.errors import LecternError
from lectern.core.library.conflicts import conflicts, passage
from lectern.core.library.figures import Figure, figure_groups
from lectern.core.library.timeline import timeline_events
from lectern.core.output_paths import output_target
from lectern.core.readouts.library_chart import LibraryChart, bars_chart, timeline_chart
from lectern.core.readouts.wording import count
from lectern.gui.shell.api import LibraryNavigator, WindowApi
from lectern.gui.shell.errors import reported
from lectern.gui.timeline.view import TimelineView

FILTERS = {".png": "PNG image (*.png)", ".svg": "SVG drawing (*.svg)"}


class TimelineFeature(QObject):
    def __init__(self, window: WindowApi, library: LibraryNavigator) -> None:
        super().__init__(window.article_view)
        self.window = window
        self.library = library
        self.view = TimelineView()
        self.scope = ""  # the search the view is narrowed to ("" for the whole library)
        self.articles: list[int] | None = None  # or the articles picked in the Library
        self._filled: set[str] = set()  # tabs drawn for the current scope
        self.last_draw_ms = 0.0
        window.add_view("timeline", self.view)
        window.action("view.timeline", self.show)
        library.analyses_updated.connect(self._analysed)
        library.timeline_requested.connect(self.show_articles)
        self.view.scope_requested.connect(self.set_scope)
        self.view.tab_changed.connect(lambda _name: self._fill_current())
        self.view.item_clicked.connect(self.open_item)
        self.view.conflicts.passage_activated.connect(
            lambda article, start, end: self.library.open_at(article, start, end, exact=True))
        self.view.conflicts.sentence_of = self._sentence
        self.view.export_requested.connect(self.choose_export)

    def show(self) -> None:
        """Bring the view forward, drawn afresh (articles may have come since)."""
        self._filled.clear()
        if reported(self.window, "The timeline cannot be drawn", self._fill_current):
            self.window.show_view("timeline")
            self.view.query.setFocus()
            self.library.analyse_pending()  # what is there now; the rest fills in

    def _analysed(self) -> None:
        if self.view.isVisible():
            self._filled.clear()
            reported(self.window, "The timeline cannot be drawn", self._fill_current)

    def set_scope(self, query: str) -> None:
        """Narrow the view to what a search finds; a query that cannot be read is refused
        and the view keeps what it shows."""
        previous, self.scope = (self.scope, self.articles), query.strip()
        self.articles = None
        self._filled.clear()
        if not reported(self.window, "The search cannot be read", self._fill_current):
            self.scope, self.articles = previous
        elif previous[1] is not None:
            self.view.set_scope_hint("Whole library")
    def show_articles(self, ids: list[int]) -> None:
        """The timeline of the articles picked in the Library (the search field cleared:
        it would narrow them further)."""
        self.scope, self.articles = "", list(ids)
        self.view.query.clear()
        self.view.set_scope_hint(self.scope_name[:1].upper() + self.scope_name[1:])
        self.show()

    @property
    def scope_name(self) -> str:
        """What the view is narrowed to, as a caption says it ("" for the whole library)."""
        if self.articles is not None:
            return f"{count(len(self.articles), 'selected article')}"
        return self.scope

    def _fill_current(self) -> None:
        name = self.view.current_tab
        if name in self._filled:
            return
        if not self.library.indexes_ready():  # drawn when ``analyses_updated`` comes
            self.view.set_summary("Bringing the library's analyses into the timeline's index "
                                  "(articles analysed before it existed)…", name)
            return
        self._filled.add(name)
        started = time.perf_counter()
        store, query, articles = self.library.store, self.scope or None, self.articles
        among = f"{self.scope_name} · " if articles is not None else ""  # said first: kept
        if name == "timeline":
            events = timeline_events(store, query, articles)
            chart = timeline_chart(events)
            self.view.show_chart(name, chart, among + _timeline_summary(len(events), chart))
        elif name in ("units", "entities"):
            groups = figure_groups(store, "unit" if name == "units" else "entity", query,
                                   articles)
            chart = bars_chart(groups)
            self.view.show_chart(name, chart, f"{among}{count(chart.data.bars, 'measure')} · "
                                 "hover a bar for its articles, click to open the first")
        else:
            found = conflicts(store, query, articles)
            heads = store.facts.heads()
            self.view.conflicts.set_conflicts(found, {a: h[0] for a, h in heads.items()})
            where = (f"among the {self.scope_name}" if articles is not None else
                     f"among the articles “{self.scope}” finds" if self.scope else
                     "across the library")
            self.view.set_summary(f"{count(len(found), 'conflict')} {where}", name)
        self.last_draw_ms = (time.perf_counter() - started) * 1000

    def _sentence(self, figure: Figure) -> str:
        try:
            return passage(self.library.store, figure)
        except LecternError:
            return ""

    def open_item(self, tab: str, ident: str) -> None:
        """Open the earliest article of a clicked event or bar at its passage."""
        chart = self.view.charts[tab].chart
        if chart is None:
            return
        if ident in chart.events:
            source = chart.events[ident].sources[0]
            self.library.open_at(source.article, source.start, source.end, exact=True)
        elif ident in chart.bars and chart.bars[ident].figures:
            figure = chart.bars[ident].figures[0].source
            self.library.open_at(figure.article, figure.start, figure.end, exact=True)

    def choose_export(self, suffix: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self.view, "Export Chart",
                                              f"library-{self.view.current_tab}{suffix}",
                                              FILTERS[suffix])
        if path:
            self.export(path if path.lower().endswith(suffix) else path + suffix)

    def export(self, path: str | Path) -> None:
        """The chart shown to PNG or SVG (by suffix), through the output path checks."""
        tab = self.view.charts.get(self.view.current_tab)
        if tab is None or tab.plot is None:
            return
        try:
            target = output_target(path, self.window.paths)
            tab.plot.export(str(target), self.view.captions(self.scope_name))
        except LecternError as error:
            self.window.show_error("The chart could not be exported", str(error))
        except Exception as error:  # pyqtgraph raises assorted types on a bad path
            self.window.show_error("The chart could not be exported",
                                   f"Could not export the chart to “{path}”: {error}")


def _timeline_summary(events: int, chart: LibraryChart) -> str:
    parts = [count(events, "event")]
    if chart.data.unplaced:
        parts.append(f"{chart.data.unplaced:,} not drawn (the most told are)")
    parts.append("hover a marker for its sources, click to open the first")
    return " · ".join(parts)
