"""The library's facts index: every fact of every stored analysis as a row, so the timeline,
the figure bars and the conflicts across the library need no analysis decoded to draw.

Rows are kept per version; only the rows of each article's *current* version are read
(joined on ``articles.current``), so a version superseded or an article removed drops out
at once, and comes back with it on undo. ``library_facts_done`` says which versions were
taken in and from which analyser's output, so a version with no facts is not redone and
an analysis made before this index existed is caught up. No statement here depends on the
migration's number.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lectern.core.store.failures import reads
from lectern.core.store.library_rows import Writer

_COLUMNS = ("f.version, a.id, f.seq, f.kind, f.subject, f.subject_key, f.number, f.day, "
            "f.unit, f.approx, f.period, f.written, f.start, f.\"end\", f.sentence_start, "
            "f.sentence_end, f.entities, a.title, a.published, a.outlet")


@dataclass(frozen=True, slots=True)
class FactRow:
    """One fact as the index keeps it. ``entities``: the keys of the named entities in its
    sentence, joined by ``ENTITY_SEPARATOR``; ``day`` the date of a dated fact (ISO,
    partial), ``number`` the value of a figure; ``period`` the date the figure is for."""

    version: int
    seq: int
    kind: str
    subject: str
    subject_key: str
    number: float | None
    day: str | None
    unit: str
    approx: bool
    period: str
    written: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    entities: str


@dataclass(frozen=True, slots=True)
class LibraryFact:
    """A fact of an article's current version, with what the article is."""

    row: FactRow
    article: int
    title: str
    published: str
    outlet: str


ENTITY_SEPARATOR = "\x1f"


