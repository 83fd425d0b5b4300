"""One bar plot of the chart per group of figures that share a scale: bars hatched when
approximate, values above, names below, and the outline on the selected bar."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from lectern.core.readouts.chart_data import BarGroup
from lectern.gui.widgets.chart.axes import add_plot, set_title, title_width
from lectern.gui.widgets.chart.style import ChartColours, small_font

MAX_VALUE_LABELS = 12  # per bar group: beyond this, values overlap into noise
BAR_WIDTH = 0.62
VALUE_GAP_PX = 6  # between the values above neighbouring bars
FRAME_PX = 4  # a plot is this much wider than the view box its bars are in
MIN_BAR_SHARE = 0.35  # of a plot's height, the least the tallest bar is given
HOVER_PX = 14  # a bar too short to point at is hovered anywhere this far above the axis


def width_needed(group: BarGroup) -> float:
    """What a group's plot needs to show its title and every value above its bar."""
    values = 0.0
    if len(group.value_texts) <= MAX_VALUE_LABELS:
        metrics = QFontMetricsF(small_font())
        widest = max((metrics.horizontalAdvance(t) for t in group.value_texts), default=0.0)
        values = len(group.value_texts) * (widest + VALUE_GAP_PX) + FRAME_PX
    return max(title_width(group.title), values)


def bar_heights(values: list[float], log_scale: bool) -> list[float]:
    if not log_scale:
        return list(values)
    return [math.log10(v) + 1 if v >= 1 else max(v, 0.0) for v in values]


class BarPlot:
    """One group's plot: its bars, the outline that marks a selected bar, its value labels."""

    def __init__(self, layout: pg.GraphicsLayout, colours: ChartColours, number: int,
                 group: BarGroup, row: int, column: int, log_scale: bool) -> None:
        self.group, self.number, self.colours = group, number, colours
        plot = self.plot = add_plot(layout, colours, row, column, group.title)
        plot.setMouseEnabled(x=False, y=False)
        xs = np.arange(len(group.values), dtype=float)
        colour = colours.bars[number % len(colours.bars)]
        heights = bar_heights(group.values, log_scale)
        self.bars = pg.BarGraphItem(x=xs, height=heights, width=BAR_WIDTH,
                                    brushes=_brushes(group, colour), pens=_pens(group, colour))
        plot.addItem(self.bars)
        self.outline = QGraphicsRectItem()
        self.outline.setPen(pg.mkPen(colours.selected, width=2.5))
        self.outline.setZValue(10)
        self.outline.hide()
        plot.addItem(self.outline, ignoreBounds=True)
        self.labels: list[pg.TextItem] = []
        if len(xs) <= MAX_VALUE_LABELS:
            for x, height, text in zip(xs, heights, group.value_texts, strict=True):
                label = pg.TextItem(text, color=colours.text, anchor=(0.5, 1))
                label.setFont(small_font())
                # No margin round the text: the headroom kept above the bar is for the text.
                label.textItem.document().setDocumentMargin(0)
                label.setPos(float(x), float(height))
                plot.addItem(label)
                self.labels.append(label)
        plot.setXRange(-0.6, len(xs) - 0.4, padding=0)
        plot.vb.sigResized.connect(self.fit)
        self.fit()

    @property
    def heights(self) -> list[float]:
        return [float(h) for h in self.bars.opts["height"]]

    def fit(self, *_args: object) -> None:
        """Name each bar under it, shortened to its slot; drop what cannot be read."""
        group, plot = self.group, self.plot
        set_title(plot, self.colours, group.title, plot.width())
        slot = plot.vb.width() / max(len(group.labels), 1)
        metrics = QFontMetricsF(small_font())
        room = slot - 4
        ticks = []
        if room >= metrics.horizontalAdvance("Abc…"):
            for x, text in enumerate(group.labels):
                ticks.append((float(x), metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                           room)))
        plot.getAxis("bottom").setTicks([ticks])
        # Headroom above the tallest bar for its value, in pixels whatever the plot's height;
        # a plot too short to give it leaves the values out (their tooltips still say them).
        top = max(self.heights, default=0.0) or 1.0
        share = (metrics.height() + 4) / max(plot.vb.height(), 1.0)
        tall_enough = share <= 1.0 - MIN_BAR_SHARE
        for label, text in zip(self.labels, group.value_texts, strict=False):
            label.setVisible(tall_enough
                             and metrics.horizontalAdvance(text) + VALUE_GAP_PX <= slot + 0.5)
        plot.setYRange(0, top / max(1.0 - share, MIN_BAR_SHARE), padding=0)

    def bar_at(self, scene_pos: QPointF) -> int | None:
        """The bar under a scene position: over the bar, its value, or just above the axis."""
        vb = self.plot.vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = vb.mapSceneToView(scene_pos)
        column = round(point.x())
        if not (0 <= column < len(self.group.fact_ids)
                and abs(point.x() - column) <= BAR_WIDTH / 2 + 0.04):
            return None
        per_px = vb.viewPixelSize()[1]
        reach = self.heights[column] + (QFontMetricsF(small_font()).height() + 2) * per_px
        return column if point.y() <= max(reach, HOVER_PX * per_px) else None

    def show_selection(self, fact_id: str | None) -> None:
        if fact_id in self.group.fact_ids:
            x = self.group.fact_ids.index(fact_id)
            self.outline.setRect(QRectF(x - BAR_WIDTH / 2, 0, BAR_WIDTH, self.heights[x]))
            self.outline.show()
        else:
            self.outline.hide()


def _brushes(group: BarGroup, colour: QColor) -> list[QBrush]:
    # Approximate values are hatched: the same colour, visibly less certain.
    return [QBrush(colour, Qt.BrushStyle.BDiagPattern) if approx else QBrush(colour)
            for approx in group.approx]


def _pens(group: BarGroup, colour: QColor) -> list[QPen]:
    # A hatched bar keeps an outline in its own colour, so its height still reads.
    return [pg.mkPen(colour if approx else None, width=1.2) for approx in group.approx]
