"""One styled plot of the chart: title, axes and fonts in the chart's colours."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from lectern.gui.widgets.chart.style import ChartColours, small_font

TITLE_PT = 9
TITLE_MARGIN_PX = 10.0  # the title label's own margins, and a little air


def add_plot(layout: pg.GraphicsLayout, colours: ChartColours, row: int, column: int,
             title: str, **kwargs) -> pg.PlotItem:
    # No context menus: they cost a third of a plot's construction and offer nothing here.
    plot = layout.addPlot(row=row, col=column, enableMenu=False, **kwargs)
    plot.hideButtons()
    plot.hideAxis("left")
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(colours.axis))
        axis.setTextPen(pg.mkPen(colours.muted))
        axis.setStyle(tickFont=small_font())
    set_title(plot, colours, title)
    return plot


def title_font() -> QFont:
    font = QFont()
    font.setPointSizeF(TITLE_PT)
    return font


def title_width(title: str) -> float:
    """What a plot needs to show ``title`` whole, in pixels (with the label's margins)."""
    return QFontMetricsF(title_font()).horizontalAdvance(title) + TITLE_MARGIN_PX


def set_title(plot: pg.PlotItem, colours: ChartColours, title: str,
              width: float | None = None) -> None:
    """The title, cut with "…" to ``width``: a title must not widen its plot past the view."""
    shown = title if width is None else QFontMetricsF(title_font()).elidedText(
        title, Qt.TextElideMode.ElideRight, max(width - TITLE_MARGIN_PX, 0.0))
    if plot.titleLabel.text != shown or not plot.titleLabel.isVisible():
        plot.setTitle(shown, color=colours.text.name(), size=f"{TITLE_PT}pt")
    # The label asks for its text's width; the column's share decides, the text is cut to it.
    plot.titleLabel.setMinimumWidth(0)
    plot.titleLabel.setPreferredWidth(0)
