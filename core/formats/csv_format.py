"""CSV export: one row per annotation, safe to open in a spreadsheet.

Columns: start, end, quote, tags (joined with "; "), note, created, status. The status
column (anchored, moved, fuzzy, orphan) is ours, so orphans are listed too; an unknown
position is an empty cell. Any cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR
gets a leading ``'`` so a spreadsheet shows it as text instead of running it as a
formula. The file is UTF-8 with a byte-order mark, which Excel needs to read UTF-8.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable

from lectern.core.annotations import Annotation
from lectern.core.atomic_write import atomic_write_bytes

CSV_COLUMNS = ("start", "end", "quote", "tags", "note", "created", "status")
TAG_SEPARATOR = "; "
FRAGMENT_JOIN = " … "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: str) -> str:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def dumps_csv(annotations: Iterable[Annotation]) -> str:
    """The CSV text (without the byte-order mark), rows in text order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for annotation in sorted(annotations, key=Annotation.sort_key):
        known = annotation.start >= 0
        cells = (
            str(annotation.start) if known else "",
            str(annotation.end) if known else "",
            _quote(annotation),
            TAG_SEPARATOR.join(annotation.tags),
            annotation.note,
            annotation.created,
            annotation.status.value,
        )
        writer.writerow([neutralise_cell(cell) for cell in cells])
    return buffer.getvalue()


def _quote(annotation: Annotation) -> str:
    """The words annotated: a fragmented annotation's pieces joined by " … " (its exact
    covers the gaps too), as brat writes a discontinuous span."""
    if not annotation.fragments or annotation.is_orphan:
        return annotation.exact
    base = annotation.start
    return FRAGMENT_JOIN.join(annotation.exact[s - base:e - base]
                              for s, e in annotation.fragments)


def save_csv(path: str | os.PathLike[str], annotations: Iterable[Annotation]) -> None:
    """Write the CSV atomically."""
    atomic_write_bytes(path, dumps_csv(annotations).encode("utf-8-sig"))
