"""The reading pane: a Document in a readable column; selections reported as core offsets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, QPoint, Signal
from PySide6.QtGui import QFontMetricsF, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from lectern.core.document import Document
from lectern.core.gc_control import paused_gc
from lectern.gui.reader.block_layout import ShapedLayout
from lectern.gui.reader.highlighting import ArticleHighlighter
from lectern.gui.reader.reading_structure import (
    ReadingStructure,
    StructureLayer,
    build_structure,
    tab_option,
)
from lectern.gui.reader.structure_paint import paint_code_backgrounds, paint_quote_bars
from lectern.gui.reader.text_mapping import OffsetMap
from lectern.gui.shell.theme import (
    READING_MEASURE_CHARS,
    reading_font,
    with_reading_selection,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent, QResizeEvent

MIN_SIDE_MARGIN = 28
MIN_READING_CHARS = 40
MAX_SCROLL_STEPS = 8
TOP_MARGIN = 36
SELECTABLE_BY_MOUSE_AND_KEYBOARD = 1 | 2  # Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard


class ArticleView(QPlainTextEdit):
    """A read-only, selectable article in a serif column about 70 characters wide.

    QPlainTextEdit lays out 10 MB in a fraction of a second where QTextEdit takes
    seconds, and its per-block highlighter scales to 100,000 highlights.
    Signals carry core offsets (code points into ``Document.text``).
    """

    span_selected = Signal(int, int)  # core start, end of a non-empty selection
    cursor_moved = Signal(int)  # core offset of the cursor

    def __init__(self, parent: QWidget | None = None, point_size: float = 13.0) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        # Selectable by mouse and by keyboard, set through the property with its number:
        # naming the flags would build Qt's enum namespace before the first paint (docks.py).
        self.setProperty("textInteractionFlags", SELECTABLE_BY_MOUSE_AND_KEYBOARD)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)
        # The side margins belong to the scroll area, not the viewport: paint them as page too.
        self.setStyleSheet("ArticleView { background: palette(base); }")
        self.setPalette(with_reading_selection(self.palette()))
        self.setPlaceholderText("Open an article with File › Open… or drop a file here.")
        self._document: Document | None = None
        self._offsets = OffsetMap("")
        self._point_size = point_size
        self._structure = ReadingStructure(StructureLayer())
        text_document = QTextDocument(self)
        text_document.setUndoRedoEnabled(False)  # read-only; block styles are not edits
        self._layout = ShapedLayout(text_document)
        text_document.setDocumentLayout(self._layout)
        self.setDocument(text_document)
        # Attached before any text is set: highlighting while text arrives is far cheaper
        # than re-highlighting a laid-out document.
        self.highlighter = ArticleHighlighter(text_document)
        self._apply_font()
        self.selectionChanged.connect(self._report_selection)
        self.cursorPositionChanged.connect(self._report_cursor)

    # --- content ------------------------------------------------------------------
    @property
    def article(self) -> Document | None:
        return self._document

    @property
    def offsets(self) -> OffsetMap:
        return self._offsets

    def show_document(self, document: Document) -> None:
        self._document = document
        self._offsets = OffsetMap(document.text)
        self._set_structure(build_structure(document, self._offsets, self._point_size))
        with paused_gc():  # highlighting every block makes many small, short-lived objects
            self.setPlainText(document.text)
        paint_code_backgrounds(self.document(), self._structure.code_lines, self.palette())
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _set_structure(self, structure: ReadingStructure) -> None:
        """Styles for the text about to be set (or already set: then relaid out)."""
        self._structure = structure
        self._layout.set_shapes(structure.shapes)
        self.highlighter.set_base_layer(structure.layer)
        text_document = self.document()
        text_document.setDefaultTextOption(tab_option(text_document.defaultTextOption(),
                                                      structure.tab_stops))

    # --- reading size ----------------------------------------------------------------
    @property
    def point_size(self) -> float:
        return self._point_size

    def set_point_size(self, point_size: float) -> None:
        self._point_size = point_size
        self._apply_font()
        if self._document is not None:
            self._set_structure(build_structure(self._document, self._offsets, point_size))
            if self._structure.shapes or self._structure.tab_stops:
                self.document().markContentsDirty(0, self.document().characterCount())
            for start in self._structure.layer.block_starts():
                self.highlighter.refresh_range(start, start)

    def _apply_font(self) -> None:
        font = reading_font(self._point_size)
        self.setFont(font)
        self.document().setDefaultFont(font)
        # The reading column keeps priority: panels give way before it drops below this.
        column = QFontMetricsF(font).averageCharWidth() * MIN_READING_CHARS
        self.setMinimumWidth(int(column) + 2 * MIN_SIDE_MARGIN // 2)
        self._update_margins()

    # --- selection in core offsets ------------------------------------------------------
    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._offsets.span_to_core(cursor.selectionStart(), cursor.selectionEnd())

    def select_span(self, start: int, end: int, *, scroll: bool = True) -> None:
        qt_start, qt_end = self._offsets.span_to_qt(start, end)
        cursor = self.textCursor()
        cursor.setPosition(qt_start)
        cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if scroll:
            self.centerCursor()

    def move_cursor_to(self, offset: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._offsets.to_qt(offset))
        self.setTextCursor(cursor)
        self.centerCursor()

    def top_offset(self) -> int:
        """The text offset at the top of the view: where the reader is."""
        return self._offsets.to_core(self.cursorForPosition(QPoint(0, 0)).position())

    def scroll_to_offset(self, offset: int) -> None:
        """Put the paragraph holding ``offset`` at the top of the view, the caret at it."""
        offset = min(max(offset, 0), len(self._document.text) if self._document else 0)
        target = self.document().findBlock(self._offsets.to_qt(offset)).blockNumber()
        cursor = self.textCursor()
        cursor.setPosition(self._offsets.to_qt(offset))
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(target)  # the scroll unit is a line: wrapped paragraphs need more
        for _ in range(MAX_SCROLL_STEPS):
            first = self.firstVisibleBlock()
            if first.blockNumber() >= target or bar.value() >= bar.maximum():
                break
            lines, block = 0, first
            while block.isValid() and block.blockNumber() < target:
                lines += max(1, block.layout().lineCount())
                block = block.next()
            bar.setValue(bar.value() + lines)

    def cursor_offset(self) -> int:
        return self._offsets.to_core(self.textCursor().position())

    def _report_selection(self) -> None:
        span = self.selected_span()
        if span and span[0] < span[1]:
            self.span_selected.emit(*span)

    def _report_cursor(self) -> None:
        self.cursor_moved.emit(self.cursor_offset())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._structure.quote_bars:
            paint_quote_bars(self, self._structure.quote_bars)

    # --- layout: a centred reading column ------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._update_margins()
        super().resizeEvent(event)

    def _update_margins(self) -> None:
        metrics = QFontMetricsF(reading_font(self._point_size))
        column = metrics.averageCharWidth() * READING_MEASURE_CHARS
        scrollbar = self.verticalScrollBar().sizeHint().width()
        available = self.width() - scrollbar
        spare = available - column
        # Wide windows centre the column; narrow ones keep a small margin, never the whole view.
        side = int(max(min(MIN_SIDE_MARGIN, available * 0.05), spare / 2, 0))
        self.setViewportMargins(QMargins(side, 0, side, 0))
        self.document().setDocumentMargin(TOP_MARGIN * 0.5)

