"""Write files so that a crash, a kill or a full disk never leaves them half-written.

One file: the bytes go to a temporary file in the same folder (so ``os.replace`` is a
rename on one file system), which is flushed and fsynced before it replaces the target;
the folder is then fsynced so the rename itself survives a power cut. On any failure the
old file is untouched and the temporary file is removed.

Several files that belong together (a brat .txt and its .ann): ``atomic_write_files``
keeps a journal (see ``write_journal``), so that a kill at any moment leaves either all
the old files or all the new ones once the next Lectern has started.

A target that is a symbolic link is written through: its target file gets the new
content and the link stays a link. Each save first removes the temporaries that killed
saves left in the folder (only those whose process is gone).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from lectern.core.errors import LecternError
from lectern.core.file_ops import (
    clean_stale_temporaries,
    describe_os_error,
    fsync_folder,
    remove_quietly,
    stamp,
    temporary_beside,
    write_new_file,
)
from lectern.core.write_journal import PendingFile, digest, forget, record, roll_back

__all__ = ["atomic_write_bytes", "atomic_write_files", "describe_os_error"]


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once, or raise LecternError and change nothing."""
    target = _written_through(Path(path))
    folder = target.parent
    clean_stale_temporaries(folder)
    temporary = temporary_beside(target, "tmp")
    try:
        _refuse_folder(target)
        write_new_file(temporary, data, mode_of=target)
        os.replace(temporary, target)
    except OSError as error:
        remove_quietly(temporary)
        raise _save_error(target, error) from error
    except BaseException:
        remove_quietly(temporary)
        raise
    fsync_folder(folder)


def atomic_write_files(files: Mapping[str | os.PathLike[str], bytes],
                       journal_folder: str | os.PathLike[str]) -> None:
    """Replace every file of ``files`` (path: new bytes) so that the old set or the new set
    survives any failure or kill, never a mix: the save is journalled in
    ``journal_folder`` (Lectern's ``AppPaths.pending_writes``), whose leftovers the next
    Lectern to start settles. On an error nothing is changed and LecternError says why."""
    targets = {_written_through(Path(p)): data for p, data in files.items()}
    if len(targets) <= 1:
        for target, data in targets.items():
            atomic_write_bytes(target, data)
        return
    mark = stamp()
    pending = [PendingFile(t, temporary_beside(t, "new", mark),
                           temporary_beside(t, "old", mark) if t.exists() else None,
                           digest(data)) for t, data in targets.items()]
    for folder in {t.parent for t in targets}:
        clean_stale_temporaries(folder)
    try:
        for target in targets:
            _refuse_folder(target)
        journal = record(Path(journal_folder), mark, pending)
    except OSError as error:
        raise LecternError(f"Could not start saving {_names(targets)}: the record of the "
                           f"save in {journal_folder} cannot be written "
                           f"({describe_os_error(error)}).") from error
    current = next(iter(targets))
    try:
        for file in pending:  # 1. every new content beside its target, fsynced
            current = file.target
            write_new_file(file.temporary, targets[file.target], mode_of=file.target)
        for file in pending:  # 2. a second name for each old file, to undo with
            if file.backup is not None:
                current = file.target
                _back_up(file.target, file.backup)
        for folder in {t.parent for t in targets}:
            fsync_folder(folder)
        for file in pending:  # 3. the switch, one rename each
            current = file.target
            os.replace(file.temporary, file.target)
        for folder in {t.parent for t in targets}:
            fsync_folder(folder)
    except OSError as error:
        _undo(pending, journal)
        raise _save_error(current, error) from error
    except BaseException:
        _undo(pending, journal)
        raise
    for file in pending:  # 4. done: the backups and the journal go
        if file.backup is not None:
            remove_quietly(file.backup)
    with suppress(OSError):  # the files are all new; the next start only removes it
        forget(journal)


def _undo(pending: list[PendingFile], journal: Path) -> None:
    try:
        roll_back(pending)
        forget(journal)
    except OSError:
        pass  # the journal stays: the next Lectern to start settles it


def _back_up(target: Path, backup: Path) -> None:
    try:
        os.link(target, backup)  # a hard link: no copy, and the old bytes stay put
    except OSError:  # a file system without hard links: a copy does the same job
        write_new_file(backup, target.read_bytes(), mode_of=target)


def _written_through(path: Path) -> Path:
    """The file a save to ``path`` writes: the end of its chain of links, if it is one."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _refuse_folder(target: Path) -> None:
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(target))


def _names(targets: Mapping[Path, bytes]) -> str:
    return " and ".join(f"“{t}”" for t in targets)


def _save_error(target: Path, error: OSError) -> LecternError:
    return LecternError(f"Could not save “{target}”: {describe_os_error(error)}.")
