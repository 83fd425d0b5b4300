"""Moving an unusable store file aside (with its WAL) so a fresh one can start; never deleting."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", "-journal")


def move_aside(path: Path, tag: str) -> Path:
    """Rename ``path`` to ``<name>.<tag>-<UTC timestamp>`` (and its side files alongside).

    The WAL moves under the matching name, so opening the moved file with SQLite still
    sees every change that was committed to it.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.{tag}-{stamp}")
    counter = 1
    while any(Path(f"{aside}{side}").exists() for side in ("", *SIDE_FILES)):
        counter += 1  # two recoveries in one second must not overwrite the first
        aside = path.with_name(f"{path.name}.{tag}-{stamp}-{counter}")
    for side in SIDE_FILES:
        source = Path(f"{path}{side}")
        if source.exists():
            os.replace(source, f"{aside}{side}")
    os.replace(path, aside)
    return aside
