"""JSON Lines files of the labelling tools: one JSON object per line, one document each.

Writing lives with each tool's shape (``doccano``, ``prodigy``); this reads the lines,
naming the one at fault.
"""

from __future__ import annotations

import json
from typing import Any

from lectern.core.errors import LecternError
from lectern.core.formats.parsed import decode_utf8


def json_lines(raw: bytes, name: str, what: str) -> list[dict[str, Any]]:
    """Every non-empty line of a JSONL file as an object; all or nothing."""
    text = decode_utf8(raw, name, f"a {what} file")
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            raise LecternError(f"“{name}”, line {number}: not a JSON object ({error}); "
                               f"nothing was loaded.") from None
        except ValueError as error:  # an integer of more than 4,300 digits
            raise LecternError(f"“{name}”, line {number}: holds a number too long to read "
                               f"({error}); nothing was loaded.") from None
        if not isinstance(record, dict):
            raise LecternError(f"“{name}”, line {number}: a {what} line must be a JSON "
                               "object.")
        records.append(record)
    return records


def dumps_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"
