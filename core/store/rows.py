"""Annotation and link rows: the columns, and turning rows into values and back."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from lectern.core.annotations import AnchorStatus, Annotation
from lectern.core.links import Link

# An annotation row as values are made from it: ``fingerprint`` is its text's, read through
# ``FROM_ANNOTATIONS`` (the table keeps ``documents.id`` in ``document``: document_keys.py).
COLUMNS = ('id, fingerprint, start, "end", exact, prefix, suffix, tags, note, created, '
           'modified, status, fragments, note_format')
FROM_ANNOTATIONS = "annotations x JOIN documents d ON d.id = x.document"
SELECTED = ", ".join("d.fingerprint" if c.strip() == "fingerprint" else "x." + c.strip()
                     for c in COLUMNS.split(","))
DOCUMENT_OF = "(SELECT id FROM documents WHERE fingerprint = ?)"  # a fingerprint's text id
# An annotation_row() written: its fingerprint stands for the text's id.
_INTO = (f"INTO annotations ({COLUMNS.replace('fingerprint', 'document')}) "
         f"VALUES (?,{DOCUMENT_OF},?,?,?,?,?,?,?,?,?,?,?,?)")
INSERT_NEW = f"INSERT OR IGNORE {_INTO}"  # an id the store holds keeps its row
UPSERT = f"""INSERT {_INTO}
    ON CONFLICT (id) DO UPDATE SET document=excluded.document, start=excluded.start,
    "end"=excluded."end", exact=excluded.exact, prefix=excluded.prefix, suffix=excluded.suffix,
    tags=excluded.tags, note=excluded.note, created=excluded.created,
    modified=excluded.modified, status=excluded.status, fragments=excluded.fragments,
    note_format=excluded.note_format"""
LINK_COLUMNS = "id, source_id, target_id, label, event, note, created"
STATUS = {status.value: status for status in AnchorStatus}


def annotation_row(fingerprint: str, a: Annotation) -> tuple[object, ...]:
    fragments = json.dumps(a.fragments) if a.fragments else ""
    return (a.id, fingerprint, a.start, a.end, a.exact, a.prefix, a.suffix,
            json.dumps(a.tags, ensure_ascii=False), a.note, a.created, a.modified,
            a.status.value, fragments, a.note_format)


@lru_cache(maxsize=4096)
def tags_of(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))  # tag lists repeat a lot; parse each shape once


def fragments_of(text: str) -> tuple[tuple[int, int], ...]:
    if not text:
        return ()  # almost every annotation: one span
    return tuple((int(s), int(e)) for s, e in json.loads(text))


def annotation_of(row: Sequence[Any]) -> Annotation:
    """An annotation from a row in ``COLUMNS`` order."""
    return Annotation.restore(row[2], row[3], row[4], row[5], row[6], tags_of(row[7]), row[8],
                              row[0], row[9], row[10], STATUS[row[11]], fragments_of(row[12]),
                              row[13])


def chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


# --- links -------------------------------------------------------------------------------
def put_links(db: sqlite3.Connection, links: Iterable[Link]) -> None:
    db.executemany(f"INSERT OR REPLACE INTO links ({LINK_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
                   ((k.id, k.source, k.target, k.label, k.event, k.note, k.created)
                    for k in links))


def delete_links(db: sqlite3.Connection, ids: Sequence[str]) -> None:
    for chunk in chunks(list(ids), 500):
        db.execute(f"DELETE FROM links WHERE id IN ({','.join('?' * len(chunk))})", chunk)


def links_of_document(db: sqlite3.Connection, fingerprint: str) -> list[Link]:
    """Every link that starts or ends at an annotation of the document."""
    rows = db.execute(
        f"SELECT {LINK_COLUMNS} FROM links WHERE source_id IN (SELECT id FROM annotations "
        f"WHERE document = {DOCUMENT_OF}) OR target_id IN (SELECT id FROM annotations WHERE "
        f"document = {DOCUMENT_OF}) ORDER BY created, id", (fingerprint, fingerprint))
    return [Link(source, target, label, event, note, id_, created)
            for id_, source, target, label, event, note, created in rows]
