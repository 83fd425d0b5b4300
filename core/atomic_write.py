"""Write a file so that a crash or a full disk never leaves it half-written.

The bytes go to a temporary file in the same folder (so ``os.replace`` is a rename on one
file system), which is flushed and fsynced before it replaces the target; the folder is
then fsynced so the rename itself survives a power cut. On any failure the old file is
untouched and the temporary file is removed.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from lectern.core.errors import LecternError

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "a folder of that name is in the way",
    errno.ENAMETOOLONG: "the file name is too long",
}


def describe_os_error(error: OSError) -> str:
    """A short reason a person understands, e.g. "the disk is full"."""
    return _REASONS.get(error.errno or 0) or (error.strerror or str(error)).lower()


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once, or raise LecternError and change nothing."""
    target = Path(path)
    folder = target.parent
    temporary = folder / f".{target.name}.{os.getpid()}-{time.monotonic_ns()}.tmp"
    try:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(target))
        # O_EXCL: never write into a file someone else made; 0o666 lets the umask decide.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o666)
    except OSError as error:
        raise _save_error(target, error) from error
    try:
        try:
            _keep_mode_of(target, fd)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except OSError as error:
        _remove_quietly(temporary)
        raise _save_error(target, error) from error
    except BaseException:
        _remove_quietly(temporary)
        raise
    _fsync_folder(folder)


def _keep_mode_of(target: Path, fd: int) -> None:
    """Give the new file the permissions of the one it replaces."""
    if not hasattr(os, "fchmod"):
        return
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return
    os.fchmod(fd, mode)


def _fsync_folder(folder: Path) -> None:
    # Best effort: the new file is already in place, so a failure here cannot be undone;
    # some systems (Windows, some network file systems) cannot fsync a folder at all.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        pass  # nothing more we can do; the original error is the one to report


def _save_error(target: Path, error: OSError) -> LecternError:
    return LecternError(f"Could not save “{target}”: {describe_os_error(error)}.")
