"""Reading the library's entities: the list, and one entity's mentions, roles, quotations
and figures across articles (what ``entities`` prints and the Entities view shows)."""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import NamedTuple

from lectern.core.gc_control import paused_gc
from lectern.core.store import AnnotationStore

SENTENCE_CHARS = 240  # at most this much either side of a mention: a long paragraph stays short
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")


@dataclass(frozen=True)
class LibraryEntity:
    id: int
    name: str
    label: str
    aliases: tuple[str, ...]
    articles: int
    mentions: int
    first_seen: str
    last_seen: str
    article_ids: tuple[int, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "type": self.label,
                "aliases": list(self.aliases), "articles": list(self.article_ids),
                "mentions": self.mentions, "first_seen": self.first_seen,
                "last_seen": self.last_seen}


class LibraryMention(NamedTuple):
    """A tuple: an entity in thousands of articles has tens of thousands of them."""

    article: int
    version: int
    title: str
    day: str
    start: int
    end: int
    added: bool = False  # added by hand, not found by the analysis
    words: str = ""  # a quotation's or a figure's own words, when the row is one


@dataclass(frozen=True)
class EntityProfile:
    entity: LibraryEntity
    mentions: list[LibraryMention]
    roles: dict[int, str]  # article -> the role given there
    quotes: list[tuple[int, int, int, str]] = field(default_factory=list)  # article, span, text
    figures: list[tuple[int, int, int, str]] = field(default_factory=list)


def list_entities(store: AnnotationStore, label: str | None = None, *,
                  with_articles: bool = False) -> list[LibraryEntity]:
    """Every entity named in the library (not merged away, not rejected), the most widely
    named first, with its other names as aliases."""
    rows = store.entities.listed(label)
    aliases: dict[int, list[str]] = {}
    names = store.entities.names_of([r.id for r in rows]) if len(rows) < 2000 else None
    if names is None:
        grouped: dict[int, list[tuple[str, str, str, int]]] = {}
        for entity_id, name_label, norm, text in store.entities.all_names():
            grouped.setdefault(entity_id, []).append((name_label, norm, text, entity_id))
        names = grouped
    for row in rows:
        seen = {row.name.casefold()}
        for _, _, text, _ in names.get(row.id, ()):
            if text.casefold() not in seen:
                seen.add(text.casefold())
                aliases.setdefault(row.id, []).append(text)
    articles = store.entities.articles_of([r.id for r in rows]) if with_articles else {}
    return [LibraryEntity(r.id, r.name, r.label, tuple(sorted(aliases.get(r.id, ()),
                                                              key=str.casefold)),
                          r.articles, r.mentions, r.first_seen, r.last_seen,
                          tuple(articles.get(r.id, ()))) for r in rows]


def entity_profile(store: AnnotationStore, entity_id: int) -> EntityProfile | None:
    row = store.entities.entity(entity_id)
    if row is None:
        return None
    names = store.entities.names_of([entity_id]).get(entity_id, [])
    aliases = tuple(dict.fromkeys(t for _, _, t, _ in names if t.casefold() != row.name.casefold()))
    entity = LibraryEntity(row.id, row.name, row.label, aliases, row.articles, row.mentions,
                           row.first_seen, row.last_seen)
    mentions: list[LibraryMention] = []
    roles: dict[int, str] = {}
    with paused_gc():  # tens of thousands of tuples, no cycles
        rows = store.entities.mention_rows(entity_id)
        every = json.loads("[" + ",".join(row[2] for row in rows) + "]")  # one parse, not one a row
        for (article, version, _, role, title, day, _), spans in zip(rows, every, strict=True):
            mentions.extend(LibraryMention(article, version, title, day, s, e)
                            for s, e in spans)
            if role:
                roles.setdefault(article, role)
    for article, start, end, _, title, day, current in store.entities.added_rows(entity_id):
        mentions.append(LibraryMention(article, current, title, day, start, end, added=True))
    mentions.sort(key=lambda m: (m.day, m.article, m.start))
    quotes: list[tuple[int, int, int, str]] = []
    figures: list[tuple[int, int, int, str]] = []
    for article, kind, start, end, text in store.entities.evidence(entity_id):
        (quotes if kind == "quote" else figures).append((article, start, end, text))
    return EntityProfile(entity, mentions, roles, quotes, figures)


class SentenceReader:
    """The sentence around a mention, from the kept text of its version (a few texts kept
    in memory: a list of mentions reads the same articles again and again)."""

    def __init__(self, store: AnnotationStore, keep: int = 64) -> None:
        self.store = store
        self.keep = keep
        self._texts: OrderedDict[int, str] = OrderedDict()

    def text(self, version: int) -> str:
        if version in self._texts:
            self._texts.move_to_end(version)
            return self._texts[version]
        text = self.store.library.text(version) or ""
        self._texts[version] = text
        if len(self._texts) > self.keep:
            self._texts.popitem(last=False)
        return text

    def sentence(self, version: int, start: int, end: int) -> str:
        return sentence_around(self.text(version), start, end)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``start:end``, on one line (cut to SENTENCE_CHARS each side)."""
    low = max(0, start - SENTENCE_CHARS)
    before = list(_SENTENCE_END.finditer(text, low, start))
    first = before[-1].end() if before else low
    after = _SENTENCE_END.search(text, end, end + SENTENCE_CHARS)
    last = after.start() + 1 if after else min(len(text), end + SENTENCE_CHARS)
    words = " ".join(text[first:last].split())
    return ("…" if first == low and low > 0 else "") + words + \
        ("…" if after is None and last < len(text) else "")
