"""The local store: one SQLite file holding every annotation, the tag scheme and small state.

This package holds all of Lectern's SQL. Every change is one committed transaction
(autosave), so a crash loses at most the change in flight. Two running instances
share the file safely: WAL lets readers run beside the writer, writes are short
``BEGIN IMMEDIATE`` transactions and ``busy_timeout`` makes the other wait its turn.

What two instances share, exactly: each write names the rows it changes, so annotations
of different documents, and different tags of the scheme (added, renamed, recoloured,
deleted row by row), never overwrite each other. The same annotation or the same tag
edited in both is last write wins. Nothing is refreshed live: an instance sees the
other's changes when it next reads them (opening a document, restarting); until then
its in-memory session holds its own view (``data_version`` lets a caller poll).
Every read and write raises LecternError, never a raw ``sqlite3.Error``.
"""

from __future__ import annotations

import itertools
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lectern.core.annotations import Annotation, utc_now
from lectern.core.atomic_write import describe_os_error
from lectern.core.errors import LecternError
from lectern.core.gc_control import paused_gc
from lectern.core.links import Link
from lectern.core.readouts.annotation_filter import AnnotationFilter
from lectern.core.store.failures import as_lectern, reads, search_bound
from lectern.core.store.library_tables import LibraryTables
from lectern.core.store.recovery import move_aside
from lectern.core.store.rows import COLUMNS as _COLUMNS
from lectern.core.store.rows import STATUS as _STATUS
from lectern.core.store.rows import UPSERT as _UPSERT
from lectern.core.store.rows import annotation_of as _annotation
from lectern.core.store.rows import annotation_row as _row
from lectern.core.store.rows import chunks as _chunks
from lectern.core.store.rows import delete_links, fragments_of, links_of_document, put_links
from lectern.core.store.rows import tags_of as _tags
from lectern.core.store.schema import SCHEMA_VERSION, Unusable, connect
from lectern.core.store.tag_rows import label_text, write_scheme_edits
from lectern.core.tag_edits import SchemeEdit
from lectern.core.tags import Tag

log = logging.getLogger(__name__)
__all__ = [
    "SCHEMA_VERSION", "AnnotationStore", "DocumentRecord", "StoredAnnotation", "paused_gc",
]

@dataclass(frozen=True)
class DocumentRecord:
    fingerprint: str
    path: str
    title: str
    opened: str


@dataclass(frozen=True)
class StoredAnnotation:
    """A search hit: an annotation with the document it belongs to."""

    annotation: Annotation
    fingerprint: str
    title: str
    path: str


