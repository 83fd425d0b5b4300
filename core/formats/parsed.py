"""What a reader gives the exchange layer: annotations, the links between them, and what it
could only keep in part, said for people. Also the checks every reader shares."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from lectern.core.annotations import Annotation
from lectern.core.errors import LecternError
from lectern.core.file_input import read_input_file
from lectern.core.links import Link

MAX_ANNOTATION_FILE_BYTES = 200 * 1024 * 1024
# Offsets past this are no text's: refused before SQLite's 64-bit integers overflow.
MAX_OFFSET = 2**53
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class ParsedFile:
    """One file read whole. ``groups`` joins pieces after anchoring: a W3C annotation with
    several targets is read as one piece per target (each found by its own quote) and put
    back together as one annotation with fragments (id -> the ids of its pieces)."""

    annotations: list[Annotation]
    links: list[Link] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    groups: dict[str, list[str]] = field(default_factory=dict)


def read_annotation_bytes(path: str | os.PathLike[str],
                         what: str = "file of annotations") -> bytes:
    """The bytes of a user's annotation file: a regular file only (a FIFO never hangs us)."""
    return read_input_file(Path(path), MAX_ANNOTATION_FILE_BYTES, what)


def decode_utf8(raw: bytes, name: str, what: str) -> str:
    """UTF-8 text without a byte-order mark, or a LecternError that says which byte is bad."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LecternError(f"“{name}” is not UTF-8 text (byte {error.start} is not valid), so "
                           f"it is not {what}.") from None


def check_text(value: str, field_name: str, name: str) -> str:
    """``value``, or a LecternError when it holds a lone surrogate (``\\ud800`` in JSON),
    which no file can be saved with."""
    if _LONE_SURROGATE.search(value):
        raise LecternError(f"“{name}”: {field_name} holds an unpaired surrogate escape (like "
                           "\\ud800), which is not a character; nothing was loaded.")
    return value


def check_parsed(parsed: ParsedFile, name: str) -> ParsedFile:
    """Refuse the whole file when any text it brings holds a lone surrogate."""
    for a in parsed.annotations:
        for field_name in ("id", "exact", "prefix", "suffix", "note"):
            check_text(getattr(a, field_name), f"the {field_name} of annotation {a.id!a}", name)
        for tag in a.tags:
            check_text(tag, f"a tag of annotation {a.id!a}", name)
    for k in parsed.links:
        for value in (k.id, k.label, k.note, k.event):
            check_text(value, f"link {k.id!a}", name)
    return parsed


def scrub(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD: an export never fails on one that
    an older Lectern let into the store."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def utf8(text: str) -> bytes:
    """``text`` as UTF-8, lone surrogates replaced (see ``scrub``)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return scrub(text).encode("utf-8")


def whole_offset(digits: str, where: str) -> int:
    """A decimal offset that fits a text, or a LecternError (never int()'s 4,300-digit error)."""
    if len(digits) > 16 or int(digits) > MAX_OFFSET:
        raise LecternError(f"{where}: the offset {digits[:20]}{'…' * (len(digits) > 20)} is "
                           "larger than any text.")
    return int(digits)
