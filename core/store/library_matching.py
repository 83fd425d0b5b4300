"""Full-text matches across the library: FTS5, ranked by bm25, with each match marked.

Match positions come from SQLite's own tokenizer: the few rows that rank highest are put
in small in-memory FTS5 tables and ``highlight()`` marks their matches, so offsets follow
exactly what the index matched (accents, case, phrases, prefixes), with no second tokenizer
to drift from it. Marking there, not in the library's index, matters for a prefix: the
index has no prefix index (see library_compact), and marking 50 rows by ``rowid IN`` would
merge every term the prefix starts once per row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from lectern.core.errors import LecternError
from lectern.core.store.library_rows import TextMatch, unpack_text
from lectern.core.store.library_schema import TOKENIZER

RANKED_AT_MOST = 2000  # annotation matches ranked by bm25 (the newest, for a common word)
# A text is first marked up to here only: its first match is almost always in it, and a
# common word is then not marked a thousand times in each of 50 texts.
LEAD_CHARS = 2000
LEAD_MARGIN = 800  # the first match must end this far before the cut to be taken as found
LONG_QUERY = 200  # characters: a query this long may match across the cut; mark it whole


class Matching:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._scratch = False

    def texts(self, match: str, limit: int, marks: tuple[str, str]) -> list[TextMatch]:
        db = self._db
        # The index alone, so that FTS5 ranks and cuts at the limit itself; a join would
        # have SQLite rank every match first.
        best = _fts(db, "SELECT rowid, bm25(text_search) FROM text_search WHERE text_search "
                    "MATCH ? ORDER BY rank LIMIT ?", (match, limit))
        if not best:
            return []
        article_of = dict(db.execute(
            f"SELECT id, article_id FROM documents WHERE id IN ({','.join('?' * len(best))})",
            [version for version, _ in best]))
        ranked = [(version, int(article_of[version]), score) for version, score in best
                  if article_of.get(version) is not None]
        bodies: dict[int, list[bytes]] = {}
        for version, part in db.execute(
                f"SELECT version, body FROM texts WHERE version IN "
                f"({','.join('?' * len(ranked))}) ORDER BY version, part",
                [r[0] for r in ranked]):
            bodies.setdefault(version, []).append(part)
        texts = {version: unpack_text(parts) for version, parts in bodies.items()}
        marked: dict[int, str] = {}
        if len(match) < LONG_QUERY:
            leads = [(v, t[:LEAD_CHARS]) for v, t in texts.items() if len(t) > LEAD_CHARS]
            for version, lead in self._marked_texts(leads, match, marks).items():
                if _first_close(lead, marks) <= LEAD_CHARS - LEAD_MARGIN:
                    marked[version] = lead
        rest = [(v, t) for v, t in texts.items() if v not in marked]
        marked.update(self._marked_texts(rest, match, marks))
        return [TextMatch(article, version, score, marked[version])
                for version, article, score in ranked if version in marked]

    def annotations(self, match: str, limit: int, marks: tuple[str, str]
                    ) -> list[tuple[int, float, str, str, str]]:
        """``(rowid, score, marked quote, marked note, marked tags)`` of the best ones."""
        db = self._db
        # bm25 reads each match's sizes: for a word in most of 100,000 annotations that is
        # 100 ms, so such a word is ranked among its RANKED_AT_MOST newest matches.
        floor = _fts(db, "SELECT rowid FROM annotation_search WHERE annotation_search "
                     "MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, RANKED_AT_MOST))
        best = _fts(db, "SELECT rowid, bm25(annotation_search) FROM annotation_search "
                    "WHERE annotation_search MATCH ? AND rowid > ? ORDER BY rank LIMIT ?",
                    (match, floor[0][0] if floor else -1, limit))
        if not best:
            return []
        rows = db.execute("SELECT rowid, exact, note, tags FROM annotations WHERE rowid IN "
                          f"({','.join('?' * len(best))})", [r[0] for r in best]).fetchall()
        self._ensure_scratch()
        with self._scratch_transaction():
            db.executemany("INSERT INTO temp.hit_notes (id, exact, note, tags) "
                           "VALUES (?, ?, ?, ?)", rows)
            db.executemany("INSERT INTO temp.hit_annotations (rowid, exact, note, tags) "
                           "VALUES (?, ?, ?, ?)", rows)
            marked = {row[0]: row[1:] for row in _fts(
                db, "SELECT rowid, highlight(hit_annotations, 0, ?, ?), "
                "highlight(hit_annotations, 1, ?, ?), highlight(hit_annotations, 2, ?, ?) "
                "FROM temp.hit_annotations WHERE hit_annotations MATCH ?",
                (*marks, *marks, *marks, match))}
            db.execute("INSERT INTO temp.hit_annotations (hit_annotations) "
                       "VALUES ('delete-all')")
            db.execute("DELETE FROM temp.hit_notes")
        return [(rowid, score, *marked[rowid]) for rowid, score in best if rowid in marked]

    def _marked_texts(self, texts: Sequence[tuple[int, str]], match: str,
                      marks: tuple[str, str]) -> dict[int, str]:
        if not texts:
            return {}
        db = self._db
        self._ensure_scratch()
        with self._scratch_transaction():
            db.executemany("INSERT INTO temp.hit_bodies (id, body) VALUES (?, ?)", texts)
            db.executemany("INSERT INTO temp.hit_texts (rowid, body) VALUES (?, ?)", texts)
            marked = dict(_fts(db, "SELECT rowid, highlight(hit_texts, 0, ?, ?) FROM "
                               "temp.hit_texts WHERE hit_texts MATCH ?", (*marks, match)))
            # delete-all empties the index without tokenizing the texts again.
            db.execute("INSERT INTO temp.hit_texts (hit_texts) VALUES ('delete-all')")
            db.execute("DELETE FROM temp.hit_bodies")
        return marked

    def _scratch_transaction(self) -> _Scratch:
        return _Scratch(self._db)

    def _ensure_scratch(self) -> None:
        if self._scratch:
            return
        # The few best rows, indexed for highlight() alone (external content: cheap to empty).
        for sql in ("CREATE TABLE IF NOT EXISTS temp.hit_bodies "
                    "(id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.hit_texts USING fts5(body, "
                    f"content='hit_bodies', content_rowid='id', tokenize='{TOKENIZER}', "
                    "columnsize=0)",
                    "CREATE TABLE IF NOT EXISTS temp.hit_notes (id INTEGER PRIMARY KEY, "
                    "exact TEXT NOT NULL, note TEXT NOT NULL, tags TEXT NOT NULL)",
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.hit_annotations USING fts5("
                    "exact, note, tags, content='hit_notes', content_rowid='id', "
                    f"tokenize='{TOKENIZER}', columnsize=0)"):
            self._db.execute(sql)
        self._scratch = True


class _Scratch:
    """One transaction for the temp tables (6x faster than a commit per row); joins the
    caller's when one is open. Deferred: only temp tables are written, main stays free."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._own = False

    def __enter__(self) -> None:
        self._own = not self._db.in_transaction
        if self._own:
            self._db.execute("BEGIN")

    def __exit__(self, *_: object) -> None:
        if self._own and self._db.in_transaction:
            self._db.execute("COMMIT")


def _first_close(marked: str, marks: tuple[str, str]) -> int:
    """Where the first match ends in the unmarked text (past the end: no match)."""
    closing = marked.find(marks[1])
    if closing < 0:
        return LEAD_CHARS + 1
    return closing - marked.count(marks[0], 0, closing) * len(marks[0])


def _fts(db: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[Any]:
    try:
        return db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as error:
        if "fts5" in str(error) or "syntax" in str(error):
            raise LecternError(f"The search cannot be understood ({error}). Put a phrase in "
                               "double quotes, or leave out AND, OR and NOT.") from None
        raise
