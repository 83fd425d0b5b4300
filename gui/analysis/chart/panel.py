"""The Chart panel's frame: toolbar, empty states, and the plot loaded after the first paint.

This module stays light (no pyqtgraph): ``load_plot()`` imports ``chart_plot`` once the
window has painted, so the article appears before the charting library is loaded.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lectern.core.errors import LecternError
from lectern.core.output_paths import output_target
from lectern.core.paths import AppPaths
from lectern.core.readouts.chart_data import Captions, ChartData, export_captions
from lectern.core.readouts.wording import count
from lectern.gui.analysis.panel_base import WAITING, AnalysisPanel
from lectern.gui.analysis.selection import Origin, Selection, SelectionCoordinator, SelectionKind
from lectern.gui.shell.theme import is_dark
from lectern.gui.widgets.status_line import StatusLine

if TYPE_CHECKING:  # pyqtgraph is heavy: the plot module is imported after the first paint
    from lectern.core.document import Document
    from lectern.gui.widgets.chart.plot import FactChart

ORIGIN = Origin.CHART
LOG_RATIO = 100  # offer the log scale when a group's values differ by this factor
COMPACT_BELOW_PX = 560  # narrower than this, the export buttons drop the word "Export"


class ChartPanel(AnalysisPanel):
    drawn = Signal()  # the plot shows the current analysis
    export_failed = Signal(str)

    def __init__(self, selection: SelectionCoordinator, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, parent)
        self.selection = selection
        self.plot: FactChart | None = None  # once loaded, after the first paint
        self.data: ChartData | None = None  # of the current analysis
        self._pending: ChartData | None = None  # waiting for the plot library
        self._steps: list = []  # drawing steps still to run, one per event-loop turn
        self._generation = 0
        self._title, self._source = "", ""  # of the article charted, for an export's captions
        self._article: Path | None = None  # which no export may overwrite
        self.protected: AppPaths | None = None  # folders no export may enter (the window's)
        self.log_box = QCheckBox("Log scale")
        self.log_box.setToolTip("Show bar heights on a logarithmic scale")
        self.log_box.toggled.connect(self._set_log)
        self.summary = StatusLine()
        self.png_button = QPushButton("Export PNG…")
        self.svg_button = QPushButton("Export SVG…")
        self.png_button.setToolTip("Save the chart as a PNG image, with its title and source")
        self.svg_button.setToolTip("Save the chart as an SVG drawing, with its title and source")
        self.png_button.clicked.connect(lambda: self._export("PNG image (*.png)", ".png"))
        self.svg_button.clicked.connect(lambda: self._export("SVG drawing (*.svg)", ".svg"))
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.log_box)
        bar.addWidget(self.png_button)
        bar.addWidget(self.svg_button)
        self._layout = QVBoxLayout(content)
        self._layout.setContentsMargins(6, 4, 6, 6)
        self._layout.setSpacing(4)
        self._layout.addLayout(bar)
        selection.changed.connect(self.follow)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A narrow dock keeps its buttons whole by saying less on them (their tooltips say all).
        narrow = event.size().width() < COMPACT_BELOW_PX
        self.png_button.setText("PNG…" if narrow else "Export PNG…")
        self.svg_button.setText("SVG…" if narrow else "Export SVG…")

    @property
    def is_drawn(self) -> bool:
        return self.plot is not None and self.data is not None and not self._steps

    def waiting(self, document: Document | None = None) -> None:
        """An analysis of ``document`` is on its way: its title and file name caption exports."""
        if document is not None:
            self._title = document.title
            self._source = document.source.name if document.source else ""
            self._article = document.source
        self._generation += 1
        self._pending, self.data, self._steps = None, None, []
        self.show_message(*WAITING)

    def set_facts(self, facts: list, text: str) -> None:
        """Work out the chart's data here (tests, small articles) and draw it."""
        from lectern.core.readouts.chart_data import chart_data

        self.set_data(chart_data(facts, text))

    def set_data(self, data) -> None:
        """Draw ``data`` (a ChartData made off the GUI thread) now if the plot is loaded."""
        self._pending = data
        if self.plot is not None:
            self._draw()

    def load_plot(self) -> None:
        """Import pyqtgraph and build the plot widget (call after the first paint)."""
        if self.plot is not None:
            return
        from lectern.gui.widgets.chart.plot import FactChart  # heavy: pyqtgraph and numpy

        plot = self.plot = FactChart(is_dark(self.palette()))
        plot.setObjectName("factChart")
        plot.fact_clicked.connect(lambda fact_id: self.selection.select_fact(
            fact_id, origin=ORIGIN))
        self._layout.insertWidget(0, plot, 1)
        if self._pending is not None:
            self._draw()

    def _draw(self) -> None:
        self._generation += 1
        data, plot = self._pending, self.plot
        self.data, self._steps = data, []
        if data is None or plot is None:
            return
        if data.empty:
            self.show_message("No figures to chart", "This article states no dated events, "
                              "amounts or counts. The timeline and bars appear when it does.")
            self.drawn.emit()
            return
        ratios = [max(g.values) / max(min(g.values), 1e-9) for g in data.groups
                  if g.values and min(g.values) > 0]
        self.log_box.setVisible(any(r >= LOG_RATIO for r in ratios) or self.log_box.isChecked())
        plot.log_scale = self.log_box.isChecked()
        plot.show_selection(_fact_id(self.selection.current))
        self.summary.setText(_summary(data))
        self.show_content()
        self._steps = plot.draw_steps(data)
        self._next_step(self._generation)

    def _next_step(self, generation: int) -> None:
        """One plot per turn of the event loop: the window keeps answering while it fills."""
        if generation != self._generation or not self._steps:
            return
        self._steps.pop(0)()
        if self._steps:
            QTimer.singleShot(0, self, lambda: self._next_step(generation))
        else:
            self.drawn.emit()

    def follow(self, selection: Selection | None) -> None:
        if self.plot is not None and self.data is not None:
            self.plot.show_selection(_fact_id(selection))

    def _set_log(self, on: bool) -> None:
        if self.plot is not None:
            self.plot.set_log_scale(on)

    def _export(self, name_filter: str, suffix: str) -> None:
        if not self.is_drawn:
            return
        stem = f"{Path(self._source).stem}.chart" if self._source else "chart"
        path, _ = QFileDialog.getSaveFileName(self, "Export Chart", f"{stem}{suffix}",
                                              name_filter)
        if path:
            self.export(path if path.lower().endswith(suffix) else path + suffix)

    def export(self, path: str) -> None:
        if self.plot is None:
            return
        try:
            target = output_target(path, self.protected, self._article)
            self.plot.export(str(target), self.captions())
        except LecternError as error:
            self.export_failed.emit(str(error))
        except Exception as error:  # pyqtgraph raises assorted types on a bad path
            self.export_failed.emit(f"Could not export the chart to “{path}”: {error}")

    def captions(self, today: date | None = None) -> Captions:
        """The title band and source line an export of the current chart carries."""
        data = self.data or ChartData([], [])
        return export_captions(data, self._title, self._source, today or date.today())

    def tooltip_text(self) -> str | None:
        """The chart's tooltip for what the pointer is on, as plain text (None: nothing)."""
        return self.plot.hover_text() if self.plot is not None else None


def _fact_id(selection: Selection | None) -> str | None:
    return selection.id if selection and selection.kind is SelectionKind.FACT else None


def _summary(data: ChartData) -> str:
    parts = [count(len(data.events), "dated event"), count(data.bars, "figure")]
    if data.unplaced or data.omitted_bars:
        parts.append(f"{data.unplaced + data.omitted_bars:,} not drawn (no year, or "
                     "beyond what a chart can show)")
    if any(any(g.approx) for g in data.groups):
        parts.append("hatched bars are approximate")
    return " · ".join(parts)
