"""Recovering what a damaged store file still holds: every row that can be read, past the
pages that cannot, merged into a fresh store without overwriting what it holds already.

The damaged file is copied (with its WAL) to a temporary folder and read there, so it is
never changed: SQLite may write a -shm file or replay a WAL beside what it opens. Each
table is scanned in rowid order; where a read fails, the first readable row past the bad
pages is found by probing (doubling, then halving), and the scan goes on from there. Rows
that read but make no sense (wrong types, a status that does not exist) are counted and
left out, like the rows on the bad pages.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lectern.core.annotations import Annotation
from lectern.core.atomic_write import describe_os_error
from lectern.core.errors import LecternError
from lectern.core.readouts.wording import count
from lectern.core.store.entity_salvage import (
    ENTITY_CHECKS,
    ENTITY_WANTED,
    WITHOUT_ROWID,
    keep_curation,
)
from lectern.core.store.library_salvage import keep_library
from lectern.core.store.recovery import SIDE_FILES
from lectern.core.store.rows import COLUMNS, INSERT_NEW, STATUS, annotation_row, fragments_of

if TYPE_CHECKING:
    from lectern.core.store.library_tables import LibraryTables

Row = tuple[Any, ...]
_MAX_ROWID = 2**63 - 1
_MIN_ROWID = -(2**63)
# The columns taken from each table, when that file's version of the table has them.
WANTED = {
    "documents": ("fingerprint", "path", "title", "opened"),
    # ``document``: the text's id, where the file keys annotations so (document_keys.py).
    "annotations": (*(c.strip().strip('"') for c in COLUMNS.split(",")), "document"),
    "tags": ("position", "name", "colour", "shortcut", "labels"),
    "hidden_entities": ("fingerprint", "entity_key"),
    "settings": ("key", "value"),
}
_WITHOUT_ROWID = {"hidden_entities", *WITHOUT_ROWID}
# The library's tables, read under their own names (its ``documents`` are its versions).
LIBRARY_WANTED = {
    "library_articles": ("articles", ("id", "title", "outlet", "byline", "published", "path",
                                      "current", "added", "opened")),
    "library_versions": ("documents", ("id", "fingerprint", "article_id", "length", "words",
                                       "format", "encoding", "title", "path")),
    "library_texts": ("texts", ("version", "part", "body")),
}
_KEYED_BY = {"library_texts": "version"}  # WITHOUT ROWID, but probed by its first key


@dataclass
class Salvaged:
    """The rows read from a damaged store, table by table, and how many places failed."""

    source: Path
    rows: dict[str, list[Row]] = field(default_factory=dict)
    unreadable: int = 0  # damaged places skipped, and rows that made no sense


@dataclass(frozen=True)
class SalvageReport:
    """What a recovery added to the store, and what it could not read."""

    source: Path
    annotations: int = 0
    already: int = 0  # recovered annotations the store held already (kept as they are)
    documents: int = 0
    tags: int = 0
    hidden: int = 0
    settings: int = 0
    unreadable: int = 0
    texts: int = 0  # library texts (versions) brought back, their articles with them
    entities: int = 0  # curated entities brought back (entity_salvage.py)

    def summary(self) -> str:
        text = (f"Recovered {count(self.annotations, 'annotation')} from {self.source.name}"
                f" ({self.already:,} already there), {count(self.documents, 'article')}, "
                f"{count(self.texts, 'kept text')}, "
                f"{count(self.tags, 'tag')} and {count(self.hidden, 'hidden entity')}.")
        if self.entities:
            text += (f" The curation of {count(self.entities, 'entity')} came back too (its "
                     "undo history starts afresh).")
        if self.unreadable:
            text += (f" {count(self.unreadable, 'damaged place')} could not be read; what "
                     "was there is lost.")
        return text


# --- reading ------------------------------------------------------------------------------
def read_damaged(path: Path) -> Salvaged:
    """Every readable, sensible row of the store file ``path`` (left unchanged)."""
    salvaged = Salvaged(path)
    with tempfile.TemporaryDirectory(prefix="lectern-salvage-") as folder:
        copy = Path(folder) / "damaged.sqlite3"
        try:
            shutil.copyfile(path, copy)
            for side in SIDE_FILES[:1]:  # the WAL holds commits; -shm is rebuilt from it
                if Path(f"{path}{side}").is_file():
                    shutil.copyfile(f"{path}{side}", f"{copy}{side}")
        except OSError as error:
            raise LecternError(f"The damaged store {path} cannot be read: "
                               f"{describe_os_error(error)}.") from None
        try:
            db = sqlite3.connect(copy, isolation_level=None)
        except sqlite3.Error:
            salvaged.unreadable += 1
            return salvaged
        try:
            tables = _tables(db)
            if tables is None:  # the schema itself is unreadable: nothing can be found
                salvaged.unreadable += 1
                return salvaged
            for table, wanted in WANTED.items():
                if table in tables:
                    _read_table(db, table, wanted, salvaged)
            if "articles" in tables:  # a store from before the library has none of them
                for key, (table, wanted) in {**LIBRARY_WANTED, **ENTITY_WANTED}.items():
                    if table in tables:
                        _read_table(db, table, wanted, salvaged, key=key)
            _name_texts(salvaged)
        finally:
            db.close()
    return salvaged


def _name_texts(salvaged: Salvaged) -> None:
    """Give each annotation keyed by its text's id that text's fingerprint, from the
    versions read; one whose version was on a damaged page is lost with it."""
    rows = salvaged.rows.get("annotations", [])
    if not any(not row[1] for row in rows):
        return
    fingerprints = {row[0]: row[1] for row in salvaged.rows.get("library_versions", [])}
    named = [row if row[1] else (row[0], fingerprints.get(row[14], ""), *row[2:])
             for row in rows]
    salvaged.rows["annotations"] = [row for row in named if row[1]]
    salvaged.unreadable += len(named) - len(salvaged.rows["annotations"])


def _tables(db: sqlite3.Connection) -> set[str] | None:
    try:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master "
                                             "WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        return None


def _read_table(db: sqlite3.Connection, table: str, wanted: Sequence[str],
                salvaged: Salvaged, key: str | None = None) -> None:
    key = key or table
    try:
        present = {row[1] for row in db.execute(f'PRAGMA table_info("{table}")')}
    except sqlite3.DatabaseError:
        salvaged.unreadable += 1
        return
    # A column this file's version lacks reads as "", as the migration that adds it would.
    columns = ", ".join(f'"{c}"' if c in present else "''" for c in wanted)
    if table in _WITHOUT_ROWID:
        rows, bad = _scan_whole(db, f'SELECT {columns} FROM "{table}"')
    else:
        order = _KEYED_BY.get(key, "rowid")
        rows, bad = _scan_by_rowid(db, f'SELECT {order}, {columns} FROM "{table}"', order)
    check = _CHECKS[key]
    kept = [row for row in rows if check(row)]
    salvaged.rows[key] = kept
    salvaged.unreadable += bad + len(rows) - len(kept)


def _scan_whole(db: sqlite3.Connection, select: str) -> tuple[list[Row], int]:
    """Rows up to the first failure (a table keyed by text cannot be probed past one)."""
    rows: list[Row] = []
    try:
        rows.extend(db.execute(select))
    except sqlite3.DatabaseError:
        return rows, 1
    return rows, 0


def _scan_by_rowid(db: sqlite3.Connection, select: str, order: str = "rowid"
                   ) -> tuple[list[Row], int]:
    """Every row that can be read, in rowid (or ``order``) order, skipping the damaged
    places; with another key, a failure inside one key's rows skips the rest of them."""
    rows: list[Row] = []
    bad = 0
    after = _MIN_ROWID
    scan = f"{select} WHERE {order} > ? ORDER BY {order}"
    while True:
        try:
            for row in db.execute(scan, (after,)):
                after = row[0]
                rows.append(tuple(row[1:]))
            return rows, bad
        except sqlite3.DatabaseError:  # a bad page, or text that is not UTF-8
            bad += 1
            resume = _past_damage(db, scan, after)
            if resume is None:
                return rows, bad
            after = resume


