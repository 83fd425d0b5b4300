"""Write the chart to PNG or SVG with pyqtgraph's exporters (imported when first used)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyqtgraph import GraphicsLayoutWidget


def export_chart(view: GraphicsLayoutWidget, path: str) -> None:
    """PNG or SVG by the file's suffix, through pyqtgraph's exporters."""
    import pyqtgraph.exporters as exporters

    if not path.lower().endswith(".svg"):
        exporter = exporters.ImageExporter(view.scene())
        exporter.parameters()["width"] = max(1200, int(view.width() * 2))
        exporter.export(path)
        return
    try:
        exporters.SVGExporter(view.scene()).export(path)
    except ValueError:
        # pyqtgraph 0.14's SVGExporter cannot parse the "Z" that Qt 6.11 writes to close paths.
        _export_svg_with_qt(view, path)


def _export_svg_with_qt(view: GraphicsLayoutWidget, path: str) -> None:
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    rect = view.sceneRect()  # what the view shows (the scene rect only ever grows)
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(QSize(int(rect.width()), int(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle("Lectern chart")
    painter = QPainter(generator)
    try:
        view.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    finally:
        painter.end()
