"""Passages across articles (coded-segment retrieval): every annotation of the library,
filtered by tags (any or all), words, article, outlet and dates; one rule for the Passages
view and the ``search`` command. Words follow the Annotations panel's filter (each word in
the quote, the tags or the note, ignoring case)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lectern.core.readouts.annotation_filter import AnnotationFilter
from lectern.core.store import AnnotationStore
from lectern.core.store.library_rows import Passage
from lectern.core.store.library_search import PassageRows


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


def passages(store: AnnotationStore, query: PassageQuery = PassageQuery(), *,
             whole: bool = False) -> list[Passage]:
    """The passages ``query`` keeps, in article order. A list reads only what it shows of
    each annotation; ``whole`` reads all of them at once (to write them out)."""
    search = store.library.search
    rows = search.passages(PassageRows(
        query.tags, query.all_tags, query.article, query.outlet, query.dated_from,
        query.dated_to, query.created_from, query.created_to))
    wanted = AnnotationFilter.of(None, query.words)
    if whole or not wanted.is_empty:
        search.complete(rows)
    if wanted.is_empty:
        return rows
    return [p for p in rows if wanted.matches(p.annotation)]


def complete(store: AnnotationStore, rows: list[Passage]) -> list[Passage]:
    """``rows`` with every annotation read whole (before an export)."""
    store.library.search.complete(rows)
    return rows


def context_of(passage: Passage) -> tuple[str, str, str]:
    """The quote with the words around it, on one line each: (before, quote, after)."""
    return (_one_line(passage.prefix), _one_line(passage.exact), _one_line(passage.suffix))


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)  # edge spaces stay: they part the quote from its context
