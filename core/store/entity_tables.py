"""The SQL of the library's entity index: names, index rows, figures kept per entity.

Reached as ``store.entities``; its writes join the store's transactions. The rules (which
name resolves where, what a curation step changes) are core/library's; this only reads and
writes rows. Curation's own rows are in entity_curation_rows.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lectern.core.store.entity_curation_rows import EntityCurationRows
from lectern.core.store.failures import reads
from lectern.core.store.library_rows import Writer

NameKey = tuple[str, str]  # (label an analysis gave, normalised name)
CHUNK = 400
# An article's date: its published date, else the day it was added.
_DAY = "substr(coalesce(nullif(a.published, ''), a.added), 1, 10)"


@dataclass(frozen=True)
class IndexRow:
    """One analysis entity of one current version, as kept in the index."""

    version: int
    local: str
    article: int
    label: str
    norm: str
    entity_id: int
    name: str
    role: str
    count: int
    spans: str  # JSON [[start, end], ...]


@dataclass(frozen=True)
class EntityRow:
    id: int
    label: str
    name: str
    renamed: bool
    retyped: bool
    rejected: bool
    merged_into: int | None
    articles: int
    mentions: int
    first_seen: str
    last_seen: str


_ENTITY_COLUMNS = ("id, label, name, renamed, retyped, rejected, merged_into, articles, "
                   "mentions, first_seen, last_seen")


def entity_row(row: Sequence[Any]) -> EntityRow:
    return EntityRow(int(row[0]), row[1], row[2], bool(row[3]), bool(row[4]), bool(row[5]),
                     row[6], int(row[7]), int(row[8]), row[9], row[10])


class EntityTables:
    def __init__(self, db: sqlite3.Connection, write: Writer) -> None:
        self._db = db
        self.write = write
        self.curation = EntityCurationRows(db, write)

    @reads
    def available(self) -> bool:
        """Whether the store has the entity index's tables (a store opened at an older
        schema has not: its analyses are taken in by the catch-up once it is migrated)."""
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                "name = 'entity_names'").fetchone() is not None

    # --- names ---------------------------------------------------------------------------
    @reads
    def resolve(self, keys: Iterable[NameKey]) -> dict[NameKey, int]:
        """The entity each known name resolves to."""
        found: dict[NameKey, int] = {}
        wanted = list(dict.fromkeys(keys))
        for first in range(0, len(wanted), CHUNK):
            chunk = wanted[first:first + CHUNK]
            marks = ",".join("(?, ?)" for _ in chunk)
            flat = [part for key in chunk for part in key]
            for label, norm, entity_id in self._db.execute(
                    f"SELECT label, norm, entity_id FROM entity_names WHERE (label, norm) IN "
                    f"(VALUES {marks})", flat):
                found[(label, norm)] = int(entity_id)
        return found

    @reads
    def names_of(self, entity_ids: Sequence[int]) -> dict[int, list[tuple[str, str, str, int]]]:
        """``(label, norm, text, origin)`` of every name of each entity."""
        found: dict[int, list[tuple[str, str, str, int]]] = {}
        for first in range(0, len(entity_ids), CHUNK):
            chunk = list(entity_ids[first:first + CHUNK])
            for entity_id, label, norm, text, origin in self._db.execute(
                    f"SELECT entity_id, label, norm, text, origin FROM entity_names WHERE "
                    f"entity_id IN ({','.join('?' * len(chunk))})", chunk):
                found.setdefault(int(entity_id), []).append((label, norm, text, int(origin)))
        return found

    @reads
    def all_names(self) -> list[tuple[int, str, str, str]]:
        """``(entity id, label, norm, text)`` of every name of a listed entity."""
        return [(int(r[0]), r[1], r[2], r[3]) for r in self._db.execute(
            "SELECT n.entity_id, n.label, n.norm, n.text FROM entity_names n JOIN "
            "library_entities e ON e.id = n.entity_id WHERE e.merged_into IS NULL AND "
            "e.rejected = 0 AND e.mentions > 0")]

    def new_entity(self, db: sqlite3.Connection, label: str, name: str) -> int:
        cursor = db.execute("INSERT INTO library_entities (label, name) VALUES (?, ?)",
                            (label, name))
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    @staticmethod
    def add_names(db: sqlite3.Connection, names: Iterable[tuple[str, str, int, str]]) -> None:
        """``(label, norm, entity id, text)``: names not known yet go to that entity."""
        db.executemany("INSERT OR IGNORE INTO entity_names (label, norm, entity_id, origin, "
                       "text) VALUES (?, ?, ?, ?, ?)",
                       ((label, norm, entity, entity, text) for label, norm, entity, text
                        in names))

    @staticmethod
    def lengthen_name(db: sqlite3.Connection, entity_id: int, name: str) -> None:
        """A person first seen by a surname takes the full name that ends with it ("Musayev"
        becomes "Teymur Musayev"), unless someone renamed it; another name merged into it
        ("Kadri Tamm" into "Mart Kask") leaves its name as it is."""
        db.execute("UPDATE library_entities SET name = ?1 WHERE id = ?2 AND renamed = 0 AND "
                   "length(name) < length(?1) AND "
                   "substr(' ' || ?1, -length(name) - 1) = ' ' || name", (name, entity_id))

    # --- index rows ----------------------------------------------------------------------
    @reads
    def article_rows(self, article_id: int) -> list[tuple[int, int, int]]:
        """``(entity id, version, count)`` of the article's rows in the index."""
        return [(int(e), int(v), int(c)) for e, v, c in self._db.execute(
            "SELECT entity_id, version, count FROM entity_index WHERE article = ?",
            (article_id,))]

    @staticmethod
    def drop_versions(db: sqlite3.Connection, versions: Sequence[int]) -> None:
        for first in range(0, len(versions), CHUNK):
            chunk = list(versions[first:first + CHUNK])
            marks = ",".join("?" * len(chunk))
            for table in ("entity_index", "entity_evidence", "entity_indexed"):
                db.execute(f"DELETE FROM {table} WHERE version IN ({marks})", chunk)

    @staticmethod
    def put_rows(db: sqlite3.Connection, version: int, analyser: str, rows: Sequence[IndexRow],
                 evidence: Sequence[tuple[str, str, int, int, str]]) -> None:
        db.executemany("INSERT OR REPLACE INTO entity_index (version, local, article, label, "
                       "norm, entity_id, name, role, count, spans) VALUES "
                       "(?,?,?,?,?,?,?,?,?,?)",
                       ((r.version, r.local, r.article, r.label, r.norm, r.entity_id, r.name,
                         r.role, r.count, r.spans) for r in rows))
        db.executemany("INSERT INTO entity_evidence (version, local, kind, start, \"end\", "
                       "text) VALUES (?,?,?,?,?,?)",
                       ((version, *item) for item in evidence))
        db.execute("INSERT OR REPLACE INTO entity_indexed (version, analyser) VALUES (?, ?)",
                   (version, analyser))

    @staticmethod
    def add_to_counts(db: sqlite3.Connection, entity_id: int, mentions: int, day: str) -> None:
        """One more article names the entity (a new article: no recount needed)."""
        db.execute("UPDATE library_entities SET articles = articles + 1, "
                   "mentions = mentions + ?, "
                   "first_seen = CASE WHEN first_seen = '' OR ? < first_seen THEN ? "
                   "ELSE first_seen END, "
                   "last_seen = CASE WHEN ? > last_seen THEN ? ELSE last_seen END "
                   "WHERE id = ?", (mentions, day, day, day, day, entity_id))

    @staticmethod
    def recount(db: sqlite3.Connection, entity_ids: Iterable[int]) -> None:
        """Count again the articles, mentions and dates of each entity, from its rows."""
        for entity_id in set(entity_ids):
            row = db.execute(
                f"SELECT count(DISTINCT u.article), coalesce(sum(u.count), 0), "
                f"coalesce(min({_DAY}), ''), coalesce(max({_DAY}), '') FROM ("
                "SELECT article, count FROM entity_index WHERE entity_id = ?1 UNION ALL "
                "SELECT article, 1 FROM entity_added_mentions WHERE entity_id = ?1) u "
                "JOIN articles a ON a.id = u.article", (entity_id,)).fetchone()
            db.execute("UPDATE library_entities SET articles = ?, mentions = ?, "
                       "first_seen = ?, last_seen = ? WHERE id = ?", (*row, entity_id))

    @staticmethod
    def repoint(db: sqlite3.Connection, keys: Iterable[NameKey]) -> set[int]:
        """Index rows of ``keys`` follow their names' entities; returns the entities the
        rows left or joined."""
        touched: set[int] = set()
        for label, norm in set(keys):
            touched.update(int(e) for (e,) in db.execute(
                "SELECT DISTINCT entity_id FROM entity_index WHERE label = ? AND norm = ?",
                (label, norm)))
            row = db.execute("SELECT entity_id FROM entity_names WHERE label = ? AND norm = ?",
                             (label, norm)).fetchone()
            if row is not None:
                db.execute("UPDATE entity_index SET entity_id = ? WHERE label = ? AND "
                           "norm = ?", (row[0], label, norm))
                touched.add(int(row[0]))
        return touched

    @staticmethod
    def unnamed_rows(db: sqlite3.Connection, keys: Iterable[NameKey]) -> list[tuple[str, str,
                                                                                    str]]:
        """``(label, norm, name)`` of index rows whose name no longer resolves."""
        found: list[tuple[str, str, str]] = []
        for label, norm in set(keys):
            if db.execute("SELECT 1 FROM entity_names WHERE label = ? AND norm = ?",
                          (label, norm)).fetchone() is None:
                row = db.execute("SELECT name FROM entity_index WHERE label = ? AND norm = ? "
                                 "LIMIT 1", (label, norm)).fetchone()
                if row is not None:
                    found.append((label, norm, row[0]))
        return found

    # --- keeping up ----------------------------------------------------------------------
    @reads
    def unindexed(self, analyser: str) -> list[int]:
        """Current versions analysed by ``analyser`` that the index has not taken in."""
        return [int(v) for (v,) in self._db.execute(
            "SELECT a.current FROM articles a JOIN analyses n ON n.version = a.current "
            "LEFT JOIN entity_indexed x ON x.version = a.current WHERE n.analyser = ?1 AND "
            "(x.version IS NULL OR x.analyser != ?1) ORDER BY a.current", (analyser,))]

    @reads
    def stale(self) -> list[int]:
        """Indexed versions that are no longer an article's current one (or whose article
        was removed)."""
        return [int(v) for (v,) in self._db.execute(
            "SELECT version FROM entity_indexed WHERE version NOT IN "
            "(SELECT current FROM articles WHERE current IS NOT NULL)")]

    @reads
    def entities_of_versions(self, versions: Sequence[int]) -> set[int]:
        found: set[int] = set()
        for first in range(0, len(versions), CHUNK):
            chunk = list(versions[first:first + CHUNK])
            found.update(int(e) for (e,) in self._db.execute(
                f"SELECT DISTINCT entity_id FROM entity_index WHERE version IN "
                f"({','.join('?' * len(chunk))})", chunk))
        return found

    @reads
    def article_day(self, article_id: int) -> str:
        row = self._db.execute(f"SELECT {_DAY} FROM articles a WHERE a.id = ?",
                               (article_id,)).fetchone()
        return str(row[0]) if row and row[0] else ""

    # --- reading -------------------------------------------------------------------------
    @reads
    def entity(self, entity_id: int) -> EntityRow | None:
        row = self._db.execute(f"SELECT {_ENTITY_COLUMNS} FROM library_entities WHERE id = ?",
                               (entity_id,)).fetchone()
        return entity_row(row) if row else None

    @reads
    def listed(self, label: str | None = None) -> list[EntityRow]:
        """Entities named in at least one article, not merged away or rejected; the most
        widely named first."""
        where = "merged_into IS NULL AND rejected = 0 AND mentions > 0"
        values: tuple[str, ...] = ()
        if label:
            where += " AND label = ?"
            values = (label,)
        return [entity_row(r) for r in self._db.execute(
            f"SELECT {_ENTITY_COLUMNS} FROM library_entities WHERE {where} "
            "ORDER BY articles DESC, mentions DESC, name COLLATE NOCASE", values)]

    @reads
    def articles_of(self, entity_ids: Sequence[int]) -> dict[int, list[int]]:
        found: dict[int, set[int]] = {}
        for first in range(0, len(entity_ids), CHUNK):
            chunk = list(entity_ids[first:first + CHUNK])
            marks = ",".join("?" * len(chunk))
            for entity_id, article in self._db.execute(
                    f"SELECT entity_id, article FROM entity_index WHERE entity_id IN ({marks}) "
                    f"UNION SELECT entity_id, article FROM entity_added_mentions WHERE "
                    f"entity_id IN ({marks})", chunk + chunk):
                found.setdefault(int(entity_id), set()).add(int(article))
        return {e: sorted(a) for e, a in found.items()}

    @reads
    def mention_rows(self, entity_id: int) -> list[tuple[int, int, str, str, str, str, str]]:
        """``(article, version, spans JSON, role, title, day, local)`` of each index row of
        the entity, the earliest article first."""
        return [(int(r[0]), int(r[1]), r[2], r[3], r[4], r[5], r[6]) for r in self._db.execute(
            f"SELECT i.article, i.version, i.spans, i.role, a.title, {_DAY}, i.local "
            "FROM entity_index i JOIN articles a ON a.id = i.article WHERE i.entity_id = ? "
            f"ORDER BY {_DAY}, i.article", (entity_id,))]

    @reads
    def added_rows(self, entity_id: int) -> list[tuple[int, int, int, str, str, str, int]]:
        """``(article, start, end, text, title, day, current version)`` of mentions added by
        hand."""
        return [(int(r[0]), int(r[1]), int(r[2]), r[3], r[4], r[5], int(r[6] or 0))
                for r in self._db.execute(
                    f"SELECT m.article, m.start, m.\"end\", m.text, a.title, {_DAY}, a.current "
                    "FROM entity_added_mentions m JOIN articles a ON a.id = m.article "
                    "WHERE m.entity_id = ? ORDER BY m.article, m.start", (entity_id,))]

    @reads
    def added_in(self, article_id: int) -> list[tuple[int, int, int, str]]:
        """``(entity id, start, end, text)`` of the mentions added by hand in an article."""
        return [(int(r[0]), int(r[1]), int(r[2]), r[3]) for r in self._db.execute(
            "SELECT entity_id, start, \"end\", text FROM entity_added_mentions WHERE "
            "article = ? ORDER BY start", (article_id,))]

    @reads
    def evidence(self, entity_id: int) -> list[tuple[int, str, int, int, str]]:
        """``(article, kind, start, end, text)`` of the quotations and figures of an
        entity."""
        return [(int(r[0]), r[1], int(r[2]), int(r[3]), r[4]) for r in self._db.execute(
            "SELECT i.article, v.kind, v.start, v.\"end\", v.text FROM entity_index i "
            "JOIN entity_evidence v ON v.version = i.version AND v.local = i.local "
            "WHERE i.entity_id = ? ORDER BY i.article, v.start", (entity_id,))]

    @reads
    def entities(self, entity_ids: Sequence[int]) -> dict[int, EntityRow]:
        found: dict[int, EntityRow] = {}
        for first in range(0, len(entity_ids), CHUNK):
            chunk = list(entity_ids[first:first + CHUNK])
            for row in self._db.execute(
                    f"SELECT {_ENTITY_COLUMNS} FROM library_entities WHERE id IN "
                    f"({','.join('?' * len(chunk))})", chunk):
                found[int(row[0])] = entity_row(row)
        return found

    @reads
    def has_merged_names(self, entity_ids: Sequence[int]) -> set[int]:
        """The entities among ``entity_ids`` holding a name first seen under another."""
        found: set[int] = set()
        for first in range(0, len(entity_ids), CHUNK):
            chunk = list(entity_ids[first:first + CHUNK])
            found.update(int(e) for (e,) in self._db.execute(
                f"SELECT DISTINCT entity_id FROM entity_names WHERE entity_id != origin AND "
                f"entity_id IN ({','.join('?' * len(chunk))})", chunk))
        return found
