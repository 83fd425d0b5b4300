"""Which format a file is in, told by its content (whatever it is called), and the one line
that says which formats Lectern reads when it is none of them."""

from __future__ import annotations

import json
import re
from typing import Any

from lectern.core.formats.doccano import is_doccano
from lectern.core.formats.labelstudio import is_labelstudio
from lectern.core.formats.prodigy import is_prodigy

# The formats, by the names Format gives them, as read in a message.
READ_FORMATS_LINE = ("Lectern reads W3C Web Annotation and Hypothesis JSON, brat standoff "
                     "(.ann beside its .txt), doccano and Prodigy JSONL, Label Studio JSON "
                     "and REFI-QDA projects (.qdpx)")
_BRAT_LINE = re.compile(r"(?:[TREAMN#]\d+|\*)\t\S")


def sniff(raw: bytes) -> str | None:
    """The name of the format ``raw`` is in ("w3c", "brat", "doccano", "prodigy",
    "labelstudio", "qdpx"), "jsonl" for JSON Lines of another kind, or None."""
    if raw.startswith(b"PK\x03\x04"):
        return "qdpx"
    head = raw.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not head:
        return None
    if head[:1] in (b"{", b"["):
        return _json_kind(head)
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    if _BRAT_LINE.match(first):
        return "brat"
    return None


def _json_kind(head: bytes) -> str | None:
    try:
        document = json.loads(head)
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            return "w3c" if head[:1] in (b"{", b"[") else None  # broken JSON: let W3C say why
        return _lines_kind(head)
    except (ValueError, RecursionError):
        return "w3c"  # the W3C reader says what is wrong
    if isinstance(document, dict):
        return _record_kind(document) or "w3c"
    if isinstance(document, list) and document and is_labelstudio(document):
        return "labelstudio"
    return "w3c"


def _record_kind(record: dict[str, Any]) -> str | None:
    if isinstance(record.get("data"), dict):
        return "labelstudio"
    if isinstance(record.get("spans"), list) and is_prodigy(record):
        return "prodigy"  # before doccano: Prodigy's "label" is a string, never spans
    if is_doccano(record):
        return "doccano"
    return None


def _lines_kind(head: bytes) -> str:
    for line in head.split(b"\n"):
        if line.strip():
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                return "jsonl"
            kind = _record_kind(record) if isinstance(record, dict) else None
            if kind in ("doccano", "prodigy"):
                return kind
            if isinstance(record, dict) and isinstance(record.get("text"), str):
                return "prodigy"  # a text with no spans yet
            return "jsonl"
    return "jsonl"
