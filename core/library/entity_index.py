"""One entity per name across the library, kept in step with the stored analyses.

``index_analysis`` is the indexer of core/library/analyses.py (INDEXER_MODULES): each
analysis stored is taken in at once, in one transaction. Each named entity of the analysis
resolves through its name, then through the aliases the analysis grouped under it (a
surname alone, a name with its title), to a library entity of the same label; a name
never seen makes a new one. The index keeps the analysis's own names, so curation (which
moves names between entities) applies to past and future articles without reading any
analysis again. ``catch_up`` takes in analyses stored before the index existed and drops
the rows of versions that are no longer current (an edited or removed article).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lectern.core.library.entity_names import NAMED_LABELS, normalise
from lectern.core.store import AnnotationStore
from lectern.core.store.entity_tables import IndexRow, NameKey

CATCH_UP_BATCH = 200  # versions taken in per transaction when catching up


@dataclass(frozen=True)
class _Named:
    local: str
    label: str
    name: str
    norm: str
    aliases: dict[str, str]  # norm -> the text as written
    role: str
    spans: list[tuple[int, int]]


def named_entities(analysis: dict[str, Any]) -> list[_Named]:
    """The entities of an Analysis JSON that have names, with their aliases."""
    found: list[_Named] = []
    for entity in analysis.get("entities", ()):
        label = str(entity["label"])
        norm = normalise(entity["name"])
        if label not in NAMED_LABELS or not norm:
            continue
        aliases: dict[str, str] = {}
        for mention in entity["mentions"]:
            alias = normalise(mention["text"])
            if alias and alias != norm:
                aliases.setdefault(alias, " ".join(mention["text"].split()))
        found.append(_Named(str(entity["id"]), label, entity["name"], norm, aliases,
                            entity.get("role") or "",
                            [(int(m["start"]), int(m["end"])) for m in entity["mentions"]]))
    return found


def resolve_named(known: dict[NameKey, int], item: _Named) -> int | None:
    """The library entity an analysis entity is: by its name, else by an alias."""
    found = known.get((item.label, item.norm))
    if found is None:
        found = next((known[(item.label, a)] for a in item.aliases
                      if (item.label, a) in known), None)
    return found


def name_keys(items: list[_Named]) -> list[NameKey]:
    return [key for item in items
            for key in [(item.label, item.norm), *((item.label, a) for a in item.aliases)]]


def index_analysis(store: AnnotationStore, version_id: int, analysis: dict[str, Any]) -> None:
    """Take one stored analysis into the index (replacing the article's earlier rows)."""
    from lectern.core.library.analyses import analyser_version

    if not store.entities.available():
        return  # the store is at a schema before the index: the catch-up takes this in later
    version = store.library.version(version_id)
    if version is None or version.article is None:
        return
    article = int(version.article)
    if store.library.current_version(article) != version_id:
        return
    tables = store.entities
    items = named_entities(analysis)
    known = tables.resolve(name_keys(items))
    old = tables.article_rows(article)
    hand_added = {entity for entity, *_ in tables.added_in(article)}
    day = tables.article_day(article)
    with tables.write() as db:
        tables.drop_versions(db, sorted({v for _, v, _ in old} | {version_id}))
        rows: list[IndexRow] = []
        names: list[tuple[str, str, int, str]] = []
        for item in items:
            entity = resolve_named(known, item)
            if entity is None:
                entity = tables.new_entity(db, item.label, item.name)
            elif item.label == "PERSON" and len(item.name.split()) > 1:
                tables.lengthen_name(db, entity, item.name)
            for norm, text in [(item.norm, item.name), *item.aliases.items()]:
                if (item.label, norm) not in known:
                    known[(item.label, norm)] = entity
                    names.append((item.label, norm, entity, text))
            rows.append(IndexRow(version_id, item.local, article, item.label, item.norm,
                                 known[(item.label, item.norm)], item.name, item.role,
                                 len(item.spans), json.dumps(item.spans)))
        tables.add_names(db, names)
        tables.put_rows(db, version_id, analyser_version(), rows, evidence(analysis, items))
        counts: dict[int, int] = {}
        for row in rows:
            counts[row.entity_id] = counts.get(row.entity_id, 0) + row.count
        before = {entity for entity, _, _ in old}
        for entity, mentions in counts.items():
            if entity in before or entity in hand_added:
                tables.recount(db, [entity])
            else:  # a new article for this entity: add to its figures, no recount
                tables.add_to_counts(db, entity, mentions, day)
        tables.recount(db, before - counts.keys())


def evidence(analysis: dict[str, Any], items: list[_Named]) -> list[tuple[str, str, int, int,
                                                                           str]]:
    """``(local entity, kind, start, end, text)``: each quotation with its speaker, and each
    figure whose sentence mentions the entity or whose subject names it."""
    found: list[tuple[str, str, int, int, str]] = []
    locals_ = {item.local for item in items}
    for quote in analysis.get("quotes", ()):
        if quote.get("speaker") in locals_:
            found.append((quote["speaker"], "quote", int(quote["start"]), int(quote["end"]),
                          quote["text"]))
    starts = {item.local: sorted(start for start, _ in item.spans) for item in items}
    for fact in analysis.get("facts", ()):
        if fact.get("kind") == "date":
            continue  # a date is when, not a figure about someone
        sentence = fact.get("sentence") or {}
        low, high = int(sentence.get("start", fact["start"])), int(sentence.get("end",
                                                                                fact["end"]))
        subject = normalise(str(fact.get("subject") or ""))
        text = f"{fact['text']} ({fact['subject']})" if fact.get("subject") else fact["text"]
        for item in items:
            where = bisect.bisect_left(starts[item.local], low)
            in_sentence = where < len(starts[item.local]) and starts[item.local][where] < high
            if in_sentence or (subject and f" {item.norm} " in f" {subject} "):
                found.append((item.local, "fact", int(fact["start"]), int(fact["end"]), text))
    return found


def catch_up(store: AnnotationStore,
             progress: Callable[[int, int], None] | None = None) -> int:
    """Drop the rows of versions no longer current; take in every current analysis the
    index has not; returns how many were taken in."""
    from lectern.core.library.analyses import analyser_version, stored_analysis

    tables = store.entities
    stale = tables.stale()
    if stale:
        affected = tables.entities_of_versions(stale)
        with tables.write() as db:
            tables.drop_versions(db, stale)
            tables.recount(db, affected)
    versions = tables.unindexed(analyser_version())
    for first in range(0, len(versions), CATCH_UP_BATCH):
        with store.batch():
            for version in versions[first:first + CATCH_UP_BATCH]:
                analysis = stored_analysis(store, version)
                if analysis is not None:
                    index_analysis(store, version, analysis)
        if progress is not None:
            progress(min(first + CATCH_UP_BATCH, len(versions)), len(versions))
    return len(versions)


def behind(store: AnnotationStore) -> int:
    """How many stored analyses the entity index has yet to take in."""
    from lectern.core.library.analyses import analyser_version

    if not store.entities.available():
        return 0
    return len(store.entities.unindexed(analyser_version()))


def ensure_index(store: AnnotationStore,
                 progress: Callable[[int, int], None] | None = None) -> None:
    """What every use of the entities runs first: the pending analyses, then the index."""
    from lectern.core.library.analyses import run_pending

    run_pending(store, progress=progress)
    catch_up(store)
