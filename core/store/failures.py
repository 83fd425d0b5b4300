"""Store failures as LecternError: a message a person understands, never a raw sqlite3.Error."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

from lectern.core.annotations import Annotation, utc_text
from lectern.core.errors import LecternError
from lectern.core.store.schema import SCHEMA_VERSION, SETUP_DEADLINE_S, is_busy, result_code

P = ParamSpec("P")
R = TypeVar("R")


_LEFT = "It was left as it is; nothing in it was changed."
_FULL, _IOERR, _PERM, _AUTH, _READONLY, _CANTOPEN = 13, 10, 3, 23, 8, 14


def open_failure(error: sqlite3.Error, path: Path) -> LecternError:
    """Why the healthy store at ``path`` could not be opened, as a person would say it."""
    code = result_code(error)
    if is_busy(error):
        reason = (f"is busy: another Lectern kept it locked for over {SETUP_DEADLINE_S:.0f} "
                  "seconds. Try again")
    elif code == _FULL:
        reason = "cannot be written: the disk is full. Free some space and try again"
    elif code == _IOERR:
        reason = (f"cannot be opened: the system reported an input/output error "
                  f"({getattr(error, 'sqlite_errorname', error)}); the disk may be full or "
                  "failing, or a limit on file sizes may be set")
    elif code in (_READONLY, _PERM, _AUTH, _CANTOPEN):
        reason = _access_problem(path) or f"cannot be opened ({error})"
    else:
        reason = f"cannot be opened ({error})"
    return LecternError(f"The annotation store {path} {reason}. {_LEFT}")


def _access_problem(path: Path) -> str | None:
    folder = path.parent
    if not folder.is_dir():
        return f"cannot be opened: its folder {folder} does not exist"
    if path.is_dir():
        return "cannot be opened: it is a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot be opened for writing: its folder {folder} is read-only to you"
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return "cannot be opened for writing: the file is read-only to you"
    return None


def newer_store(path: Path, version: int) -> LecternError:
    return LecternError(f"The annotation store {path} was written by a newer Lectern (schema "
                        f"version {version}; this one reads up to {SCHEMA_VERSION}). {_LEFT} "
                        "Use that newer Lectern, or give this one another LECTERN_HOME.")


def damaged_store(path: Path, reason: str) -> LecternError:
    """For a command that only reads: the damage is reported and the file left alone."""
    return LecternError(f"The annotation store {path} is damaged ({reason}). {_LEFT} The "
                        "next Lectern that writes to it (the window, or lectern import) moves "
                        "it aside, starts a fresh store and can recover what it still holds.")


def as_lectern(error: sqlite3.Error, reading: bool = False) -> LecternError:
    if "locked" in str(error) or "busy" in str(error):
        if reading:
            return LecternError("The annotation store is busy (another Lectern is writing) "
                                "and could not be read. Try again.")
        return LecternError("The annotation store is busy (another Lectern is writing); "
                            "your change was not saved and nothing was changed. Try again.")
    if reading:
        return LecternError(f"The annotation store could not be read: {error}.")
    return LecternError(f"The annotation store could not save the change ({error}); "
                        "nothing was changed.")


_TEXT_FIELDS = ("id", "exact", "prefix", "suffix", "note", "created", "modified")


def unencodable(fingerprint: str, annotation: Annotation) -> LecternError | None:
    """The error naming the first field of ``annotation`` that SQLite cannot store (text
    holding a lone surrogate such as ``\\ud800``, which is not valid Unicode), if any."""
    fields = [(name, getattr(annotation, name)) for name in _TEXT_FIELDS]
    fields += [("fingerprint", fingerprint)] + [("tag", tag) for tag in annotation.tags]
    for name, value in fields:
        if isinstance(value, str) and not _encodes(value):
            return LecternError(f"Annotation {annotation.id!a} was not saved: its {name} "
                                f"holds {ascii(value)[:60]}, which is not valid Unicode text "
                                "(a lone surrogate); nothing was changed.")
    return None


def storable(text: str) -> str:
    """``text`` as the store keeps a name (a path, a title): a lone surrogate, as a file name
    that is not UTF-8 decodes to, is kept as its escape ``\\udcff``."""
    return text if _encodes(text) else text.encode("utf-8", "backslashreplace").decode("utf-8")


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def reads(method: Callable[P, R]) -> Callable[P, R]:
    """Wrap a store read so that a failure is a LecternError, like a failed write."""
    @wraps(method)
    def read(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as error:
            raise as_lectern(error, reading=True) from None
        except UnicodeEncodeError:  # a search word with a lone surrogate
            raise LecternError("The annotation store could not be searched for text that is "
                               "not valid Unicode (a lone surrogate).") from None
    return read


def search_bound(timestamp: str, name: str) -> str:
    """A search bound in the stored form (UTC, Z), so text order is time order."""
    if "T" not in timestamp:  # a bare date: compared by its prefix
        try:
            return utc_text(timestamp + "T00:00:00Z")[:10]
        except ValueError:
            raise LecternError(f"{name} must be an ISO 8601 date, got {timestamp!r}.") from None
    try:
        return utc_text(timestamp)
    except ValueError:
        raise LecternError(f"{name} must be an ISO 8601 date and time between the years 1 and "
                           f"9999 in UTC, got {timestamp!r}.") from None
