"""Which files ``add`` reads: the article files named, and those in folders, recursively.

Every path becomes an article candidate, a refusal with its reason (missing, a FIFO or a
device, a link that loops, a folder that cannot be listed) or a skipped file (another
extension, a hidden file). Nothing here blocks: entries are looked at with ``stat``, never
opened, and a folder reached again through a symbolic link is reported as a loop.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lectern.core.file_input import describe_read_error, file_kind

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})


@dataclass(frozen=True)
class Refused:
    path: str
    reason: str


@dataclass
class Scan:
    files: list[Path] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    skipped: int = 0


def scan(paths: Iterable[str | os.PathLike[str]]) -> Scan:
    """The article files among ``paths`` (folders read recursively), in a stable order."""
    found = Scan()
    seen_files: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given).expanduser()
        try:
            info = os.stat(path)
        except OSError as error:
            found.refused.append(Refused(str(path), _reason(path, error)))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, found, seen_files, ((info.st_dev, info.st_ino),))
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            known = ", ".join(sorted(ARTICLE_SUFFIXES))
            found.refused.append(Refused(str(path), f"is not an article file (Lectern adds "
                                                    f"{known})"))
        else:
            _take(path, info, found, seen_files)
    return found


def _walk(top: Path, found: Scan, seen_files: set[tuple[int, int]],
          ancestors: tuple[tuple[int, int], ...]) -> None:
    """Read ``top`` depth first; ``ancestors`` are the folders (device, inode) above."""
    stack = [(top, ancestors)]
    visited = set(ancestors)
    while stack:
        folder, above = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name, reverse=True)
        except OSError as error:
            found.refused.append(Refused(str(folder), f"cannot be read as a folder: "
                                                      f"{describe_read_error(error)}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                found.skipped += 1  # .git, .DS_Store: not articles anyone meant to add
                continue
            try:
                info = os.stat(path)  # follows links: a folder link is read once
            except OSError as error:
                found.refused.append(Refused(str(path), _reason(path, error)))
                continue
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if key in above:
                    found.refused.append(Refused(str(path), "is a folder link that loops back "
                                                            "to a folder above it; not followed"))
                elif key not in visited:
                    visited.add(key)
                    stack.append((path, (*above, key)))
                continue
            if path.suffix.lower() not in ARTICLE_SUFFIXES:
                found.skipped += 1
                continue
            _take(path, info, found, seen_files)


def _take(path: Path, info: os.stat_result, found: Scan,
          seen_files: set[tuple[int, int]]) -> None:
    kind = file_kind(info.st_mode)
    if kind is not None:
        found.refused.append(Refused(str(path), f"is {kind}, not an article file"))
        return
    key = (info.st_dev, info.st_ino)
    if key in seen_files:
        return  # the same file named twice, or reached through a link: read once
    seen_files.add(key)
    found.files.append(path)


def _reason(path: Path, error: OSError) -> str:
    if path.is_symlink() and error.errno != 40:  # ELOOP has its own wording
        return "is a broken link (what it points to does not exist)"
    return describe_read_error(error)
