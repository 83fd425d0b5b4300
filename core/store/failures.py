"""Store failures as LecternError: a message a person understands, never a raw sqlite3.Error."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from lectern.core.annotations import utc_text
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


def reads(method: Callable[P, R]) -> Callable[P, R]:
    """Wrap a store read so that a failure is a LecternError, like a failed write."""
    @wraps(method)
    def read(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as error:
            raise as_lectern(error, reading=True) from None
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
