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

Opening tells damage from trouble (``opening``): only a file that is not a database or
fails SQLite's integrity check is damaged, and only an open for writing moves it aside
(``moved_aside``; ``recover_from`` brings back what it still holds). A full disk, an I/O
error, a read-only folder, a lock or a newer Lectern's store is a LecternError that
leaves the file as it is. ``read_only`` opens (search, export) never write to it.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lectern.core.annotations import Annotation, utc_now
from lectern.core.errors import LecternError
from lectern.core.gc_control import paused_gc
from lectern.core.links import Link
from lectern.core.readouts.annotation_filter import AnnotationFilter
from lectern.core.store.entity_tables import EntityTables
from lectern.core.store.failures import as_lectern, reads, search_bound, storable, unencodable
from lectern.core.store.library_facts import FactTables
from lectern.core.store.library_structure import StructureTables
from lectern.core.store.library_tables import LibraryTables
from lectern.core.store.opening import open_connection
from lectern.core.store.report_tables import ReportTables
from lectern.core.store.rows import (
    DOCUMENT_OF,
    FROM_ANNOTATIONS,
    SELECTED,
    STATUS,
    UPSERT,
    annotation_of,
    annotation_row,
    chunks,
    delete_links,
    fragments_of,
    links_of_document,
    put_links,
    tags_of,
)
from lectern.core.store.salvage import SalvageReport, merge_salvaged, read_damaged
from lectern.core.store.schema import SCHEMA_VERSION
from lectern.core.store.small_state import SmallState
from lectern.core.store.tag_rows import write_scheme_edits
from lectern.core.tag_edits import SchemeEdit

