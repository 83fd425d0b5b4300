"""The dated events and the figures of many articles, read from the facts index: events of
one date about the same thing in several articles are one event with its sources; figures
are grouped by unit and by entity.

Scope: the whole library, the articles a search finds, or chosen article ids.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lectern.core.errors import LecternError
from lectern.core.library.facts_index import catch_up, entity_key, row_entities
from lectern.core.store import AnnotationStore
from lectern.core.store.library_facts import LibraryFact

SEARCH_LIMIT = 10_000  # articles a search scope may hold
# The article's own dateline ("published") is when it was written, not an event it reports.
NOT_EVENTS = frozenset({"published"})


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
    version: int

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end}

    @property
    def heading(self) -> str:
        title = " ".join(self.title.split()) or f"Article {self.article}"
        return f"{title} ({self.published[:10]})" if self.published else title


@dataclass
class TimelineEvent:
    """Events of one date about one thing, from one or more articles."""

    date: str  # ISO, partial: "2009", "2009-01", "2009-01-05"
    label: str
    sources: list[Source] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)  # names, the most told first

    @property
    def articles(self) -> list[int]:
        return sorted({s.article for s in self.sources})

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
    """The events of a scope by date: one per date and subject or shared entity."""
    catch_up(store)
    chosen = scope_articles(store, query, articles)
    if chosen is not None and not chosen:
        return []
    by_day: dict[str, list[LibraryFact]] = defaultdict(list)
    for fact in store.facts.dated(chosen):
        if fact.row.subject_key not in NOT_EVENTS and fact.row.day:
            by_day[fact.row.day].append(fact)
    events: list[TimelineEvent] = []
    for day in sorted(by_day):
        events += [_event(day, group) for group in _grouped(by_day[day])]
    return events


def _grouped(facts: list[LibraryFact]) -> list[list[LibraryFact]]:
    """Facts of one date joined when they share a subject or a named entity (union-find)."""
    parent = list(range(len(facts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[str, int] = {}
    for number, fact in enumerate(facts):
        keys = [f"s:{fact.row.subject_key}"] + [entity_key(name, label) for label, name
                                                in row_entities(fact.row)]
        for key in keys:
            other = first_of.setdefault(key, number)
            parent[root(number)] = root(other)
    groups: dict[int, list[LibraryFact]] = defaultdict(list)
    for number, fact in enumerate(facts):
        groups[root(number)].append(fact)
    return list(groups.values())


def _event(day: str, facts: list[LibraryFact]) -> TimelineEvent:
    facts.sort(key=lambda f: (f.published or "9999", f.article, f.row.start))
    subjects = Counter(f.row.subject for f in facts if f.row.subject)
    # The wording most articles use; on a tie, the earliest article's.
    label = max(subjects, key=lambda s: subjects[s]) if subjects else ""
    names: Counter[str] = Counter()
    for fact in facts:
        names.update(set(name for _label, name in row_entities(fact.row)))
    return TimelineEvent(day, label, [_source(f) for f in facts],
                         [name for name, _ in names.most_common()])


def _source(fact: LibraryFact) -> Source:
    row = fact.row
    return Source(fact.article, fact.title, fact.published, row.subject, row.written,
                  row.start, row.end, row.version)
