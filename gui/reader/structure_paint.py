"""What the structure adds to the page beyond character styles: a rule beside quoted
lines and a tinted ground under code."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

QUOTE_BAR_WIDTH = 3.0


def paint_code_backgrounds(document: QTextDocument, lines: Sequence[int],
                           palette: QPalette) -> None:
    """Give each code line a tinted block background (QPlainTextEdit paints block grounds)."""
    if not lines:
        return
    ground = palette.color(QPalette.ColorRole.AlternateBase)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for number in lines:
        block = document.findBlockByNumber(number)
        if not block.isValid():
            continue
        cursor.setPosition(block.position())
        block_format = block.blockFormat()
        block_format.setBackground(ground)
        cursor.setBlockFormat(block_format)
    cursor.endEditBlock()


def paint_quote_bars(view: QPlainTextEdit, bars: dict[int, list[float]]) -> None:
    """A thin rule at each quote level beside the visible quoted lines."""
    painter = QPainter(view.viewport())
    colour = view.palette().color(QPalette.ColorRole.Mid)
    margin = view.document().documentMargin()
    block = view.firstVisibleBlock()
    offset = view.contentOffset()
    bottom = view.viewport().height()
    while block.isValid():
        rect = view.blockBoundingGeometry(block).translated(offset)
        if rect.top() > bottom:
            break
        for x in bars.get(block.blockNumber(), ()):
            painter.fillRect(QRectF(margin + x - QUOTE_BAR_WIDTH * 2, rect.top(),
                                    QUOTE_BAR_WIDTH, rect.height()), colour)
        block = block.next()
    painter.end()
