"""Prodigy's JSONL: ``{"text": …, "spans": [{"start", "end", "label"}], "answer": "accept"}``,
one line per document, offsets in code points. ``--format jsonl`` is this shape too.
Prodigy's relations need its tokens, which Lectern does not make: links are not written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from lectern.core.annotations import Annotation
from lectern.core.errors import LecternError
from lectern.core.formats.jsonl import dumps_line, json_lines
from lectern.core.formats.labelling import (
    LECTERN_KEY,
    Span,
    annotations_from_spans,
    check_span,
    record_for,
    spans_of,
)
from lectern.core.formats.parsed import ParsedFile
from lectern.core.links import Link


def prodigy_record(text: str, annotations: Iterable[Annotation],
                   links: Sequence[Link] = ()) -> tuple[dict[str, Any], int, int]:
    """The record, how many annotations had no span, and how many links were left out."""
    made = spans_of(text, annotations, links)
    record = {"text": text,
              "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in made.spans],
              "answer": "accept", LECTERN_KEY: made.meta}
    return record, made.skipped, len(made.links)


def dumps_prodigy(text: str, annotations: Iterable[Annotation],
                  links: Sequence[Link] = ()) -> tuple[str, int, int]:
    record, skipped, dropped = prodigy_record(text, annotations, links)
    return dumps_line(record), skipped, dropped


def is_prodigy(record: dict[str, Any]) -> bool:
    return isinstance(record.get("text"), str) and isinstance(record.get("spans", []), list)


def read_prodigy(raw: bytes, name: str, article: str | None) -> tuple[str, ParsedFile]:
    records = json_lines(raw, name, "Prodigy")
    texts = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record.get("text"), str):
            raise LecternError(f"“{name}”, record {number}: has no “text”.")
        texts.append(record["text"])
    index = record_for(texts, article, name, "document")
    record, text = records[index], texts[index]
    where = f"“{name}”, record {index + 1}"
    found = record.get("spans") or []
    if not isinstance(found, list):
        raise LecternError(f"{where}: “spans” must be a list.")
    spans = []
    for n, item in enumerate(found, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            raise LecternError(f"{where}, span {n}: must be an object with a “label”.")
        start, end = check_span(item.get("start"), item.get("end"), text, f"{where}, span {n}")
        spans.append(Span(start, end, item["label"], f"span-{n}"))
    parsed = annotations_from_spans(text, spans, record.get(LECTERN_KEY), name)
    if record.get("relations"):
        parsed.notices.append(f"{where}: its {len(record['relations']):,} relations count in "
                              "Prodigy's tokens, which Lectern does not read; not kept.")
    if record.get("answer") in ("reject", "ignore"):
        parsed.notices.append(f"{where} was answered “{record['answer']}” in Prodigy; its "
                              "spans were imported all the same.")
    return text, parsed
