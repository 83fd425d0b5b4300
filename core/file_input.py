"""Reading a file the reader named: only a regular file, never blocking, with one clear
message for each way it can fail (missing, a folder, a FIFO or device, a symlink loop,
unreadable, too large). Every reader of user files (articles, annotation files) uses this.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from lectern.core.errors import LecternError

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))

_READ_REASONS = {
    errno.ENOENT: "does not exist",
    errno.EACCES: "cannot be read: permission denied",
    errno.EPERM: "cannot be read: permission denied",
    errno.ELOOP: "is a symbolic link loop (a link that leads back to itself)",
    errno.ENAMETOOLONG: "has a name that is too long",
    errno.ENOTDIR: "does not exist (a part of its path is not a folder)",
    errno.EIO: "cannot be read: the disk reported an input/output error",
}


def describe_read_error(error: OSError) -> str:
    """Why a file could not be read, as the end of a sentence ("does not exist")."""
    reason = _READ_REASONS.get(error.errno or 0)
    return reason or f"cannot be read: {(error.strerror or str(error)).lower()}"


def file_kind(mode: int) -> str | None:
    """"a FIFO (named pipe)", "a folder"…, or None for a regular file."""
    return next((name for test, name in _KINDS if test(mode)), None if stat.S_ISREG(mode)
                else "not a regular file")


def read_input_file(path: str | os.PathLike[str], max_bytes: int,
                    what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them, or a LecternError
    that names the file and says what is wrong. A FIFO or device is refused before it is
    opened (opening a FIFO blocks until a writer comes); the check is repeated on the open
    descriptor, so a file swapped for a FIFO in between is refused too."""
    path = Path(path)
    try:
        kind = file_kind(os.stat(path).st_mode)
        if kind is not None:
            raise LecternError(f"“{path}” is {kind}, not a {what} Lectern can read.")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise LecternError(f"“{path}” {describe_read_error(error)}.") from None
    try:
        info = os.fstat(fd)
        kind = file_kind(info.st_mode)
        if kind is not None:
            raise LecternError(f"“{path}” is {kind}, not a {what} Lectern can read.")
        if info.st_size > max_bytes:
            raise LecternError(_too_large(path, info.st_size, max_bytes, what))
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, min(1 << 20, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # it grew while we read
                raise LecternError(_too_large(path, total, max_bytes, what))
    except OSError as error:
        raise LecternError(f"“{path}” {describe_read_error(error)}.") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _too_large(path: Path, size: int, limit: int, what: str) -> str:
    return (f"“{path.name}” is {size / 2**20:,.1f} MB; Lectern reads a {what} of up to "
            f"{limit // 2**20} MB, so it was not opened.")
