"""How an annotation is laid out in a row of the ``annotations`` table, both ways."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from lectern.core.annotations import AnchorStatus, Annotation

COLUMNS = 'id, fingerprint, start, "end", exact, prefix, suffix, tags, note, created, ' \
           'modified, status'
UPSERT = f"""INSERT INTO annotations ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
    ON CONFLICT (id) DO UPDATE SET fingerprint=excluded.fingerprint, start=excluded.start,
    "end"=excluded."end", exact=excluded.exact, prefix=excluded.prefix, suffix=excluded.suffix,
    tags=excluded.tags, note=excluded.note, created=excluded.created,
    modified=excluded.modified, status=excluded.status"""


def row_of(fingerprint: str, a: Annotation) -> tuple[object, ...]:
    return (a.id, fingerprint, a.start, a.end, a.exact, a.prefix, a.suffix,
            json.dumps(a.tags, ensure_ascii=False), a.note, a.created, a.modified,
            a.status.value)


@lru_cache(maxsize=4096)
def tags_of(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))  # tag lists repeat a lot; parse each shape once


STATUS = {status.value: status for status in AnchorStatus}


def annotation_from_row(row: Sequence[Any]) -> Annotation:
    """An annotation from a row in ``COLUMNS`` order."""
    return Annotation.restore(row[2], row[3], row[4], row[5], row[6], tags_of(row[7]), row[8],
                              row[0], row[9], row[10], STATUS[row[11]])
