"""The SQL of entity curation: what a step changes, its before-image, and the undo stack.

A step's undo is data: the rows of the entities it touched (their names and hand-added
mentions) as they were before, kept as JSON in ``entity_curation_steps``. Undo puts those
rows back; names the step made are dropped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from lectern.core.annotations import utc_now
from lectern.core.store.failures import reads
from lectern.core.store.library_rows import Writer

Connection = sqlite3.Connection  # what a curation step's change is handed (core/library)
_TABLES = {  # table -> the column naming the entity
    "library_entities": "id",
    "entity_names": "entity_id",
    "entity_added_mentions": "entity_id",
}


class EntityCurationRows:
    def __init__(self, db: sqlite3.Connection, write: Writer) -> None:
        self._db = db
        self._write = write

    # --- before-images -------------------------------------------------------------------
    @staticmethod
    def image(db: sqlite3.Connection, entity_ids: Sequence[int]) -> dict[str, Any]:
        """The rows of ``entity_ids`` in every curated table, as JSON-ready lists."""
        marks = ",".join("?" * len(entity_ids))
        image: dict[str, Any] = {"ids": list(entity_ids)}
        for table, column in _TABLES.items():
            cursor = db.execute(f"SELECT * FROM {table} WHERE {column} IN ({marks})",
                                list(entity_ids))
            image[table] = {"columns": [c[0] for c in cursor.description],
                            "rows": [list(row) for row in cursor]}
        return image

    @staticmethod
    def name_keys(db: sqlite3.Connection, entity_ids: Sequence[int]) -> list[list[str]]:
        marks = ",".join("?" * len(entity_ids))
        return [[label, norm] for label, norm in db.execute(
            f"SELECT label, norm FROM entity_names WHERE entity_id IN ({marks})",
            list(entity_ids))]

    @staticmethod
    def restore(db: sqlite3.Connection, image: dict[str, Any], made_keys: Sequence[Sequence[str]],
                made_ids: Sequence[int]) -> None:
        """Put the rows of ``image`` back; drop the names and entities the step made."""
        ids = list(image["ids"])
        for label, norm in made_keys:
            db.execute("DELETE FROM entity_names WHERE label = ? AND norm = ?", (label, norm))
        for entity_id in made_ids:
            db.execute("DELETE FROM library_entities WHERE id = ?", (entity_id,))
            db.execute("DELETE FROM entity_names WHERE entity_id = ?", (entity_id,))
            db.execute("DELETE FROM entity_added_mentions WHERE entity_id = ?", (entity_id,))
        marks = ",".join("?" * len(ids))
        db.execute(f"DELETE FROM entity_added_mentions WHERE entity_id IN ({marks})", ids)
        for table in _TABLES:
            part = image[table]
            if not part["rows"]:
                continue
            names = ", ".join(f'"{c}"' for c in part["columns"])
            values = ",".join("?" * len(part["columns"]))
            db.executemany(f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({values})",
                           [tuple(row) for row in part["rows"]])

    # --- the undo stack ------------------------------------------------------------------
    @staticmethod
    def push(db: sqlite3.Connection, label: str, body: dict[str, Any]) -> int:
        cursor = db.execute("INSERT INTO entity_curation_steps (label, body, made) VALUES "
                            "(?, ?, ?)", (label, json.dumps(body, ensure_ascii=False),
                                          utc_now()))
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    @reads
    def last_step(self) -> tuple[int, str, dict[str, Any]] | None:
        row = self._db.execute("SELECT id, label, body FROM entity_curation_steps "
                               "ORDER BY id DESC LIMIT 1").fetchone()
        return (int(row[0]), row[1], json.loads(row[2])) if row else None

    @staticmethod
    def pop(db: sqlite3.Connection, step_id: int) -> None:
        db.execute("DELETE FROM entity_curation_steps WHERE id = ?", (step_id,))

    @reads
    def stamp(self) -> tuple[int, int]:
        """(steps on the stack, the last step's id): a step or an undo changes it."""
        row = self._db.execute("SELECT count(*), coalesce(max(id), 0) FROM "
                               "entity_curation_steps").fetchone()
        return int(row[0]), int(row[1])

    @reads
    def steps(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM entity_curation_steps").fetchone()[0])

    # --- changes -------------------------------------------------------------------------
    @staticmethod
    def set_entity(db: sqlite3.Connection, entity_id: int, **values: Any) -> None:
        columns = ", ".join(f"{name} = ?" for name in values)
        db.execute(f"UPDATE library_entities SET {columns} WHERE id = ?",
                   (*values.values(), entity_id))

    @staticmethod
    def move_names(db: sqlite3.Connection, to: int, keys: Sequence[Sequence[str]]) -> None:
        db.executemany("UPDATE entity_names SET entity_id = ? WHERE label = ? AND norm = ?",
                       [(to, label, norm) for label, norm in keys])

    @staticmethod
    def move_added(db: sqlite3.Connection, source: int, to: int) -> None:
        db.execute("UPDATE entity_added_mentions SET entity_id = ? WHERE entity_id = ?",
                   (to, source))

    @staticmethod
    def merged_children(db: sqlite3.Connection, entity_id: int) -> list[int]:
        return [int(e) for (e,) in db.execute(
            "SELECT id FROM library_entities WHERE merged_into = ? ORDER BY id", (entity_id,))]

    @reads
    def children(self, entity_id: int) -> list[int]:
        """The entities merged into ``entity_id``."""
        return self.merged_children(self._db, entity_id)

    @staticmethod
    def merge_parents(db: sqlite3.Connection) -> dict[int, int]:
        return {int(a): int(b) for a, b in db.execute(
            "SELECT id, merged_into FROM library_entities WHERE merged_into IS NOT NULL")}

    @staticmethod
    def texts_of(db: sqlite3.Connection, entity_id: int, keys: Sequence[Sequence[str]]
                 ) -> list[str]:
        """The names as written of ``keys`` that ``entity_id`` holds."""
        wanted = {(str(k[0]), str(k[1])) for k in keys}
        return [text for label, norm, text in db.execute(
            "SELECT label, norm, text FROM entity_names WHERE entity_id = ?", (entity_id,))
            if (label, norm) in wanted]

    @staticmethod
    def held_names(db: sqlite3.Connection, entity_id: int) -> list[tuple[str, str, int, str]]:
        """``(label, norm, origin, text)`` of each name the entity holds."""
        return [(r[0], r[1], int(r[2]), r[3]) for r in db.execute(
            "SELECT label, norm, origin, text FROM entity_names WHERE entity_id = ?",
            (entity_id,))]

    @staticmethod
    def add_mention(db: sqlite3.Connection, entity_id: int, article: int, start: int,
                    end: int, text: str) -> None:
        db.execute("INSERT INTO entity_added_mentions (entity_id, article, start, \"end\", "
                   "text) VALUES (?, ?, ?, ?, ?)", (entity_id, article, start, end, text))

    @staticmethod
    def claim_name(db: sqlite3.Connection, label: str, norm: str, entity_id: int,
                   text: str) -> bool:
        """Give the entity a name nobody holds; whether it was new."""
        cursor = db.execute("INSERT OR IGNORE INTO entity_names (label, norm, entity_id, "
                            "origin, text) VALUES (?, ?, ?, ?, ?)",
                            (label, norm, entity_id, entity_id, text))
        return cursor.rowcount > 0

    # --- suggestions put aside -----------------------------------------------------------
    @reads
    def dismissed(self) -> set[tuple[int, int]]:
        return {(int(a), int(b)) for a, b in self._db.execute(
            "SELECT first, second FROM entity_dismissed_pairs")}

    @staticmethod
    def dismiss(db: sqlite3.Connection, first: int, second: int, keep: bool = True) -> None:
        pair = (min(first, second), max(first, second))
        if keep:
            db.execute("INSERT OR IGNORE INTO entity_dismissed_pairs VALUES (?, ?)", pair)
        else:
            db.execute("DELETE FROM entity_dismissed_pairs WHERE first = ? AND second = ?",
                       pair)