def _past_damage(db: sqlite3.Connection, scan: str, failing: int) -> int | None:
    """The smallest ``x`` past ``failing`` from which the first row of ``rowid > x`` reads,
    or None when no row past the damage does."""
    probe = f"{scan} LIMIT 1"

    def reads_from(after: int) -> bool:
        try:
            db.execute(probe, (after,)).fetchall()
        except sqlite3.DatabaseError:
            return False
        return True

    step, low = 1, failing
    while True:  # doubling: how far the damage reaches
        high = min(low + step, _MAX_ROWID)
        if reads_from(high):
            break
        if high == _MAX_ROWID:
            return None
        low, step = high, step * 2
    while high - low > 1:  # halving: where exactly it ends
        middle = (low + high) // 2
        if reads_from(middle):
            high = middle
        else:
            low = middle
    return high


# --- checking what was read ---------------------------------------------------------------
def _texts(row: Row, indices: Sequence[int]) -> bool:
    return all(isinstance(row[i], str) for i in indices)


def _annotation_ok(row: Row) -> bool:
    named = bool(row[1]) or isinstance(row[14], int)  # by fingerprint, or by the text's id
    if not (_texts(row, (0, 1, 4, 5, 6, 7, 8, 9, 10, 11)) and row[0] and named
            and isinstance(row[2], int) and isinstance(row[3], int)
            and row[11] in STATUS):
        return False
    try:
        tags = json.loads(row[7])
        fragments_of(row[12] if isinstance(row[12], str) else "")
    except (ValueError, TypeError):
        return False
    return isinstance(tags, list) and all(isinstance(tag, str) and tag for tag in tags)


def _json_ok(text: object) -> bool:
    if not isinstance(text, str):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


