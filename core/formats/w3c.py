"""Lectern's native annotation file: W3C Web Annotation JSON-LD.

A saved file is an ``AnnotationCollection`` whose embedded ``first`` ``AnnotationPage``
holds every ``Annotation`` (the spec's shape for a collection that fits in one page)::

    {"@context": ["http://www.w3.org/ns/anno.jsonld", {"lectern": "urn:x-lectern:"}],
     "type": "AnnotationCollection", "id": "urn:uuid:…", "total": 2,
     "first": {"type": "AnnotationPage", "startIndex": 0, "items": [ … ]}}

Each annotation's ``target`` has ``source`` (the document's file URI or path),
``lectern:fingerprint`` (the sha256 of the canonical text it was made on; a Lectern term,
declared in the context, because the model has no property for a content hash) and the
selectors ``[TextPositionSelector, TextQuoteSelector]``. Tags are ``TextualBody`` with
purpose ``tagging``, the note one with purpose ``commenting``. A status other than
anchored is kept in ``lectern:status`` so orphans stay orphans across a save and load.
The collection repeats source and fingerprint as ``lectern:source`` and
``lectern:fingerprint`` so an empty file still names its text.
An annotation whose position is unknown (``start == -1``) is saved with its quote only.

Reading accepts what other tools write too: see ``core.formats.w3c_parse``.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lectern.core.annotations import AnchorStatus, Annotation
from lectern.core.atomic_write import atomic_write_bytes, describe_os_error
from lectern.core.errors import LecternError
from lectern.core.formats.w3c_parse import parse_document

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LECTERN_NAMESPACE = "urn:x-lectern:"
FINGERPRINT_KEY = "lectern:fingerprint"
STATUS_KEY = "lectern:status"
SOURCE_KEY = "lectern:source"
MAX_ANNOTATION_FILE_BYTES = 200 * 1024 * 1024
COLLECTION_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:lectern:collection")


@dataclass(frozen=True)
class W3CSource:
    """What a loaded file says about the text its annotations were made on."""

    source: str = ""
    fingerprint: str = ""


def source_iri(document_source: str | os.PathLike[str] | None) -> str:
    """A file path as a ``file:`` URI (what the model expects); other strings as given."""
    if document_source is None:
        return ""
    if isinstance(document_source, os.PathLike):
        path = Path(document_source)
        return path.as_uri() if path.is_absolute() else path.as_posix()
    return str(document_source)


def annotation_to_w3c(annotation: Annotation, source: str, fingerprint: str) -> dict[str, Any]:
    """One Annotation as a W3C Web Annotation object (without ``@context``)."""
    bodies: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": tag}
                          for tag in annotation.tags]
    if annotation.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": annotation.note,
                       "format": "text/plain"})
    if annotation.note:
        motivation = "commenting"
    elif annotation.tags:
        motivation = "tagging"
    else:
        motivation = "highlighting"
    selectors: list[dict[str, Any]] = []
    if annotation.start >= 0:
        selectors.append({"type": "TextPositionSelector", "start": annotation.start,
                          "end": annotation.end})
    selectors.append({"type": "TextQuoteSelector", "exact": annotation.exact,
                      "prefix": annotation.prefix, "suffix": annotation.suffix})
    target: dict[str, Any] = {"source": source}
    if fingerprint:
        target[FINGERPRINT_KEY] = fingerprint
    target["selector"] = selectors
    item: dict[str, Any] = {
        "id": annotation.id if ":" in annotation.id else f"urn:uuid:{annotation.id}",
        "type": "Annotation",
        "created": annotation.created,
        "modified": annotation.modified,
        "motivation": motivation,
    }
    if bodies:
        item["body"] = bodies
    item["target"] = target
    if annotation.status is not AnchorStatus.ANCHORED:
        item[STATUS_KEY] = annotation.status.value
    return item


def dumps_w3c(annotations: Iterable[Annotation],
              document_source: str | os.PathLike[str] | None = None,
              fingerprint: str = "") -> str:
    """The annotations as the text of a W3C AnnotationCollection."""
    source = source_iri(document_source)
    annotations = list(annotations)
    items = [annotation_to_w3c(a, source, fingerprint) for a in annotations]
    # Ids derived from what the file holds: the same annotations give the same bytes.
    content = "\x1f".join([source, fingerprint, *(f"{a.id}@{a.modified}" for a in annotations)])
    collection_id = uuid.uuid5(COLLECTION_NAMESPACE, content)
    collection = {
        "@context": [ANNO_CONTEXT, {"lectern": LECTERN_NAMESPACE}],
        "id": f"urn:uuid:{collection_id}",
        "type": "AnnotationCollection",
        "label": f"Lectern annotations of {source}" if source else "Lectern annotations",
        "total": len(items),
        # Also here so that a file with no annotations still says which text it is for.
        SOURCE_KEY: source,
        FINGERPRINT_KEY: fingerprint,
        "first": {"id": f"urn:uuid:{uuid.uuid5(collection_id, 'page-1')}",
                  "type": "AnnotationPage", "startIndex": 0, "items": []},
    }
    # One annotation per line: readable and diffable, and json's C encoder (which indent
    # would turn off) keeps 10,000 annotations well under the 300 ms budget.
    head, marker, tail = json.dumps(collection, ensure_ascii=False, indent=1).rpartition(
        '"items": []')
    if not items:
        return head + marker + tail + "\n"
    lines = ",\n  ".join(json.dumps(item, ensure_ascii=False) for item in items)
    return f'{head}"items": [\n  {lines}\n ]{tail}\n'


def save_w3c(path: str | os.PathLike[str], annotations: Iterable[Annotation],
             document_source: str | os.PathLike[str] | None = None,
             fingerprint: str = "") -> None:
    """Write the annotations to ``path`` atomically (the old file survives any failure)."""
    text = dumps_w3c(annotations, document_source, fingerprint)
    atomic_write_bytes(path, text.encode("utf-8"))


def loads_w3c(data: str | bytes, text_length: int | None = None,
              name: str = "the annotation file") -> tuple[list[Annotation], W3CSource]:
    """Parse W3C annotations from JSON text; all or nothing.

    ``text_length`` (the length of the text they are meant for) lets positions be checked
    against it. Accepted shapes: a single Annotation, a JSON array of them, an
    AnnotationCollection/AnnotationPage (``first.items`` or ``items``), and a Hypothesis
    search result (``rows``). Raises LecternError naming the annotation and field at fault.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise LecternError(f"“{name}” is not UTF-8 text (byte {error.start} is not "
                               "valid), so it is not a W3C annotation file.") from error
    data = data.removeprefix("\ufeff")
    try:
        document = json.loads(data, parse_constant=_refuse_constant)
    except _ConstantError as error:
        raise LecternError(f"“{name}” contains {error.args[0]}, which is not a number JSON "
                           "allows; nothing was loaded.") from error
    except json.JSONDecodeError as error:
        if not data.strip():
            raise LecternError(f"“{name}” is empty.") from error
        if error.pos >= len(data.rstrip()):
            raise LecternError(f"“{name}” ends unexpectedly (is it truncated?): {error.msg} "
                               f"at line {error.lineno}, column {error.colno}.") from error
        raise LecternError(f"“{name}” is not valid JSON: {error.msg} at line {error.lineno}, "
                           f"column {error.colno}.") from error
    except RecursionError as error:
        raise LecternError(f"“{name}” is nested too deeply to be an annotation file.") from error
    annotations, source, fingerprint = parse_document(document, text_length, name)
    return annotations, W3CSource(source, fingerprint)


def load_w3c(path: str | os.PathLike[str],
             text_length: int | None = None) -> tuple[list[Annotation], W3CSource]:
    """Read a W3C annotation file (see ``loads_w3c``); refuses absurdly large files unread."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise LecternError(f"“{path.name}” is a folder, not an annotation file.")
        if size > MAX_ANNOTATION_FILE_BYTES:
            raise LecternError(
                f"“{path.name}” is {size / 2**20:,.0f} MB; Lectern reads annotation files up to "
                f"{MAX_ANNOTATION_FILE_BYTES // 2**20} MB, so it was not opened.")
        with path.open("rb") as handle:
            raw = handle.read(MAX_ANNOTATION_FILE_BYTES + 1)
    except OSError as error:
        raise LecternError(f"Could not read “{path}”: {describe_os_error(error)}.") from error
    if len(raw) > MAX_ANNOTATION_FILE_BYTES:  # it grew while we looked
        raise LecternError(f"“{path.name}” is larger than "
                           f"{MAX_ANNOTATION_FILE_BYTES // 2**20} MB, so it was not opened.")
    return loads_w3c(raw, text_length, path.name)


class _ConstantError(ValueError):
    pass


def _refuse_constant(token: str) -> float:
    raise _ConstantError(token)