__all__ = [
    "SCHEMA_VERSION", "AnnotationStore", "DocumentRecord", "SalvageReport", "StoredAnnotation",
    "paused_gc",
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


class AnnotationStore(SmallState):
    """The SQLite store. Open with ``AnnotationStore.open(path)``; close when done.

    ``moved_aside`` names the file found damaged at ``path`` and moved aside for a fresh
    one (``recovery_message`` says so in words); ``recover_from(store.moved_aside)`` brings
    back what it still holds. A store opened ``read_only`` never writes to its file.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path,
                 recovery_message: str | None = None, moved_aside: Path | None = None,
                 read_only: bool = False) -> None:
        self._db = connection
        self.path = path
        self.recovery_message = recovery_message
        self.moved_aside = moved_aside
        self.read_only = read_only
        self._batch_depth = 0
        # Articles, versions, full-text search (library_tables.py): same connection, same
        # transactions, so an article and its annotations' move commit together.
        self.library = LibraryTables(connection, self._write)
        self.facts = FactTables(connection, self._write)  # the facts index (library_facts.py)
        self.structures = StructureTables(connection, self._write)  # each kept text's layout
        self.entities = EntityTables(connection, self._write)  # the library's entity index
        # The quotes index and the reports' readings (report_tables.py): same transactions.
        self.reports = ReportTables(connection, self._write)

    # --- opening -----------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> AnnotationStore:
        """Open or create the store at ``path``. Only a corrupt file is moved aside, and
        only when opening to write; anything else (I/O, a full disk, permissions, a lock,
        a newer Lectern) is a LecternError that leaves the file as it is. ``read_only``
        reads an existing store without writing anything and reports damage instead."""
        path = Path(path)
        opened = open_connection(path, read_only)
        store = cls(opened.connection, path, opened.message, opened.moved_aside, read_only)
        if store.moved_aside is not None:  # bring back at once what the damaged copy holds
            store.recovery_message = store._recover_moved_aside()
        return store

    def _recover_moved_aside(self) -> str:
        assert self.moved_aside is not None
        try:
            report = self.recover_from(self.moved_aside)
        except LecternError as error:
            return (f"{self.recovery_message} Nothing could be brought back from it yet "
                    f"({error}); try again with: lectern recover “{self.moved_aside}”.")
        return (f"{self.recovery_message} What it still held was brought back at once: "
                f"{report.summary()}")

    def recover_from(self, damaged: str | Path) -> SalvageReport:
        """Merge into this store whatever annotations, documents, tags, hidden entities and
        settings the damaged store file ``damaged`` still yields, row by row; rows this
        store already holds are kept as they are here. The damaged file is not changed."""
        salvaged = read_damaged(Path(damaged))
        with self.batch():  # one transaction, the library's writes joining it
            return merge_salvaged(self._db, salvaged, self.library)

    def close(self) -> None:
        if not self.read_only:
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
            if isinstance(error, UnicodeEncodeError):
                raise LecternError("The annotation store could not save text that is not "
                                   "valid Unicode (a lone surrogate); nothing was "
                                   "changed.") from None
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
                       (fingerprint, storable(path), storable(title), utc_now()))
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
                                "WHERE path = ? ORDER BY opened DESC", (storable(path),))
        return [DocumentRecord(*row) for row in rows]

    # --- annotations -------------------------------------------------------------
    @reads
    def annotations(self, fingerprint: str) -> list[Annotation]:
        """Every stored annotation of one document (unordered: SQLite's ORDER BY would sort
        whole rows, slower than AnnotationSet sorting its keys)."""
        restore, status_of = Annotation.restore, STATUS.__getitem__
        with paused_gc():
            rows = self._db.execute(
                'SELECT start, "end", exact, prefix, suffix, tags, note, id, created, modified, '
                f'status, fragments, note_format FROM annotations WHERE document = {DOCUMENT_OF}',
                (fingerprint,))
            return [restore(start, end, exact, prefix, suffix, tags_of(tags), note, id_, created,
                            modified, status_of(status),
                            fragments_of(fragments) if fragments else (), note_format)
                    for start, end, exact, prefix, suffix, tags, note, id_, created, modified,
                    status, fragments, note_format in rows]

    @reads
    def contents(self, fingerprint: str) -> set[tuple[object, ...]]:
        """``(start, end, exact, tags, note, fragments)`` of each annotation stored for a
        document: what an import compares to tell what is already there (the shape of
        ``editing.commands.content_key``; lighter than ``annotations``)."""
        rows = self._db.execute('SELECT start, "end", exact, tags, note, fragments FROM '
                                f"annotations WHERE document = {DOCUMENT_OF}", (fingerprint,))
        return {(start, end, exact, tags_of(tags), note, fragments_of(fragments))
                for start, end, exact, tags, note, fragments in rows}

    @reads
    def count(self, fingerprint: str | None = None) -> int:
        if fingerprint is None:
            return int(self._db.execute("SELECT count(*) FROM annotations").fetchone()[0])
        return int(self._db.execute(
            f"SELECT count(*) FROM annotations WHERE document = {DOCUMENT_OF}",
            (fingerprint,)).fetchone()[0])

    @reads
    def locate(self, ids: Iterable[str]) -> dict[str, str]:
        """The fingerprint of each of ``ids`` that is stored (under any document)."""
        found: dict[str, str] = {}
        for chunk in chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(
                f"SELECT x.id, d.fingerprint FROM {FROM_ANNOTATIONS} WHERE x.id IN ({marks})",
                chunk))
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
            for chunk in chunks(list(deletes), 500):
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM annotations WHERE id IN ({marks})", chunk)
                db.execute(f"DELETE FROM annotation_tags WHERE annotation_id IN ({marks})", chunk)
            if puts:
                try:
                    db.executemany(UPSERT, (annotation_row(fp, a) for fp, a in puts))
                except UnicodeEncodeError:  # rare: find which field, off the fast path
                    found = (e for fp, a in puts if (e := unencodable(fp, a)) is not None)
                    raise next(found, LecternError("An annotation holds text that is not "
                                                   "valid Unicode; nothing was saved.")) from None
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
            f"SELECT {SELECTED} FROM {FROM_ANNOTATIONS} WHERE x.id IN "
            "(SELECT annotation_id FROM annotation_tags WHERE tag = ?)", (tag,))
        return [(row[1], annotation_of(row)) for row in rows]

    @reads
    def find(self, ids: Iterable[str]) -> list[tuple[str, Annotation]]:
        """``(fingerprint, annotation)`` for each of ``ids`` that is stored."""
        found: list[tuple[str, Annotation]] = []
        for chunk in chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            found.extend((row[1], annotation_of(row)) for row in self._db.execute(
                f"SELECT {SELECTED} FROM {FROM_ANNOTATIONS} WHERE x.id IN ({marks})", chunk))
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
            where.append("x.id IN (SELECT annotation_id FROM annotation_tags WHERE "
                         "casefold(tag) = ?)")
            params.append(wanted.tag)
        if created_from:
            where.append("x.created >= ?")
            params.append(search_bound(created_from, "created_from"))
        if created_to:
            where.append("x.created <= ?")
            params.append(search_bound(created_to, "created_to") + ("T99" if "T" not in created_to
                                                              else ""))
        if fingerprint is not None:
            where.append("d.fingerprint = ?")
            params.append(fingerprint)
        sql = (f"SELECT {SELECTED}, d.title, d.path FROM {FROM_ANNOTATIONS}"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY x.created, x.id")
        found = (StoredAnnotation(annotation_of(row), row[1], row[14], row[15])
                 for row in self._db.execute(sql, params))
        kept = (hit for hit in found if wanted.matches(hit.annotation))
        return list(itertools.islice(kept, limit))

    # --- health ------------------------------------------------------------------
    @reads
    def integrity_ok(self) -> bool:
        return bool(self._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    @reads
    def data_version(self) -> int:
        """Changes when another connection (another Lectern) commits; poll to refresh."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])
