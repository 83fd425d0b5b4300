"""Store failures as LecternError: a message a person understands, never a raw sqlite3.Error."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from lectern.core.annotations import Annotation, utc_text
from lectern.core.errors import LecternError

P = ParamSpec("P")
R = TypeVar("R")


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
