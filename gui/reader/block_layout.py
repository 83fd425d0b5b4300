"""A plain-text layout that indents some blocks: quotes, list items (with a hanging indent
after the bullet), code, and space above headings.

QPlainTextEdit keeps a 10 MB article fast but its layout ignores block margins; this
subclass lays the few shaped blocks out again, with the same text, just before Qt asks where
they are, so painting, hit-testing and the caret all follow the indented lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument, QTextLayout
from PySide6.QtWidgets import QPlainTextDocumentLayout

_SAME = 0.5  # pixels: a line already where this layout puts it


@dataclass(frozen=True)
class BlockShape:
    """Where a block's lines go, in pixels: every line ``left`` in, lines after the first
    ``hanging`` further (so they align after a bullet), ``top`` of space above."""

    left: float = 0.0
    hanging: float = 0.0
    top: float = 0.0


class ShapedLayout(QPlainTextDocumentLayout):
    """QPlainTextDocumentLayout with a ``BlockShape`` for chosen block numbers."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._shapes: dict[int, BlockShape] = {}

    def set_shapes(self, shapes: dict[int, BlockShape]) -> None:
        """Shape blocks by number from now on (set before the text, or relayout after)."""
        self._shapes = shapes

    def shape_of(self, block: QTextBlock) -> BlockShape | None:
        return self._shapes.get(block.blockNumber()) if self._shapes else None

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)
        shape = self.shape_of(block) if block.isValid() else None
        if shape is None or not block.isVisible():
            return rect
        layout = block.layout()
        margin = self.document().documentMargin()
        if not _laid_out_as(layout, shape, margin):
            self._lay_out(block, shape, margin)
        height = shape.top + sum(layout.lineAt(i).height() for i in range(layout.lineCount()))
        if not block.next().isValid():
            height += margin
        return QRectF(0.0, 0.0, rect.width(), height)

    def _lay_out(self, block: QTextBlock, shape: BlockShape, margin: float) -> None:
        """Lay ``block`` out again from Qt's layout of it, its lines moved in by ``shape``."""
        layout = block.layout()
        # Qt's own layout gave every line the full width; that is the width to share out.
        available = layout.lineAt(0).width() if layout.lineCount() else float(1 << 30)
        layout.beginLayout()
        y, first = shape.top, True
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLeadingIncluded(True)
            indent = shape.left if first else shape.left + shape.hanging
            line.setLineWidth(max(available - indent, 1.0))
            line.setPosition(QPointF(margin + indent, y))
            y += line.height()
            first = False
        layout.endLayout()
        if block.lineCount() != layout.lineCount():
            block.setLineCount(layout.lineCount())  # the scroll bar counts lines
            self.documentSizeChanged.emit(self.documentSize())


def _laid_out_as(layout: QTextLayout, shape: BlockShape, margin: float) -> bool:
    """Whether Qt's own layout (lines at the margin, from the top) was already replaced."""
    if not layout.lineCount():
        return False
    line = layout.lineAt(0)
    if abs(line.x() - (margin + shape.left)) >= _SAME or abs(line.y() - shape.top) >= _SAME:
        return False
    # Only a hanging indent: Qt's first line is where ours goes; its second line is not.
    return layout.lineCount() == 1 or \
        abs(layout.lineAt(1).x() - (margin + shape.left + shape.hanging)) < _SAME
