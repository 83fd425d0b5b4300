"""The SQL of the reports and the quote ledger: the quotes index (quotes_schema.py), tag
counts per article, the tagged spans of each current version with its paragraph breaks,
and who is quoted. Reached as ``store.reports``; writes join the store's transactions.

Every reader joins ``articles.current``: rows of a version no longer current, or of an
article removed from the library, are kept (an undo brings the article back) but never read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from lectern.core.store.failures import reads
from lectern.core.store.library_rows import Writer
from lectern.core.store.rows import tags_of

# A quote row of the index of a current version, joined to the article it belongs to.
_CURRENT_QUOTES = """
    FROM library_quotes q
    JOIN quote_versions v ON v.version = q.version
    JOIN documents d ON d.id = q.version AND d.fingerprint = v.fingerprint
    JOIN articles a ON a.current = q.version"""


# Not frozen: a frozen dataclass is built through object.__setattr__, and the ledger builds
# two of these for each of the library's quotations.
@dataclass(slots=True)
class IndexedQuote:
    """What the index keeps of one quotation (``attribution``: named, unnamed or none)."""

    start: int
    end: int
    text: str
    normalised: str
    speaker: str
    speaker_key: str
    attribution: str


@dataclass(slots=True)
class LibraryQuote:
    """A quotation of the library's current texts, with its article."""

    article: int
    title: str
    outlet: str
    published: str
    added: str
    quote: IndexedQuote


@dataclass(frozen=True, slots=True)
class TagCount:
    tag: str
    article: int
    title: str
    outlet: str
    count: int


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    speaker: str
    attribution: str
    quotes: int
    articles: frozenset[int]


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """One annotation of a current version: its extent and tags."""

    version: int
    annotation: str
    start: int
    end: int
    tags: tuple[str, ...]


class ReportTables:
    def __init__(self, db: sqlite3.Connection, write: Writer) -> None:
        self._db = db
        self._write = write

    # --- the quotes index ----------------------------------------------------------------
    @reads
    def available(self) -> bool:
        """Whether the store has the quotes index (one from before it, opened read-only or
        kept at its schema, is read as it is and indexed once migrated)."""
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                "name = 'library_quotes'").fetchone() is not None

    def replace_quotes(self, version: int, fingerprint: str, analyser: str, breaks: str,
                       quotes: Sequence[IndexedQuote]) -> None:
        """The version's quotes and paragraph breaks, in place of what was indexed before."""
        with self._write() as db:
            db.execute("DELETE FROM library_quotes WHERE version = ?", (version,))
            db.execute("INSERT OR REPLACE INTO quote_versions (version, fingerprint, analyser,"
                       " breaks) VALUES (?, ?, ?, ?)", (version, fingerprint, analyser, breaks))
            db.executemany(
                'INSERT OR REPLACE INTO library_quotes (version, start, "end", text, '
                "normalised, speaker, speaker_key, attribution) VALUES (?,?,?,?,?,?,?,?)",
                ((version, q.start, q.end, q.text, q.normalised, q.speaker, q.speaker_key,
                  q.attribution) for q in quotes))

    @reads
    def unindexed(self, analyser: str) -> list[int]:
        """Current versions analysed by ``analyser`` whose quotes are not indexed from it
        (analyses stored before the index existed, or by another analyser)."""
        rows = self._db.execute(
            "SELECT a.current FROM articles a JOIN analyses n ON n.version = a.current "
            "AND n.analyser = ? JOIN documents d ON d.id = a.current "
            "LEFT JOIN quote_versions v ON v.version = a.current "
            "AND v.fingerprint = d.fingerprint AND v.analyser = n.analyser "
            "WHERE v.version IS NULL ORDER BY a.current", (analyser,))
        return [int(version) for (version,) in rows]

    @reads
    def quotes(self) -> list[LibraryQuote]:
        """Every indexed quotation of the current texts, by article and place."""
        # The articles apart (10,000 rows, not one copy of each title per quotation).
        heads = {row[0]: row[1:] for row in self._db.execute(
            "SELECT a.current, a.id, a.title, a.outlet, a.published, a.added FROM articles a "
            "JOIN quote_versions v ON v.version = a.current "
            "JOIN documents d ON d.id = a.current AND d.fingerprint = v.fingerprint")}
        found = []
        for row in self._db.execute(
                'SELECT version, start, "end", text, normalised, speaker, speaker_key, '
                "attribution FROM library_quotes"):
            head = heads.get(row[0])
            if head is not None:
                article, title, outlet, published, added = head
                found.append(LibraryQuote(article, title, outlet, published, added,
                                          IndexedQuote(*row[1:])))
        found.sort(key=lambda q: (q.article, q.quote.start))
        return found

    @reads
    def speakers(self) -> list[SpeakerCount]:
        """Quotes and articles per speaker (by key) and kind of attribution."""
        rows = self._db.execute(
            "SELECT min(q.speaker), q.attribution, count(*), group_concat(DISTINCT a.id)" +
            _CURRENT_QUOTES + " GROUP BY q.speaker_key, q.attribution")
        return [SpeakerCount(speaker, attribution, quotes,
                             frozenset(int(i) for i in str(ids).split(",")))
                for speaker, attribution, quotes, ids in rows]

    # --- tags ------------------------------------------------------------------------------
    @reads
    def tag_counts(self) -> list[TagCount]:
        """Annotations per tag and article (every version of the article, as the Library
        counts them)."""
        # One pass over the annotations' own tag lists: joining annotation_tags is 10x slower.
        article_of: dict[int, int] = dict(self._db.execute(
            "SELECT id, article_id FROM documents WHERE article_id IS NOT NULL"))
        counts: dict[tuple[int, str], int] = {}
        for document, tag_list in self._db.execute("SELECT document, tags FROM "
                                                    "annotations WHERE tags != '[]'"):
            article = article_of.get(document)
            if article is not None:
                for tag in tags_of(tag_list):
                    counts[(article, tag)] = counts.get((article, tag), 0) + 1
        heads = {row[0]: (row[1], row[2]) for row in self._db.execute(
            "SELECT id, title, outlet FROM articles")}
        return [TagCount(tag, article, *heads[article], n)
                for (article, tag), n in counts.items() if article in heads]

    @reads
    def tagged_spans(self) -> tuple[list[TaggedSpan], dict[int, str]]:
        """The tagged annotations of the current versions (in no order), and the paragraph
        breaks of each indexed version (offsets, comma-separated)."""
        current = {int(v) for (v,) in self._db.execute(
            "SELECT current FROM articles WHERE current IS NOT NULL")}
        spans = []
        for version, id_, start, end, tag_list in self._db.execute(
                'SELECT document, id, start, "end", tags FROM annotations '
                "WHERE tags != '[]'"):
            if version in current:
                spans.append(TaggedSpan(version, id_, start, end, tags_of(tag_list)))
        breaks = {int(r[0]): str(r[1]) for r in self._db.execute(
            "SELECT v.version, v.breaks FROM quote_versions v "
            "JOIN documents d ON d.id = v.version AND d.fingerprint = v.fingerprint "
            "JOIN articles a ON a.current = v.version")}
        return spans, breaks
