"""The pyqtgraph drawing of the chart: a dated timeline and bars by kind and unit, with their
tooltips, the selection, and export.

Imported only after the window's first paint (pyqtgraph costs ~0.4 s to import).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGraphicsItem, QToolTip, QWidget

from lectern.core.readouts.chart_data import Captions, ChartData, Tip
from lectern.core.readouts.chart_layout import column_widths
from lectern.gui.widgets.chart.axes import title_width
from lectern.gui.widgets.chart.bars import BarPlot, width_needed
from lectern.gui.widgets.chart.export import export_chart
from lectern.gui.widgets.chart.style import ChartColours, tips_html, tips_text
from lectern.gui.widgets.chart.timeline import Timeline

STACK_BELOW_PX = 900  # narrower than this, the timeline sits above the bars, not beside
STACK_MIN_HEIGHT_PX = 190  # lower than this, rows would leave each plot too short to read
SIDE_BY_SIDE_MIN_PX = 560  # ... unless the chart is too narrow for the plots side by side


class FactChart(pg.GraphicsLayoutWidget):
    """Timeline on the left, one small bar plot per group on the right."""

    fact_clicked = Signal(str)

    def __init__(self, dark: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colours = ChartColours(dark)
        self.setBackground(self.colours.background)
        self.ci.layout.setContentsMargins(8, 8, 8, 4)
        self.ci.layout.setHorizontalSpacing(14)
        self.data: ChartData | None = None
        self.stacked = False
        self._complete = False  # every drawing step has run
        self.log_scale = False
        self.timeline: Timeline | None = None
        self.bar_plots: list[BarPlot] = []
        self._selected: str | None = None
        self._shares: list[float] = []  # of the width, by column
        # The least width of each column, most wanted first: title and values; title alone.
        self._needs: list[tuple[float, float] | None] = []
        self._hover: str | None = None  # the tooltip's text while the pointer is on something
        self._tip_owner: QGraphicsItem | None = None  # the plot that carries that tooltip
        self.scene().sigMouseClicked.connect(self._scene_clicked)

    # --- drawing ------------------------------------------------------------------------
    def draw(self, data: ChartData) -> None:
        """Draw everything now (tests, export); the panel draws in steps instead."""
        for step in self.draw_steps(data):
            step()

    def draw_steps(self, data: ChartData) -> list[Callable[[], None]]:
        """The drawing cut into steps of one plot each, to run on separate event-loop turns.

        Building a pyqtgraph plot costs ~10 ms; five at once would stall the window.
        """
        self._unhover()
        self.clear()
        self.data = data
        self.timeline, self.bar_plots = None, []
        steps: list[Callable[[], None]] = []
        # Narrow (a 1280 px window): the timeline gets a row of its own above the bars.
        self.stacked = self._wants_stacking()
        self._shares, self._needs = [], []
        column = 0
        if data.events:
            span = len(data.groups) if self.stacked else 1
            steps.append(partial(self._draw_timeline, data, span))
            column = 0 if self.stacked else 1
            if not self.stacked:
                self._shares.append(max(4, sum(max(2, len(g.values)) for g in data.groups)))
                self._needs.append(None)  # a share of the width, once it is known
        row = 1 if self.stacked else 0
        for number, group in enumerate(data.groups):
            steps.append(partial(self._draw_group, number, group, row, column))
            # A group is as wide as its bars need (a single bar needs less than four).
            self._shares.append(max(2, len(group.values)))
            self._needs.append((width_needed(group), title_width(group.title)))
            column += 1
        self._size_columns()
        self._complete = False
        steps.append(self._finish)
        return steps

    def _size_columns(self) -> None:
        """Each column its share of the width: the grid layout itself all but ignores stretch
        factors, and a title or axis asking for more must not push a plot out of the view."""
        layout, shares = self.ci.layout, self._shares
        margins = layout.getContentsMargins()
        spare = self.viewport().width() - margins[0] - margins[2] \
            - layout.horizontalSpacing() * (len(shares) - 1)
        # What fits of the most wanted: every title and value beside a timeline of half the
        # width, or of 40%; else every title (beside half, or what is left); else the shares.
        wanted = [[spare * share if need is None else need[tier] for need in self._needs]
                  for tier, share in ((0, 0.5), (0, 0.4), (1, 0.5), (1, 0.0))]
        needs = next((tier for tier in wanted if sum(tier) <= spare), [0.0] * len(shares))
        for column, width in enumerate(column_widths(shares, needs, spare)):
            layout.setColumnFixedWidth(column, width)

    def _draw_timeline(self, data: ChartData, span: int) -> None:
        self.timeline = Timeline(self.ci, self.colours, data.events, 0, span,
                                 self.fact_clicked.emit)
        self.timeline.show_selection(self._selected)

    def _draw_group(self, number: int, group, row: int, column: int) -> None:
        self.bar_plots.append(BarPlot(self.ci, self.colours, number, group, row, column,
                                      self.log_scale))

    def _finish(self) -> None:
        self._complete = True
        self.show_selection(self._selected)
        if self._wants_stacking() != self.stacked:  # resized while drawing
            QTimer.singleShot(0, self, self._redraw)

    def _wants_stacking(self) -> bool:
        data = self.data
        if not (data and data.events and data.groups) or self.width() >= STACK_BELOW_PX:
            return False
        # Short but wide enough, side by side leaves each plot the chart's whole height.
        return self.height() >= STACK_MIN_HEIGHT_PX or self.width() < SIDE_BY_SIDE_MIN_PX

    def _redraw(self) -> None:
        if self.data is not None and self._complete:
            self.draw(self.data)

    def set_log_scale(self, on: bool) -> None:
        self.log_scale = on
        if self.data is not None:
            self.draw(self.data)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if getattr(self, "closed", False):
            return  # pyqtgraph's close() has deleted the plots, then swaps the viewport
        if getattr(self, "_shares", None):
            self._size_columns()
        if getattr(self, "_complete", False) and self._wants_stacking() != self.stacked:
            self._redraw()

    # --- selection ------------------------------------------------------------------------
    def show_selection(self, fact_id: str | None) -> None:
        """Move the ring to the selected event, the outline to the selected bar: nothing else."""
        self._selected = fact_id
        if self.timeline is not None:
            self.timeline.show_selection(fact_id)
        for entry in self.bar_plots:
            entry.show_selection(fact_id)

    def highlight_position(self) -> tuple[float, float] | None:
        """Where the selection ring is, in data coordinates (None: hidden)."""
        ring = self.timeline.ring if self.timeline else None
        if ring is None or not ring.isVisible():
            return None
        return ring.pos().x(), ring.pos().y()

    @property
    def markers(self) -> pg.ScatterPlotItem | None:
        return self.timeline.markers if self.timeline else None

    def bar_data(self) -> list[tuple[str, list[str], list[float]]]:
        """(group title, fact ids, bar heights) of every bar plot, for tests and export."""
        return [(e.group.title, list(e.group.fact_ids), e.heights) for e in self.bar_plots]

    # --- mouse ------------------------------------------------------------------------------
    def _hit(self, scene_pos: QPointF) -> tuple[list[str], list[Tip], QGraphicsItem | None]:
        """(fact ids, tooltips, plot) of what is under a scene position: events, else a bar."""
        if self.timeline is not None:
            events = self.timeline.events_at(scene_pos)
            if events:
                return [e.fact_id for e in events], [e.tip for e in events], self.timeline.plot.vb
        for entry in self.bar_plots:
            column = entry.bar_at(scene_pos)
            if column is not None:
                return [entry.group.fact_ids[column]], [entry.group.tips[column]], entry.plot.vb
        return [], [], None

    def _scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.isAccepted():
            return
        ids, _tips, _plot = self._hit(event.scenePos())
        if ids:
            self.fact_clicked.emit(ids[0])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        # Every move, not the scene's rate-limited signal: the last one decides what is shown.
        self._hovered(event.position().toPoint())

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._unhover()

    def close(self) -> bool:
        # pyqtgraph's close() deletes every item, then sends a last Leave: forget the tooltip's
        # owner while it still exists.
        self._unhover()
        return super().close()

    def _hovered(self, at: QPoint) -> None:
        """Show at once what is under the pointer; hide the tooltip when it is on nothing."""
        _ids, tips, owner = self._hit(self.mapToScene(at))
        if not tips or owner is None:
            self._unhover()
            return
        text = tips_html(tips)
        if owner is not self._tip_owner:
            self._unhover()
        self._hover, self._tip_owner = tips_text(tips), owner
        # The scene's own delayed tooltip then finds the same text, rather than hiding ours.
        owner.setToolTip(text)
        QToolTip.showText(self.viewport().mapToGlobal(at), text, self.viewport())

    def _unhover(self) -> None:
        if self._tip_owner is not None:
            self._tip_owner.setToolTip("")
        if self._hover is not None:
            QToolTip.hideText()
        self._hover, self._tip_owner = None, None

    def hover_text(self) -> str | None:
        """The tooltip shown for what the pointer is on, as plain text (None: nothing)."""
        return self._hover

    # --- export ---------------------------------------------------------------------------
    def export(self, path: str, captions: Captions) -> None:
        """PNG or SVG by the file's suffix, with a title band and a source line."""
        export_chart(self, path, captions, self.colours)
