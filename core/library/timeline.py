"""The dated events of many articles, read from the facts index: the facts of one date
about the same thing in several articles are one event with its sources.

"The same thing": the same subject wording (normalised), or, for a date given to the day,
a person, organisation or place named in both sentences. A year or a month alone is too
wide for a shared name to make two facts one event ("2023" and "Georgia" are in hundreds).
Scope: the whole library, the articles a search finds, or chosen article ids.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lectern.core.errors import LecternError
from lectern.core.library.facts_index import catch_up, entities_of, entity_keys_of
from lectern.core.store import AnnotationStore

SEARCH_LIMIT = 10_000  # articles a search scope may hold
# The article's own dateline ("published") is when it was written, not an event it reports.
NOT_EVENTS = frozenset({"published"})
DAY_CHARS = len("2009-01-05")
# A dated fact as the index gives it: (day, subject_key, subject, entities, article, start,
# end, written).
DatedRow = tuple[Any, ...]


@dataclass(frozen=True)
class Source:
    """One article's telling of an event or figure, and where it says it."""

    article: int
    title: str
    published: str
    subject: str
    written: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end}

    @property
    def heading(self) -> str:
        title = " ".join(self.title.split()) or f"Article {self.article}"
        return f"{title} ({self.published[:10]})" if self.published else title


@dataclass
class TimelineEvent:
    """Facts of one date about one thing, from one or more articles."""

    date: str  # ISO, partial: "2009", "2009-01", "2009-01-05"
    label: str
    rows: list[DatedRow]
    heads: dict[int, tuple[str, str]] = field(repr=False)  # article -> (title, published)

    @property
    def articles(self) -> list[int]:
        return sorted({row[4] for row in self.rows})

    @property
    def sources(self) -> list[Source]:
        """Each article's telling, the earliest article first."""
        made = [Source(r[4], *self.heads.get(r[4], ("", "")), r[2], r[7], r[5], r[6])
                for r in self.rows]
        return sorted(made, key=lambda s: (s.published or "9999", s.article, s.start))

    @property
    def entities(self) -> list[str]:
        """The names its sentences share, the most told first."""
        names: Counter[str] = Counter()
        for row in self.rows:
            names.update({name for _label, name in entities_of(row[3])})
        return [name for name, _ in names.most_common()]

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "label": self.label, "articles": self.articles,
                "passages": [s.to_json() for s in self.sources]}


def scope_articles(store: AnnotationStore, query: str | None = None,
                   articles: Iterable[int] | None = None) -> set[int] | None:
    """The article ids a scope names (None: the whole library). A query keeps the articles
    it finds (a hit in an annotation counts for its article); ids must exist."""
    chosen: set[int] | None = None
    if articles is not None:
        chosen = set(articles)
        missing = sorted(i for i in chosen if store.library.article(i) is None)
        if missing:
            raise LecternError(f"No article with id {', '.join(map(str, missing))} in the "
                               "library; `library` lists them.")
    if query is not None and query.strip():
        from lectern.core.library.find import find

        found = {h.article for h in find(store, query, SEARCH_LIMIT) if h.article is not None}
        chosen = found if chosen is None else chosen & found
    return chosen


def timeline_events(store: AnnotationStore, query: str | None = None,
                    articles: Iterable[int] | None = None) -> list[TimelineEvent]:
    """The events of a scope by date."""
    catch_up(store)
    chosen = scope_articles(store, query, articles)
    if chosen is not None and not chosen:
        return []
    heads = store.facts.heads()
    events: list[TimelineEvent] = []
    day: str | None = None
    rows: list[DatedRow] = []
    for row in store.facts.dated(chosen, NOT_EVENTS):
        if row[0] != day:
            events += _events(day, rows, heads)
            day, rows = row[0], []
        rows.append(row)
    events += _events(day, rows, heads)
    return events


def _events(day: str | None, rows: list[DatedRow],
            heads: dict[int, tuple[str, str]]) -> list[TimelineEvent]:
    if day is None or not rows:
        return []
    return [_event(day, group, heads) for group in _grouped(rows, len(day) >= DAY_CHARS)]


def _grouped(rows: list[DatedRow], by_entity: bool) -> list[list[DatedRow]]:
    """Rows of one date joined when they share a subject (or, ``by_entity``, a named
    entity): union-find over the keys."""
    if not by_entity:
        by_subject: dict[str, list[DatedRow]] = defaultdict(list)
        for row in rows:
            by_subject[row[1]].append(row)
        return list(by_subject.values())
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[str, int] = {}
    for number, row in enumerate(rows):
        keys = (row[1], *entity_keys_of(row[3])) if by_entity else (row[1],)
        for key in keys:
            other = first_of.setdefault(key, number)
            if other != number:
                parent[root(number)] = root(other)
    groups: dict[int, list[DatedRow]] = defaultdict(list)
    for number, row in enumerate(rows):
        groups[root(number)].append(row)
    return list(groups.values())


def _event(day: str, rows: list[DatedRow], heads: dict[int, tuple[str, str]]) -> TimelineEvent:
    if len(rows) == 1:
        return TimelineEvent(day, rows[0][2], rows, heads)
    subjects = Counter(row[2] for row in rows if row[2])
    # The wording most articles use; on a tie, the first article's.
    label = max(subjects, key=lambda s: subjects[s]) if subjects else ""
    return TimelineEvent(day, label, rows, heads)
