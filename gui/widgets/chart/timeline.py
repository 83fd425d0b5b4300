"""The chart's timeline: one marker per dated event on its row, the period behind it, labels
placed by core's ``place_labels`` so that none covers another label or a marker, and the ring
on the selected event."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF

from lectern.core.readouts.chart_data import Event
from lectern.core.readouts.chart_layout import LANES, Placement, place_labels, unlabelled
from lectern.gui.widgets.chart.axes import add_plot, set_title
from lectern.gui.widgets.chart.style import ChartColours, small_font

MAX_LABELS = 120  # beyond this, labels are markers' worth of text; tooltips name each event
DAY = 86400.0
ELIDE_SLACK_PX = 2.0  # a text item lays text out a hair wider than the font metrics say


class Timeline:
    """The timeline plot and what is drawn on it; ``place()`` runs on every resize or zoom."""

    def __init__(self, layout: pg.GraphicsLayout, colours: ChartColours, events: list[Event],
                 column: int, span: int, clicked: Callable[[str], None]) -> None:
        self.colours, self.events = colours, events
        self.by_id = {e.fact_id: e for e in events}
        axis = pg.DateAxisItem(orientation="bottom", utcOffset=0)
        plot = self.plot = add_plot(layout, colours, 0, column, "Timeline",
                                    axisItems={"bottom": axis}, colspan=span)
        plot.setMouseEnabled(x=True, y=False)
        self.xs = np.array([e.x for e in events])
        ys = np.zeros(len(events))
        # Each period drawn as a band as wide as its precision: a year, a month, a day.
        self.span_x0 = np.array([e.start for e in events])
        self.span_widths = np.array([max(e.end - e.start, DAY) for e in events])
        self.spans = pg.BarGraphItem(x0=self.span_x0, width=self.span_widths, y=ys,
                                     height=0.28, brush=QBrush(colours.span),
                                     pen=pg.mkPen(None))
        plot.addItem(self.spans)
        self.markers = pg.ScatterPlotItem(
            x=self.xs, y=ys, data=[e.fact_id for e in events], size=9, symbol="o",
            brush=QBrush(colours.marker), pen=pg.mkPen(colours.background, width=1.5),
            hoverable=True, hoverSize=13, tip=None)
        self.markers.sigClicked.connect(
            lambda _item, points, _event: clicked(points[0].data()) if len(points) else None)
        plot.addItem(self.markers)
        # One ring, moved on selection: nothing else is redrawn when the selection changes.
        self.ring = pg.ScatterPlotItem(x=[0.0], y=[0.0], size=17, symbol="o",
                                       brush=QBrush(Qt.BrushStyle.NoBrush),
                                       pen=pg.mkPen(colours.selected, width=2.5))
        self.ring.setZValue(10)
        self.ring.hide()
        plot.addItem(self.ring)
        self.labels: list[pg.TextItem] = []
        self.label_widths: list[float] = []  # each label's full width in pixels
        self.date_widths: list[float] = []  # the least of it worth showing: its date
        metrics = QFontMetricsF(small_font())
        if len(events) <= MAX_LABELS:
            for event in events:
                label = pg.TextItem(event.label, color=colours.text)
                label.setFont(small_font())
                # No margin round the text: its box is what place_labels kept clear.
                label.textItem.document().setDocumentMargin(0)
                plot.addItem(label)
                self.labels.append(label)
                self.label_widths.append(label.textItem.boundingRect().width())
                self.date_widths.append(metrics.horizontalAdvance(event.when) + ELIDE_SLACK_PX)
        self.placements: list[Placement] = []
        self.xy: dict[str, tuple[float, float]] = {}
        self._selected: str | None = None
        extent = float(self.xs.max() - self.xs.min()) if len(self.xs) > 1 else 365 * DAY
        pad = max(extent * 0.06, 180 * DAY)
        plot.setXRange(self.xs.min() - pad, self.xs.max() + pad, padding=0)
        plot.vb.sigResized.connect(self.place)
        plot.vb.sigXRangeChanged.connect(self.place)
        # A new plot is laid out (and resized, which places) after this; placing now, at
        # the default size, would do the work twice: ~0.1 s for a library's 3,000 events.
        if len(events) <= MAX_LABELS:
            self.place()

    @property
    def unlabelled(self) -> int:
        return unlabelled(self.placements) if self.labels else len(self.events)

    def place(self, *_args: object) -> None:
        """Rows and labels for the plot's size and range, in pixels, by core's rule."""
        vb = self.plot.vb
        width_px = max(vb.width(), 1.0)
        (left, right), _ = vb.viewRange()
        scale = width_px / max(right - left, 1.0)
        xs_px = [(x - left) * scale for x in self.xs]
        bands_px = [((x0 - left) * scale, (x0 + w - left) * scale)
                    for x0, w in zip(self.span_x0, self.span_widths, strict=True)]
        # As many rows as lines of text fit in the plot's height.
        line = QFontMetricsF(small_font()).height() + 4
        lanes = max(1, min(LANES, int(vb.height() // line)))
        widths = self.label_widths or [0.0] * len(self.events)
        self.placements = place_labels(xs_px, widths, width_px, lanes, bands_px=bands_px,
                                       shortest_px=self.date_widths or None)
        ys = np.array([-p.lane for p in self.placements], dtype=float)
        if not np.array_equal(ys, self.markers.data["y"]):
            self.markers.setData(x=self.xs, y=ys, data=[e.fact_id for e in self.events])
            self.spans.setOpts(x0=self.span_x0, width=self.span_widths, y=ys)
        self.xy = {e.fact_id: (float(x), float(y))
                   for e, x, y in zip(self.events, self.xs, ys, strict=True)}
        metrics = QFontMetricsF(small_font())
        for label, placement, event, y in zip(self.labels, self.placements, self.events, ys,
                                              strict=False):
            label.setVisible(placement.side is not None)
            if placement.side is None:
                continue
            room = placement.room
            text = event.label if room is None else cut_label(event, room, metrics)
            if label.toPlainText() != text:
                label.setText(text)
            if placement.side == "right":
                label.setAnchor((0.0, 0.5))
                label.setPos(left + placement.left / scale, float(y))
            else:
                label.setAnchor((1.0, 0.5))
                label.setPos(left + placement.right / scale, float(y))
        used = int(-ys.min()) + 1 if len(ys) else 1
        self.plot.setYRange(-used + 0.4, 0.6, padding=0)
        missing = self.unlabelled
        set_title(self.plot, self.colours, "Timeline" if not missing else
                  f"Timeline · {missing:,} of {len(self.events):,} events unlabelled",
                  self.plot.width())
        self.show_selection(self._selected)

    def show_selection(self, fact_id: str | None) -> None:
        self._selected = fact_id
        spot = self.xy.get(fact_id or "")
        if spot:
            self.ring.setPos(*spot)
        self.ring.setVisible(spot is not None)

    def events_at(self, scene_pos: QPointF) -> list[Event]:
        """The events whose marker or label is under a scene position (several on one date)."""
        if not self.plot.vb.sceneBoundingRect().contains(scene_pos):
            return []
        points = self.markers.pointsAt(self.markers.mapFromScene(scene_pos))
        ids = {p.data() for p in points}
        if not ids:
            ids = {e.fact_id for e, label in zip(self.events, self.labels, strict=False)
                   if label.isVisible() and label.sceneBoundingRect().contains(scene_pos)}
        return [e for e in self.events if e.fact_id in ids]

    def label_rects(self) -> list[tuple[str, QRectF]]:
        """(fact id, scene rectangle) of every label shown, for tests of the drawn layout."""
        return [(e.fact_id, label.sceneBoundingRect())
                for e, label in zip(self.events, self.labels, strict=False) if label.isVisible()]


def cut_label(event: Event, room: float, metrics: QFontMetricsF) -> str:
    """The label shortened with "…" to ``room`` pixels, its date kept whole."""
    text = metrics.elidedText(event.label, Qt.TextElideMode.ElideRight, room - ELIDE_SLACK_PX)
    # "20 May 19…" or "20 May 1992 · …" says less than the bare date.
    keeps_subject = len(text) >= len(event.when) + len(" · ") + 3
    return text if keeps_subject and text.startswith(event.when) else event.when
