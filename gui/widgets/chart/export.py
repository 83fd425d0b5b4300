"""Write the chart to PNG or SVG: a title band (the article, what the chart shows) above the
plots and a source line below, in the chart's own colours."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QImageWriter, QPaintDevice, QPainter

from lectern.core.atomic_write import atomic_write_bytes
from lectern.core.readouts.chart_data import Captions
from lectern.gui.widgets.chart.style import ChartColours

if TYPE_CHECKING:
    from pyqtgraph import GraphicsLayoutWidget

PNG_MIN_WIDTH = 1200  # pixels: a PNG is drawn at twice the view's size, and never smaller
MARGIN = 14.0
TITLE_PX, SUBTITLE_PX, SOURCE_PX = 17, 12, 11
TITLE_FLAGS = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)


class Bands:
    """The title band and source line for a chart ``width`` wide, at ``scale`` pixels each."""

    def __init__(self, captions: Captions, width: float, scale: float) -> None:
        self.captions, self.width, self.scale = captions, width, scale
        self.title_font = _font(TITLE_PX * scale, bold=True)
        self.subtitle_font = _font(SUBTITLE_PX * scale)
        self.source_font = _font(SOURCE_PX * scale)
        text_width = width - 2 * MARGIN * scale
        self.title_rect = QFontMetricsF(self.title_font).boundingRect(
            QRectF(0, 0, text_width, 10_000), TITLE_FLAGS, captions.title)
        self.line = QFontMetricsF(self.subtitle_font).height()
        self.source_line = QFontMetricsF(self.source_font).height()
        self.top = (MARGIN + 4) * scale + self.title_rect.height() + self.line + 10 * scale
        self.bottom = 8 * scale + self.source_line + 10 * scale

    def paint(self, painter: QPainter, colours: ChartColours, chart_height: float,
              draw_chart: Callable[[QPainter, QRectF], None]) -> None:
        scale, left = self.scale, MARGIN * self.scale
        text_width = self.width - 2 * left
        painter.fillRect(QRectF(0, 0, self.width, self.top + chart_height + self.bottom),
                         colours.background)
        painter.setPen(colours.text)
        painter.setFont(self.title_font)
        top = MARGIN * scale
        title = QRectF(left, top, text_width, self.title_rect.height())
        painter.drawText(title, TITLE_FLAGS, self.captions.title)
        painter.setFont(self.subtitle_font)
        painter.setPen(colours.muted if colours.dark else colours.caption)
        subtitle = QFontMetricsF(self.subtitle_font).elidedText(
            self.captions.subtitle, Qt.TextElideMode.ElideRight, text_width)
        painter.drawText(QRectF(left, title.bottom() + 4 * scale, text_width, self.line),
                         int(Qt.AlignmentFlag.AlignLeft), subtitle)
        draw_chart(painter, QRectF(0, self.top, self.width, chart_height))
        painter.setFont(self.source_font)
        painter.setPen(colours.caption)
        source = QFontMetricsF(self.source_font).elidedText(
            self.captions.source, Qt.TextElideMode.ElideMiddle, text_width)
        painter.drawText(QRectF(left, self.top + chart_height + 8 * scale, text_width,
                                self.source_line), int(Qt.AlignmentFlag.AlignLeft), source)


def export_chart(view: GraphicsLayoutWidget, path: str, captions: Captions,
                 colours: ChartColours) -> None:
    """PNG or SVG by the file's suffix; the file is replaced whole or not at all."""
    data = _svg(view, captions, colours) if path.lower().endswith(".svg") \
        else _png(view, captions, colours)
    atomic_write_bytes(path, data)


def _png(view: GraphicsLayoutWidget, captions: Captions, colours: ChartColours) -> bytes:
    import pyqtgraph.exporters as exporters  # heavy, and only needed here

    exporter = exporters.ImageExporter(view.scene())
    exporter.parameters()["width"] = max(PNG_MIN_WIDTH, int(view.width() * 2))
    chart: QImage = exporter.export(toBytes=True)
    bands = Bands(captions, chart.width(), chart.width() / max(view.width(), 1))
    image = QImage(chart.width(), round(bands.top + chart.height() + bands.bottom),
                   QImage.Format.Format_ARGB32)
    _paint(image, bands, colours, chart.height(),
           lambda painter, rect: painter.drawImage(rect.topLeft(), chart))
    return _encoded(lambda buffer: QImageWriter(buffer, QByteArray(b"png")).write(image))


def _svg(view: GraphicsLayoutWidget, captions: Captions, colours: ChartColours) -> bytes:
    # Qt's own SVG writer: pyqtgraph 0.14's SVGExporter cannot parse the "Z" Qt 6.11 writes.
    from PySide6.QtSvg import QSvgGenerator

    source = view.sceneRect()  # what the view shows (the scene rect only ever grows)
    bands = Bands(captions, source.width(), 1.0)
    height = bands.top + source.height() + bands.bottom
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    # At the screen's resolution, text sized in points keeps its size beside the plots.
    generator.setResolution(view.logicalDpiX())
    generator.setSize(QSize(round(source.width()), round(height)))
    generator.setViewBox(QRectF(0, 0, source.width(), height))
    generator.setTitle(captions.title)
    generator.setDescription(f"{captions.subtitle}. {captions.source}")
    _paint(generator, bands, colours, source.height(),
           lambda painter, rect: view.scene().render(painter, rect, source))
    return bytes(buffer.data().data())


def _paint(device: QPaintDevice, bands: Bands, colours: ChartColours, chart_height: float,
           draw_chart: Callable[[QPainter, QRectF], None]) -> None:
    painter = QPainter(device)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        bands.paint(painter, colours, chart_height, draw_chart)
    finally:
        painter.end()


def _encoded(save: Callable[[QBuffer], bool]) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not save(buffer):
        raise OSError("the image could not be encoded")
    return bytes(data.data())


def _font(pixels: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font
