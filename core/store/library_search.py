"""The library's queries across articles: the passages (annotations with their articles)
that the Passages view and ``search`` list, whole or a page at a time, and full-text
matches (FTS5, ranked by bm25; see library_matching)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from lectern.core.gc_control import paused_gc
from lectern.core.store.failures import reads, search_bound
from lectern.core.store.library_matching import Matching
from lectern.core.store.library_rows import AnnotationMatch, Passage, TextMatch
from lectern.core.store.rows import COLUMNS, FROM_ANNOTATIONS, SELECTED

_PASSAGE_SQL = (f"SELECT {SELECTED}, d.article_id, coalesce(a.title, d.title, ''), "
                "coalesce(a.outlet, ''), coalesce(a.published, ''), "
                f"coalesce(a.path, d.path, '') FROM {FROM_ANNOTATIONS} "
                "LEFT JOIN articles a ON a.id = d.article_id")


@dataclass(frozen=True)
class PassageRows:
    """Which passages the store returns (words are matched by the caller, who owns the rule):
    ``tags`` any of them, or all with ``all_tags``; ``dated_*`` bound the article's date,
    ``created_*`` the annotation's (ISO 8601, inclusive)."""

    tags: tuple[str, ...] = ()
    all_tags: bool = False
    article: int | None = None
    outlet: str | None = None
    dated_from: str | None = None
    dated_to: str | None = None
    created_from: str | None = None
    created_to: str | None = None


