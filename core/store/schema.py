"""The store's schema, its migrations, and opening a connection with the right pragmas."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from lectern.core.store.document_keys import DOCUMENT_KEYS_MIGRATION
from lectern.core.store.entity_schema import ENTITY_MIGRATION
from lectern.core.store.facts_schema import FACTS_MIGRATION
from lectern.core.store.library_compact import COMPACT_MIGRATION, KeptText
from lectern.core.store.library_schema import LIBRARY_MIGRATION
from lectern.core.store.quotes_schema import QUOTES_MIGRATION
from lectern.core.store.structure_schema import STRUCTURE_MIGRATION

T = TypeVar("T")

BUSY_TIMEOUT_MS = 5000

# MIGRATIONS[i] takes the schema from version i to i + 1; append, never edit a shipped one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE documents (
        fingerprint TEXT PRIMARY KEY,
        path TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        opened TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE annotations (
        id TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        tags TEXT NOT NULL,
        note TEXT NOT NULL,
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        status TEXT NOT NULL
    );
    CREATE INDEX annotations_by_document ON annotations (fingerprint);
    CREATE INDEX annotations_by_created ON annotations (created);
    CREATE TABLE annotation_tags (
        tag TEXT NOT NULL,
        annotation_id TEXT NOT NULL,
        PRIMARY KEY (tag, annotation_id)
    ) WITHOUT ROWID;
    CREATE INDEX annotation_tags_by_annotation ON annotation_tags (annotation_id);
    CREATE TABLE tags (
        position INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        colour TEXT NOT NULL,
        shortcut TEXT
    );
    CREATE TABLE hidden_entities (
        fingerprint TEXT NOT NULL,
        entity_key TEXT NOT NULL,
        PRIMARY KEY (fingerprint, entity_key)
    ) WITHOUT ROWID;
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: tags name the entity labels they stand for; stores from before get the defaults'.
    """
    ALTER TABLE tags ADD COLUMN labels TEXT NOT NULL DEFAULT '';
    UPDATE tags SET labels = 'PERSON' WHERE name = 'Person' COLLATE NOCASE;
    UPDATE tags SET labels = 'ORG' WHERE name = 'Organisation' COLLATE NOCASE;
    UPDATE tags SET labels = 'GPE LOC' WHERE name = 'Place' COLLATE NOCASE;
    UPDATE tags SET labels = 'DATE' WHERE name = 'Date' COLLATE NOCASE;
    UPDATE tags SET labels = 'MONEY PERCENT QUANTITY CARDINAL' WHERE name = 'Figure'
        COLLATE NOCASE;
    """,
    # 3: the default tags move to colours people with colour-vision deficiencies tell apart;
    # a default tag whose colour was never changed follows, a colour someone chose stays.
    """
    UPDATE tags SET colour = '#0f1c80' WHERE name = 'Person' AND colour = '#4f8fe6';
    UPDATE tags SET colour = '#881be0' WHERE name = 'Organisation' AND colour = '#a074d8';
    UPDATE tags SET colour = '#92e05a' WHERE name = 'Place' AND colour = '#2fa66f';
    UPDATE tags SET colour = '#9e7a3f' WHERE name = 'Date' AND colour = '#d9962b';
    UPDATE tags SET colour = '#5adae0' WHERE name = 'Figure' AND colour = '#1fa3b8';
    UPDATE tags SET colour = '#8c1c1c' WHERE name = 'Claim' AND colour = '#e0584a';
    UPDATE tags SET colour = '#dc5ae0' WHERE name = 'Quote' AND colour = '#c968a8';
    UPDATE tags SET colour = '#667780' WHERE name = 'Question' AND colour = '#7f8ca3';
    UPDATE tags SET colour = '#e0da1b' WHERE name = 'Important' AND colour = '#d6b21f';
    """,
    # 4: an annotation may cover several fragments and carry its note's media type; links
    # join two annotations (brat relations, event arguments). Existing rows keep one span.
    """
    ALTER TABLE annotations ADD COLUMN fragments TEXT NOT NULL DEFAULT '';
    ALTER TABLE annotations ADD COLUMN note_format TEXT NOT NULL DEFAULT '';
    CREATE TABLE links (
        id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL,
        target_id TEXT NOT NULL,
        label TEXT NOT NULL,
        event TEXT NOT NULL,
        note TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE INDEX links_by_source ON links (source_id);
    CREATE INDEX links_by_target ON links (target_id);
    """,
    LIBRARY_MIGRATION,
    STRUCTURE_MIGRATION,
    FACTS_MIGRATION,  # the facts index across the library (library_facts.py)
    ENTITY_MIGRATION,
    QUOTES_MIGRATION,
    COMPACT_MIGRATION,  # smaller library indexes, passage_tags (library_compact.py)
    DOCUMENT_KEYS_MIGRATION,  # annotations name their text by its id (document_keys.py)
]
SCHEMA_VERSION = len(MIGRATIONS)

SETUP_DEADLINE_S = 30.0  # how long opening waits for other Lectern processes doing the same
_CORRUPT, _NOTADB, _BUSY, _LOCKED = 11, 26, 5, 6  # SQLite's primary result codes
_READONLY, _CANTOPEN = 8, 14


class Damaged(Exception):
    """The file is not a database, or SQLite's integrity check finds it corrupt."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Newer(Exception):
    """The file was written by a newer Lectern, with a schema this one cannot read."""

    def __init__(self, version: int) -> None:
        super().__init__(f"schema version {version}")
        self.version = version


def result_code(error: sqlite3.Error) -> int:
    """SQLite's primary result code of ``error`` (SQLITE_BUSY = 5...), or -1 if unknown."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else -1


def is_busy(error: sqlite3.Error) -> bool:
    return result_code(error) in (_BUSY, _LOCKED) or "locked" in str(error)


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the store at ``path``, set up and (unless ``read_only``) migrated.

    Raises Damaged only for a file that is corrupt or not a database; Newer for a store
    from a newer Lectern; any other failure (I/O, full disk, permissions, a lock held past
    the deadline) as the sqlite3.Error it is, so that the caller reports it and the store
    stays where it is. ``read_only`` never writes: an older store is read as it is and an
    empty file reads as an empty store.
    """
    db = _open_read_only(path) if read_only else _open(path)
    try:
        # Other Lecterns may be creating, switching or migrating the same file right now:
        # each step waits its turn (busy_timeout) and is retried while the lock is theirs.
        deadline = time.monotonic() + SETUP_DEADLINE_S
        version = int(_retrying(deadline, lambda: db.execute("PRAGMA user_version")
                                .fetchone()[0]))
        if version > SCHEMA_VERSION:
            raise Newer(version)
        check = _retrying(deadline, lambda: db.execute("PRAGMA quick_check").fetchone()[0])
        if check != "ok":
            raise Damaged(f"SQLite's integrity check reports: {check}")
        _functions(db)
        if read_only:
            if version == 0:  # created but never set up: nothing was ever stored in it
                db.close()
                return empty_store()
            if version < SCHEMA_VERSION:  # read as today's schema; the file is not touched
                return _migrated_copy(db, version)
            return db
        _retrying(deadline, lambda: _use_wal(db))
        # NORMAL, not FULL: in WAL mode every commit still survives a crash or kill of the
        # app, and the file stays consistent after a power cut; only FULL's fsync per commit
        # (0.3 ms typical, 20-130 ms on a busy disk) is skipped, which keeps it off the
        # key-press-to-repaint path. sync_to_disk() bounds what a power cut can take.
        db.execute("PRAGMA synchronous = NORMAL")
        _retrying(deadline, lambda: migrate(db, version))
        if 0 < version < SCHEMA_VERSION:
            _reclaim(db)
    except sqlite3.Error as error:
        db.close()
        if result_code(error) in (_CORRUPT, _NOTADB):
            raise Damaged(str(error)) from None
        raise
    except BaseException:
        db.close()
        raise
    return db


def _reclaim(db: sqlite3.Connection) -> None:
    """Give back the pages a migration freed when they are a quarter of the file or more (a
    rebuilt table leaves its old pages free: 140 MB where 96 MB are in use). Best effort:
    another process reading, or a disk too full for VACUUM's copy, leaves it for later."""
    free = int(db.execute("PRAGMA freelist_count").fetchone()[0])
    if free * 4 >= int(db.execute("PRAGMA page_count").fetchone()[0]):
        with contextlib.suppress(sqlite3.Error):
            db.execute("VACUUM")


def empty_store() -> sqlite3.Connection:
    """A store in memory with the current schema and nothing in it."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    _functions(db)
    migrate(db, 0)
    return db


def _migrated_copy(db: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """An older store that may not be written, copied into memory and migrated there, so
    every reader sees one schema (a rare case: a read-only folder holding an old store)."""
    copy = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db.backup(copy)
    finally:
        db.close()
    _functions(copy)
    migrate(copy, version)
    return copy


def _open(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per change.
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def _open_read_only(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, isolation_level=None,
                             timeout=BUSY_TIMEOUT_MS / 1000)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA schema_version").fetchone()  # reading is what needs the -shm file
    except sqlite3.OperationalError as error:
        # A WAL store's reader needs a -shm file beside it, which a read-only folder cannot
        # get. With no -wal file there no writer can be at work either (it could not make
        # one), so the file alone holds every commit: read it as immutable.
        if result_code(error) not in (_READONLY, _CANTOPEN) or _exists(f"{path}-wal"):
            raise
        db = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
    return db


def _exists(name: str) -> bool:
    try:
        os.stat(name)
    except OSError:
        return False
    return True


def _retrying(deadline: float, step: Callable[[], T]) -> T:
    pause = 0.005
    while True:
        try:
            return step()
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)  # another Lectern holds the lock only for its own setup
        pause = min(pause * 2, 0.1)


class _NotSwitched(sqlite3.OperationalError):
    """journal_mode=WAL answered with the old mode: another connection was in the way."""

    sqlite_errorcode = _BUSY


def _use_wal(db: sqlite3.Connection) -> None:
    if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return  # already switched (by us earlier, or by another Lectern): no lock needed
    if db.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
        raise _NotSwitched("database is locked (switching to WAL)")


def migrate(db: sqlite3.Connection, version: int) -> None:
    for target in range(version + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another instance may have migrated while we waited for the lock.
            if db.execute("PRAGMA user_version").fetchone()[0] >= target:
                db.execute("COMMIT")
                continue
            for statement in _statements(MIGRATIONS[target - 1]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {target}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:  # a failed COMMIT may have rolled back already
                db.execute("ROLLBACK")
            raise


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration, whole: a trigger's body holds semicolons of its own."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""


def _functions(db: sqlite3.Connection) -> None:
    db.create_function("casefold", 1, _casefold, deterministic=True)
    # Used by a migration; typeshed knows only one-argument aggregates.
    db.create_aggregate("kept_text", 2, KeptText)  # type: ignore[arg-type]


def _casefold(value: str | None) -> str:
    return value.casefold() if value else ""