class FactTables:
    def __init__(self, db: sqlite3.Connection, write: Writer) -> None:
        self._db = db
        self._write = write

    @reads
    def available(self) -> bool:
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                "name = 'library_facts'").fetchone() is not None

    def replace(self, version: int, analyser: str, rows: Sequence[FactRow]) -> None:
        """The facts of one version, in place of any it had; one transaction."""
        with self._write() as db:
            db.execute("DELETE FROM library_facts WHERE version = ?", (version,))
            db.executemany(
                "INSERT INTO library_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?)",
                [(r.version, r.seq, r.kind, r.subject, r.subject_key, r.number, r.day, r.unit,
                  int(r.approx), r.period, r.written, r.start, r.end, r.sentence_start,
                  r.sentence_end, r.entities) for r in rows])
            db.execute("INSERT OR REPLACE INTO library_facts_done (version, analyser) "
                       "VALUES (?, ?)", (version, analyser))

    @reads
    def behind(self, analyser: str) -> list[int]:
        """Current versions with an analysis by ``analyser`` that the index has not taken
        in from that analyser (stored before the index existed, or before a re-analysis)."""
        return [r[0] for r in self._db.execute(
            "SELECT a.current FROM articles a JOIN analyses n ON n.version = a.current "
            "LEFT JOIN library_facts_done d ON d.version = a.current "
            "WHERE n.analyser = ? AND (d.version IS NULL OR d.analyser != n.analyser) "
            "ORDER BY a.current", (analyser,))]

    def forget_missing(self) -> int:
        """Drop the rows of versions no longer in the store (their article was removed for
        good); a removal that may be undone keeps its rows, which only current versions
        show anyway. Returns how many versions were dropped."""
        gone = [r[0] for r in self._db.execute(
            "SELECT d.version FROM library_facts_done d LEFT JOIN documents v "
            "ON v.id = d.version WHERE v.id IS NULL")]
        if not gone:
            return 0
        with self._write() as db:
            for first in range(0, len(gone), 500):
                chunk = gone[first:first + 500]
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM library_facts WHERE version IN ({marks})", chunk)
                db.execute(f"DELETE FROM library_facts_done WHERE version IN ({marks})", chunk)
        return len(gone)

    @reads
    def dated(self, articles: Iterable[int] | None = None,
              leave_out: Iterable[str] = ()) -> list[tuple[Any, ...]]:
        """(day, subject_key, subject, entities, article, start, end, written) of the dated
        facts of current versions (of ``articles`` if given), by day: tuples, not rows,
        since the whole library's timeline reads tens of thousands. ``leave_out``: subject
        keys that are not events."""
        left = list(leave_out)
        where = "f.kind = 'date' AND f.day IS NOT NULL"
        if left:
            where += f" AND f.subject_key NOT IN ({', '.join(map(_quoted, left))})"
        return self._lean('f.day, f.subject_key, f.subject, f.entities, a.id, f.start, '
                          'f."end", f.written', where, articles, "ORDER BY f.day")

    @reads
    def figure_keys(self, articles: Iterable[int] | None = None) -> list[tuple[Any, ...]]:
        """(kind, unit, subject_key, period, entities, article, version, seq, number) of
        every figure of current versions (of ``articles`` if given)."""
        return self._lean("f.kind, f.unit, f.subject_key, f.period, f.entities, a.id, "
                          "f.version, f.seq, f.number", "f.number IS NOT NULL", articles)

    @reads
    def facts_at(self, keys: Iterable[tuple[int, int]]) -> list[LibraryFact]:
        """The facts of these (version, seq) keys, with their articles."""
        found: list[LibraryFact] = []
        pairs = sorted(set(keys))
        for first in range(0, len(pairs), 400):
            chunk = pairs[first:first + 400]
            found += [_fact(r) for r in self._db.execute(
                f"WITH k(v, s) AS (VALUES {','.join(['(?, ?)'] * len(chunk))}) "
                f"SELECT {_COLUMNS} FROM k JOIN library_facts f ON f.version = k.v AND "
                f"f.seq = k.s JOIN articles a ON a.current = f.version",
                [n for pair in chunk for n in pair])]
        return found

    @reads
    def disputed_figures(self) -> list[LibraryFact]:
        """Figures with a period whose measure (subject key, unit, period, kind) has more
        than one value across more than one article, ordered by measure: the only ones
        that can conflict (equal numbers always agree)."""
        return [_fact(r) for r in self._db.execute(
            "WITH current AS (SELECT f.subject_key, f.unit, f.period, f.kind, f.number, "
            "a.id AS article FROM articles a JOIN library_facts f ON f.version = a.current "
            "WHERE f.number IS NOT NULL AND f.period != ''), "
            "disputed AS (SELECT subject_key, unit, period, kind FROM current "
            "GROUP BY subject_key, unit, period, kind "
            "HAVING count(DISTINCT article) > 1 AND min(number) < max(number)) "
            f"SELECT {_COLUMNS} FROM disputed m JOIN library_facts f ON f.subject_key = "
            "m.subject_key AND f.unit = m.unit AND f.period = m.period AND f.kind = m.kind "
            "JOIN articles a ON a.current = f.version WHERE f.number IS NOT NULL "
            "ORDER BY f.subject_key, f.unit, f.period, f.kind, a.published, a.id")]

    @reads
    def heads(self) -> dict[int, tuple[str, str]]:
        """(title, published) of every article."""
        return {r[0]: (r[1], r[2]) for r in self._db.execute(
            "SELECT id, title, published FROM articles")}

    def _lean(self, columns: str, where: str, articles: Iterable[int] | None,
              order: str = "") -> list[tuple[Any, ...]]:
        sql = (f"SELECT {columns} FROM articles a JOIN library_facts f "
               f"ON f.version = a.current WHERE {where}")
        if articles is None:
            return self._db.execute(f"{sql} {order}").fetchall()
        ids = sorted(set(articles))
        found: list[tuple[Any, ...]] = []
        for first in range(0, len(ids), 500):
            chunk = ids[first:first + 500]
            found += self._db.execute(
                f"{sql} AND a.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        if order:
            found.sort(key=lambda r: r[0])
        return found


def _fact(r: Sequence[Any]) -> LibraryFact:
    row = FactRow(r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]), r[10], r[11],
                  r[12], r[13], r[14], r[15], r[16])
    return LibraryFact(row, r[1], r[17], r[18], r[19])


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
