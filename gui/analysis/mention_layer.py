"""A temporary mark of what is selected (an entity's mentions, a fact, a quote).

Drawn by shape, not colour, so it never reads as a user annotation (those are tag-coloured
fills) nor as the selection (solid graphite): a wavy underline in the ink colour, and for
the mention being looked at a line above it too, boxing it in. No colour is needed to see it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from PySide6.QtGui import QPalette, QTextCharFormat

from lectern.gui.reader.article_view import ArticleView


class MentionLayer:
    """Holds Qt-position spans; ``formats_in`` answers the highlighter by bisect."""

    def __init__(self, view: ArticleView) -> None:
        self.view = view
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._focus: tuple[int, int] | None = None
        ink = view.palette().color(QPalette.ColorRole.Text)
        self.format = QTextCharFormat()
        self.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.format.setUnderlineColor(ink)
        self.focus_format = QTextCharFormat(self.format)
        self.focus_format.setFontOverline(True)
        view.highlighter.add_layer(self)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The highlighted spans in core offsets (for tests and callers)."""
        offsets = self.view.offsets
        return [offsets.span_to_core(s, e) for s, e in zip(self._starts, self._ends,
                                                           strict=True)]

    def show(self, core_spans: Sequence[tuple[int, int]],
             focus: tuple[int, int] | None = None) -> None:
        """Highlight ``core_spans`` (replacing the previous ones); ``focus`` is drawn stronger."""
        old = list(zip(self._starts, self._ends, strict=True))
        old_focus = self._focus
        offsets = self.view.offsets
        spans = sorted(offsets.span_to_qt(s, e) for s, e in core_spans)
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]
        self._focus = offsets.span_to_qt(*focus) if focus else None
        extra = [span for span in (old_focus, self._focus) if span]
        self._refresh([*old, *spans, *extra])

    def clear(self) -> None:
        self.show([])

    def formats_in(self, start: int, end: int) -> Iterable[tuple[int, int, QTextCharFormat]]:
        first = bisect.bisect_left(self._ends, start + 1)
        # Ends are sorted with starts for non-overlapping spans; scan forward to the block end.
        for i in range(max(first - 1, 0), len(self._starts)):
            s, e = self._starts[i], self._ends[i]
            if s >= end:
                break
            if e > start:
                yield s, e, self.format
        if self._focus and self._focus[0] < end and self._focus[1] > start:
            yield self._focus[0], self._focus[1], self.focus_format

    def _refresh(self, spans: Iterable[tuple[int, int]]) -> None:
        # One rehighlight per touched block, not a sweep over the whole article.
        document = self.view.document()
        done: set[int] = set()
        for start, end in spans:
            block = document.findBlock(start)
            while block.isValid() and block.position() <= end:
                if block.blockNumber() not in done:
                    done.add(block.blockNumber())
                    self.view.highlighter.rehighlightBlock(block)
                block = block.next()
