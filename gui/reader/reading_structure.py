"""How an article's structure looks on the page: heading sizes, quote and list indents, table
columns, code in a fixed-width face. Built from ``Document.structure``; the text is never
changed, so every core offset still lands on the same character."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QTextCharFormat, QTextOption

from lectern.core.document import Document
from lectern.core.structure import BlockKind, InlineKind, Span
from lectern.gui.reader.block_layout import BlockShape
from lectern.gui.reader.text_mapping import OffsetMap
from lectern.gui.shell.theme import TITLE_SCALE, reading_font

HEADING_SCALES = {1: TITLE_SCALE, 2: 1.4, 3: 1.2, 4: 1.08, 5: 1.0, 6: 1.0}
INDENT_EMS = 1.6  # one level of quote or list
CODE_SCALE = 0.88
FOOTNOTE_SCALE = 0.86
COLUMN_GAP_EMS = 1.5
FEW_LINES_CHARS = 4096


@dataclass
class ReadingStructure:
    """Everything the view needs to show one document's structure."""

    layer: StructureLayer
    shapes: dict[int, BlockShape] = field(default_factory=dict)  # by block (line) number
    tab_stops: list[float] = field(default_factory=list)
    quote_bars: dict[int, list[float]] = field(default_factory=dict)  # line: bar x offsets
    code_lines: list[int] = field(default_factory=list)


class StructureLayer:
    """The character formats of the structure, answered per block like any highlight layer."""

    def __init__(self, pieces: Iterable[tuple[int, int, QTextCharFormat]] = ()) -> None:
        ordered = sorted(pieces, key=lambda piece: piece[0])
        self._starts = [start for start, _, _ in ordered]
        self._pieces = ordered

    def block_starts(self) -> list[int]:
        """A Qt position in each block this layer styles (to repaint just those)."""
        return sorted(set(self._starts))

    def formats_in(self, start: int, end: int) -> Iterable[tuple[int, int, QTextCharFormat]]:
        # Pieces never cross a line, so those of this block start inside it.
        index = bisect.bisect_left(self._starts, start)
        while index < len(self._pieces) and self._starts[index] < end:
            yield self._pieces[index]
            index += 1


def build_structure(document: Document, offsets: OffsetMap,
                    point_size: float) -> ReadingStructure:
    structure = document.structure
    if not structure.blocks and not structure.inlines:
        return ReadingStructure(StructureLayer())
    text = document.text
    lines = _LineIndex(text)
    fonts = _Fonts(point_size)
    pieces: list[tuple[int, int, QTextCharFormat]] = []
    for span in (*structure.blocks, *structure.inlines):
        char_format = fonts.format_for(span)
        if char_format is not None:
            pieces += [(*offsets.span_to_qt(s, e), char_format) for s, e in lines.cut(span)]
    shaped = _shape_lines(text, lines, structure.blocks, fonts)
    return ReadingStructure(StructureLayer(pieces), shaped.shapes,
                            _tab_stops(text, structure.blocks, fonts), shaped.quote_bars,
                            shaped.code_lines)


