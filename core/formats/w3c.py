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
An annotation whose position is unknown (``start == -1``) and an orphan are saved with
their quote only (an orphan's old position is on no text this file names); an annotation
of several fragments has one target per fragment; an article note targets the document
itself; a note keeps its media type (Hypothesis' Markdown); a tag that is an IRI is a
``SpecificResource`` (a semantic tag). A link between two annotations is an annotation
with the motivation ``linking`` whose two targets are their ids (``lectern:event`` groups
the arguments of a brat event). Ids are kept as they came: a UUID is written
``urn:uuid:…``, an IRI as it is, any other id under ``urn:x-lectern:id:``.

Reading accepts what other tools write too: see ``core.formats.w3c_parse``.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lectern.core.annotations import AnchorStatus, Annotation, quote_selector
from lectern.core.atomic_write import atomic_write_bytes
from lectern.core.errors import LecternError
from lectern.core.formats.parsed import (
    MAX_ANNOTATION_FILE_BYTES,
    check_parsed,
    decode_utf8,
    read_annotation_bytes,
    utf8,
)
from lectern.core.formats.w3c_fields import iri_of
from lectern.core.formats.w3c_parse import W3CRead, parse_document
from lectern.core.links import Link, links_between

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LECTERN_NAMESPACE = "urn:x-lectern:"
FINGERPRINT_KEY = "lectern:fingerprint"
STATUS_KEY = "lectern:status"
SOURCE_KEY = "lectern:source"
EVENT_KEY = "lectern:event"
__all__ = ["MAX_ANNOTATION_FILE_BYTES", "W3CSource", "dumps_w3c", "load_w3c", "loads_w3c",
           "parse_w3c", "read_w3c", "save_w3c"]
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


def _is_iri_tag(tag: str) -> bool:
    """A semantic tag (a DBpedia or Wikidata entity, say) is written as a resource."""
    return tag.startswith(("http://", "https://", "urn:")) and not any(c.isspace() for c in tag)


def _tag_body(tag: str) -> dict[str, Any]:
    if _is_iri_tag(tag):
        return {"type": "SpecificResource", "purpose": "tagging", "source": tag}
    return {"type": "TextualBody", "purpose": "tagging", "value": tag}


def _target(source: str, fingerprint: str, selectors: list[dict[str, Any]]) -> dict[str, Any]:
    target: dict[str, Any] = {"source": source}
    if fingerprint:
        target[FINGERPRINT_KEY] = fingerprint
    target["selector"] = selectors
    return target


def _quote(exact: str, prefix: str, suffix: str) -> dict[str, Any]:
    return {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}


def annotation_to_w3c(annotation: Annotation, source: str, fingerprint: str,
                      text: str | None = None) -> dict[str, Any]:
    """One Annotation as a W3C Web Annotation object (without ``@context``). An orphan is
    written with its quote only and no fingerprint (its old position is not on this text);
    an article note targets the document as a whole; fragments are one target each."""
    bodies: list[dict[str, Any]] = [_tag_body(tag) for tag in annotation.tags]
    if annotation.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": annotation.note,
                       "format": annotation.note_format or "text/plain"})
    if annotation.note:
        motivation = "commenting"
    elif annotation.tags:
        motivation = "tagging"
    else:
        motivation = "highlighting"
    quote = _quote(annotation.exact, annotation.prefix, annotation.suffix)
    target: Any
    if annotation.is_article_note:
        target = {"source": source, FINGERPRINT_KEY: fingerprint} if fingerprint else source
    elif annotation.is_orphan or annotation.start < 0:
        target = _target(source, "", [quote])
    elif annotation.fragments and text is not None:
        target = [_target(source, fingerprint, [
            {"type": "TextPositionSelector", "start": s, "end": e},
            _quote(*quote_selector(text, s, e))]) for s, e in annotation.fragments]
    else:
        target = _target(source, fingerprint, [
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
            quote])
    item: dict[str, Any] = {
        "id": iri_of(annotation.id),
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


def link_to_w3c(link: Link) -> dict[str, Any]:
    """A link as a ``linking`` annotation whose two targets are the linked annotations."""
    item: dict[str, Any] = {"id": iri_of(link.id), "type": "Annotation",
                            "created": link.created, "motivation": "linking"}
    bodies: list[dict[str, Any]] = []
    if link.label:
        bodies.append({"type": "TextualBody", "purpose": "classifying", "value": link.label})
    if link.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": link.note,
                       "format": "text/plain"})
    if bodies:
        item["body"] = bodies
    item["target"] = [iri_of(link.source), iri_of(link.target)]
    if link.event:
        item[EVENT_KEY] = link.event
    return item


