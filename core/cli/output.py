"""What every command writes the same way: JSON and text on stdout as UTF-8, plain tables,
and the line saying that the store was found damaged and what was brought back."""

from __future__ import annotations

import json
import sys

from lectern.core.store import AnnotationStore


def write_stdout(text: str) -> None:
    """``text`` on stdout as UTF-8, whatever the terminal's encoding."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a replaced stdout (tests) takes text
        sys.stdout.write(text)
    else:
        stream.write(text.encode("utf-8"))
        stream.flush()


def print_json(value: object) -> None:
    write_stdout(json.dumps(value, ensure_ascii=False, indent=1) + "\n")


def cell(value: object, width: int) -> str:
    flat = " ".join(str(value).split())  # newlines and tabs would break the table
    return (flat if len(flat) <= width else flat[:width - 1] + "…").ljust(width)


def print_table(head: tuple[str, ...], rows: list[tuple[object, ...]],
                widths: tuple[int, ...]) -> None:
    print("  ".join(cell(h, w) for h, w in zip(head, widths, strict=True)).rstrip())
    for row in rows:
        print("  ".join(cell(v, w) for v, w in zip(row, widths, strict=True)).rstrip())


def store_notice(store: AnnotationStore) -> None:
    """Say on stderr what opening found (a damaged store moved aside, what came back)."""
    if store.recovery_message:
        print(f"lectern: {store.recovery_message}", file=sys.stderr)
