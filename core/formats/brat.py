"""brat standoff: a ``.txt`` with the text and a ``.ann`` with offsets into it (writing).

Export choices (brat cannot say everything Lectern can):

- Offsets are code points into the exported ``.txt``, which is the canonical text
  written as UTF-8 with ``\\n`` line breaks, so they match Lectern's offsets exactly.
- Each fragment of an annotation is one brat fragment; a fragment crossing a line break
  is split there (``s1 e1;s2 e2``, the line break left out) and line breaks at either end
  are trimmed off, since a brat fragment cannot hold one. The text column joins the
  fragments with a space, as brat does.
- Each tag is its own ``T`` line over the same fragments (whitespace in a tag name
  becomes ``_``); an untagged annotation gets the label ``Highlight``.
- The note is an ``AnnotatorNotes`` comment on the first ``T`` line, with backslash,
  newline, tab and CR escaped as ``\\\\``, ``\\n``, ``\\t`` and ``\\r``.
- A link is an ``R`` line (``Label Arg1:T1 Arg2:T2``); the arguments of one event are one
  ``E`` line whose type is its trigger's first tag. A link's note is an ``AnnotatorNotes``
  comment on its ``R`` or ``E`` line.
- Orphans, zero-width annotations and article notes have no span in the text and are left
  out (``BratExport.skipped`` counts them), and with them the links to them.
- ``annotation.conf`` declares the entity, relation and event types used, so that brat
  opens the folder as it is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lectern.core.annotations import Annotation
from lectern.core.atomic_write import atomic_write_bytes
from lectern.core.formats.parsed import utf8
from lectern.core.links import Link, links_between

UNTAGGED_LABEL = "Highlight"
_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_UNESCAPES = {value: key for key, value in _ESCAPES.items()}


@dataclass(frozen=True)
class BratExport:
    """The files of a brat export, and how many annotations and links could not go in."""

    txt: str
    ann: str
    skipped: int = 0
    conf: str = ""
    skipped_links: int = 0
    renamed: tuple[tuple[str, str], ...] = ()  # (tag, the brat type it became)
    shared_spans: int = 0  # annotations on exactly the words of an earlier one


def fragments_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` split at line breaks into non-empty pieces without them."""
    pieces = []
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        stop = end if newline < 0 else newline
        if stop > position:
            pieces.append((position, stop))
        position = stop + 1
    return pieces


def escape_note(note: str) -> str:
    return re.sub(r"[\\\n\t\r]", lambda m: _ESCAPES[m.group()], note)


def unescape_note(note: str) -> str:
    return re.sub(r"\\[\\ntr]", lambda m: _UNESCAPES[m.group()], note)


def brat_label(tag: str) -> str:
    return re.sub(r"\s+", "_", tag.strip()) or UNTAGGED_LABEL


def brat_pieces(text: str, annotation: Annotation) -> list[tuple[int, int]]:
    """The brat fragments of a placed annotation (none for one brat cannot hold)."""
    if annotation.is_orphan or not 0 <= annotation.start <= annotation.end <= len(text):
        return []
    return [piece for s, e in annotation.spans for piece in fragments_of(text, s, e)]


