"""doccano's JSONL: ``{"text": …, "label": [[start, end, "Tag"], …]}`` for sequence labelling,
``{"text", "entities": [{id, label, start_offset, end_offset}], "relations": [{id, from_id,
to_id, type}]}`` for a project with relations. Offsets are code points, as doccano counts.

Lectern writes the first shape, or the second when the annotations are linked; reading takes
either, and a text-classification ``label`` (a list of names) as tags of an article note.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from lectern.core.annotations import Annotation, stable_id
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


def doccano_record(text: str, annotations: Iterable[Annotation],
                   links: Sequence[Link] = ()) -> tuple[dict[str, Any], int]:
    """The record for ``text`` and how many annotations had no span to give."""
    made = spans_of(text, annotations, links)
    record: dict[str, Any] = {"text": text}
    if not made.links:
        record["label"] = [[s.start, s.end, s.label] for s in made.spans]
    else:
        record["entities"] = [{"id": i + 1, "label": s.label, "start_offset": s.start,
                               "end_offset": s.end} for i, s in enumerate(made.spans)]
        first: dict[str, int] = {}
        for i, span in enumerate(made.spans):
            first.setdefault(span.owner, i + 1)
        record["relations"] = [{"id": n, "from_id": first[k.source], "to_id": first[k.target],
                                "type": k.label or "Link"}
                               for n, k in enumerate(made.links, start=1)]
    record[LECTERN_KEY] = made.meta
    return record, made.skipped


def dumps_doccano(text: str, annotations: Iterable[Annotation],
                  links: Sequence[Link] = ()) -> tuple[str, int]:
    record, skipped = doccano_record(text, annotations, links)
    return dumps_line(record), skipped


def is_doccano(record: dict[str, Any]) -> bool:
    return isinstance(record.get("text", record.get("data")), str) and (
        "label" in record or "labels" in record or "entities" in record)


def read_doccano(raw: bytes, name: str, article: str | None) -> tuple[str, ParsedFile]:
    """The chosen record's text and its annotations and links."""
    records = json_lines(raw, name, "doccano")
    texts = []
    for number, record in enumerate(records, start=1):
        text = record.get("text", record.get("data"))
        if not isinstance(text, str):
            raise LecternError(f"“{name}”, record {number}: has no “text”.")
        texts.append(text)
    index = record_for(texts, article, name, "document")
    return texts[index], _record(records[index], texts[index], f"“{name}”, record {index + 1}",
                                 name)


def _record(record: dict[str, Any], text: str, where: str, name: str) -> ParsedFile:
    spans: list[Span] = []
    article_tags: list[str] = []
    labels = record.get("label", record.get("labels", []))
    if not isinstance(labels, list):
        raise LecternError(f"{where}: “label” must be a list.")
    for n, item in enumerate(labels, start=1):
        if isinstance(item, str):
            article_tags.append(item)  # text classification: a label of the whole text
        elif isinstance(item, list) and len(item) == 3 and isinstance(item[2], str):
            start, end = check_span(item[0], item[1], text, f"{where}, label {n}")
            spans.append(Span(start, end, item[2], f"label-{n}"))
        elif isinstance(item, dict):
            spans.append(_entity(item, text, f"{where}, label {n}", f"label-{n}"))
        else:
            raise LecternError(f"{where}, label {n}: expected [start, end, \"Tag\"].")
    entities = record.get("entities", [])
    if not isinstance(entities, list):
        raise LecternError(f"{where}: “entities” must be a list.")
    for n, item in enumerate(entities, start=1):
        if not isinstance(item, dict):
            raise LecternError(f"{where}, entity {n}: must be an object.")
        spans.append(_entity(item, text, f"{where}, entity {n}", f"entity-{item.get('id', n)}"))
    relations = []
    for n, item in enumerate(record.get("relations") or [], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("type", ""), str):
            raise LecternError(f"{where}, relation {n}: must be an object with a type.")
        relations.append((f"entity-{item.get('from_id')}", f"entity-{item.get('to_id')}",
                          item.get("type", "")))
    meta = record.get(LECTERN_KEY)
    parsed = annotations_from_spans(text, spans, meta, name, relations) if spans or relations \
        else ParsedFile([])
    if article_tags:
        tags = tuple(dict.fromkeys(article_tags))
        parsed.annotations.append(Annotation.article_note(
            "", tags=tags, id=stable_id(0, 0, "", tags, "")))
        parsed.notices.append(f"The labels of the whole text ({', '.join(tags)}) were kept "
                              "as the tags of an article note.")
    return parsed


def _entity(item: dict[str, Any], text: str, where: str, owner: str) -> Span:
    label = item.get("label")
    if not isinstance(label, str):
        raise LecternError(f"{where}: “label” must be text.")
    start, end = check_span(item.get("start_offset"), item.get("end_offset"), text, where)
    return Span(start, end, label, owner)
