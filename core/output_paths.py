"""Where Lectern may write a file the reader named: the ONE check every save and export goes
through, in the window and on the command line (annotation exports, screenshots, facts
CSV, charts, settings).

A name is writable when it is a regular file or a new name in an existing folder. A
symbolic link is followed and its target checked by the same rules; the save then writes
through it, so the link stays a link. Refused, before anything is written: a folder, a
FIFO, a device or a socket (writing to a FIFO would hang); a link loop; anything inside
Lectern's own folders (its store, settings, cache: a JSON export over the store would
replace every annotation); and the article being read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from lectern.core.errors import LecternError
from lectern.core.file_input import describe_read_error, file_kind
from lectern.core.paths import AppPaths


def output_target(path: str | os.PathLike[str], protected: AppPaths | None = None,
                  article: str | os.PathLike[str] | None = None) -> Path:
    """The file a save to ``path`` writes (``path`` itself, or the end of its links), or a
    LecternError saying why it may not be written. ``protected``: the installation whose
    folders no save may enter (None for Lectern's own files, such as its settings);
    ``article``: the article that no save may overwrite."""
    given = Path(path)
    if not str(path):
        raise LecternError("No file name was given to save to.")
    target = _resolved(given)
    _refuse_kind(given, target)
    if protected is not None:
        _refuse_inside(given, target, protected)
    if article is not None and _same_file(target, Path(article)):
        raise LecternError(f"Saving to “{given.name}” would overwrite the article itself; "
                           "choose another name.")
    return target


def _resolved(given: Path) -> Path:
    try:
        os.stat(given)
    except FileNotFoundError:
        pass  # a new name (or a link to one): its folder is checked below
    except OSError as error:  # a loop, or a path through a file
        raise LecternError(f"Cannot save to “{given}”: it {describe_read_error(error)}.") \
            from None
    return Path(os.path.realpath(given))


def _refuse_kind(given: Path, target: Path) -> None:
    via = f" (where the link “{given}” leads)" if given.is_symlink() else ""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise LecternError(f"Cannot save to “{target}”{via}: its folder does not "
                               "exist.") from None
        return
    except OSError as error:
        raise LecternError(f"Cannot save to “{target}”{via}: it "
                           f"{describe_read_error(error)}.") from None
    kind = file_kind(mode)
    if kind is not None:
        raise LecternError(f"Cannot save to “{target}”{via}: it is {kind}, not a file; "
                           "choose a file name.")


def _refuse_inside(given: Path, target: Path, protected: AppPaths) -> None:
    for folder in _real(protected.folders):
        if target == folder or target.is_relative_to(folder):
            raise LecternError(f"Cannot save to “{given}”: it is inside Lectern's own folder "
                               f"“{folder}” (where it keeps its annotation store and "
                               "settings); choose a place outside it.")
    store = protected.store_file
    for own in (store, Path(f"{store}-wal"), protected.settings_file):
        if _same_file(target, own):  # a hard link to the store, elsewhere
            raise LecternError(f"Cannot save to “{given}”: it is Lectern's own file "
                               f"“{own}”; choose another name.")


def _real(folders: Iterable[Path]) -> list[Path]:
    return [Path(os.path.realpath(folder)) for folder in folders]


def _same_file(target: Path, other: Path) -> bool:
    """The same name once links are followed, or the same file under another name."""
    if Path(os.path.realpath(other)) == target:
        return True
    try:
        return os.path.samefile(target, other)
    except OSError:
        return False
