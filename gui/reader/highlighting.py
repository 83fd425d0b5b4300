"""Per-block painting of the article: its structure's styles and any number of highlight
layers over them.

A QSyntaxHighlighter formats one block at a time, so a layer only has to answer
"which ranges touch this block?" (a bisect over sorted ranges). This stays fast at
100,000 highlights, unlike extra selections, which walk every range on each repaint.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Protocol

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument


class HighlightLayer(Protocol):
    """Something that paints ranges of the article, in Qt positions."""

    def formats_in(self, start: int, end: int) -> Iterable[tuple[int, int, QTextCharFormat]]:
        """``(qt_start, qt_end, format)`` of every range touching ``[start, end)``."""
        ...


class ArticleHighlighter(QSyntaxHighlighter):
    """Merges the formats of all layers over each block; the base layer (the article's
    headings, quotes, emphasis) comes first, so highlights paint over it."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._layers: list[HighlightLayer] = []
        self._base: HighlightLayer | None = None

    def set_base_layer(self, layer: HighlightLayer | None) -> None:
        """The layer under all others (set before the text arrives: no repaint here)."""
        self._base = layer

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

    def highlightBlock(self, text: str) -> None:
        layers = [self._base, *self._layers] if self._base is not None else self._layers
        length = len(text)
        if not layers or not length:
            return
        block_start = self.currentBlock().position()
        ranges: list[tuple[int, int, QTextCharFormat]] = []
        for layer in layers:
            for start, end, char_format in layer.formats_in(block_start, block_start + length):
                start, end = max(start - block_start, 0), min(end - block_start, length)
                if start < end:
                    ranges.append((start, end, char_format))
        if not ranges:
            return
        if len(layers) > 1:
            ranges.sort(key=_range_start)  # stable: at one start, lower layers stay first
        if any(later[0] < earlier[1] for earlier, later in pairwise(ranges)):
            self._apply_merged(ranges)
        else:  # side by side, nothing to merge: the usual block of a long annotated article
            for start, end, char_format in ranges:
                self.setFormat(start, end - start, char_format)

    def _apply_merged(self, ranges: list[tuple[int, int, QTextCharFormat]]) -> None:
        # Split the block at every range boundary; each segment merges the formats covering it.
        cuts = sorted({point for start, end, _ in ranges for point in (start, end)})
        for left, right in pairwise(cuts):
            merged = QTextCharFormat()
            covered = False
            for start, end, char_format in ranges:
                if start <= left and right <= end:
                    merged.merge(char_format)
                    covered = True
            if covered:
                self.setFormat(left, right - left, merged)


def _range_start(item: tuple[int, int, QTextCharFormat]) -> int:
    return item[0]
