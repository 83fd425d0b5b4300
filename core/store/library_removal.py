"""Taking an article out of the library with everything that hangs off it, and putting it
back exactly (undo): its versions, kept texts, analyses, annotations, their tags and links,
and the entities hidden in it.

Rows are captured with their column names, not a fixed list, so a column that a later
migration adds to any of these tables comes back too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lectern.core.store.failures import reads
from lectern.core.store.library_rows import Writer, unpack_text


@dataclass(frozen=True)
class Rows:
    table: str
    columns: tuple[str, ...]
    values: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class ArticleSnapshot:
    """Everything of one article, as it was when it was removed."""

    article: int
    title: str
    current: int | None
    rows: tuple[Rows, ...]

    def count(self, table: str) -> int:
        return sum(len(r.values) for r in self.rows if r.table == table)


class LibraryRemoval:
    def __init__(self, db: sqlite3.Connection, write: Writer) -> None:
        self._db = db
        self._write = write

    @reads
    def snapshot(self, article_id: int) -> ArticleSnapshot | None:
        db = self._db
        head = db.execute("SELECT title, current FROM articles WHERE id = ?",
                          (article_id,)).fetchone()
        if head is None:
            return None
        versions = [r[0] for r in db.execute("SELECT id FROM documents WHERE article_id = ?",
                                             (article_id,))]
        fingerprints = [r[0] for r in db.execute(
            "SELECT fingerprint FROM documents WHERE article_id = ?", (article_id,))]
        ids = [r[0] for r in _select(db, "SELECT id FROM annotations WHERE document IN",
                                     versions)]
        rows = [
            _rows(db, "articles", "id IN", [article_id]),
            _rows(db, "documents", "id IN", versions),
            _rows(db, "texts", "version IN", versions),
            _rows(db, "analyses", "version IN", versions),
            _rows(db, "annotations", "document IN", versions),
            _rows(db, "annotation_tags", "annotation_id IN", ids),
            _rows(db, "links", "source_id IN", ids),
            _rows(db, "links", "target_id IN", ids),
            _rows(db, "hidden_entities", "fingerprint IN", fingerprints),
        ]
        links = {row for r in rows if r.table == "links" for row in r.values}  # both ends in
        rows = [r for r in rows if r.table != "links"]
        if links:
            columns = [c[0] for c in db.execute("SELECT * FROM links LIMIT 0").description]
            rows.append(Rows("links", tuple(columns), tuple(links)))
        return ArticleSnapshot(article_id, head[0], head[1], tuple(rows))

    def delete(self, snapshot: ArticleSnapshot) -> None:
        """Delete every row of the snapshot (and the current text from the index)."""
        with self._write() as db:
            self._unindex(db, snapshot)
            for rows in snapshot.rows:
                key = rows.columns.index(_KEYS[rows.table])
                keys = [row[key] for row in rows.values]
                for first in range(0, len(keys), 500):
                    chunk = keys[first:first + 500]
                    db.execute(f"DELETE FROM {rows.table} WHERE {_KEYS[rows.table]} IN "
                               f"({','.join('?' * len(chunk))})", chunk)

    def restore(self, snapshot: ArticleSnapshot) -> None:
        with self._write() as db:
            for rows in snapshot.rows:
                marks = ",".join("?" * len(rows.columns))
                names = ", ".join(f'"{c}"' for c in rows.columns)
                db.executemany(f"INSERT OR REPLACE INTO {rows.table} ({names}) VALUES "
                               f"({marks})", rows.values)
            text = self._current_text(db, snapshot)
            if text is not None:
                db.execute("INSERT INTO text_search (rowid, body) VALUES (?, ?)",
                           (snapshot.current, text))

    def _unindex(self, db: sqlite3.Connection, snapshot: ArticleSnapshot) -> None:
        text = self._current_text(db, snapshot)
        if text is not None:
            db.execute("INSERT INTO text_search (text_search, rowid, body) "
                       "VALUES ('delete', ?, ?)", (snapshot.current, text))

    @staticmethod
    def _current_text(db: sqlite3.Connection, snapshot: ArticleSnapshot) -> str | None:
        parts = sorted((row[1], row[2]) for rows in snapshot.rows if rows.table == "texts"
                       for row in rows.values if row[0] == snapshot.current)
        return unpack_text([body for _, body in parts]) if parts else None


_KEYS = {"articles": "id", "documents": "id", "texts": "version", "analyses": "version",
         "annotations": "id", "annotation_tags": "annotation_id", "links": "id",
         "hidden_entities": "fingerprint"}


def _select(db: sqlite3.Connection, head: str, keys: Sequence[Any]) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    for first in range(0, len(keys), 500):
        chunk = list(keys[first:first + 500])
        found.extend(db.execute(f"{head} ({','.join('?' * len(chunk))})", chunk))
    return found


def _rows(db: sqlite3.Connection, table: str, where: str, keys: Sequence[Any]) -> Rows:
    columns = tuple(c[0] for c in db.execute(f"SELECT * FROM {table} LIMIT 0").description)
    values = tuple(_select(db, f"SELECT * FROM {table} WHERE {where}", keys))
    return Rows(table, columns, values)
