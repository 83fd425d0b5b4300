"""JSONL spans in the doccano / Prodigy shape: ``{"text": …, "spans": [{start, end, label}]}``.

One line per document. An annotation with several tags gives one span per tag; an
untagged one gets the label ``Highlight``. Orphans have no span and are left out.
Offsets are code points into ``text``, like Prodigy's and doccano's.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

from lectern.core.annotations import Annotation
from lectern.core.atomic_write import atomic_write_bytes

UNTAGGED_LABEL = "Highlight"


def document_record(text: str, annotations: Iterable[Annotation]) -> dict[str, object]:
    """The JSON object of one document and its spans."""
    spans = []
    for annotation in sorted(annotations, key=Annotation.sort_key):
        if annotation.is_orphan or not 0 <= annotation.start <= annotation.end <= len(text):
            continue
        for label in annotation.tags or (UNTAGGED_LABEL,):
            spans.append({"start": annotation.start, "end": annotation.end, "label": label})
    return {"text": text, "spans": spans}


def dumps_jsonl(text: str, annotations: Iterable[Annotation]) -> str:
    """One JSONL line (with its newline) for ``text`` and its annotations."""
    return json.dumps(document_record(text, annotations), ensure_ascii=False) + "\n"


def save_jsonl(path: str | os.PathLike[str], text: str,
               annotations: Iterable[Annotation]) -> None:
    """Write the JSONL file atomically."""
    atomic_write_bytes(path, dumps_jsonl(text, annotations).encode("utf-8"))
