"""Which files an export writes, and the one file it must never write: the article itself."""

from __future__ import annotations

import os
from pathlib import Path

from lectern.core.errors import LecternError


def written_files(fmt: str, out: str | os.PathLike[str]) -> list[Path]:
    """The files an export to ``out`` writes; brat writes a ``.txt`` and its ``.ann``."""
    out = Path(out)
    if fmt == "brat":
        txt = out.with_suffix(".txt") if out.suffix.lower() == ".ann" else out
        return [txt, txt.with_suffix(".ann")]
    return [out]


def check_targets(fmt: str, out: str | os.PathLike[str],
                  article: str | os.PathLike[str] | None) -> list[Path]:
    """``written_files``, after refusing any that is the article or a folder."""
    targets = written_files(fmt, out)
    source = Path(article).resolve() if article else None
    for target in targets:
        if target.is_dir():
            raise LecternError(f"“{target}” is a folder; choose a file name.")
        if source is not None and target.resolve() == source:
            raise LecternError(f"Exporting to “{target.name}” would overwrite the article "
                               "itself; choose another name.")
    return targets
