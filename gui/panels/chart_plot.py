"""The pyqtgraph drawing of the chart: a dated timeline and bars by kind and unit.

Imported only after the window's first paint (pyqtgraph costs ~0.4 s to import).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QToolTip

from gui.panels.chart_data import ChartData

MAX_LABELS = 40  # beyond this, labels overlap into noise; tooltips still name each event
MAX_VALUE_LABELS = 12  # per bar group, for the same reason


class ChartColours:
    def __init__(self, dark: bool) -> None:
        self.background = QColor("#18191b" if dark else "#fdfcf9")
        self.text = QColor("#e6e4df" if dark else "#24231f")
        self.muted = QColor("#8b8a86" if dark else "#8d8a82")
        self.axis = QColor("#55565c" if dark else "#b8b4aa")
        self.marker = QColor("#6ea8fe" if dark else "#1f5fae")
        self.span = QColor(self.marker)
        self.span.setAlpha(70)
        self.bars = [QColor(c) for c in (("#4fb3a9", "#c9a0f0", "#e3b341", "#f08c7a")
                                         if dark else ("#2a9d8f", "#8e6cc7", "#c9962b",
                                                       "#d9634c"))]
        self.selected = QColor("#fb923c" if dark else "#c2410c")


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
        self.log_scale = False
        self.timeline: pg.PlotItem | None = None
        self.markers: pg.ScatterPlotItem | None = None
        self.spans: pg.BarGraphItem | None = None
        self.highlight: pg.ScatterPlotItem | None = None
        self.bar_plots: list[tuple[pg.PlotItem, pg.BarGraphItem, int]] = []  # plot, bars, group
        self._event_xy: dict[str, tuple[float, float]] = {}
        self._selected: str | None = None
        self.scene().sigMouseClicked.connect(self._scene_clicked)
        self.scene().sigMouseMoved.connect(self._scene_hovered)

    # --- drawing ------------------------------------------------------------------------
    def draw(self, data: ChartData) -> None:
        self.clear()
        self.data = data
        self.timeline, self.markers, self.spans, self.highlight = None, None, None, None
        self.bar_plots = []
        self._event_xy = {}
        column = 0
        if data.events:
            self._draw_timeline(data, column)
            column += 1
        for number, group in enumerate(data.groups):
            self._draw_group(number, group, column)
            column += 1
        layout = self.ci.layout
        if data.events:
            layout.setColumnStretchFactor(0, max(2, len(data.groups)))
        for extra in range(1 if data.events else 0, column):
            layout.setColumnStretchFactor(extra, 1)
        self.show_selection(self._selected)

    def _style(self, plot: pg.PlotItem, title: str) -> None:
        plot.setTitle(title, color=self.colours.text.name(), size="9pt")
        plot.setMenuEnabled(False)
        plot.hideButtons()
        for name in ("bottom", "left"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(self.colours.axis))
            axis.setTextPen(pg.mkPen(self.colours.muted))
            font = QFont()
            font.setPointSizeF(8)
            axis.setStyle(tickFont=font)

    def _draw_timeline(self, data: ChartData, column: int) -> None:
        axis = pg.DateAxisItem(orientation="bottom", utcOffset=0)
        plot = self.addPlot(row=0, col=column, axisItems={"bottom": axis})
        self._style(plot, "Timeline")
        plot.hideAxis("left")
        plot.setMouseEnabled(x=True, y=False)
        events = data.events
        xs = np.array([e.x for e in events])
        ys = np.array([-e.lane for e in events], dtype=float)
        # Each period drawn as a band as wide as its precision: a year, a month, a day.
        widths = np.array([max(e.end - e.start, 86400.0) for e in events])
        self.spans = pg.BarGraphItem(x0=np.array([e.start for e in events]), width=widths,
                                     y=ys, height=0.28, brush=QBrush(self.colours.span),
                                     pen=pg.mkPen(None))
        plot.addItem(self.spans)
        self.markers = pg.ScatterPlotItem(
            x=xs, y=ys, data=[e.fact_id for e in events], size=9, symbol="o",
            brush=QBrush(self.colours.marker), pen=pg.mkPen(self.colours.background, width=1.5),
            hoverable=True, hoverSize=13, tip=None)
        self.markers.sigClicked.connect(self._marker_clicked)
        plot.addItem(self.markers)
        self.highlight = pg.ScatterPlotItem(size=17, symbol="o",
                                            brush=QBrush(Qt.BrushStyle.NoBrush),
                                            pen=pg.mkPen(self.colours.selected, width=2.5))
        plot.addItem(self.highlight)
        for event, x, y in zip(events, xs, ys, strict=True):
            self._event_xy[event.fact_id] = (float(x), float(y))
        if len(events) <= MAX_LABELS:
            for event, x, y in zip(events, xs, ys, strict=True):
                # A slightly negative x anchor leaves a gap between the marker and its text.
                label = pg.TextItem(event.label, color=self.colours.text, anchor=(-0.03, 0.5))
                label.setFont(_small_font())
                label.setPos(float(x), float(y))
                plot.addItem(label)
        span = xs.max() - xs.min() if len(xs) > 1 else 365 * 86400.0
        pad = max(span * 0.08, 180 * 86400.0)
        plot.setXRange(xs.min() - pad, xs.max() + pad + span * 0.3, padding=0)
        used = max(e.lane for e in events) + 1
        plot.setYRange(-used + 0.4, 0.6, padding=0)
        self.timeline = plot

    def _draw_group(self, number: int, group, column: int) -> None:
        plot = self.addPlot(row=0, col=column)
        self._style(plot, group.title)
        plot.hideAxis("left")
        plot.setMouseEnabled(x=False, y=False)
        xs = np.arange(len(group.values), dtype=float)
        colour = self.colours.bars[number % len(self.colours.bars)]
        bars = pg.BarGraphItem(x=xs, height=self._heights(group.values), width=0.62,
                               brushes=self._brushes(group, colour), pens=self._pens(group, None))
        plot.addItem(bars)
        top = max(self._heights(group.values)) if group.values else 1.0
        labelled = len(xs) <= MAX_VALUE_LABELS
        for x, height, text in zip(xs, self._heights(group.values), group.value_texts,
                                   strict=True) if labelled else ():
            label = pg.TextItem(text, color=self.colours.text, anchor=(0.5, 1))
            label.setFont(_small_font())
            label.setPos(float(x), float(height))
            plot.addItem(label)
        axis = plot.getAxis("bottom")
        axis.setTicks([[(float(x), text) for x, text in zip(xs, group.labels, strict=True)]])
        plot.setXRange(-0.6, len(xs) - 0.4, padding=0)
        plot.setYRange(0, top * 1.25 if top > 0 else 1, padding=0)
        self.bar_plots.append((plot, bars, number))

    def _heights(self, values: list[float]) -> list[float]:
        if not self.log_scale:
            return list(values)
        return [math.log10(v) + 1 if v >= 1 else max(v, 0.0) for v in values]

    def _brushes(self, group, colour: QColor) -> list[QBrush]:
        # Approximate values are hatched: the same colour, visibly less certain.
        return [QBrush(colour, Qt.BrushStyle.BDiagPattern) if approx else QBrush(colour)
                for approx in group.approx]

    def _pens(self, group, selected: str | None) -> list[QPen]:
        pens = []
        for fact_id, approx in zip(group.fact_ids, group.approx, strict=True):
            if fact_id == selected:
                pens.append(pg.mkPen(self.colours.selected, width=3))
            else:
                pens.append(pg.mkPen(self.colours.bars[0] if approx else None, width=1))
        return pens

    def set_log_scale(self, on: bool) -> None:
        self.log_scale = on
        if self.data is not None:
            self.draw(self.data)

    # --- selection ------------------------------------------------------------------------
    def show_selection(self, fact_id: str | None) -> None:
        """Ring the selected event; outline the selected bar (only what changed is redrawn)."""
        previous, self._selected = self._selected, fact_id
        if self.highlight is not None:
            spot = self._event_xy.get(fact_id or "")
            self.highlight.setData(x=[spot[0]] if spot else [], y=[spot[1]] if spot else [])
        if self.data is None:
            return
        for _plot, bars, number in self.bar_plots:
            ids = self.data.groups[number].fact_ids
            if previous in ids or fact_id in ids or previous is None:
                bars.setOpts(pens=self._pens(self.data.groups[number], fact_id))

    def bar_data(self) -> list[tuple[str, list[str], list[float]]]:
        """(group title, fact ids, bar heights) of every bar plot, for tests and export."""
        return [(self.data.groups[n].title, list(self.data.groups[n].fact_ids),
                 [float(h) for h in bars.opts["height"]]) for _p, bars, n in self.bar_plots]

    # --- mouse ------------------------------------------------------------------------------
    def _marker_clicked(self, _item, points, _event) -> None:
        if len(points):
            self.fact_clicked.emit(points[0].data())

    def _bar_at(self, scene_pos: QPointF) -> tuple[str, str] | None:
        """(fact id, tooltip) of the bar under a scene position."""
        if self.data is None:
            return None
        for plot, _bars, number in self.bar_plots:
            if not plot.vb.sceneBoundingRect().contains(scene_pos):
                continue
            point = plot.vb.mapSceneToView(scene_pos)
            column = round(point.x())
            group = self.data.groups[number]
            if 0 <= column < len(group.fact_ids) and abs(point.x() - column) <= 0.35:
                return group.fact_ids[column], f"{group.value_texts[column]} — " \
                    f"{group.sentences[column]}"
        return None

    def _event_at(self, scene_pos: QPointF) -> tuple[str, str] | None:
        if self.markers is None or self.data is None:
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
            QToolTip.showText(screen, _wrap(hit[1]), self)
        else:
            QToolTip.hideText()

    # --- export ---------------------------------------------------------------------------
    def export(self, path: str) -> None:
        """PNG or SVG by the file's suffix, through pyqtgraph's exporters."""
        import pyqtgraph.exporters as exporters

        if not path.lower().endswith(".svg"):
            exporter = exporters.ImageExporter(self.scene())
            exporter.parameters()["width"] = max(1200, int(self.width() * 2))
            exporter.export(path)
            return
        try:
            exporters.SVGExporter(self.scene()).export(path)
        except ValueError:
            # pyqtgraph 0.14's SVGExporter cannot parse the "Z" that Qt 6.11 writes to close paths.
            self._export_svg_with_qt(path)

    def _export_svg_with_qt(self, path: str) -> None:
        from PySide6.QtCore import QRectF, QSize
        from PySide6.QtGui import QPainter
        from PySide6.QtSvg import QSvgGenerator

        rect = self.scene().sceneRect()
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(QSize(int(rect.width()), int(rect.height())))
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle("Lectern chart")
        painter = QPainter(generator)
        try:
            self.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        finally:
            painter.end()


def _small_font() -> QFont:
    font = QFont()
    font.setPointSizeF(8)
    return font


def _wrap(text: str, width: int = 70) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
