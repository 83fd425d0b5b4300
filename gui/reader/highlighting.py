"""Per-block painting of the article: the title style and any number of highlight layers.

A QSyntaxHighlighter formats one block at a time, so a layer only has to answer
"which ranges touch this block?" (a bisect over sorted ranges). This stays fast at
100,000 highlights, unlike extra selections, which walk every range on each repaint.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Protocol

from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from lectern.gui.shell.theme import TITLE_SCALE


class HighlightLayer(Protocol):
    """Something that paints ranges of the article, in Qt positions."""

    def formats_in(self, start: int, end: int) -> Iterable[tuple[int, int, QTextCharFormat]]:
        """``(qt_start, qt_end, format)`` of every range touching ``[start, end)``."""
        ...


class ArticleHighlighter(QSyntaxHighlighter):
    """Formats the title block and merges the formats of all layers over each block."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._layers: list[HighlightLayer] = []
        self._title_block = -1
        self._title_format = QTextCharFormat()

    def set_title(self, block_number: int, point_size: float) -> None:
        """Style block ``block_number`` as the headline (-1: no title)."""
        self._title_block = block_number
        self._title_format = QTextCharFormat()
        self._title_format.setFontPointSize(point_size * TITLE_SCALE)
        self._title_format.setFontWeight(QFont.Weight.DemiBold)

    def add_layer(self, layer: HighlightLayer) -> None:
        self._layers.append(layer)

    def remove_layer(self, layer: HighlightLayer) -> None:
        if layer in self._layers:
            self._layers.remove(layer)

    def refresh_range(self, start: int, end: int) -> None:
        """Repaint only the blocks covering Qt positions ``[start, end]``."""
        document = self.document()
        block = document.findBlock(start)
        while block.isValid() and block.position() <= end:
            self.rehighlightBlock(block)
            block = block.next()

    def refresh_title(self) -> None:
        if self._title_block >= 0:
            block = self.document().findBlockByNumber(self._title_block)
            if block.isValid():
                self.rehighlightBlock(block)

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        length = len(text)
        if block.blockNumber() == self._title_block and length:
            self.setFormat(0, length, self._title_format)
        if not self._layers or not length:
            return
        block_start = block.position()
        ranges: list[tuple[int, int, QTextCharFormat]] = []
        for layer in self._layers:
            for start, end, char_format in layer.formats_in(block_start, block_start + length):
                start, end = max(start - block_start, 0), min(end - block_start, length)
                if start < end:
                    ranges.append((start, end, char_format))
        if not ranges:
            return
        is_title = block.blockNumber() == self._title_block
        if len(self._layers) > 1:
            ranges.sort(key=_range_start)
        if is_title or any(later[0] < earlier[1] for earlier, later in pairwise(ranges)):
            self._apply_merged(ranges, is_title)
        else:  # side by side, nothing to merge: the usual block of a long annotated article
            for start, end, char_format in ranges:
                self.setFormat(start, end - start, char_format)

    def _apply_merged(self, ranges: list[tuple[int, int, QTextCharFormat]],
                      is_title: bool) -> None:
        # Split the block at every range boundary; each segment merges the formats covering it.
        cuts = sorted({point for start, end, _ in ranges for point in (start, end)})
        for left, right in pairwise(cuts):
            merged = QTextCharFormat(self._title_format) if is_title else QTextCharFormat()
            covered = False
            for start, end, char_format in ranges:
                if start <= left and right <= end:
                    merged.merge(char_format)
                    covered = True
            if covered:
                self.setFormat(left, right - left, merged)


def _range_start(item: tuple[int, int, QTextCharFormat]) -> int:
    return item[0]
