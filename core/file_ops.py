"""The durable-file steps every save is made of: a temporary file written and fsynced beside
its target, a folder fsynced so a rename survives a power cut, a reason a person
understands for an OSError, and the clean-up of temporaries a killed save left behind.

A temporary is named ``.NAME.PID-NS.KIND``: NAME the file it becomes, PID the process that
writes it (so a leftover whose process is gone can be told from a save in progress), NS a
nanosecond stamp, KIND ``tmp`` (a single save), ``new`` or ``old`` (the new file and the
backup of the old one in a save of several files, which its journal accounts for).
"""

from __future__ import annotations

import errno
import os
import re
import time
from contextlib import suppress
from pathlib import Path

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would be larger than the system allows (a file-size limit)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "a folder of that name is in the way",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ELOOP: "it is a symbolic link loop (a link that leads back to itself)",
}
TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-(?P<stamp>\d+)\.(?P<kind>tmp|new|old)$")


def describe_os_error(error: OSError) -> str:
    """A short reason a person understands, e.g. "the disk is full"."""
    return _REASONS.get(error.errno or 0) or (error.strerror or str(error)).lower()


def stamp() -> str:
    """``PID-NS``: unique to this process and moment, for temporary and journal names."""
    return f"{os.getpid()}-{time.monotonic_ns()}"


def temporary_beside(target: Path, kind: str, mark: str | None = None) -> Path:
    return target.with_name(f".{target.name}.{mark or stamp()}.{kind}")


def write_new_file(path: Path, data: bytes, mode_of: Path | None = None) -> None:
    """Create ``path`` (never an existing file), write ``data`` and fsync it; on failure
    remove what was made and raise the OSError. ``mode_of``: copy that file's mode."""
    # O_EXCL: never write into a file someone else made; 0o666 lets the umask decide.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 0o666)
    try:
        try:
            if mode_of is not None:
                _keep_mode_of(mode_of, fd)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        remove_quietly(path)
        raise


def _keep_mode_of(target: Path, fd: int) -> None:
    """Give the new file the permissions of the one it replaces."""
    if not hasattr(os, "fchmod"):
        return
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return
    os.fchmod(fd, mode)


def fsync_folder(folder: Path) -> None:
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


def remove_quietly(path: Path) -> None:
    # Gone already, or nothing more we can do; the first error is the one to report.
    with suppress(OSError):
        os.unlink(path)


def process_gone(pid: int) -> bool:
    """Whether no process ``pid`` runs here (a leftover of it may be cleaned up)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False  # it exists (another user's), or we cannot tell: leave its files
    return False


def clean_stale_temporaries(folder: Path, kinds: tuple[str, ...] = ("tmp",)) -> list[Path]:
    """Remove the ``kinds`` of temporaries in ``folder`` whose process is gone; return
    them. Only regular files named as ours are touched, never through a link."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = TEMPORARY.match(entry.name)
        if found is None or found["kind"] not in kinds:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
        except OSError:
            continue
        if process_gone(int(found["pid"])):
            path = Path(entry.path)
            remove_quietly(path)
            removed.append(path)
    return removed