_CHECKS: dict[str, Callable[[Row], bool]] = {
    **ENTITY_CHECKS,
    "documents": lambda row: _texts(row, (0, 1, 2, 3)) and bool(row[0]),
    "annotations": _annotation_ok,
    "tags": lambda row: isinstance(row[0], int) and _texts(row, (1, 2, 4)) and bool(row[1])
    and (row[3] is None or isinstance(row[3], str)),
    "hidden_entities": lambda row: _texts(row, (0, 1)),
    "settings": lambda row: isinstance(row[0], str) and _json_ok(row[1]),
    "library_articles": lambda row: isinstance(row[0], int) and _texts(row, (1, 2, 3, 4, 5, 7, 8))
    and (row[6] is None or isinstance(row[6], int)),
    "library_versions": lambda row: isinstance(row[0], int) and _texts(row, (1, 5, 6, 7, 8))
    and bool(row[1]) and all(v is None or isinstance(v, int) for v in row[2:5]),
    "library_texts": lambda row: isinstance(row[0], int) and isinstance(row[1], int)
    and isinstance(row[2], bytes),
}


# --- merging ------------------------------------------------------------------------------
def merge_salvaged(db: sqlite3.Connection, salvaged: Salvaged,
                   library: LibraryTables | None = None) -> SalvageReport:
    """Add the salvaged rows to the store behind ``db``, inside the caller's transaction.
    What the store holds already wins: an annotation id it has, a document it knows (unless
    known only by its fingerprint), a tag of the same name, a setting it has, a text it
    keeps. ``library``: the store's, to bring back the articles' kept texts too."""
    rows = salvaged.rows
    annotations = [_annotation(row) for row in rows.get("annotations", [])]
    held = _held_ids(db, [a.id for _, a in annotations])
    new = [(fp, a) for fp, a in annotations if a.id not in held]
    documents = _inserted(db, """INSERT INTO documents (fingerprint, path, title, opened)
        VALUES (?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET path = excluded.path,
        title = excluded.title, opened = excluded.opened
        WHERE documents.path = '' AND documents.title = ''""", rows.get("documents", []))
    db.executemany("INSERT OR IGNORE INTO documents (fingerprint) VALUES (?)",
                   {(fp,) for fp, _ in new})
    db.executemany(INSERT_NEW, (annotation_row(fp, a) for fp, a in new))
    db.executemany("INSERT OR IGNORE INTO annotation_tags VALUES (?, ?)",
                   ((tag, a.id) for _, a in new for tag in a.tags))
    tags = _merge_tags(db, rows.get("tags", []))
    hidden = _inserted(db, "INSERT OR IGNORE INTO hidden_entities VALUES (?, ?)",
                       rows.get("hidden_entities", []))
    settings = _inserted(db, "INSERT OR IGNORE INTO settings VALUES (?, ?)",
                         rows.get("settings", []))
    article_ids: dict[int, int] = {}
    texts = keep_library(library, db, rows, article_ids) if library is not None else 0
    entities = keep_curation(db, rows, article_ids) if library is not None else 0
    return SalvageReport(salvaged.source, len(new), len(annotations) - len(new), documents,
                         tags, hidden, settings, salvaged.unreadable, texts, entities)


def _annotation(row: Row) -> tuple[str, Annotation]:
    (id_, fingerprint, start, end, exact, prefix, suffix, tags, note, created, modified,
     status, fragments, note_format, _) = row
    return fingerprint, Annotation.restore(start, end, exact, prefix, suffix,
                                           tuple(json.loads(tags)), note, id_, created,
                                           modified, STATUS[status],
                                           fragments_of(fragments or ""), note_format or "")


def _held_ids(db: sqlite3.Connection, ids: list[str]) -> set[str]:
    held: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        held.update(row[0] for row in db.execute(
            f"SELECT id FROM annotations WHERE id IN ({marks})", chunk))
    return held


def _inserted(db: sqlite3.Connection, sql: str, rows: list[Row]) -> int:
    before = db.total_changes
    db.executemany(sql, rows)
    return db.total_changes - before


def _merge_tags(db: sqlite3.Connection, rows: list[Row]) -> int:
    """Append each salvaged tag whose name the scheme lacks, in its old order; a key that a
    tag here already uses is not taken from it."""
    names = {row[0].casefold() for row in db.execute("SELECT name FROM tags")}
    keys = {row[0].casefold() for row in db.execute(
        "SELECT shortcut FROM tags WHERE shortcut IS NOT NULL")}
    position = int(db.execute("SELECT coalesce(max(position), -1) FROM tags").fetchone()[0])
    added = 0
    for _, name, colour, shortcut, labels in sorted(rows, key=lambda row: int(row[0])):
        if name.casefold() in names:
            continue
        key = shortcut if shortcut and shortcut.casefold() not in keys else None
        position += 1
        db.execute("INSERT INTO tags (position, name, colour, shortcut, labels) "
                   "VALUES (?, ?, ?, ?, ?)", (position, name, colour, key, labels))
        names.add(name.casefold())
        if key:
            keys.add(key.casefold())
        added += 1
    return added
