"""The pyqtgraph drawing of the chart: a dated timeline and bars by kind and unit.

Imported only after the window's first paint (pyqtgraph costs ~0.4 s to import).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QToolTip

from lectern.core.readouts.chart_data import LANES, ChartData, place_labels
from lectern.gui.analysis.chart.export import export_chart
from lectern.gui.analysis.chart.style import ChartColours, small_font, wrap_tooltip

MAX_LABELS = 40  # beyond this, labels overlap into noise; tooltips still name each event
MAX_VALUE_LABELS = 12  # per bar group, for the same reason
BAR_WIDTH = 0.62
STACK_BELOW_PX = 900  # narrower than this, the timeline sits above the bars, not beside


@dataclass
class BarPlot:
    """One group's plot: its bars, the outline that marks a selected bar, its value labels."""

    plot: pg.PlotItem
    bars: pg.BarGraphItem
    group: int
    outline: QGraphicsRectItem
    labels: list


class FactChart(pg.GraphicsLayoutWidget):
    """Timeline on the left, one small bar plot per group on the right."""

    fact_clicked = Signal(str)

    def __init__(self, dark: bool, parent=None) -> None:
        super().__init__(parent)
        self.colours = ChartColours(dark)
        self.setBackground(self.colours.background)
        self.ci.layout.setContentsMargins(8, 8, 8, 4)
        self.ci.layout.setHorizontalSpacing(14)
        self.data: ChartData | None = None
        self.stacked = False
        self._complete = False  # every drawing step has run
        self.log_scale = False
        self.timeline: pg.PlotItem | None = None
        self.markers: pg.ScatterPlotItem | None = None
        self.spans: pg.BarGraphItem | None = None
        self.highlight: pg.ScatterPlotItem | None = None
        self.bar_plots: list[BarPlot] = []
        self._timeline_labels: list[tuple[pg.TextItem, float]] = []  # label, width in px
        self._timeline_xs = np.zeros(0)
        self._span_x0 = self._span_widths = np.zeros(0)
        self._event_xy: dict[str, tuple[float, float]] = {}
        self._selected: str | None = None
        self.scene().sigMouseClicked.connect(self._scene_clicked)
        self.scene().sigMouseMoved.connect(self._scene_hovered)

    # --- drawing ------------------------------------------------------------------------
    def draw(self, data: ChartData) -> None:
        """Draw everything now (tests, export); the panel draws in steps instead."""
        for step in self.draw_steps(data):
            step()

    def draw_steps(self, data: ChartData) -> list[Callable[[], None]]:
        """The drawing cut into steps of one plot each, to run on separate event-loop turns.

        Building a pyqtgraph plot costs ~10 ms; five at once would stall the window.
        """
        self.clear()
        self.data = data
        self.timeline, self.markers, self.spans, self.highlight = None, None, None, None
        self.bar_plots = []
        self._timeline_labels = []
        self._event_xy = {}
        steps: list[Callable[[], None]] = []
        # Narrow (a 1280 px window): the timeline gets a row of its own above the bars.
        self.stacked = self._wants_stacking()
        layout = self.ci.layout
        for column in range(layout.columnCount()):
            layout.setColumnStretchFactor(column, 1)
        column = 0
        if data.events:
            span = len(data.groups) if self.stacked else 1
            steps.append(partial(self._draw_timeline, data, 0, span))
            column = 0 if self.stacked else 1
        row = 1 if self.stacked else 0
        bars = sum(max(2, len(g.values)) for g in data.groups)
        for number, group in enumerate(data.groups):
            steps.append(partial(self._draw_group, number, group, row, column))
            # A group is as wide as its bars need (a single bar needs less than four).
            layout.setColumnStretchFactor(column, max(2, len(group.values)))
            column += 1
        if data.events and not self.stacked:
            layout.setColumnStretchFactor(0, max(4, bars))
        self._complete = False
        steps.append(self._finish)
        return steps

    def _finish(self) -> None:
        self._complete = True
        self.show_selection(self._selected)
        if self._wants_stacking() != self.stacked:  # resized while drawing
            QTimer.singleShot(0, self, self._redraw)

    def _wants_stacking(self) -> bool:
        data = self.data
        return bool(data and data.events and data.groups) and self.width() < STACK_BELOW_PX

    def _redraw(self) -> None:
        if self.data is not None and self._complete:
            self.draw(self.data)

    def _add_plot(self, row: int, column: int, title: str, **kwargs) -> pg.PlotItem:
        # No context menus: they cost a third of a plot's construction and offer nothing here.
        plot = self.addPlot(row=row, col=column, enableMenu=False, **kwargs)
        plot.setTitle(title, color=self.colours.text.name(), size="9pt")
        plot.hideButtons()
        plot.hideAxis("left")
        for name in ("bottom", "left"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(self.colours.axis))
            axis.setTextPen(pg.mkPen(self.colours.muted))
            axis.setStyle(tickFont=small_font())
        return plot

    def _draw_timeline(self, data: ChartData, column: int, span: int = 1) -> None:
        axis = pg.DateAxisItem(orientation="bottom", utcOffset=0)
        plot = self._add_plot(0, column, "Timeline", axisItems={"bottom": axis}, colspan=span)
        plot.setMouseEnabled(x=True, y=False)
        events = data.events
        xs = np.array([e.x for e in events])
        ys = np.zeros(len(events))
        # Each period drawn as a band as wide as its precision: a year, a month, a day.
        self._span_x0 = np.array([e.start for e in events])
        self._span_widths = np.array([max(e.end - e.start, 86400.0) for e in events])
        self.spans = pg.BarGraphItem(x0=self._span_x0, width=self._span_widths, y=ys,
                                     height=0.28, brush=QBrush(self.colours.span),
                                     pen=pg.mkPen(None))
        plot.addItem(self.spans)
        self.markers = pg.ScatterPlotItem(
            x=xs, y=ys, data=[e.fact_id for e in events], size=9, symbol="o",
            brush=QBrush(self.colours.marker), pen=pg.mkPen(self.colours.background, width=1.5),
            hoverable=True, hoverSize=13, tip=None)
        self.markers.sigClicked.connect(self._marker_clicked)
        plot.addItem(self.markers)
        # One ring, moved on selection: nothing else is redrawn when the selection changes.
        self.highlight = pg.ScatterPlotItem(x=[0.0], y=[0.0], size=17, symbol="o",
                                            brush=QBrush(Qt.BrushStyle.NoBrush),
                                            pen=pg.mkPen(self.colours.selected, width=2.5))
        self.highlight.setZValue(10)
        self.highlight.hide()
        plot.addItem(self.highlight)
        font = small_font()
        metrics = QFontMetricsF(font)
        self._timeline_labels = []
        for event in events[:MAX_LABELS] if len(events) <= MAX_LABELS else ():
            label = pg.TextItem(event.label, color=self.colours.text)
            label.setFont(font)
            plot.addItem(label)
            self._timeline_labels.append((label, metrics.horizontalAdvance(event.label)))
        extent = float(xs.max() - xs.min()) if len(xs) > 1 else 365 * 86400.0
        pad = max(extent * 0.06, 180 * 86400.0)
        plot.setXRange(xs.min() - pad, xs.max() + pad, padding=0)
        self.timeline = plot
        self._timeline_xs = xs
        plot.vb.sigResized.connect(self._place_timeline_labels)
        plot.vb.sigXRangeChanged.connect(self._place_timeline_labels)
        self._place_timeline_labels()

    def _place_timeline_labels(self, *_args) -> None:
        """Stagger markers into rows by their labels' measured widths at the plot's width."""
        plot, events = self.timeline, self.data.events if self.data else []
        markers, spans = self.markers, self.spans
        if plot is None or markers is None or spans is None or not events:
            return
        width_px = max(plot.vb.width(), 1.0)
        (left, right), _ = plot.vb.viewRange()
        scale = width_px / max(right - left, 1.0)
        xs_px = [(x - left) * scale for x in self._timeline_xs]
        widths = [w for _label, w in self._timeline_labels] or [0.0] * len(events)
        # As many rows as lines of text fit in the plot's height.
        line = QFontMetricsF(small_font()).height() + 4
        lanes = max(1, min(LANES, int(plot.vb.height() // line)))
        if self._timeline_labels:
            placements = place_labels(xs_px, widths, width_px, lanes)
        else:  # too many events to label: markers only, staggered by position
            placements = place_labels(xs_px, [0.0] * len(events), width_px, lanes)
        ys = np.array([-p.lane for p in placements], dtype=float)
        if not np.array_equal(ys, markers.data["y"]):
            markers.setData(x=self._timeline_xs, y=ys, data=[e.fact_id for e in events])
            spans.setOpts(x0=self._span_x0, width=self._span_widths, y=ys)
        for event, x, y in zip(events, self._timeline_xs, ys, strict=True):
            self._event_xy[event.fact_id] = (float(x), float(y))
        metrics = QFontMetricsF(small_font())
        for (label, _width), placement, event, x, y in zip(
                self._timeline_labels, placements, events, self._timeline_xs, ys, strict=False):
            label.setVisible(placement.side is not None)
            text = event.label if placement.room is None else metrics.elidedText(
                event.label, Qt.TextElideMode.ElideRight, placement.room)
            if label.toPlainText() != text:
                label.setText(text)
            # A little past the marker either way, so the text does not touch the dot.
            label.setAnchor((-0.04, 0.5) if placement.side != "left" else (1.04, 0.5))
            label.setPos(float(x), float(y))
        used = int(-ys.min()) + 1 if len(ys) else 1
        plot.setYRange(-used + 0.4, 0.6, padding=0)
        self.show_selection(self._selected)

    def _draw_group(self, number: int, group, row: int, column: int) -> None:
        plot = self._add_plot(row, column, group.title)
        plot.setMouseEnabled(x=False, y=False)
        xs = np.arange(len(group.values), dtype=float)
        colour = self.colours.bars[number % len(self.colours.bars)]
        heights = self._heights(group.values)
        bars = pg.BarGraphItem(x=xs, height=heights, width=BAR_WIDTH,
                               brushes=self._brushes(group, colour),
                               pens=self._pens(group, colour))
        plot.addItem(bars)
        outline = QGraphicsRectItem()
        outline.setPen(pg.mkPen(self.colours.selected, width=2.5))
        outline.setZValue(10)
        outline.hide()
        plot.addItem(outline, ignoreBounds=True)
        labels = []
        if len(xs) <= MAX_VALUE_LABELS:
            for x, height, text in zip(xs, heights, group.value_texts, strict=True):
                label = pg.TextItem(text, color=self.colours.text, anchor=(0.5, 1))
                label.setFont(small_font())
                label.setPos(float(x), float(height))
                plot.addItem(label)
                labels.append(label)
        plot.setXRange(-0.6, len(xs) - 0.4, padding=0)
        entry = BarPlot(plot, bars, number, outline, labels)
        self.bar_plots.append(entry)
        plot.vb.sigResized.connect(lambda _vb, entry=entry: self._fit_bar_labels(entry))
        self._fit_bar_labels(entry)

    def _fit_bar_labels(self, entry: BarPlot) -> None:
        """Name each bar under it, shortened to its slot; drop what cannot be read."""
        if self.data is None:
            return
        group = self.data.groups[entry.group]
        slot = entry.plot.vb.width() / max(len(group.labels), 1)
        metrics = QFontMetricsF(small_font())
        room = slot - 4
        ticks = []
        if room >= metrics.horizontalAdvance("Abc…"):
            for x, text in enumerate(group.labels):
                ticks.append((float(x), metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                           room)))
        entry.plot.getAxis("bottom").setTicks([ticks])
        for label, text in zip(entry.labels, group.value_texts, strict=False):
            label.setVisible(metrics.horizontalAdvance(text) <= slot + 2)
        # Headroom above the tallest bar for its value, in pixels whatever the plot's height.
        top = max(entry.bars.opts["height"], default=0.0) or 1.0
        share = (metrics.height() + 4) / max(entry.plot.vb.height(), 1.0)
        entry.plot.setYRange(0, top / max(1.0 - share, 0.35), padding=0)

    def _heights(self, values: list[float]) -> list[float]:
        if not self.log_scale:
            return list(values)
        return [math.log10(v) + 1 if v >= 1 else max(v, 0.0) for v in values]

    def _brushes(self, group, colour: QColor) -> list[QBrush]:
        # Approximate values are hatched: the same colour, visibly less certain.
        return [QBrush(colour, Qt.BrushStyle.BDiagPattern) if approx else QBrush(colour)
                for approx in group.approx]

    def _pens(self, group, colour: QColor) -> list[QPen]:
        # A hatched bar keeps an outline in its own colour, so its height still reads.
        return [pg.mkPen(colour if approx else None, width=1.2) for approx in group.approx]

    def set_log_scale(self, on: bool) -> None:
        self.log_scale = on
        if self.data is not None:
            self.draw(self.data)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if getattr(self, "_complete", False) and self._wants_stacking() != self.stacked:
            self._redraw()

    # --- selection ------------------------------------------------------------------------
    def show_selection(self, fact_id: str | None) -> None:
        """Move the ring to the selected event, the outline to the selected bar: nothing else."""
        self._selected = fact_id
        if self.highlight is not None:
            spot = self._event_xy.get(fact_id or "")
            if spot:
                self.highlight.setPos(*spot)
            self.highlight.setVisible(spot is not None)
        if self.data is None:
            return
        for entry in self.bar_plots:
            group = self.data.groups[entry.group]
            if fact_id in group.fact_ids:
                x = group.fact_ids.index(fact_id)
                height = float(entry.bars.opts["height"][x])
                entry.outline.setRect(QRectF(x - BAR_WIDTH / 2, 0, BAR_WIDTH, height))
                entry.outline.show()
            else:
                entry.outline.hide()

    def highlight_position(self) -> tuple[float, float] | None:
        """Where the selection ring is, in data coordinates (None: hidden)."""
        if self.highlight is None or not self.highlight.isVisible():
            return None
        return self.highlight.pos().x(), self.highlight.pos().y()

    def bar_data(self) -> list[tuple[str, list[str], list[float]]]:
        """(group title, fact ids, bar heights) of every bar plot, for tests and export."""
        groups = self.data.groups if self.data else []
        return [(groups[e.group].title, list(groups[e.group].fact_ids),
                 [float(h) for h in e.bars.opts["height"]]) for e in self.bar_plots]

    # --- mouse ------------------------------------------------------------------------------
    def _marker_clicked(self, _item, points, _event) -> None:
        if len(points):
            self.fact_clicked.emit(points[0].data())

    def _bar_at(self, scene_pos: QPointF) -> tuple[str, str] | None:
        """(fact id, tooltip) of the bar under a scene position."""
        if self.data is None:
            return None
        for entry in self.bar_plots:
            plot, number = entry.plot, entry.group
            if not plot.vb.sceneBoundingRect().contains(scene_pos):
                continue
            point = plot.vb.mapSceneToView(scene_pos)
            column = round(point.x())
            group = self.data.groups[number]
            if 0 <= column < len(group.fact_ids) and \
                    abs(point.x() - column) <= BAR_WIDTH / 2 + 0.04:
                return group.fact_ids[column], f"{group.value_texts[column]} — " \
                    f"{group.sentences[column]}"
        return None

    def _event_at(self, scene_pos: QPointF) -> tuple[str, str] | None:
        if self.markers is None or self.data is None or self.timeline is None:
            return None
        if not self.timeline.vb.sceneBoundingRect().contains(scene_pos):
            return None
        points = self.markers.pointsAt(self.markers.mapFromScene(scene_pos))
        if not len(points):
            return None
        fact_id = points[0].data()
        event = next(e for e in self.data.events if e.fact_id == fact_id)
        return fact_id, f"{event.label.split(' · ')[0]} — {event.sentence}"

    def _scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.isAccepted():
            return
        hit = self._bar_at(event.scenePos())
        if hit:
            self.fact_clicked.emit(hit[0])

    def _scene_hovered(self, scene_pos: QPointF) -> None:
        hit = self._event_at(scene_pos) or self._bar_at(scene_pos)
        if hit:
            screen = self.mapToGlobal(self.mapFromScene(scene_pos))
            QToolTip.showText(screen, wrap_tooltip(hit[1]), self)
        else:
            QToolTip.hideText()

    # --- export ---------------------------------------------------------------------------
    def export(self, path: str) -> None:
        """PNG or SVG by the file's suffix."""
        export_chart(self, path)
