"""Bringing back the reader's entity curation from a damaged store: the entities with their
names, types, rejections and merges, the names that resolve to each, the suggestions
dismissed and the mentions added by hand. The undo log is not: its steps name rows as they
were in the damaged store (article ids among them), so undo starts afresh after a recovery.

Everything here is keyed by entity id, so it comes back whole or not at all: only into a
store with no entities of its own (a fresh store, as recovery at open makes). The entity
index itself is not read back: the articles' analyses rebuild it, and each name they give
resolves through the names brought back to the entity it was curated into.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from lectern.core.store.entity_tables import EntityTables

Row = tuple[Any, ...]

# Salvage key -> (table, columns), read like salvage.WANTED's tables.
ENTITY_WANTED = {
    "entities": ("library_entities", ("id", "label", "name", "renamed", "retyped", "rejected",
                                      "merged_into", "articles", "mentions", "first_seen",
                                      "last_seen")),
    "entity_names": ("entity_names", ("label", "norm", "entity_id", "origin", "text")),
    "entity_dismissed": ("entity_dismissed_pairs", ("first", "second")),
    "entity_added": ("entity_added_mentions", ("id", "entity_id", "article", "start", "end",
                                               "text")),
}
WITHOUT_ROWID = {"entity_names", "entity_dismissed_pairs"}


def _ints(row: Row, indices: Sequence[int]) -> bool:
    return all(isinstance(row[i], int) for i in indices)


def _strs(row: Row, indices: Sequence[int]) -> bool:
    return all(isinstance(row[i], str) for i in indices)


ENTITY_CHECKS = {
    "entities": lambda row: _ints(row, (0, 3, 4, 5, 7, 8)) and _strs(row, (1, 2, 9, 10))
    and (row[6] is None or isinstance(row[6], int)),
    "entity_names": lambda row: _strs(row, (0, 1, 4)) and _ints(row, (2, 3)),
    "entity_dismissed": lambda row: _ints(row, (0, 1)),
    "entity_added": lambda row: _ints(row, (0, 1, 2, 3, 4)) and isinstance(row[5], str),
}


def keep_curation(db: sqlite3.Connection, rows: Mapping[str, Sequence[Row]],
                  article_ids: Mapping[int, int]) -> int:
    """Put the salvaged curation into the store behind ``db`` (inside the caller's
    transaction) when it has no entities yet; ``article_ids``: each salvaged article's id
    here. Returns how many entities came back."""
    entities = rows.get("entities", ())
    if not entities or db.execute("SELECT 1 FROM library_entities LIMIT 1").fetchone():
        return 0
    known = {row[0] for row in entities}
    # Counted afresh from this store's rows: none yet but the mentions added by hand.
    db.executemany("INSERT INTO library_entities (id, label, name, renamed, retyped, "
                   "rejected, merged_into) VALUES (?,?,?,?,?,?,?)",
                   (row[:7] for row in entities))
    db.executemany("INSERT OR IGNORE INTO entity_names (label, norm, entity_id, origin, text) "
                   "VALUES (?,?,?,?,?)",
                   (row for row in rows.get("entity_names", ()) if row[2] in known))
    db.executemany("INSERT OR IGNORE INTO entity_dismissed_pairs (first, second) VALUES (?,?)",
                   (row for row in rows.get("entity_dismissed", ())
                    if row[0] in known and row[1] in known))
    db.executemany('INSERT INTO entity_added_mentions (entity_id, article, start, "end", text) '
                   "VALUES (?,?,?,?,?)",
                   ((entity, article_ids[article], start, end, text)
                    for _, entity, article, start, end, text in rows.get("entity_added", ())
                    if entity in known and article in article_ids))
    EntityTables.recount(db, known)
    return len(entities)
