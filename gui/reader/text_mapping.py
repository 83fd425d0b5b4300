"""The ONLY place that converts core offsets (code points) to Qt positions (UTF-16 units).

Core offsets index ``Document.text``. A QTextDocument counts UTF-16 code units and
turns each ``\\n`` into a block separator of width one, so the two agree except after
astral characters (emoji and the like), which take two Qt units for one code point.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts between core offsets and Qt positions for one canonical text."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # Core offsets of astral characters; empty for the usual all-BMP article.
        self._astral = [] if _all_bmp(text) else [m.start() for m in _ASTRAL.finditer(text)]
        # Qt position where each astral character starts: offset + astrals before it.
        self._astral_qt = [offset + i for i, offset in enumerate(self._astral)]

    @property
    def core_length(self) -> int:
        return self._length

    @property
    def qt_length(self) -> int:
        return self._length + len(self._astral)

    def to_qt(self, offset: int) -> int:
        """Qt position of core ``offset`` (clamped to the text)."""
        offset = min(max(offset, 0), self._length)
        if not self._astral:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)

    def to_core(self, position: int) -> int:
        """Core offset of Qt ``position``; a position inside a surrogate pair snaps back."""
        position = min(max(position, 0), self.qt_length)
        if not self._astral:
            return position
        # Astral characters starting strictly before this position each took one extra unit;
        # one starting at position - 1 means we are between its two halves.
        before = bisect.bisect_left(self._astral_qt, position)
        if before and self._astral_qt[before - 1] == position - 1:
            return self._astral[before - 1]
        return position - before

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def span_to_core(self, start: int, end: int) -> tuple[int, int]:
        """Core span of a Qt selection; an end inside a surrogate pair takes the whole character."""
        core_start = self.to_core(start)
        core_end = self.to_core(end)
        if core_end < self._length and self.to_qt(core_end) < end:
            core_end += 1
        return core_start, max(core_start, core_end)


def _all_bmp(text: str) -> bool:
    if text.isascii():
        return True
    return _ASTRAL.search(text) is None
