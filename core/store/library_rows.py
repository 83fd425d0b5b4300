"""What the library's tables hold, as values: an article, one of its versions, a passage."""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from lectern.core.annotations import Annotation
from lectern.core.store.rows import COLUMNS, annotation_of, tags_of

# The store's transaction: one commit of its own, or a part of the enclosing batch().
Writer = Callable[[], AbstractContextManager[sqlite3.Connection]]

COMPRESSION_LEVEL = 6  # zlib's default: ~2x on a 5 KB article, ~0.1 ms
PART_BYTES = 900  # a WITHOUT ROWID row stays on its page below ~1,000 bytes (4 KB pages)


def pack_text(text: str) -> list[bytes]:
    """The text compressed, in parts of at most PART_BYTES."""
    body = zlib.compress(text.encode("utf-8", "surrogatepass"), COMPRESSION_LEVEL)
    return [body[i:i + PART_BYTES] for i in range(0, len(body), PART_BYTES)]


def unpack_text(parts: list[bytes] | bytes) -> str:
    body = parts if isinstance(parts, bytes) else b"".join(parts)
    return zlib.decompress(body).decode("utf-8", "surrogatepass")


def keepable(text: str) -> str:
    """A name (a path, a title) as SQLite can keep it: a file name that is not UTF-8
    decodes to lone surrogates, kept as their escapes (``\\udcff``)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the file shows of an article beyond its text (empty strings when it shows
    nothing): the outlet, the byline and the publication date (ISO 8601, a day)."""

    outlet: str = ""
    byline: str = ""
    published: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """One article of the library, as its current version shows it.

    ``words`` and ``length`` are None when the text was never kept (annotated before the
    library existed, and not opened since): the library says so instead of guessing.
    """

    id: int
    title: str
    outlet: str
    byline: str
    published: str
    path: str
    added: str
    opened: str
    fingerprint: str
    words: int | None
    length: int | None
    format: str
    encoding: str
    versions: int
    annotations: int
    tags: tuple[str, ...]

    @property
    def text_kept(self) -> bool:
        return self.length is not None

    @property
    def display_title(self) -> str:
        return self.title or (self.path.rsplit("/", 1)[-1] if self.path else "Untitled")


@dataclass(frozen=True, slots=True)
class Version:
    """One text of an article (``reanchored``: how the annotations that moved to it were
    placed, e.g. ``{"from": 3, "exact": 10, "moved": 1, "fuzzy": 0, "orphaned": 0}``)."""

    id: int
    article: int
    fingerprint: str
    path: str
    added: str
    opened: str
    words: int | None
    length: int | None
    format: str
    encoding: str
    annotations: int
    reanchored: str

    @property
    def text_kept(self) -> bool:
        return self.length is not None


@dataclass(frozen=True, slots=True)
class NewVersion:
    """A text to keep: what ``LibraryTables.put_version`` writes."""

    fingerprint: str
    text: str
    title: str
    path: str
    format: str
    encoding: str
    words: int
    info: ArticleInfo


class Passage:
    """An annotation with the article it belongs to (``article`` None: its text is not in
    the library, e.g. annotated through an import and never opened).

    Built from its row: the Annotation itself is made when first asked for, so listing
    100,000 passages does not make 100,000 annotations the view never shows.
    """

    __slots__ = ("_annotation", "_head", "_load", "_row", "rowid")

    def __init__(self, row: Sequence[Any], head: tuple[int | None, str, str, str, str],
                 load: Callable[[str], Sequence[Any]] | None = None, *,
                 rowid: int | None = None) -> None:
        self.rowid = rowid  # the annotation's row, when read a page at a time (its place)
        self._row = row  # rows.COLUMNS order: all of them, or id .. note (and maybe rowid)
        self._head = head  # the article's (id, title, outlet, date, path), shared by its rows
        self._load = load
        self._annotation: Annotation | None = None

    @property
    def fingerprint(self) -> str:
        return str(self._row[1])

    @property
    def article(self) -> int | None:
        return self._head[0]

    @property
    def title(self) -> str:
        return self._head[1]

    @property
    def outlet(self) -> str:
        return self._head[2]

    @property
    def published(self) -> str:
        return self._head[3]

    @property
    def path(self) -> str:
        return self._head[4]

    @property
    def complete(self) -> bool:
        return len(self._row) == len(COLUMNS.split(", "))

    def fill(self, row: Sequence[Any]) -> None:
        self._row = row

    @property
    def annotation(self) -> Annotation:
        if self._annotation is None:
            if not self.complete and self._load is not None:
                self._row = self._load(self.id)
            self._annotation = annotation_of(self._row)
        return self._annotation

    # What a list shows, read from the row without making the annotation.
    @property
    def start(self) -> int:
        return int(self._row[2])

    @property
    def exact(self) -> str:
        return str(self._row[4])

    @property
    def prefix(self) -> str:
        return str(self._whole()[5])

    @property
    def suffix(self) -> str:
        return str(self._whole()[6])

    def _whole(self) -> Sequence[Any]:
        """The row with the quote's context (a list reads it for the rows it shows)."""
        if self._row[5] is None and self._load is not None:
            self._row = self._load(self.id)
        return self._row

    @property
    def tags(self) -> tuple[str, ...]:
        return tags_of(self._row[7])

    @property
    def note(self) -> str:
        return str(self._row[8])

    @property
    def id(self) -> str:
        return str(self._row[0])


@dataclass(frozen=True, slots=True)
class TextMatch:
    """An article whose current text matches, its text with each match between markers."""

    article: int
    version: int
    score: float
    marked: str


@dataclass(frozen=True, slots=True)
class AnnotationMatch:
    """An annotation whose quote, note or tags match; ``marked`` has each field with its
    matches between markers (a field without a match has none)."""

    passage: Passage
    score: float
    marked_quote: str
    marked_note: str
    marked_tags: str
