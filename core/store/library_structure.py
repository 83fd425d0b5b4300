"""The layout of each kept text (headings, quotes, lists, tables: core/structure.py), so an
article opened from the library when its file is gone still reads as it was written.

Kept beside the text, keyed by its version and checked against its fingerprint, so a row
left behind by a removed version never shapes another text that takes its number."""

from __future__ import annotations

import json
import sqlite3
import zlib

from lectern.core.store.failures import reads
from lectern.core.store.library_rows import Writer
from lectern.core.structure import Structure, structure_from_json, structure_to_json


class StructureTables:
    def __init__(self, db: sqlite3.Connection, write: Writer) -> None:
        self._db = db
        self._write = write

    def put(self, version_id: int, fingerprint: str, structure: Structure) -> None:
        body = zlib.compress(json.dumps(structure_to_json(structure)).encode("utf-8"))
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO structures (version, fingerprint, body) "
                       "VALUES (?, ?, ?)", (version_id, fingerprint, body))

    @reads
    def get(self, version_id: int, fingerprint: str, length: int) -> Structure | None:
        """The layout kept for this very text, if any (None: plain text, or unreadable)."""
        row = self._db.execute("SELECT body FROM structures WHERE version = ? AND "
                               "fingerprint = ?", (version_id, fingerprint)).fetchone()
        if row is None:
            return None
        try:
            value = json.loads(zlib.decompress(row[0]).decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, ValueError, TypeError):
            return None  # a layout that cannot be read leaves the words as plain text
        return structure_from_json(value, length)
