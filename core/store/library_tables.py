"""The library's SQL: articles, their versions, kept texts and stored analyses.

Reached as ``store.library`` (one AnnotationStore, one connection, one thread). Its writes
join the store's transactions, so keeping an article and moving its annotations to the new
version (``with store.batch(): ...``) commit together or not at all.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from lectern.core.annotations import utc_now
from lectern.core.store.failures import reads
from lectern.core.store.library_removal import LibraryRemoval
from lectern.core.store.library_rows import (
    Article,
    NewVersion,
    Version,
    Writer,
    keepable,
    pack_text,
    unpack_text,
)
from lectern.core.store.library_search import LibrarySearch
from lectern.core.store.rows import tags_of

_ARTICLE_SQL = """
    SELECT a.id, a.title, a.outlet, a.byline, a.published, a.path, a.added, a.opened,
           coalesce(v.fingerprint, ''), v.words, v.length, coalesce(v.format, ''),
           coalesce(v.encoding, ''),
           (SELECT count(*) FROM documents d WHERE d.article_id = a.id),
           (SELECT count(*) FROM annotations x JOIN documents d ON d.id = x.document
            WHERE d.article_id = a.id)
    FROM articles a LEFT JOIN documents v ON v.id = a.current"""
_VERSION_COLUMNS = ("d.id, d.article_id, d.fingerprint, d.path, d.added, d.opened, d.words, "
                    "d.length, d.format, d.encoding, "
                    "(SELECT count(*) FROM annotations x WHERE x.document = d.id), "
                    "d.reanchored")


class LibraryTables:
    """``search``: matches and passages across articles; ``removal``: taking an article
    out with everything that hangs off it, and putting it back."""

    def __init__(self, db: sqlite3.Connection, write: Writer) -> None:
        self._db = db
        self._write = write
        self.search = LibrarySearch(db)
        self.removal = LibraryRemoval(db, write)

    # --- reading -------------------------------------------------------------------------
    @reads
    def available(self) -> bool:
        """Whether the store has the library's tables (one opened read-only from before
        the library is read as it is, unmigrated)."""
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                "name = 'articles'").fetchone() is not None

    @reads
    def version_of(self, fingerprint: str) -> Version | None:
        row = self._db.execute(f"SELECT {_VERSION_COLUMNS} FROM documents d "
                               "WHERE d.fingerprint = ?", (fingerprint,)).fetchone()
        return _version(row) if row else None

    @reads
    def version(self, version_id: int) -> Version | None:
        row = self._db.execute(f"SELECT {_VERSION_COLUMNS} FROM documents d WHERE d.id = ?",
                               (version_id,)).fetchone()
        return _version(row) if row else None

    @reads
    def article_at(self, path: str) -> int | None:
        """The article last read from ``path``, if any."""
        path = keepable(path)
        row = self._db.execute("SELECT id FROM articles WHERE path = ? ORDER BY id DESC "
                               "LIMIT 1", (path,)).fetchone()
        if row is None:
            row = self._db.execute("SELECT article_id FROM documents WHERE path = ? AND "
                                   "article_id IS NOT NULL ORDER BY id DESC LIMIT 1",
                                   (path,)).fetchone()
        return int(row[0]) if row else None

    @reads
    def article(self, article_id: int) -> Article | None:
        row = self._db.execute(_ARTICLE_SQL + " WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        shapes = self._db.execute(
            "SELECT DISTINCT x.tags FROM annotations x JOIN documents d ON d.id = x.document "
            "WHERE d.article_id = ?", (article_id,))
        return _article(row, tuple(sorted({tag for (shape,) in shapes for tag in tags_of(shape)},
                                          key=str.casefold)))

    @reads
    def heads(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        """``(title, path)`` of each article of ``ids`` (what a search hit names)."""
        found: dict[int, tuple[str, str]] = {}
        for first in range(0, len(ids), 500):
            chunk = ids[first:first + 500]
            found.update((row[0], (row[1], row[2])) for row in self._db.execute(
                f"SELECT id, title, path FROM articles WHERE id IN "
                f"({','.join('?' * len(chunk))})", chunk))
        return found

    @reads
    def articles(self) -> list[Article]:
        """Every article, the most recently added first."""
        db = self._db
        # Each count grouped in SQL by what its index is ordered by (texts, not articles: a
        # join per annotation or tag row costs more than the grouping), then summed per
        # article here over 10,000 texts, not 100,000 annotations.
        version_article: dict[int, int] = {}
        versions: dict[int, int] = {}
        for version_id, article_id in db.execute(
                "SELECT id, article_id FROM documents WHERE article_id IS NOT NULL"):
            version_article[version_id] = article_id
            versions[article_id] = versions.get(article_id, 0) + 1
        counts: dict[int, int] = {}
        for version_id, count in db.execute(
                "SELECT document, count(*) FROM annotations GROUP BY document"):
            article_id = version_article.get(version_id)
            if article_id is not None:
                counts[article_id] = counts.get(article_id, 0) + count
        tags = self._tags_by_article(version_article)
        rows = db.execute(
            "SELECT a.id, a.title, a.outlet, a.byline, a.published, a.path, a.added, a.opened,"
            " coalesce(v.fingerprint, ''), v.words, v.length, coalesce(v.format, ''),"
            " coalesce(v.encoding, '') FROM articles a LEFT JOIN documents v "
            "ON v.id = a.current ORDER BY a.id DESC")
        none: tuple[str, ...] = ()
        return [_article((*row, versions.get(row[0], 0), counts.get(row[0], 0)),
                         tags.get(row[0], none)) for row in rows]

    def _tags_by_article(self, version_article: dict[int, int]) -> dict[int, tuple[str, ...]]:
        """Each article's tags, sorted ignoring case."""
        found: dict[int, set[str]] = {}
        for version_id, names in self._db.execute(
                "SELECT version, json_group_array(DISTINCT tag) FROM passage_tags "
                "GROUP BY version"):
            article_id = version_article.get(version_id)
            if article_id is not None:
                found.setdefault(article_id, set()).update(tags_of(names))
        return {article_id: tuple(sorted(names, key=str.casefold))
                for article_id, names in found.items()}

    @reads
    def versions(self, article_id: int) -> list[Version]:
        """The article's versions, the oldest first."""
        rows = self._db.execute(f"SELECT {_VERSION_COLUMNS} FROM documents d "
                                "WHERE d.article_id = ? ORDER BY d.id", (article_id,))
        return [_version(row) for row in rows]

    @reads
    def current_version(self, article_id: int) -> int | None:
        row = self._db.execute("SELECT current FROM articles WHERE id = ?",
                               (article_id,)).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    @reads
    def text(self, version_id: int) -> str | None:
        """The version's canonical text, or None when it was never kept."""
        parts = [row[0] for row in self._db.execute(
            "SELECT body FROM texts WHERE version = ? ORDER BY part", (version_id,))]
        return unpack_text(parts) if parts else None

    @reads
    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    # --- writing -------------------------------------------------------------------------
    def put_version(self, new: NewVersion, article_id: int | None, *, opened: bool = False
                    ) -> tuple[int, int]:
        """Keep ``new`` as the current version of ``article_id`` (None: a new article) and
        index its text; returns ``(article id, version id)``."""
        now = utc_now()
        info = new.info
        path, title = keepable(new.path), keepable(new.title)
        with self._write() as db:
            row = db.execute("SELECT id FROM documents WHERE fingerprint = ?",
                             (new.fingerprint,)).fetchone()
            if article_id is None:
                article_id = _insert(db, "INSERT INTO articles (title, outlet, byline, "
                                     "published, path, added, opened) VALUES (?,?,?,?,?,?,?)",
                                     (title, info.outlet, info.byline, info.published, path,
                                      now, now if opened else ""))
            else:
                self._unindex_current(db, article_id)
                db.execute("UPDATE articles SET title = ?, path = ?, "
                           "outlet = coalesce(nullif(?, ''), outlet), "
                           "byline = coalesce(nullif(?, ''), byline), "
                           "published = coalesce(nullif(?, ''), published), "
                           "opened = CASE WHEN ? THEN ? ELSE opened END WHERE id = ?",
                           (title, path, info.outlet, info.byline, info.published, opened, now,
                            article_id))
            version_values = (path, title, article_id, len(new.text), new.words, new.format,
                              new.encoding, now)
            if row is None:
                version_id = _insert(db, "INSERT INTO documents (path, title, article_id, "
                                     "length, words, format, encoding, added, fingerprint, "
                                     "opened) VALUES (?,?,?,?,?,?,?,?,?,?)",
                                     (*version_values, new.fingerprint, now if opened else ""))
            else:
                version_id = int(row[0])
                db.execute("UPDATE documents SET path = ?, title = ?, article_id = ?, "
                           "length = ?, words = ?, format = ?, encoding = ?, added = ? "
                           "WHERE id = ?", (*version_values, version_id))
            db.execute("DELETE FROM texts WHERE version = ?", (version_id,))
            db.executemany("INSERT INTO texts (version, part, body) VALUES (?, ?, ?)",
                           ((version_id, n, part) for n, part in enumerate(pack_text(new.text))))
            db.execute("INSERT INTO text_search (rowid, body) VALUES (?, ?)",
                       (version_id, new.text))
            db.execute("UPDATE articles SET current = ? WHERE id = ?", (version_id, article_id))
        return article_id, version_id

    def make_current(self, article_id: int, version_id: int) -> None:
        """The file holds an earlier text again: that version is the one shown and searched."""
        with self._write() as db:
            if self.current_version(article_id) == version_id:
                return
            self._unindex_current(db, article_id)
            text = self.text(version_id)
            if text is not None:
                db.execute("INSERT INTO text_search (rowid, body) VALUES (?, ?)",
                           (version_id, text))
            db.execute("UPDATE articles SET current = ? WHERE id = ?", (version_id, article_id))

    def _unindex_current(self, db: sqlite3.Connection, article_id: int) -> None:
        """Take the article's current text out of the index (only current texts are in it)."""
        current = self.current_version(article_id)
        text = self.text(current) if current is not None else None
        if current is not None and text is not None:
            db.execute("INSERT INTO text_search (text_search, rowid, body) "
                       "VALUES ('delete', ?, ?)", (current, text))

    def touch(self, article_id: int, path: str) -> None:
        """The article was opened now, from ``path``."""
        with self._write() as db:
            db.execute("UPDATE articles SET opened = ?, path = ? WHERE id = ?",
                       (utc_now(), keepable(path), article_id))

    def record_reanchoring(self, version_id: int, summary: str) -> None:
        with self._write() as db:
            db.execute("UPDATE documents SET reanchored = ? WHERE id = ?",
                       (summary, version_id))

    # --- analyses --------------------------------------------------------------------------
    @reads
    def pending_analyses(self, analyser: str) -> list[int]:
        """Current versions with a kept text and no analysis by ``analyser``."""
        rows = self._db.execute(
            "SELECT a.current FROM articles a JOIN texts t ON t.version = a.current "
            "AND t.part = 0 LEFT JOIN analyses n ON n.version = a.current "
            "WHERE n.version IS NULL OR n.analyser != ? ORDER BY a.current", (analyser,))
        return [int(version) for (version,) in rows]

    def put_analysis(self, version_id: int, analyser: str, body: bytes) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO analyses (version, analyser, body, made) "
                       "VALUES (?, ?, ?, ?)", (version_id, analyser, body, utc_now()))

    @reads
    def analysis(self, version_id: int) -> tuple[str, bytes] | None:
        """``(analyser, compressed JSON)`` of the stored analysis of a version."""
        row = self._db.execute("SELECT analyser, body FROM analyses WHERE version = ?",
                               (version_id,)).fetchone()
        return (str(row[0]), bytes(row[1])) if row else None


def _insert(db: sqlite3.Connection, sql: str, values: tuple[Any, ...]) -> int:
    cursor = db.execute(sql, values)
    assert cursor.lastrowid is not None
    return int(cursor.lastrowid)


def _version(row: tuple[Any, ...]) -> Version:
    return Version(*row)


def _article(row: tuple[Any, ...], tags: tuple[str, ...]) -> Article:
    (id_, title, outlet, byline, published, path, added, opened, fingerprint, words, length,
     fmt, encoding, versions, annotations) = row
    return Article(id_, title, outlet, byline, published, path, added, opened, fingerprint,
                   words, length, fmt, encoding, versions, annotations, tags)
