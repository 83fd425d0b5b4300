"""The store's small state beside the annotations: the tag scheme, the entities hidden in
each article, and settings. A part of ``AnnotationStore`` (its connection, its writes)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from lectern.core.store.failures import reads
from lectern.core.store.tag_rows import label_text
from lectern.core.tags import Tag


class SmallState:
    _db: sqlite3.Connection

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # AnnotationStore's one transaction, or part of a batch

    @reads
    def tag_scheme(self) -> list[Tag] | None:
        """The stored scheme, or None when none was ever saved."""
        rows = self._db.execute("SELECT name, colour, shortcut, labels FROM tags "
                                "ORDER BY position")
        tags = [Tag(name, colour, shortcut, tuple(labels.split()))
                for name, colour, shortcut, labels in rows]
        return tags or None

    def save_tag_scheme(self, tags: Sequence[Tag]) -> None:
        """Replace the whole stored scheme with ``tags`` (first use, loading a scheme file)."""
        with self._write() as db:
            db.execute("DELETE FROM tags")
            db.executemany("INSERT INTO tags (position, name, colour, shortcut, labels) "
                           "VALUES (?, ?, ?, ?, ?)",
                           ((i, t.name, t.colour, t.shortcut, label_text(t))
                            for i, t in enumerate(tags)))

    @reads
    def tag_use_count(self, tag: str) -> int:
        return int(self._db.execute("SELECT count(*) FROM annotation_tags WHERE tag = ?",
                                    (tag,)).fetchone()[0])

    def hide_entity(self, fingerprint: str, entity_key: str) -> None:
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO hidden_entities VALUES (?, ?)",
                       (fingerprint, entity_key))

    def unhide_entity(self, fingerprint: str, entity_key: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM hidden_entities WHERE fingerprint = ? AND entity_key = ?",
                       (fingerprint, entity_key))

    @reads
    def hidden_entities(self, fingerprint: str) -> set[str]:
        rows = self._db.execute("SELECT entity_key FROM hidden_entities WHERE fingerprint = ?",
                                (fingerprint,))
        return {row[0] for row in rows}

    @reads
    def setting(self, key: str, default: Any = None) -> Any:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, json.dumps(value)))
