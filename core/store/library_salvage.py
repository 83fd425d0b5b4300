"""Bringing back the library from a damaged store: each article's kept texts (its versions)
whose every part reads and whose text is the one its fingerprint names, with the article's
title, outlet, byline, date and times. A text the store keeps already is left as it is."""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from lectern.core.document import fingerprint_of
from lectern.core.store.library_rows import ArticleInfo, NewVersion, unpack_text

if TYPE_CHECKING:
    import sqlite3

    from lectern.core.store.library_tables import LibraryTables

Row = tuple[Any, ...]


def keep_library(library: LibraryTables, db: sqlite3.Connection,
                 rows: Mapping[str, Sequence[Row]],
                 article_ids: dict[int, int] | None = None) -> int:
    """Keep the salvaged articles' texts in ``library`` (inside the caller's transaction);
    returns how many texts were brought back. ``article_ids`` is filled with each salvaged
    article's id in this store."""
    texts = _whole_texts(rows.get("library_texts", ()))
    articles = {row[0]: row for row in rows.get("library_articles", ())}
    versions: dict[int, list[tuple[Row, str]]] = defaultdict(list)
    for row in sorted(rows.get("library_versions", ()), key=lambda r: r[0]):
        text = texts.get(row[0])
        if text is not None and row[2] is not None and fingerprint_of(text) == row[1]:
            versions[row[2]].append((row, text))
    brought = 0
    for old_article, kept in versions.items():
        head = articles.get(old_article)
        info = ArticleInfo(*head[2:5]) if head else ArticleInfo()
        target: int | None = None
        created = False
        new_ids: dict[int, int] = {}
        for (old_id, fingerprint, _, _, words, form, encoding, title, path), text in kept:
            known = library.version_of(fingerprint)
            if known is not None and known.text_kept and known.article is not None:
                target = target if target is not None else known.article
                new_ids[old_id] = known.id
                continue
            created = created or target is None
            target, new_ids[old_id] = library.put_version(
                NewVersion(fingerprint, text, title, path, form, encoding, words or 0, info),
                target)
            brought += 1
        if target is not None and article_ids is not None:
            article_ids[old_article] = target
        if target is None or head is None:
            continue
        if head[6] in new_ids:  # the text the damaged library showed is shown again
            library.make_current(target, new_ids[head[6]])
        if created:  # an article made here keeps when it was first added and last opened
            db.execute("UPDATE articles SET added = ?, opened = ? WHERE id = ?",
                       (head[7], head[8], target))
    return brought


def _whole_texts(parts: Sequence[Row]) -> dict[int, str]:
    """Each version's text, from parts 0..n all read; a version missing one is left out."""
    by_version: dict[int, dict[int, bytes]] = defaultdict(dict)
    for version, part, body in parts:
        by_version[version][part] = body
    texts: dict[int, str] = {}
    for version, found in by_version.items():
        if sorted(found) != list(range(len(found))):
            continue
        try:
            texts[version] = unpack_text([found[n] for n in range(len(found))])
        except (zlib.error, UnicodeDecodeError):
            continue
    return texts