class _LineIndex:
    """Line numbers of offsets (a Qt block is a line of the text)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._breaks: list[int] | None = None

    def number(self, offset: int) -> int:
        if offset < FEW_LINES_CHARS:  # a headline: no need to index 10 MB of lines
            return self._text.count("\n", 0, offset)
        if self._breaks is None:
            self._breaks = [match.start() for match in re.finditer("\n", self._text)]
        return bisect.bisect_left(self._breaks, offset)

    def cut(self, span: Span) -> list[tuple[int, int]]:
        """``span`` in pieces that each stay on one line, empty ones left out."""
        pieces, start = [], span.start
        while start < span.end:
            stop = self._text.find("\n", start, span.end)
            stop = span.end if stop < 0 else stop
            if stop > start:
                pieces.append((start, stop))
            start = stop + 1
        return pieces


class _Fonts:
    def __init__(self, point_size: float) -> None:
        self.point_size = point_size
        self.body = reading_font(point_size)
        self.metrics = QFontMetricsF(self.body)
        self.em = self.metrics.horizontalAdvance("M")
        self.mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()

    def format_for(self, span: Span) -> QTextCharFormat | None:
        char_format = QTextCharFormat()
        kind = span.kind
        if kind == BlockKind.HEADING:
            char_format.setFontPointSize(self.point_size * HEADING_SCALES.get(span.level, 1.0))
            char_format.setFontWeight(QFont.Weight.DemiBold)
        elif kind == BlockKind.QUOTE:
            char_format.setFontItalic(True)
        elif kind in (BlockKind.CODE, InlineKind.CODE):
            char_format.setFontFamilies([self.mono, "monospace"])
            char_format.setFontPointSize(self.point_size * CODE_SCALE)
        elif kind == BlockKind.FOOTNOTE:
            char_format.setFontPointSize(self.point_size * FOOTNOTE_SCALE)
        elif kind == BlockKind.TABLE_ROW and span.level:
            char_format.setFontWeight(QFont.Weight.DemiBold)
        elif kind == InlineKind.EMPHASIS:
            char_format.setFontItalic(True)
        elif kind == InlineKind.STRONG:
            char_format.setFontWeight(QFont.Weight.Bold)
        elif kind == InlineKind.SUPERSCRIPT:
            char_format.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        else:
            return None
        return char_format


@dataclass
class _Shaped:
    shapes: dict[int, BlockShape] = field(default_factory=dict)
    quote_bars: dict[int, list[float]] = field(default_factory=dict)
    code_lines: list[int] = field(default_factory=list)


@dataclass
class _Line:
    quote: int = 0
    item: Span | None = None  # the innermost list item or footnote holding this line
    item_first: bool = False
    code: bool = False
    heading_top: bool = False


def _shape_lines(text: str, lines: _LineIndex, blocks: tuple[Span, ...],
                 fonts: _Fonts) -> _Shaped:
    found: dict[int, _Line] = {}
    for span in blocks:
        first, last = lines.number(span.start), lines.number(max(span.end - 1, span.start))
        for number in range(first, last + 1):
            line = found.setdefault(number, _Line())
            if span.kind == BlockKind.QUOTE:
                line.quote = max(line.quote, span.level)
            elif span.kind in (BlockKind.LIST_ITEM, BlockKind.FOOTNOTE):
                if line.item is None or span.level >= line.item.level:
                    line.item, line.item_first = span, number == first
            elif span.kind == BlockKind.CODE:
                line.code = True
            elif span.kind == BlockKind.HEADING and number == first and span.start > 0:
                line.heading_top = True
    indent = fonts.em * INDENT_EMS
    shaped = _Shaped()
    for number, line in sorted(found.items()):
        left = line.quote * indent + (indent * 0.5 if line.code else 0.0)
        hanging = 0.0
        if line.item is not None:
            left += max(line.item.level - 1, 0) * indent
            marker = fonts.metrics.horizontalAdvance(_marker(text, line.item))
            if line.item_first:
                hanging = marker
            else:
                left += marker
        top = fonts.metrics.height() * 0.4 if line.heading_top else 0.0
        if left or hanging or top:
            shaped.shapes[number] = BlockShape(left, hanging, top)
        if line.quote:
            shaped.quote_bars[number] = [indent * (depth + 0.35) for depth in range(line.quote)]
        if line.code:
            shaped.code_lines.append(number)
    return shaped


def _marker(text: str, item: Span) -> str:
    """The bullet, number or footnote label an item starts with, and the space after it."""
    space = text.find(" ", item.start, item.end)
    return text[item.start:space + 1] if space >= 0 else ""


def _tab_stops(text: str, blocks: tuple[Span, ...], fonts: _Fonts) -> list[float]:
    """Tab positions that line every table's columns up (one set for the article: Qt's
    plain layout has one); each column as wide as its widest cell, plus a gap."""
    rows = [span for span in blocks if span.kind == BlockKind.TABLE_ROW]
    if not rows:
        return []
    bold = QFont(fonts.body)
    bold.setWeight(QFont.Weight.DemiBold)
    widths: list[float] = []
    for row in rows:
        metrics = QFontMetricsF(bold) if row.level else fonts.metrics
        start = text.rfind("\n", 0, row.start) + 1  # a leading empty cell's tab counts
        for column, cell in enumerate(text[start:row.end].split("\t")):
            width = metrics.horizontalAdvance(cell)
            if column == len(widths):
                widths.append(width)
            else:
                widths[column] = max(widths[column], width)
    stops, x = [], 0.0
    for width in widths[:-1]:
        x += width + fonts.em * COLUMN_GAP_EMS
        stops.append(x)
    return stops


def tab_option(option: QTextOption, stops: list[float]) -> QTextOption:
    """``option`` (a copy, as ``defaultTextOption()`` gives) with these tab stops; copying it
    here would try QTextOption's alignment overload and build Qt's enums before the paint."""
    option.setTabs([QTextOption.Tab(x, QTextOption.TabType.LeftTab) for x in stops])
    return option