def dumps_w3c(annotations: Iterable[Annotation],
              document_source: str | os.PathLike[str] | None = None,
              fingerprint: str = "", text: str | None = None,
              links: Sequence[Link] = ()) -> str:
    """The annotations (and the links between them) as the text of a W3C
    AnnotationCollection; ``text`` gives each fragment its own quote."""
    source = source_iri(document_source)
    annotations = list(annotations)
    links = links_between(links, (a.id for a in annotations))
    items = [annotation_to_w3c(a, source, fingerprint, text) for a in annotations]
    items += [link_to_w3c(k) for k in links]
    # Ids derived from what the file holds: the same annotations give the same bytes.
    content = "\x1f".join([source, fingerprint, *(f"{a.id}@{a.modified}" for a in annotations),
                           *(k.id for k in links)])
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
             fingerprint: str = "", text: str | None = None,
             links: Sequence[Link] = ()) -> None:
    """Write the annotations to ``path`` atomically (the old file survives any failure)."""
    atomic_write_bytes(path, utf8(dumps_w3c(annotations, document_source, fingerprint, text,
                                            links)))


def parse_w3c(data: str | bytes, text_length: int | None = None,
              name: str = "the annotation file") -> W3CRead:
    """Parse W3C annotations from JSON text; all or nothing.

    ``text_length`` (the length of the text they are meant for) lets positions be checked
    against it. Accepted shapes: a single Annotation, a JSON array of them, an
    AnnotationCollection/AnnotationPage (``first.items`` or ``items``), a Hypothesis search
    result (``rows``) and the Hypothesis client's export (``annotations``). Raises
    LecternError naming the annotation and field at fault.
    """
    if isinstance(data, bytes):
        data = decode_utf8(data, name, "a W3C annotation file")
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
    except ValueError as error:  # an integer of more than 4,300 digits
        raise LecternError(f"“{name}” holds a number too long to read ({error}); nothing was "
                           "loaded.") from None
    read = parse_document(document, text_length, name)
    check_parsed(read.parsed, name)
    return read


def loads_w3c(data: str | bytes, text_length: int | None = None,
              name: str = "the annotation file") -> tuple[list[Annotation], W3CSource]:
    """The annotations and source of W3C JSON text (``parse_w3c`` without links; an
    annotation with several targets comes as one piece per target)."""
    read = parse_w3c(data, text_length, name)
    return read.parsed.annotations, W3CSource(read.source, read.fingerprint)


def load_w3c(path: str | os.PathLike[str],
             text_length: int | None = None) -> tuple[list[Annotation], W3CSource]:
    """Read a W3C annotation file (see ``loads_w3c``); refuses absurdly large files unread."""
    path = Path(path)
    return loads_w3c(read_annotation_bytes(path), text_length, path.name)


def read_w3c(path: str | os.PathLike[str], raw: bytes | None = None,
             text_length: int | None = None) -> W3CRead:
    path = Path(path)
    if raw is None:
        raw = read_annotation_bytes(path)
    return parse_w3c(raw, text_length, path.name)


class _ConstantError(ValueError):
    pass


def _refuse_constant(token: str) -> float:
    raise _ConstantError(token)