class LibrarySearch:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._matching = Matching(db)

    @reads
    def passages(self, query: PassageRows) -> list[Passage]:
        where, params = _filters(query, whole_articles=True, names=self._names)
        # Only what a list shows, without joins; the rest of an annotation is read when
        # asked for (annotation_rows): at 100,000 rows this is a quarter of the time.
        sql = (f"SELECT {_SHOWN}, x.rowid FROM {FROM_ANNOTATIONS}"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY x.rowid")
        rows = self._db.execute(sql, params).fetchall()
        heads = self._heads()
        none = (None, "", "", "", "")
        # Articles in the library, the newest first, then texts outside it; each in reading
        # order, ties by row (the order passage_page() gives, page by page).
        kept = self._article_ids()
        rank = {fingerprint: -(head[0] or 0) << 32 for fingerprint, head in heads.items()
                if head[0] in kept}
        rows.sort(key=lambda r: rank.get(r[1], 0) + r[2])  # stable: ties stay in row order
        load = self.annotation_row
        with paused_gc():  # 100,000 small objects at once: no collections halfway
            # The rowid rides as a tenth column: such a row is not whole (COLUMNS has 14),
            # so the annotation is read in full before it is made.
            return [Passage(row, heads.get(row[1], none), load, rowid=row[9])
                    for row in rows]

    def _article_ids(self) -> set[int]:
        return {article for (article,) in self._db.execute("SELECT id FROM articles")}

    @reads
    def passage_counts(self, query: PassageRows) -> tuple[int, int]:
        """How many passages ``query`` keeps, and in how many texts: one aggregate."""
        groups = tag_groups(query)
        if len(groups) == 1 and _only_tags(query):
            # One group of tags: counted from the tag index alone, never the annotations.
            stored = self._names(groups[0]) or [""]
            marks = ",".join("?" * len(stored))
            row = self._db.execute(
                f"SELECT count(DISTINCT annotation), count(DISTINCT version) FROM passage_tags "
                f"WHERE tag IN ({marks})", stored).fetchone()
            return int(row[0]), int(row[1])
        where, params = _filters(query, whole_articles=True, names=self._names)
        row = self._db.execute(
            "SELECT count(*), sum(n) FROM (SELECT count(*) AS n FROM annotations x"
            + (" WHERE " + " AND ".join(where) if where else "") + " GROUP BY x.document)",
            params).fetchone()
        return int(row[1] or 0), int(row[0] or 0)

    @reads
    def passage_page(self, query: PassageRows, after: PageKey | None, size: int
                     ) -> tuple[list[Passage], PageKey | None]:
        """Up to ``size`` passages after ``after`` (None: the first), in article order (the
        newest article first, each in reading order), then those of texts outside the
        library; with the key of the next page (None: that was the last).

        Keyset paging: articles are walked down their primary key and each one's
        annotations come from the fingerprint index, so a page costs the same at row 0 and
        at row 90,000, and the first screenful never waits for the whole list."""
        found: list[Passage] = []
        if after is None or after[0] == _IN_LIBRARY:
            found = self._article_page(query, after, size)
            if len(found) == size:
                last = found[-1]
                return found, (_IN_LIBRARY, last.article or 0, last.start, last.rowid or 0)
            after = None
        if _has_article_filter(query):
            return found, None  # texts outside the library have no article to match
        rest = self._outside_page(query, after, size - len(found))
        found += rest
        if len(found) == size and rest:
            return found, (_OUTSIDE, 0, rest[-1].start, rest[-1].rowid or 0)
        return found, None

    def _article_page(self, query: PassageRows, after: PageKey | None, size: int
                      ) -> list[Passage]:
        where, params = _filters(query, whole_articles=False, names=self._names)
        if after is not None:
            where.append("(a.id < ? OR (a.id = ? AND (x.start, x.rowid) > (?, ?)))")
            params += [after[1], after[1], after[2], after[3]]
        # CROSS JOIN keeps the planner walking articles in order (no sort of every row).
        sql = (f"SELECT x.rowid, {_ALL}, a.id, a.title, a.outlet, a.published, a.path "
               "FROM articles a CROSS JOIN documents d CROSS JOIN annotations x "
               "WHERE d.article_id = a.id AND x.document = d.id"
               + "".join(" AND " + w for w in where)
               + " ORDER BY a.id DESC, x.start, x.rowid LIMIT ?")
        rows = self._db.execute(sql, [*params, size]).fetchall()
        return [_passage(row[1:], int(row[0])) for row in rows]

    def _outside_page(self, query: PassageRows, after: PageKey | None, size: int
                      ) -> list[Passage]:
        where, params = _filters(query, whole_articles=False, names=self._names)
        where.append("NOT EXISTS (SELECT 1 FROM documents e JOIN articles b ON b.id = "
                     "e.article_id WHERE e.id = x.document)")
        if after is not None:
            where.append("(x.start, x.rowid) > (?, ?)")
            params += [after[2], after[3]]
        sql = (_PASSAGE_SQL.replace("SELECT ", "SELECT x.rowid, ", 1)
               + " WHERE " + " AND ".join(where) + " ORDER BY x.start, x.rowid LIMIT ?")
        rows = self._db.execute(sql, [*params, size]).fetchall()
        return [_passage(row[1:], int(row[0])) for row in rows]

    def _names(self, group: list[str]) -> list[str]:
        """The stored tags a group of case-folded tags stands for."""
        wanted = set(group)
        return [tag for tag in self.stored_tags() if tag.casefold() in wanted]

    def stored_tags(self) -> list[str]:
        """Every tag some annotation carries: one index step per tag, not per row."""
        return [tag for (tag,) in self._db.execute(
            "WITH RECURSIVE t(tag) AS (SELECT min(tag) FROM passage_tags UNION ALL "
            "SELECT (SELECT min(tag) FROM passage_tags WHERE tag > t.tag) FROM t "
            "WHERE t.tag IS NOT NULL) SELECT tag FROM t WHERE tag IS NOT NULL")]

    def _heads(self) -> dict[str, tuple[int | None, str, str, str, str]]:
        """Each text's article: (id, title, outlet, date, path)."""
        return {fingerprint: (article, title or own_title, outlet or "", published or "",
                              path or own_path)
                for fingerprint, article, title, outlet, published, path, own_title, own_path
                in self._db.execute(
                    "SELECT d.fingerprint, d.article_id, a.title, a.outlet, a.published, "
                    "a.path, d.title, d.path FROM documents d LEFT JOIN articles a "
                    "ON a.id = d.article_id")}

    @reads
    def annotation_row(self, annotation_id: str) -> tuple[Any, ...]:
        return tuple(self._db.execute(f"SELECT {SELECTED} FROM {FROM_ANNOTATIONS} "
                                      "WHERE x.id = ?", (annotation_id,)).fetchone())

    @reads
    def complete(self, passages: Sequence[Passage]) -> None:
        """Read the whole annotation of each passage at once (before an export)."""
        wanted = [p.id for p in passages if not p.complete]
        rows: dict[str, tuple[Any, ...]] = {}
        for first in range(0, len(wanted), 500):
            chunk = wanted[first:first + 500]
            rows.update((row[0], row) for row in self._db.execute(
                f"SELECT {SELECTED} FROM {FROM_ANNOTATIONS} WHERE x.id IN "
                f"({','.join('?' * len(chunk))})", chunk))
        for passage in passages:
            if not passage.complete and passage.id in rows:
                passage.fill(rows[passage.id])

    @reads
    def passages_with(self, rowids: Sequence[int]) -> dict[int, Passage]:
        found: dict[int, Passage] = {}
        for first in range(0, len(rowids), 500):
            chunk = list(rowids[first:first + 500])
            rows = self._db.execute(
                _PASSAGE_SQL.replace("SELECT ", "SELECT x.rowid, ", 1)
                + f" WHERE x.rowid IN ({','.join('?' * len(chunk))})", chunk)
            found.update((row[0], _passage(row[1:])) for row in rows)
        return found

    # --- full text (library_matching) ---------------------------------------------------
    @reads
    def match_texts(self, match: str, limit: int, marks: tuple[str, str]) -> list[TextMatch]:
        """The ``limit`` best articles for the FTS5 expression ``match``, each with the
        start of its current text (at least up to its first match) marked."""
        return self._matching.texts(match, limit, marks)

    @reads
    def match_annotations(self, match: str, limit: int, marks: tuple[str, str]
                          ) -> list[AnnotationMatch]:
        found = self._matching.annotations(match, limit, marks)
        passages = self.passages_with([rowid for rowid, *_ in found])
        return [AnnotationMatch(passages[rowid], score, quote, note, tags)
                for rowid, score, quote, note, tags in found if rowid in passages]


_N = len(COLUMNS.split(", "))
# What a list of passages reads at once: id .. note, the quote's context left for the rows on
# screen to read (NULL: half the bytes of 100,000 rows).
_SHOWN = ", ".join("NULL" if c in ("x.prefix", "x.suffix") else c
                   for c in SELECTED.split(", ")[:9])
_ALL = SELECTED
# A page's place in the list: (segment, article id, start, annotation rowid).
PageKey = tuple[int, int, int, int]
_IN_LIBRARY, _OUTSIDE = 0, 1


def _passage(row: Sequence[Any], rowid: int | None = None) -> Passage:
    article = row[_N]
    return Passage(row[:_N], (int(article) if article is not None else None, row[_N + 1],
                              row[_N + 2], row[_N + 3], row[_N + 4]), rowid=rowid)


def _only_tags(query: PassageRows) -> bool:
    return not (_has_article_filter(query) or query.created_from or query.created_to)


def _has_article_filter(query: PassageRows) -> bool:
    return bool(query.article is not None or query.outlet or query.dated_from
                or query.dated_to)


def tag_groups(query: PassageRows) -> list[list[str]]:
    """The tags of ``query`` case-folded, in groups of which a passage carries one each."""
    tags = [tag.strip().casefold() for tag in query.tags if tag.strip()]
    return [[tag] for tag in tags] if query.all_tags else [tags] if tags else []


def _filters(query: PassageRows, *, whole_articles: bool,
             names: Callable[[list[str]], list[str]]
             ) -> tuple[list[str], list[Any]]:
    """The conditions of ``query`` on annotations ``x`` and their articles: on ``a``
    itself when the statement joins it (``whole_articles`` False), else as the set of
    texts of the articles that pass. ``names`` gives the stored tags a group of
    case-folded tags stands for, read from ``passage_tags``."""
    where: list[str] = []
    params: list[Any] = []
    for group in tag_groups(query):
        stored = names(group) or [""]  # no such tag: nothing passes
        # Walking articles in order, the tag set is a filter ("+"): as an index constraint
        # the planner would probe every tagged row for every text.
        where.append(f"{'x' if whole_articles else '+x'}.rowid IN (SELECT annotation FROM "
                     f"passage_tags WHERE tag IN ({','.join('?' * len(stored))}))")
        params.extend(stored)
    articles: list[str] = []  # conditions on the article
    if query.article is not None:
        articles.append("a.id = ?")
        params.append(query.article)
    if query.outlet:
        articles.append("casefold(a.outlet) = ?")
        params.append(query.outlet.strip().casefold())
    if query.dated_from:
        articles.append("a.published != '' AND a.published >= ?")
        params.append(query.dated_from[:10])
    if query.dated_to:
        articles.append("a.published != '' AND substr(a.published, 1, 10) <= ?")
        bound = query.dated_to[:10]
        params.append(bound + ("~" if len(bound) < 10 else ""))  # "2017": all of 2017
    if articles and whole_articles:
        where.append("x.document IN (SELECT d.id FROM documents d JOIN "
                     "articles a ON a.id = d.article_id WHERE " + " AND ".join(articles) + ")")
    elif articles:
        where += articles
    if query.created_from:
        where.append("x.created >= ?")
        params.append(search_bound(query.created_from, "created_from"))
    if query.created_to:
        bound = search_bound(query.created_to, "created_to")
        where.append("x.created <= ?")
        params.append(bound + ("T99" if "T" not in query.created_to else ""))
    return where, params
