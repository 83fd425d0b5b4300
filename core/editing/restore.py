"""Bringing back an article's annotations: those stored for its text, else those made on an
earlier text at the same path, re-anchored to this one (the file was edited)."""

from __future__ import annotations

from dataclasses import dataclass

from lectern.core.anchoring import AnchorReport, reanchor_all
from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.store import AnnotationStore, DocumentRecord


@dataclass(frozen=True)
class Restored:
    """What was found; ``earlier`` and ``report`` are set when the annotations were made on
    an earlier version of the file and had to be re-anchored."""

    annotations: list[Annotation]
    earlier: DocumentRecord | None = None
    report: AnchorReport | None = None


def restore_annotations(store: AnnotationStore, document: Document) -> Restored:
    stored = store.annotations(document.fingerprint)
    if stored:
        return Restored(stored)
    path = str(document.source or "")
    if not path:
        return Restored([])
    for record in store.documents_at(path):  # the most recently opened first
        if record.fingerprint == document.fingerprint:
            continue
        older = store.annotations(record.fingerprint)
        if older:
            placed, report = reanchor_all(older, document.text)
            return Restored(placed, record, report)
    return Restored([])
