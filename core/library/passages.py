"""Passages across articles (coded-segment retrieval): every annotation of the library,
filtered by tags (any or all), words, article, outlet and dates; one rule for the Passages
view and the ``search`` command. Words follow the Annotations panel's filter (each word in
the quote, the tags or the note, ignoring case)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from lectern.core.readouts.annotation_filter import AnnotationFilter
from lectern.core.store import AnnotationStore
from lectern.core.store.library_rows import Passage
from lectern.core.store.library_search import LibrarySearch, PageKey, PassageRows

FIRST_PAGE = 200  # a screenful or four
LARGEST_PAGE = 20_000  # pages double up to this: row 90,000 is a few statements away
WHOLE_BELOW = 2_000  # a tag this rare: read its passages at once (a walk would find few)


@dataclass(frozen=True)
class PassageQuery:
    """``tags``: any of them (all of them with ``all_tags``), ignoring case; ``dated_*``:
    the article's date (YYYY-MM-DD, inclusive; undated articles drop out); ``created_*``:
    when the annotation was made."""

    tags: tuple[str, ...] = ()
    all_tags: bool = False
    words: str = ""
    article: int | None = None
    outlet: str | None = None
    dated_from: str | None = None
    dated_to: str | None = None
    created_from: str | None = None
    created_to: str | None = None

    @property
    def is_empty(self) -> bool:
        return self == PassageQuery()


class PassageList(Sequence[Passage]):
    """The passages a query keeps, in article order, read a page at a time as they are
    asked for: its length and the texts it covers come from one aggregate, so a view of
    100,000 passages shows its first screenful without reading the rest."""

    def __init__(self, count: int, texts: int,
                 more: Iterator[list[Passage]] | None = None,
                 rows: list[Passage] | None = None) -> None:
        self._count = count
        self.texts = texts  # how many texts (article versions) the passages are in
        self._more = more
        self._rows: list[Passage] = rows if rows is not None else []

    @classmethod
    def of(cls, rows: list[Passage]) -> PassageList:
        """A list read whole already."""
        return cls(len(rows), len({p.fingerprint for p in rows}), rows=rows)

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Passage: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Passage]: ...

    def __getitem__(self, index: int | slice) -> Passage | Sequence[Passage]:
        if isinstance(index, slice):
            self._read_to(index.indices(self._count)[1])
            return self._rows[index]
        if index < 0:
            index += self._count
        self._read_to(index + 1)
        if not 0 <= index < len(self._rows):
            raise IndexError(index)
        return self._rows[index]

    def __iter__(self) -> Iterator[Passage]:
        index = 0
        while True:
            self._read_to(index + 1)
            if index >= len(self._rows):
                return
            yield self._rows[index]
            index += 1

    @property
    def read(self) -> int:
        """How many passages have been read so far."""
        return len(self._rows)

    def _read_to(self, wanted: int) -> None:
        while len(self._rows) < wanted and self._more is not None:
            page = next(self._more, None)
            if page is None:
                self._more = None
                self._count = len(self._rows)  # the store changed meanwhile: what there is
                return
            self._rows += page


def passage_list(store: AnnotationStore, query: PassageQuery = PassageQuery(), *,
                 first_page: int = FIRST_PAGE, whole_below: int = WHOLE_BELOW) -> PassageList:
    """What the Passages view lists: the passages ``query`` keeps, read as they are shown.
    Words are matched in Python (the Annotations panel's rule), so a query with words is
    read whole at once."""
    if AnnotationFilter.of(None, query.words).is_empty:
        search = store.library.search
        rows = _rows(query)
        count, texts = search.passage_counts(rows)
        if count > whole_below or not query.tags:
            return PassageList(count, texts, _pages(search, rows, first_page))
        # A rare tag: its rows are fetched by the tag index, not found by walking every text.
    return PassageList.of(passages(store, query))


def _pages(search: LibrarySearch, rows: PassageRows, size: int) -> Iterator[list[Passage]]:
    key: PageKey | None = None
    while True:
        page, key = search.passage_page(rows, key, size)
        if page:
            yield page
        if key is None:
            return
        size = min(size * 2, LARGEST_PAGE)


def _rows(query: PassageQuery) -> PassageRows:
    return PassageRows(query.tags, query.all_tags, query.article, query.outlet,
                       query.dated_from, query.dated_to, query.created_from, query.created_to)


def passages(store: AnnotationStore, query: PassageQuery = PassageQuery(), *,
             whole: bool = False) -> list[Passage]:
    """The passages ``query`` keeps, in article order. A list reads only what it shows of
    each annotation; ``whole`` reads all of them at once (to write them out)."""
    search = store.library.search
    rows = search.passages(_rows(query))
    wanted = AnnotationFilter.of(None, query.words)
    if whole or not wanted.is_empty:
        search.complete(rows)
    if wanted.is_empty:
        return rows
    return [p for p in rows if wanted.matches(p.annotation)]


def complete(store: AnnotationStore, rows: Sequence[Passage]) -> list[Passage]:
    """``rows`` with every annotation read whole (before an export)."""
    listed = list(rows)
    store.library.search.complete(listed)
    return listed


def context_of(passage: Passage) -> tuple[str, str, str]:
    """The quote with the words around it, on one line each: (before, quote, after)."""
    return (_one_line(passage.prefix), _one_line(passage.exact), _one_line(passage.suffix))


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)  # edge spaces stay: they part the quote from its context
