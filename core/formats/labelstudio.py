"""Label Studio's JSON: a list of tasks, each ``{"data": {"text": …}, "annotations" or
"predictions": [{"result": [ … ]}]}``. A text region is a result of type ``labels`` with
``value: {start, end, text, labels}``; a ``relation`` joins two regions by id, and a
per-region ``textarea`` (same id as its region) holds its note.

Lectern writes one task with its spans as ``predictions`` (what Label Studio imports as
pre-annotations), notes as per-region textareas and links as relations. Reading takes the
first annotation of the article's task that was not cancelled, else its first prediction.
Offsets are code points; where a region's ``text`` shows they were counted in UTF-16
units (a browser's), they are converted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from lectern.core.annotations import Annotation
from lectern.core.errors import LecternError
from lectern.core.formats.labelling import (
    LECTERN_KEY,
    Span,
    annotations_from_spans,
    check_span,
    record_for,
    spans_of,
    utf16_to_code_points,
)
from lectern.core.formats.parsed import ParsedFile, decode_utf8
from lectern.core.links import Link

FROM_NAME, TO_NAME, NOTE_NAME = "label", "text", "note"


def labelstudio_tasks(text: str, annotations: Iterable[Annotation],
                      links: Sequence[Link] = ()) -> tuple[list[dict[str, Any]], int]:
    annotations = list(annotations)
    made = spans_of(text, annotations, links)
    notes = {a.id: a.note for a in annotations if a.note}
    result: list[dict[str, Any]] = []
    region_of: dict[str, str] = {}
    for n, span in enumerate(made.spans, start=1):
        region = f"r{n}"
        region_of.setdefault(span.owner, region)
        result.append({"id": region, "from_name": FROM_NAME, "to_name": TO_NAME,
                       "type": "labels", "value": {"start": span.start, "end": span.end,
                                                   "text": text[span.start:span.end],
                                                   "labels": [span.label]}})
        if region_of[span.owner] == region and span.owner in notes:
            result.append({"id": region, "from_name": NOTE_NAME, "to_name": TO_NAME,
                           "type": "textarea", "value": {"start": span.start, "end": span.end,
                                                         "text": [notes[span.owner]]}})
    for link in made.links:
        result.append({"from_id": region_of[link.source], "to_id": region_of[link.target],
                       "type": "relation", "direction": "right",
                       "labels": [link.label] if link.label else []})
    task = {"data": {"text": text},
            "predictions": [{"model_version": "lectern", "result": result}],
            LECTERN_KEY: made.meta}
    return [task], made.skipped


def dumps_labelstudio(text: str, annotations: Iterable[Annotation],
                      links: Sequence[Link] = ()) -> tuple[str, int]:
    tasks, skipped = labelstudio_tasks(text, annotations, links)
    return json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", skipped


def is_labelstudio(document: Any) -> bool:
    tasks = document if isinstance(document, list) else [document]
    return bool(tasks) and all(isinstance(t, dict) and isinstance(t.get("data"), dict)
                               for t in tasks)


def read_labelstudio(raw: bytes, name: str, article: str | None) -> tuple[str, ParsedFile]:
    try:
        document = json.loads(decode_utf8(raw, name, "a Label Studio file"))
    except (json.JSONDecodeError, RecursionError, ValueError) as error:
        raise LecternError(f"“{name}” is not valid JSON ({error}).") from None
    tasks = document if isinstance(document, list) else [document]
    if not is_labelstudio(document):
        raise LecternError(f"“{name}” is not a Label Studio export: each task needs “data”.")
    texts = [_task_text(task, f"“{name}”, task {n}") for n, task in enumerate(tasks, 1)]
    index = record_for(texts, article, name, "task")
    task, text = tasks[index], texts[index]
    where = f"“{name}”, task {index + 1}"
    chosen, others = _chosen_results(task, where)
    parsed = _results(chosen, text, where, name, task.get(LECTERN_KEY))
    if others:
        parsed.notices.append(f"{where} holds the results of {others + 1} annotators; the "
                              "first one's were read (an article keeps one set of "
                              "annotations).")
    return text, parsed


def _task_text(task: dict[str, Any], where: str) -> str:
    data = task["data"]
    text = data.get("text")
    if isinstance(text, str):
        return text
    found = [v for v in data.values() if isinstance(v, str)]
    if not found:
        raise LecternError(f"{where}: its data holds no text.")
    return found[0]


def _chosen_results(task: dict[str, Any], where: str) -> tuple[list[Any], int]:
    """The first annotator's results (annotations, else predictions), and how many other
    annotators' results the task holds."""
    for key in ("annotations", "completions", "predictions"):
        entries = task.get(key) or []
        if not isinstance(entries, list):
            raise LecternError(f"{where}: “{key}” must be a list.")
        usable = [e for e in entries if isinstance(e, dict) and not e.get("was_cancelled")]
        if usable:
            result = usable[0].get("result", [])
            if not isinstance(result, list):
                raise LecternError(f"{where}: a “result” must be a list.")
            return result, len(usable) - 1
    return [], 0


def _results(result: list[Any], text: str, where: str, name: str, meta: Any) -> ParsedFile:
    spans: list[Span] = []
    notes: dict[str, str] = {}
    relations = []
    skipped = 0
    for n, item in enumerate(result, start=1):
        at = f"{where}, result {n}"
        if not isinstance(item, dict):
            raise LecternError(f"{at}: must be an object.")
        kind = item.get("type")
        found = item.get("value")
        value: dict[str, Any] = found if isinstance(found, dict) else {}
        if kind == "relation":
            labels = item.get("labels") or []
            relations.append((str(item.get("from_id")), str(item.get("to_id")),
                              labels[0] if labels and isinstance(labels[0], str) else ""))
        elif kind in ("labels", "hypertextlabels") and "start" in value:
            start, end = check_span(value.get("start"), value.get("end"), text, at)
            quoted = value.get("text")
            if isinstance(quoted, str) and text[start:end] != quoted:
                converted = utf16_to_code_points(text, start, end)
                if converted is None or text[converted[0]:converted[1]] != quoted:
                    raise LecternError(f"{at}: its text “{quoted[:40]}” is not the task's text "
                                       f"at {start}..{end}.")
                start, end = converted
            labels = value.get("labels") or []
            if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                raise LecternError(f"{at}: “labels” must be a list of names.")
            spans += [Span(start, end, label, str(item.get("id"))) for label in labels or [""]]
        elif kind == "textarea" and isinstance(value.get("text"), list):
            notes[str(item.get("id"))] = "\n".join(t for t in value["text"] if isinstance(t, str))
        else:
            skipped += 1
    parsed = annotations_from_spans(text, [s if s.label else Span(s.start, s.end, "Highlight",
                                                                  s.owner) for s in spans],
                                    meta, name, relations, notes)
    if skipped:
        parsed.notices.append(f"{skipped:,} results that are not text labels (choices, "
                              "ratings…) were not kept.")
    return parsed
