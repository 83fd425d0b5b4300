"""The reports' charts, in the single-article chart's look (its colours, fonts and export):
tag frequencies as bars stacked by outlet, tag co-occurrence as a heat map, and sourcing as
horizontal bars of the most quoted, named against unnamed credits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from lectern.core.library.reports import UNATTRIBUTED, Cooccurrence, Source, TagFrequency, by_outlet
from lectern.core.readouts.chart_data import Captions
from lectern.gui.widgets.chart.axes import add_plot
from lectern.gui.widgets.chart.export import export_chart
from lectern.gui.widgets.chart.style import ChartColours, small_font

MAX_TAGS = 12  # more bars or heat-map rows than this are too thin to read
MAX_OUTLETS = 6  # outlets beyond the largest few stack as one
MAX_SPEAKERS = 15
NAME_CHARS = 30
OTHER_OUTLETS = "Other outlets"
# Stack colours: the chart's four bar colours, then four more that stay apart on either palette.
EXTRA_LIGHT = ("#3a7ca5", "#7a9e3b", "#b5577f", "#8a8577")
EXTRA_DARK = ("#7fb8e0", "#a9cf6a", "#e48fb4", "#b8b3a7")


def _short(name: str, chars: int = NAME_CHARS) -> str:
    return name if len(name) <= chars else name[:chars - 1] + "…"


class ReportChart(pg.GraphicsLayoutWidget):
    """One report's chart; ``draw(rows)`` replaces what it shows."""

    def __init__(self, dark: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colours = ChartColours(dark)
        self.setBackground(self.colours.background)
        self.ci.layout.setContentsMargins(8, 8, 16, 8)
        self.plot: pg.PlotItem | None = None

    def _fresh_plot(self, title: str) -> pg.PlotItem:
        self.clear()
        plot = add_plot(self.ci, self.colours, 0, 0, title)
        plot.setMouseEnabled(x=False, y=False)
        self.plot = plot
        return plot

    def _stack_colours(self) -> list[QColor]:
        extra = EXTRA_DARK if self.colours.dark else EXTRA_LIGHT
        return [*self.colours.bars, *(QColor(c) for c in extra)]

    def _legend(self, plot: pg.PlotItem, offset: tuple[int, int] = (-10, 10)
                ) -> pg.LegendItem:
        legend = plot.addLegend(offset=offset, labelTextColor=self.colours.text,
                                labelTextSize="8pt")
        legend.setBrush(pg.mkBrush(self.colours.background))
        legend.setPen(pg.mkPen(self.colours.axis))
        return legend

    def export(self, path: str, captions: Captions) -> None:
        export_chart(self, path, captions, self.colours)


class TagChart(ReportChart):
    """Annotations per tag, each bar stacked by outlet."""

    def draw(self, rows: Sequence[TagFrequency]) -> None:
        plot = self._fresh_plot("Annotations per tag, by outlet")
        outlets = by_outlet(rows)
        totals = Counter({outlet: sum(c.values()) for outlet, c in outlets.items()})
        tag_totals: Counter[str] = Counter()
        for counts in outlets.values():
            tag_totals.update(counts)
        tags = [tag for tag, _ in tag_totals.most_common(MAX_TAGS)]
        kept = [outlet for outlet, _ in totals.most_common(MAX_OUTLETS)]
        stacks: dict[str, Counter[str]] = {outlet: outlets[outlet] for outlet in kept}
        rest = [outlet for outlet in outlets if outlet not in kept]
        if rest:
            stacks[OTHER_OUTLETS] = sum((outlets[o] for o in rest), Counter())
        legend = self._legend(plot)
        bottoms = [0.0] * len(tags)
        for colour, (outlet, counts) in zip(self._stack_colours(), stacks.items(),
                                            strict=False):
            heights = [float(counts.get(tag, 0)) for tag in tags]
            bars = pg.BarGraphItem(x=list(range(len(tags))), height=heights, y0=bottoms,
                                   width=0.66, brush=pg.mkBrush(colour),
                                   pen=pg.mkPen(self.colours.background, width=0.5))
            plot.addItem(bars)
            legend.addItem(bars, _short(outlet, 24))
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        plot.showAxis("left")
        plot.getAxis("bottom").setTicks([[(i, _short(t, 14)) for i, t in enumerate(tags)]])
        plot.setXRange(-0.6, len(tags) - 0.4, padding=0)
        plot.setYRange(0, max(bottoms, default=1) * 1.12, padding=0)
        whole_ticks(plot.getAxis("left"), max(bottoms, default=1))


class HeatMap(ReportChart):
    """How often two tags meet on annotations that overlap or share a paragraph."""

    def draw(self, rows: Sequence[Cooccurrence]) -> None:
        plot = self._fresh_plot("Tags that meet: overlapping or in one paragraph")
        weight: Counter[str] = Counter()
        for row in rows:
            weight[row.tag_a] += row.count
            weight[row.tag_b] += row.count
        tags = sorted((t for t, _ in weight.most_common(MAX_TAGS)), key=str.casefold)
        place = {tag: i for i, tag in enumerate(tags)}
        cells: dict[tuple[int, int], int] = {}
        for row in rows:
            if row.tag_a in place and row.tag_b in place:
                a, b = place[row.tag_a], place[row.tag_b]
                cells[(a, b)] = cells[(b, a)] = row.count
        top = max(cells.values(), default=1)
        low, high = self.colours.background, self.colours.marker
        xs, ys, brushes = [], [], []
        for (a, b), value in cells.items():
            share = 0.12 + 0.88 * value / top
            xs.append(a - 0.5)
            ys.append(b - 0.5)
            brushes.append(pg.mkBrush(_mix(low, high, share)))
        plot.addItem(pg.BarGraphItem(x0=xs, y0=ys, width=1.0, height=1.0, brushes=brushes,
                                     pen=pg.mkPen(self.colours.background, width=1.5)))
        font = small_font()
        for (a, b), value in cells.items():
            light_cell = value / top < 0.55
            text = self.colours.text if light_cell else self.colours.background
            label = pg.TextItem(f"{value:,}", color=text, anchor=(0.5, 0.5))
            label.setFont(font)
            label.setPos(a, b)
            plot.addItem(label)
        ticks = [(i, _short(t, 14)) for i, t in enumerate(tags)]
        plot.showAxis("left")
        plot.getAxis("bottom").setTicks([ticks])
        plot.getAxis("left").setTicks([ticks])
        plot.invertY(True)
        plot.setXRange(-0.5, len(tags) - 0.5, padding=0.02)
        plot.setYRange(-0.5, len(tags) - 0.5, padding=0.02)


class SourcesChart(ReportChart):
    """The most quoted: quotations per speaker, named credits against unnamed ones."""

    def draw(self, rows: Sequence[Source]) -> None:
        plot = self._fresh_plot("Who is quoted: quotations per source")
        shown = list(rows[:MAX_SPEAKERS])
        named, unnamed = self.colours.bars[0], self.colours.bars[2]
        legend = self._legend(plot, (-10, -10))  # bottom right: the shortest bars are there
        for colour, label, keep in (
                (named, "named", lambda s: s.named),
                (unnamed, "unnamed credit", lambda s: not s.named and s.speaker != UNATTRIBUTED),
                (self.colours.axis, "no credit", lambda s: s.speaker == UNATTRIBUTED)):
            picked = [(i, s) for i, s in enumerate(shown) if keep(s)]
            if not picked:
                continue
            bars = pg.BarGraphItem(x0=[0] * len(picked), y=[i for i, _ in picked], height=0.66,
                                   width=[s.quotes for _, s in picked],
                                   brush=pg.mkBrush(colour), pen=pg.mkPen(None))
            plot.addItem(bars)
            legend.addItem(bars, label)
        most = max((s.quotes for s in shown), default=1)
        font = small_font()
        for i, source in enumerate(shown):
            text = pg.TextItem(f"  {source.quotes:,} quotation{'s' * (source.quotes != 1)} in "
                               f"{source.articles:,} article{'s' * (source.articles != 1)}",
                               color=self.colours.muted, anchor=(0, 0.5))
            text.setFont(font)
            text.setPos(source.quotes, i)
            plot.addItem(text)
        plot.showAxis("left")
        plot.getAxis("left").setTicks([[(i, _short(s.speaker)) for i, s in enumerate(shown)]])
        plot.getAxis("left").setStyle(tickTextWidth=180, autoExpandTextSpace=False)
        plot.invertY(True)
        plot.setYRange(-0.6, max(len(shown), 1) - 0.4, padding=0)
        plot.setXRange(0, most * 1.35, padding=0)
        whole_ticks(plot.getAxis("bottom"), most)


def whole_ticks(axis: pg.AxisItem, most: float) -> None:
    """Counts are whole: no tick at 0.5 when the largest is small."""
    if most <= 12:
        axis.setTickSpacing(major=1.0, minor=1.0)
    else:
        axis.setTickSpacing()  # pyqtgraph's own, for larger counts


def _mix(low: QColor, high: QColor, share: float) -> QColor:
    return QColor(*(round(a + (b - a) * share) for a, b in (
        (low.red(), high.red()), (low.green(), high.green()), (low.blue(), high.blue()))))


CHARTS = {"tags": TagChart, "cooccurrence": HeatMap, "sources": SourcesChart}
ALIGN = Qt.AlignmentFlag.AlignCenter
