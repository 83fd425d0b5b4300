"""brat standoff: a ``.txt`` with the text and a ``.ann`` with offsets into it.

Export choices (brat cannot say everything Lectern can):

- Offsets are code points into the exported ``.txt``, which is the canonical text
  written as UTF-8 with ``\\n`` line breaks, so they match Lectern's offsets exactly.
- A span crossing a line break becomes discontinuous fragments ``s1 e1;s2 e2`` (line
  breaks are left out); line breaks at either end of a span are trimmed off, since a
  brat fragment cannot hold one. The text column joins the fragments with a space.
- Each tag is its own ``T`` line over the same fragments (whitespace in a tag name
  becomes ``_``); an untagged annotation gets the label ``Highlight``.
- The note is an ``AnnotatorNotes`` comment on the first ``T`` line, with backslash,
  newline, tab and CR escaped as ``\\\\``, ``\\n``, ``\\t`` and ``\\r``.
- Orphans and zero-width annotations have no span in the text and are left out
  (``BratExport.skipped`` counts them).

Import groups ``T`` lines with identical fragments into one annotation with several tags
(``Highlight`` means no tag), so two Lectern annotations over exactly the same span come
back as one. Relations, events, attributes and normalisations are ignored. brat has no
ids of ours, so each annotation gets one derived from its content (``stable_id``): importing
the same file twice merges instead of doubling every highlight.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lectern.core.annotations import Annotation, quote_selector, stable_id, utc_now, utc_text
from lectern.core.atomic_write import atomic_write_bytes, describe_os_error
from lectern.core.errors import LecternError

UNTAGGED_LABEL = "Highlight"
MAX_BRAT_FILE_BYTES = 200 * 1024 * 1024
_IGNORED_KINDS = set("REAMN*")  # relations, events, attributes, normalisations, equivalences
_FRAGMENT = re.compile(r"(\d+) (\d+)")
_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_UNESCAPES = {value: key for key, value in _ESCAPES.items()}


@dataclass(frozen=True)
class BratExport:
    """The two files of a brat export, and how many annotations could not go in."""

    txt: str
    ann: str
    skipped: int = 0


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


def _label(tag: str) -> str:
    return re.sub(r"\s+", "_", tag.strip()) or UNTAGGED_LABEL


def dumps_brat(text: str, annotations: Iterable[Annotation]) -> BratExport:
    """The ``.txt`` and ``.ann`` contents for ``annotations`` on ``text``."""
    lines: list[str] = []
    number = note_number = skipped = 0
    for annotation in sorted(annotations, key=Annotation.sort_key):
        placed = not annotation.is_orphan and 0 <= annotation.start <= annotation.end <= len(text)
        pieces = fragments_of(text, annotation.start, annotation.end) if placed else []
        if not pieces:
            skipped += 1
            continue
        offsets = ";".join(f"{s} {e}" for s, e in pieces)
        quote = " ".join(text[s:e] for s, e in pieces)
        first = number + 1
        for tag in annotation.tags or (UNTAGGED_LABEL,):
            number += 1
            lines.append(f"T{number}\t{_label(tag)} {offsets}\t{quote}")
        if annotation.note:
            note_number += 1
            lines.append(f"#{note_number}\tAnnotatorNotes T{first}\t{escape_note(annotation.note)}")
    return BratExport(txt=text, ann="".join(line + "\n" for line in lines), skipped=skipped)


def save_brat(txt_path: str | os.PathLike[str], text: str,
              annotations: Iterable[Annotation]) -> BratExport:
    """Write ``txt_path`` and the ``.ann`` beside it, each atomically."""
    export = dumps_brat(text, annotations)
    txt_path = Path(txt_path)
    atomic_write_bytes(txt_path, export.txt.encode("utf-8"))
    atomic_write_bytes(txt_path.with_suffix(".ann"), export.ann.encode("utf-8"))
    return export


def loads_brat(ann: str, text: str, name: str = "the .ann file",
               created: str | None = None) -> list[Annotation]:
    """Annotations from ``.ann`` content whose offsets count into ``text``; all or nothing.

    ``created`` (default now) dates them all; ``load_brat`` gives the file's modification
    time, so a re-import never counts as newer than an edit made since."""
    created = created or utc_now()
    groups: dict[tuple[tuple[int, int], ...], list[str]] = {}
    owner: dict[str, tuple[tuple[int, int], ...]] = {}
    notes: dict[tuple[tuple[int, int], ...], list[str]] = {}
    pending_notes: list[tuple[int, str, str]] = []
    for number, line in enumerate(ann.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"“{name}”, line {number}"
        kind = line[0]
        if kind == "T":
            identifier, label, pieces = _parse_text_bound(line, text, where)
            if identifier in owner:
                raise LecternError(f"{where}: the id {identifier} is used twice.")
            owner[identifier] = pieces
            groups.setdefault(pieces, [])
            if label != UNTAGGED_LABEL and label not in groups[pieces]:
                groups[pieces].append(label)
        elif kind == "#":
            fields = line.split("\t", 2)
            if len(fields) != 3:
                raise LecternError(f"{where}: a note line must have three tab-separated fields "
                                   f"(id, “AnnotatorNotes T…”, note); found {len(fields)}.")
            words = fields[1].split(" ")
            if words[0] == "AnnotatorNotes":
                if len(words) != 2:
                    raise LecternError(f"{where}: expected “AnnotatorNotes T…”, got "
                                       f"“{fields[1]}”.")
                pending_notes.append((number, words[1], unescape_note(fields[2])))
        elif kind not in _IGNORED_KINDS:
            raise LecternError(f"{where}: “{line[:20]}” is not a brat annotation line (they "
                               "start with T, R, E, A, M, N, * or #).")
    for number, target, note in pending_notes:
        if target not in owner:
            raise LecternError(f"“{name}”, line {number}: the note refers to {target}, which "
                               "is not a text annotation in this file.")
        notes.setdefault(owner[target], []).append(note)
    annotations = []
    for pieces, tags in groups.items():
        start, end = pieces[0][0], pieces[-1][1]
        exact, prefix, suffix = quote_selector(text, start, end)
        note = "\n\n".join(notes.get(pieces, []))
        annotations.append(Annotation(start=start, end=end, exact=exact, prefix=prefix,
                                      suffix=suffix, tags=tuple(tags), note=note,
                                      id=stable_id(start, end, exact, tags, note),
                                      created=created))
    return annotations


def _parse_text_bound(line: str, text: str,
                      where: str) -> tuple[str, str, tuple[tuple[int, int], ...]]:
    fields = line.split("\t", 2)  # the text itself may hold a tab
    if len(fields) != 3:
        raise LecternError(f"{where}: a T line must have three tab-separated fields (id, "
                           f"“type start end”, text); found {len(fields)}.")
    identifier, middle, quoted = fields
    if not re.fullmatch(r"T\S+", identifier):
        raise LecternError(f"{where}: “{identifier}” is not a text annotation id (T1, T2, …).")
    label, _, offsets = middle.partition(" ")
    if not label or not offsets:
        raise LecternError(f"{where}: expected “type start end” in the second field, got "
                           f"“{middle}”.")
    pieces: list[tuple[int, int]] = []
    for fragment in offsets.split(";"):
        match = _FRAGMENT.fullmatch(fragment)
        if match is None:
            raise LecternError(f"{where}: “{fragment}” is not a pair of offsets “start end”.")
        start, end = int(match.group(1)), int(match.group(2))
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


def load_brat(ann_path: str | os.PathLike[str],
              txt_path: str | os.PathLike[str] | None = None) -> tuple[str, list[Annotation]]:
    """Read a brat ``.ann`` and its ``.txt`` (beside it unless given): the text and annotations.

    The offsets count into the ``.txt`` exactly as stored; re-anchor the annotations onto a
    Document's canonical text if the two differ.
    """
    ann_path = Path(ann_path)
    txt_path = Path(txt_path) if txt_path is not None else ann_path.with_suffix(".txt")
    text = _read_text(txt_path)
    ann = _read_text(ann_path)
    changed = datetime.fromtimestamp(ann_path.stat().st_mtime, UTC).isoformat()
    return text, loads_brat(ann, text, ann_path.name, utc_text(changed))


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BRAT_FILE_BYTES:
            raise LecternError(f"“{path.name}” is larger than "
                               f"{MAX_BRAT_FILE_BYTES // 2**20} MB, so it was not opened.")
        raw = path.read_bytes()
    except OSError as error:
        raise LecternError(f"Could not read “{path}”: {describe_os_error(error)}.") from error
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LecternError(f"“{path.name}” is not UTF-8 text (byte {error.start}).") from error
