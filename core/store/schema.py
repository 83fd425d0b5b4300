"""The store's schema, its migrations, and opening a connection with the right pragmas."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from lectern.core.store.library_schema import LIBRARY_MIGRATION

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
]
SCHEMA_VERSION = len(MIGRATIONS)

class Unusable(Exception):
    def __init__(self, reason: str, tag: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.tag = tag


def connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per change.
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise Unusable(f"was written by a newer Lectern (schema version {version}; this "
                            f"version reads up to {SCHEMA_VERSION})", f"newer-v{version}")
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise Unusable("is damaged", "corrupt")
        db.execute("PRAGMA journal_mode = WAL")
        # NORMAL, not FULL: in WAL mode every commit still survives a crash or kill of the
        # app, and the file stays consistent after a power cut; only FULL's fsync per commit
        # (0.3 ms typical, 20-130 ms on a busy disk) is skipped, which keeps it off the
        # key-press-to-repaint path. sync_to_disk() bounds what a power cut can take.
        db.execute("PRAGMA synchronous = NORMAL")
        db.create_function("casefold", 1, _casefold, deterministic=True)
        migrate(db, version)
    except sqlite3.DatabaseError as error:
        db.close()
        if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
            raise
        raise Unusable(f"is damaged ({error})", "corrupt") from None
    except BaseException:
        db.close()
        raise
    return db


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


def _casefold(value: str | None) -> str:
    return value.casefold() if value else ""


