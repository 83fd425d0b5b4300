"""The shape of an article's text: headings, quotes, lists, table rows, code, footnotes, and
inline emphasis, as spans over the canonical text.

Markup never adds characters the reader cannot see: a list item's bullet and a footnote's
``[1]`` are in the text, a table's cells are separated by tabs, and every offset an
annotation keeps counts into that text exactly as for a plain-text article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """A kind of line-level structure; a span of it covers whole lines of the text."""

    HEADING = "heading"  # level 1-6
    QUOTE = "quote"  # level: how deep the quote nests
    LIST_ITEM = "list-item"  # level: 1 for a top-level item, 2 for one inside it, ...
    TABLE_ROW = "table-row"  # level 1 for a header row, 0 for a body row; cells split by tabs
    CODE = "code"  # preformatted: its spaces and line breaks are the source's
    FOOTNOTE = "footnote"  # a footnote's text, starting with its "[label]"


class InlineKind(StrEnum):
    """A kind of emphasis within a line."""

    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE = "code"
    SUPERSCRIPT = "superscript"  # a footnote reference "[1]", or HTML's <sup>


@dataclass(frozen=True, order=True)
class Span:
    """``kind`` over ``text[start:end]``; ``level`` as its kind defines it."""

    start: int
    end: int
    kind: str
    level: int = 0


@dataclass(frozen=True)
class Structure:
    """Block and inline spans of one text, each tuple in text order."""

    blocks: tuple[Span, ...] = ()
    inlines: tuple[Span, ...] = ()

    def shifted(self, by: int) -> Structure:
        """The same spans ``by`` characters later (a title put before the body, say)."""
        return Structure(tuple(_shift(s, by) for s in self.blocks),
                         tuple(_shift(s, by) for s in self.inlines))

    def with_blocks(self, *extra: Span) -> Structure:
        return Structure(tuple(sorted((*self.blocks, *extra))), self.inlines)

    def blocks_of(self, kind: BlockKind) -> list[Span]:
        return [span for span in self.blocks if span.kind == kind]

    def inlines_of(self, kind: InlineKind) -> list[Span]:
        return [span for span in self.inlines if span.kind == kind]


PLAIN = Structure()
_BULLETS = "•◦▪"


def bullet(level: int) -> str:
    """The bullet of a list item ``level`` deep (1 is the outermost): •, ◦, ▪, then • again."""
    return _BULLETS[(max(level, 1) - 1) % len(_BULLETS)]


def _shift(span: Span, by: int) -> Span:
    return Span(span.start + by, span.end + by, span.kind, span.level)


_SPACES = re.compile(r"[ \t\n\r\f\v]+")


@dataclass
class _Open:
    kind: str
    level: int
    block: bool
    start: int = -1  # set where the first visible character lands


@dataclass
class TextBuilder:
    """Builds reading text from pieces with HTML's whitespace rules (runs of spaces fold to
    one, none at a line's ends, at most one blank line between paragraphs) while recording
    exact spans: a span starts at its first visible character and ends after its last."""

    _parts: list[str] = field(default_factory=list)
    _length: int = 0
    _breaks: int = 0  # line breaks owed before the next visible text (at most 2)
    _space: bool = False  # a space owed before the next visible text on this line
    _open: list[_Open] = field(default_factory=list)
    _blocks: list[Span] = field(default_factory=list)
    _inlines: list[Span] = field(default_factory=list)

    @property
    def length(self) -> int:
        """Characters written so far (owed spaces and breaks not yet)."""
        return self._length

    @property
    def at_line_start(self) -> bool:
        return self._length == 0 or self._breaks > 0 or self._parts[-1].endswith("\n")

    def text(self, piece: str) -> None:
        """Flowing text: its whitespace folds."""
        if not piece:
            return
        folded = _SPACES.sub(" ", piece)
        if folded[0] == " ":
            self._space, folded = True, folded[1:]
        trailing = folded.endswith(" ")
        if trailing:
            folded = folded[:-1]
        if folded:
            self._emit(folded)
        if trailing:
            self._space = True

    def preformatted(self, piece: str) -> None:
        """Text kept as written: spaces, tabs and line breaks, not the spaces ending a line
        (which nobody can see)."""
        for index, line in enumerate(piece.split("\n")):
            line = line.rstrip()
            if index:
                self._emit("", visible=False)
                self._write("\n")
            if line:
                self._emit(line)

    def cell_break(self) -> None:
        """Before every cell of a table row but its first: one tab, so that an empty cell
        still keeps the columns after it in place."""
        self._space = False
        self._emit("", visible=False)
        self._write("\t")

    def line_break(self) -> None:
        if self._length:
            self._breaks = max(self._breaks, 1)
        self._space = False

    def paragraph_break(self) -> None:
        if self._length:
            self._breaks = 2
        self._space = False

    def open(self, kind: str, level: int = 0, *, block: bool) -> int:
        """Start a span; returns the handle ``close`` takes."""
        self._open.append(_Open(kind, level, block))
        return len(self._open) - 1

    def close(self, handle: int) -> None:
        opened = self._open[handle]
        del self._open[handle:]
        if opened.start < 0 or opened.start >= self._length:
            return  # nothing visible inside: no span
        span = Span(opened.start, self._length, opened.kind, opened.level)
        (self._blocks if opened.block else self._inlines).append(span)

    def finish(self) -> tuple[str, Structure]:
        """The text (ending with one newline, or "" when nothing was visible) and its spans."""
        text = "".join(self._parts)
        if text:
            text += "\n"
        return text, Structure(tuple(sorted(self._blocks)), tuple(sorted(self._inlines)))

    def _emit(self, piece: str, *, visible: bool = True) -> None:
        if self._length and self._breaks:
            self._write("\n" * self._breaks)
        elif self._space and not self.at_line_start and not self._parts[-1].endswith("\t"):
            self._write(" ")
        self._breaks, self._space = 0, False
        if not visible:
            return
        for opened in self._open:
            if opened.start < 0:
                opened.start = self._length
        self._write(piece)

    def _write(self, piece: str) -> None:
        self._parts.append(piece)
        self._length += len(piece)


_KINDS = {kind.value: kind for kind in (*BlockKind, *InlineKind)}


def structure_to_json(structure: Structure) -> list[list[list[int | str]]]:
    """The spans as plain lists (``[start, end, kind, level]``), blocks then inlines."""
    return [[[s.start, s.end, str(s.kind), s.level] for s in spans]
            for spans in (structure.blocks, structure.inlines)]


def structure_from_json(value: object, length: int) -> Structure | None:
    """``structure_to_json``'s lists read back for a text of ``length``; None when they are
    not what it writes (a span past the text, an unknown kind)."""
    if not isinstance(value, list) or len(value) != 2:
        return None
    read: list[tuple[Span, ...]] = []
    for spans in value:
        if not isinstance(spans, list):
            return None
        found = []
        for span in spans:
            if not (isinstance(span, list) and len(span) == 4 and span[2] in _KINDS
                    and all(type(n) is int for n in (span[0], span[1], span[3]))
                    and 0 <= span[0] < span[1] <= length):
                return None
            found.append(Span(span[0], span[1], _KINDS[span[2]], span[3]))
        read.append(tuple(found))
    return Structure(read[0], read[1])
