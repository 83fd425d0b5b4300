"""Reading brat standoff: a ``.ann`` and the ``.txt`` its offsets count into.

``T`` lines with identical fragments become one annotation with several tags
(``Highlight`` means no tag), with its fragments kept exactly (a discontinuous span stays
one, not widened over its gaps). ``R`` lines become links, ``E`` lines one link from the
trigger to each argument (sharing the event's key); an ``AnnotatorNotes`` comment goes on
the annotation, relation or event it names. Attributes, normalisations and equivalences
have no place in Lectern: they are counted in the notices, not refused. brat counts a
CRLF in the ``.txt`` as one character, so line ends are normalised before offsets are
checked. brat has no ids of ours, so each annotation gets one derived from its content
(``stable_id``): importing the same file twice merges instead of doubling every highlight.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lectern.core.annotations import Annotation, quote_selector, stable_id, utc_now, utc_text
from lectern.core.errors import LecternError
from lectern.core.formats.brat import UNTAGGED_LABEL, unescape_note
from lectern.core.formats.parsed import (
    ParsedFile,
    check_parsed,
    decode_utf8,
    read_annotation_bytes,
    whole_offset,
)
from lectern.core.links import LINK_NAMESPACE, Link, stable_link_id
from lectern.core.readouts.wording import count

_NOT_KEPT = {"A": "attribute", "M": "attribute", "N": "normalisation", "*": "equivalence"}
_FRAGMENT = re.compile(r"(\d+) (\d+)")
_ID = re.compile(r"[TREAMN#]\S*|\*")
Pieces = tuple[tuple[int, int], ...]


@dataclass
class _Read:
    owner: dict[str, Pieces] = field(default_factory=dict)  # T id -> its fragments
    groups: dict[Pieces, list[str]] = field(default_factory=dict)  # fragments -> tags
    notes: dict[str, list[str]] = field(default_factory=dict)  # T/R/E id -> notes
    relations: list[tuple[str, str, str, str]] = field(default_factory=list)
    events: dict[str, tuple[str, list[tuple[str, str]]]] = field(default_factory=dict)
    pending_notes: list[tuple[int, str, str]] = field(default_factory=list)
    not_kept: dict[str, int] = field(default_factory=dict)


def parse_brat(ann: str, text: str, name: str = "the .ann file",
               created: str | None = None) -> ParsedFile:
    """Annotations and links from ``.ann`` content whose offsets count into ``text``; all
    or nothing. ``created`` (default now) dates them all."""
    created = created or utc_now()
    read = _Read()
    for number, line in enumerate(ann.removeprefix("\ufeff").split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.strip():
            _line(read, line, text, f"“{name}”, line {number}")
    lone_events = _notes_onto_triggers(read)
    annotation_of: dict[Pieces, Annotation] = {}
    for pieces, tags in read.groups.items():
        ids = [i for i, p in read.owner.items() if p == pieces]
        note = "\n\n".join(n for i in ids for n in read.notes.get(i, []))
        annotation_of[pieces] = _annotation(text, pieces, tags, note, created)
    links = _links(read, annotation_of, name, created)
    for number, target, _ in read.pending_notes:
        if target not in read.owner and target not in read.events and \
                target not in {r[0] for r in read.relations}:
            raise LecternError(f"“{name}”, line {number}: the note refers to {target}, which "
                               "is not an annotation, relation or event in this file.")
    notices = [f"{count(n, kind)} not kept: Lectern has no place for brat {kind}s."
               for kind, n in read.not_kept.items()]
    if lone_events:
        notices.append(f"{count(lone_events, 'note')} on events with no arguments kept on "
                       "their trigger annotations (Lectern keeps an event as links to its "
                       "arguments).")
    return check_parsed(ParsedFile(list(annotation_of.values()), links, notices), name)


def _notes_onto_triggers(read: _Read) -> int:
    """An event with no arguments is no link: its notes go on its trigger's annotation, where
    they are kept. Returns how many notes moved."""
    moved = 0
    for identifier, (trigger, arguments) in read.events.items():
        if not arguments and identifier in read.notes and trigger in read.owner:
            notes = read.notes.pop(identifier)
            read.notes.setdefault(trigger, []).extend(notes)
            moved += len(notes)
    return moved


def _line(read: _Read, line: str, text: str, where: str) -> None:
    kind = line[0]
    identifier = line.split("\t", 1)[0].split(" ")[0]
    if not _ID.fullmatch(identifier):
        raise LecternError(f"{where}: “{line[:20]}” is not a brat annotation line (they "
                           "start with T, R, E, A, M, N, * or #).")
    if kind == "T":
        identifier, label, pieces = _text_bound(line, text, where)
        if identifier in read.owner:
            raise LecternError(f"{where}: the id {identifier} is used twice.")
        read.owner[identifier] = pieces
        tags = read.groups.setdefault(pieces, [])
        if label != UNTAGGED_LABEL and label not in tags:
            tags.append(label)
    elif kind == "R":
        fields = line.split("\t")
        words = fields[1].split(" ") if len(fields) >= 2 else []
        if len(words) != 3 or not all(":" in w for w in words[1:]):
            raise LecternError(f"{where}: expected “R… Type Arg1:T… Arg2:T…”.")
        read.relations.append((identifier, words[0], words[1].partition(":")[2],
                               words[2].partition(":")[2]))
    elif kind == "E":
        fields = line.split("\t")
        words = fields[1].split() if len(fields) >= 2 else []
        if not words or ":" not in words[0]:
            raise LecternError(f"{where}: expected “E… Type:T… Role:T…”.")
        trigger = words[0].partition(":")[2]
        arguments = [(w.partition(":")[0], w.partition(":")[2]) for w in words[1:]]
        read.events[identifier] = (trigger, arguments)
    elif kind == "#":
        fields = line.split("\t", 2)
        if len(fields) != 3:
            raise LecternError(f"{where}: a note line must have three tab-separated fields "
                               f"(id, “AnnotatorNotes T…”, note); found {len(fields)}.")
        words = fields[1].split(" ")
        if len(words) != 2:
            raise LecternError(f"{where}: expected “AnnotatorNotes T…”, got “{fields[1]}”.")
        number = int(where.rpartition(" ")[2])
        read.pending_notes.append((number, words[1], unescape_note(fields[2])))
        read.notes.setdefault(words[1], []).append(unescape_note(fields[2]))
    else:
        noun = _NOT_KEPT[kind]
        read.not_kept[noun] = read.not_kept.get(noun, 0) + 1


def _annotation(text: str, pieces: Pieces, tags: list[str], note: str,
                created: str) -> Annotation:
    start, end = pieces[0][0], pieces[-1][1]
    exact, prefix, suffix = quote_selector(text, start, end)
    fragments = pieces if len(pieces) > 1 else ()
    identity = exact if not fragments else f"{exact}\x1e{fragments}"
    return Annotation(start=start, end=end, exact=exact, prefix=prefix, suffix=suffix,
                      tags=tuple(tags), note=note, fragments=fragments,
                      id=stable_id(start, end, identity, tags, note), created=created)


def _links(read: _Read, annotation_of: dict[Pieces, Annotation], name: str,
           created: str) -> list[Link]:
    def resolve(ref: str, where: str) -> str:
        if ref in read.owner:
            return annotation_of[read.owner[ref]].id
        if ref in read.events and read.events[ref][0] in read.owner:
            return annotation_of[read.owner[read.events[ref][0]]].id  # its trigger
        raise LecternError(f"“{name}”: {where} refers to {ref}, which is not a text "
                           "annotation or event in this file.")

    links = []
    for identifier, label, first, second in read.relations:
        source, target = resolve(first, identifier), resolve(second, identifier)
        note = "\n\n".join(read.notes.get(identifier, []))
        links.append(Link(source, target, label, "", note,
                          stable_link_id(source, target, label), created))
    for identifier, (trigger, arguments) in read.events.items():
        source = resolve(trigger, identifier)
        # One key per event, the same each time this file is read.
        event = str(uuid.uuid5(LINK_NAMESPACE, f"{source}\x1f{identifier}"))
        note = "\n\n".join(read.notes.get(identifier, []))
        for role, ref in arguments:
            target = resolve(ref, identifier)
            links.append(Link(source, target, role, event, note,
                              stable_link_id(source, target, role, event), created))
    return links


def _text_bound(line: str, text: str, where: str) -> tuple[str, str, Pieces]:
    fields = line.split("\t", 2)  # the text itself may hold a tab
    if len(fields) != 3:
        raise LecternError(f"{where}: a T line must have three tab-separated fields (id, "
                           f"“type start end”, text); found {len(fields)}.")
    identifier, middle, quoted = fields
    label, _, offsets = middle.partition(" ")
    if not label or not offsets:
        raise LecternError(f"{where}: expected “type start end” in the second field, got "
                           f"“{middle}”.")
    pieces: list[tuple[int, int]] = []
    for fragment in offsets.split(";"):
        match = _FRAGMENT.fullmatch(fragment)
        if match is None:
            raise LecternError(f"{where}: “{fragment[:40]}” is not a pair of offsets "
                               "“start end”.")
        start, end = whole_offset(match.group(1), where), whole_offset(match.group(2), where)
        if start > end:
            raise LecternError(f"{where}: start {start} is after end {end}.")
        if end > len(text):
            raise LecternError(f"{where}: end {end} is beyond the end of the text "
                               f"({len(text)} characters).")
        if pieces and start < pieces[-1][1]:
            raise LecternError(f"{where}: fragment {start} {end} overlaps or precedes the "
                               "one before it.")
        pieces.append((start, end))
    found = " ".join(text[s:e] for s, e in pieces)
    if found != quoted:
        raise LecternError(f"{where}: the text “{_clip(quoted)}” does not match the .txt at "
                           f"{offsets}, which reads “{_clip(found)}”.")
    return identifier, label, tuple(pieces)


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def brat_text_path(ann_path: Path) -> Path:
    return ann_path.with_suffix(".txt")


def read_brat(ann_path: str | os.PathLike[str], txt_path: str | os.PathLike[str] | None = None,
              raw_ann: bytes | None = None, article: str | None = None
              ) -> tuple[str, ParsedFile]:
    """Read a brat ``.ann`` and its ``.txt`` (beside it unless given): the text, with line
    ends normalised as brat counts them, and what the ``.ann`` holds. With no ``.txt``, the
    spans are read against ``article`` (the text the import is for), when there is one."""
    ann_path = Path(ann_path)
    txt_path = Path(txt_path) if txt_path is not None else brat_text_path(ann_path)
    if raw_ann is None:
        raw_ann = read_annotation_bytes(ann_path, "brat .ann file")
    missing = not txt_path.exists() and not txt_path.is_symlink()
    if missing and article is not None:
        ann = decode_utf8(raw_ann, ann_path.name, "a brat annotation file")
        parsed = parse_brat(ann, article, ann_path.name, utc_text(_changed(ann_path)))
        parsed.notices.insert(0, f"No “{txt_path.name}” beside “{ann_path.name}”: its spans "
                                 "were read against the article's text.")
        return article, parsed
    if missing:
        raise LecternError(f"“{ann_path.name}” is a brat annotation file, but the text it "
                           f"annotates, “{txt_path.name}”, is missing: brat keeps the two side "
                           "by side.")
    text = decode_utf8(read_annotation_bytes(txt_path, "brat text file"), txt_path.name,
                       "a brat text file").replace("\r\n", "\n")
    ann = decode_utf8(raw_ann, ann_path.name, "a brat annotation file")
    return text, parse_brat(ann, text, ann_path.name, utc_text(_changed(ann_path)))


def _changed(ann_path: Path) -> str:
    """When the ``.ann`` was last written: its annotations' creation time."""
    try:
        return datetime.fromtimestamp(ann_path.stat().st_mtime, UTC).isoformat()
    except OSError:
        return utc_now()


def loads_brat(ann: str, text: str, name: str = "the .ann file",
               created: str | None = None) -> list[Annotation]:
    """The annotations of ``.ann`` content (``parse_brat`` without the links)."""
    return parse_brat(ann, text, name, created).annotations


def load_brat(ann_path: str | os.PathLike[str],
              txt_path: str | os.PathLike[str] | None = None) -> tuple[str, list[Annotation]]:
    """The text and annotations of a brat pair (``read_brat`` without the links)."""
    text, parsed = read_brat(ann_path, txt_path)
    return text, parsed.annotations