class AnnotationStore:
    """The SQLite store. Open with ``AnnotationStore.open(path)``; close when done.

    ``recovery_message`` is set (and stays set) when the file found at ``path`` was
    corrupt or from a newer Lectern and was moved aside for a fresh one.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path,
                 recovery_message: str | None = None) -> None:
        self._db = connection
        self.path = path
        self.recovery_message = recovery_message
        self._batch_depth = 0
        # Articles, versions, full-text search (library_tables.py): same connection, same
        # transactions, so an article and its annotations' move commit together.
        self.library = LibraryTables(connection, self._write)

    # --- opening -----------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> AnnotationStore:
        """Open or create the store at ``path``; move a corrupt or newer file aside first."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LecternError(f"The folder {path.parent} for the annotation store cannot be "
                               f"made: {describe_os_error(error)}.") from None
        try:
            return cls(connect(path), path)
        except Unusable as problem:
            aside = move_aside(path, problem.tag)
            message = (f"The annotation store {path} {problem.reason}. It was moved to "
                       f"{aside.name} untouched and a fresh, empty store was started.")
            log.warning(message)
            try:
                return cls(connect(path), path, recovery_message=message)
            except (Unusable, sqlite3.Error) as error:
                raise LecternError(f"A fresh annotation store cannot be made at {path}: "
                                   f"{error}") from None
        except sqlite3.Error as error:
            raise LecternError(f"The annotation store {path} cannot be opened: {error}.") from None

    def close(self) -> None:
        self.sync_to_disk()
        self._db.close()

    def sync_to_disk(self) -> None:
        """Checkpoint the WAL into the database with fsyncs, so a power cut loses nothing
        committed so far (the GUI calls this when the user pauses)."""
        # Busy or closed: the next checkpoint catches up; nothing is lost by waiting.
        with suppress(sqlite3.Error):
            self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- transactions ------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction, or part of the enclosing ``batch()``."""
        if self._batch_depth:
            if not self._db.in_transaction:  # SQLite rolled the batch back on an I/O error
                raise LecternError("The annotation store stopped the change midway; nothing "
                                   "was saved.")
            try:
                yield self._db
            except sqlite3.Error as error:
                raise as_lectern(error) from None  # the batch rolls back as this passes it
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")  # take the write lock now: no upgrade deadlock
        except sqlite3.Error as error:
            raise as_lectern(error) from None
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as error:
            with suppress(sqlite3.Error):  # a failed COMMIT may have rolled back already
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise as_lectern(error) from None
            raise

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several writes into one transaction (one undoable step of many)."""
        with self._write():
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1

    # --- documents ---------------------------------------------------------------
    def remember_document(self, fingerprint: str, path: str = "",
                          title: str = "") -> DocumentRecord | None:
        """Record that a document was opened now; return what was known of it before."""
        before = self.document(fingerprint)
        with self._write() as db:
            db.execute("""INSERT INTO documents (fingerprint, path, title, opened)
                VALUES (?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET
                path = excluded.path, title = excluded.title, opened = excluded.opened""",
                       (fingerprint, path, title, utc_now()))
        return before

    @reads
    def document(self, fingerprint: str) -> DocumentRecord | None:
        row = self._db.execute("SELECT fingerprint, path, title, opened FROM documents "
                               "WHERE fingerprint = ?", (fingerprint,)).fetchone()
        return DocumentRecord(*row) if row else None

    @reads
    def documents(self) -> list[DocumentRecord]:
        """Every known document, the most recently opened first."""
        rows = self._db.execute("SELECT fingerprint, path, title, opened FROM documents "
                                "ORDER BY opened DESC")
        return [DocumentRecord(*row) for row in rows]

    @reads
    def documents_at(self, path: str) -> list[DocumentRecord]:
        """Every text ever opened from ``path``, the most recently opened first."""
        rows = self._db.execute("SELECT fingerprint, path, title, opened FROM documents "
                                "WHERE path = ? ORDER BY opened DESC", (path,))
        return [DocumentRecord(*row) for row in rows]

    # --- annotations -------------------------------------------------------------
    @reads
    def annotations(self, fingerprint: str) -> list[Annotation]:
        """Every stored annotation of one document (unordered: SQLite's ORDER BY would sort
        whole rows, slower than AnnotationSet sorting its keys)."""
        restore, status_of = Annotation.restore, _STATUS.__getitem__
        with paused_gc():
            rows = self._db.execute(
                'SELECT start, "end", exact, prefix, suffix, tags, note, id, created, modified, '
                'status, fragments, note_format FROM annotations WHERE fingerprint = ?',
                (fingerprint,))
            return [restore(start, end, exact, prefix, suffix, _tags(tags), note, id_, created,
                            modified, status_of(status),
                            fragments_of(fragments) if fragments else (), note_format)
                    for start, end, exact, prefix, suffix, tags, note, id_, created, modified,
                    status, fragments, note_format in rows]

    @reads
    def count(self, fingerprint: str | None = None) -> int:
        if fingerprint is None:
            return int(self._db.execute("SELECT count(*) FROM annotations").fetchone()[0])
        return int(self._db.execute("SELECT count(*) FROM annotations WHERE fingerprint = ?",
                                    (fingerprint,)).fetchone()[0])

    @reads
    def locate(self, ids: Iterable[str]) -> dict[str, str]:
        """The fingerprint of each of ``ids`` that is stored (under any document)."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(
                f"SELECT id, fingerprint FROM annotations WHERE id IN ({marks})", chunk))
        return found

    def apply(self, puts: Sequence[tuple[str, Annotation]] = (), deletes: Sequence[str] = (),
              scheme: Sequence[SchemeEdit] = (), link_puts: Sequence[Link] = (),
              link_deletes: Sequence[str] = ()) -> None:
        """Write ``(fingerprint, annotation)`` pairs, delete ids, apply tag-scheme edits row
        by row, and write and delete links (by id), all in one committed transaction."""
        with self._write() as db:
            delete_links(db, link_deletes)
            put_links(db, link_puts)
            for fingerprint in {fp for fp, _ in puts}:
                db.execute("INSERT OR IGNORE INTO documents (fingerprint) VALUES (?)",
                           (fingerprint,))
            for chunk in _chunks(list(deletes), 500):
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM annotations WHERE id IN ({marks})", chunk)
                db.execute(f"DELETE FROM annotation_tags WHERE annotation_id IN ({marks})", chunk)
            if puts:
                db.executemany(_UPSERT, (_row(fp, a) for fp, a in puts))
                db.executemany("DELETE FROM annotation_tags WHERE annotation_id = ?",
                               ((a.id,) for _, a in puts))
                db.executemany("INSERT OR IGNORE INTO annotation_tags VALUES (?, ?)",
                               ((tag, a.id) for _, a in puts for tag in a.tags))
            write_scheme_edits(db, scheme)

    @reads
    def links(self, fingerprint: str) -> list[Link]:
        """The links that start or end at an annotation of the document, oldest first."""
        return links_of_document(self._db, fingerprint)

    @reads
    def tagged(self, tag: str) -> list[tuple[str, Annotation]]:
        """``(fingerprint, annotation)`` for every stored annotation carrying ``tag``."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM annotations WHERE id IN "
            "(SELECT annotation_id FROM annotation_tags WHERE tag = ?)", (tag,))
        return [(row[1], _annotation(row)) for row in rows]

    @reads
    def find(self, ids: Iterable[str]) -> list[tuple[str, Annotation]]:
        """``(fingerprint, annotation)`` for each of ``ids`` that is stored."""
        found: list[tuple[str, Annotation]] = []
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            found.extend((row[1], _annotation(row)) for row in self._db.execute(
                f"SELECT {_COLUMNS} FROM annotations WHERE id IN ({marks})", chunk))
        return found

    # --- search ------------------------------------------------------------------
    @reads
    def search(self, tag: str | None = None, text: str | None = None,
               created_from: str | None = None, created_to: str | None = None,
               fingerprint: str | None = None, limit: int | None = None
               ) -> list[StoredAnnotation]:
        """Annotations across documents, oldest first, kept by the AnnotationFilter the
        Annotations panel uses (``text``: every word in the quote, tags or note, ignoring
        case); ``created_from``/``created_to``: ISO 8601 UTC bounds, inclusive (a bare date
        ``2026-01-31`` covers that whole day)."""
        wanted = AnnotationFilter.of(tag, text)
        where: list[str] = []
        params: list[Any] = []
        if tag is not None:
            where.append("a.id IN (SELECT annotation_id FROM annotation_tags WHERE "
                         "casefold(tag) = ?)")
            params.append(wanted.tag)
        if created_from:
            where.append("a.created >= ?")
            params.append(search_bound(created_from, "created_from"))
        if created_to:
            where.append("a.created <= ?")
            params.append(search_bound(created_to, "created_to") + ("T99" if "T" not in created_to
                                                              else ""))
        if fingerprint is not None:
            where.append("a.fingerprint = ?")
            params.append(fingerprint)
        sql = (f"SELECT {', '.join('a.' + c for c in _COLUMNS.split(', '))}, "
               "coalesce(d.title, ''), coalesce(d.path, '') FROM annotations a "
               "LEFT JOIN documents d ON d.fingerprint = a.fingerprint"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY a.created, a.id")
        found = (StoredAnnotation(_annotation(row), row[1], row[14], row[15])
                 for row in self._db.execute(sql, params))
        kept = (hit for hit in found if wanted.matches(hit.annotation))
        return list(itertools.islice(kept, limit))

    # --- tag scheme, hidden entities, settings -----------------------------------
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

    # --- health ------------------------------------------------------------------
    @reads
    def integrity_ok(self) -> bool:
        return bool(self._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    @reads
    def data_version(self) -> int:
        """Changes when another connection (another Lectern) commits; poll to refresh."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])