def dumps_brat(text: str, annotations: Iterable[Annotation],
               links: Sequence[Link] = ()) -> BratExport:
    """The ``.txt``, ``.ann`` and ``annotation.conf`` contents for ``annotations`` on ``text``."""
    lines: list[str] = []
    first_t: dict[str, int] = {}  # annotation id -> its first T number
    trigger_types: dict[str, str] = {}
    number = note_number = skipped = 0
    ordered = sorted(annotations, key=Annotation.sort_key)
    seen_offsets: set[str] = set()
    shared = 0
    for annotation in ordered:
        pieces = brat_pieces(text, annotation)
        if not pieces:
            skipped += 1
            continue
        offsets = ";".join(f"{s} {e}" for s, e in pieces)
        shared += offsets in seen_offsets  # read back, T lines of one span are one annotation
        seen_offsets.add(offsets)
        quote = " ".join(text[s:e] for s, e in pieces)
        first_t[annotation.id] = number + 1
        for tag in annotation.tags or (UNTAGGED_LABEL,):
            number += 1
            lines.append(f"T{number}\t{brat_label(tag)} {offsets}\t{quote}")
        if annotation.note:
            note_number += 1
            lines.append(f"#{note_number}\tAnnotatorNotes T{first_t[annotation.id]}\t"
                         f"{escape_note(annotation.note)}")
        trigger_types[annotation.id] = brat_label((annotation.tags or (UNTAGGED_LABEL,))[0])
    kept = links_between(links, first_t)
    relations: dict[str, None] = {}
    events: dict[str, dict[str, None]] = {}
    event_ids: dict[str, int] = {}  # trigger annotation id -> its E number (nested events)
    grouped: dict[tuple[str, str], list[Link]] = {}
    for link in kept:
        if link.event:
            grouped.setdefault((link.event, link.source), []).append(link)
    for count, (_, trigger) in enumerate(grouped, start=1):
        event_ids.setdefault(trigger, count)
    relation_number = 0
    for link in kept:
        if link.event:
            continue
        relation_number += 1
        label = brat_label(link.label or "Link")
        relations[label] = None
        lines.append(f"R{relation_number}\t{label} Arg1:{_ref(link.source, first_t, {})} "
                     f"Arg2:{_ref(link.target, first_t, event_ids)}")
        if link.note:
            note_number += 1
            lines.append(f"#{note_number}\tAnnotatorNotes R{relation_number}\t"
                         f"{escape_note(link.note)}")
    for count, ((_, trigger), arguments) in enumerate(grouped.items(), start=1):
        kind = trigger_types[trigger]
        roles = events.setdefault(kind, {})
        parts = [f"{kind}:T{first_t[trigger]}"]
        for link in arguments:
            role = brat_label(link.label or "Arg")
            roles[role] = None
            parts.append(f"{role}:{_ref(link.target, first_t, event_ids)}")
        lines.append(f"E{count}\t{' '.join(parts)}")
        note = next((k.note for k in arguments if k.note), "")
        if note:
            note_number += 1
            lines.append(f"#{note_number}\tAnnotatorNotes E{count}\t{escape_note(note)}")
    entities = [brat_label(t) for a in ordered if a.id in first_t
                for t in (a.tags or (UNTAGGED_LABEL,))]
    conf = annotation_conf(entities, relations, events)
    renamed = tuple(sorted({(tag, brat_label(tag)) for a in ordered if a.id in first_t
                            for tag in a.tags if brat_label(tag) != tag}))
    return BratExport(txt=text, ann="".join(line + "\n" for line in lines), skipped=skipped,
                      conf=conf, skipped_links=len(links) - len(kept), renamed=renamed,
                      shared_spans=shared)


def _ref(annotation_id: str, first_t: dict[str, int], event_ids: dict[str, int]) -> str:
    if annotation_id in event_ids:
        return f"E{event_ids[annotation_id]}"  # an argument that is itself an event
    return f"T{first_t[annotation_id]}"


def annotation_conf(entities: Iterable[str], relations: Iterable[str],
                    events: dict[str, dict[str, None]]) -> str:
    """brat's configuration for these types: every entity may fill every argument."""
    event_types = set(events)
    lines = ["# Written by Lectern: the types its export uses.", "[entities]"]
    lines += [e for e in dict.fromkeys(entities) if e not in event_types]
    lines.append("[relations]")
    lines += [f"{r}\tArg1:<ENTITY>, Arg2:<ENTITY>" for r in dict.fromkeys(relations)]
    lines.append("[events]")
    lines += [f"{kind}\t" + ", ".join(f"{role}*:<ENTITY>" for role in roles)
              if roles else kind for kind, roles in events.items()]
    lines.append("[attributes]")
    return "\n".join(lines) + "\n"


def save_brat(txt_path: str | os.PathLike[str], text: str, annotations: Iterable[Annotation],
              links: Sequence[Link] = ()) -> BratExport:
    """Write ``txt_path`` and the ``.ann`` beside it, each atomically (``annotation.conf`` is
    the exchange layer's to write: it must not replace one the reader keeps)."""
    export = dumps_brat(text, annotations, links)
    txt_path = Path(txt_path)
    atomic_write_bytes(txt_path, utf8(export.txt))
    atomic_write_bytes(txt_path.with_suffix(".ann"), utf8(export.ann))
    return export
