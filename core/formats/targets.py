"""Which files an export writes, each checked by ``output_target``: never the article, never
inside Lectern's own folders, never a folder, FIFO or device; a link is written through."""

from __future__ import annotations

import os
from pathlib import Path

from lectern.core.output_paths import output_target
from lectern.core.paths import AppPaths


def written_files(fmt: str, out: str | os.PathLike[str]) -> list[Path]:
    """The files an export to ``out`` writes; brat writes a ``.txt`` and its ``.ann``."""
    out = Path(out)
    if fmt == "brat":
        txt = out.with_suffix(".txt") if out.suffix.lower() == ".ann" else out
        return [txt, txt.with_suffix(".ann")]
    return [out]


def check_targets(fmt: str, out: str | os.PathLike[str],
                  article: str | os.PathLike[str] | None,
                  protected: AppPaths | None = None) -> list[Path]:
    """The files to write for ``written_files`` (links followed), after refusing any that
    ``output_target`` refuses; ``protected`` defaults to this installation's folders."""
    guard = protected if protected is not None else AppPaths.from_environment()
    return [output_target(target, guard, article) for target in written_files(fmt, out)]
