"""Opening the store file: what is damage (moved aside, for a command that writes) and what
is only a problem to report (I/O, a full disk, permissions, a lock, a newer Lectern), which
leaves the file exactly where and as it is."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from lectern.core.atomic_write import describe_os_error
from lectern.core.errors import LecternError
from lectern.core.store.failures import damaged_store, newer_store, open_failure
from lectern.core.store.recovery import move_aside
from lectern.core.store.schema import Damaged, Newer, connect

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Opened:
    connection: sqlite3.Connection
    moved_aside: Path | None = None  # where a damaged file went, when one did
    message: str | None = None  # what to tell the reader about it


def open_connection(path: Path, read_only: bool) -> Opened:
    """A connection to the store at ``path``; LecternError saying why when there is none."""
    if read_only:
        if not path.exists():
            raise LecternError(f"There is no annotation store at {path} yet.")
        try:
            return Opened(connect(path, read_only=True))
        except Damaged as damage:
            raise damaged_store(path, damage.reason) from None
        except Newer as newer:
            raise newer_store(path, newer.version) from None
        except sqlite3.Error as error:
            raise open_failure(error, path) from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LecternError(f"The folder {path.parent} for the annotation store cannot be "
                           f"made: {describe_os_error(error)}.") from None
    try:
        return Opened(connect(path))
    except Damaged as damage:
        reason = damage.reason
    except Newer as newer:
        raise newer_store(path, newer.version) from None
    except sqlite3.Error as error:
        raise open_failure(error, path) from None
    try:
        aside = move_aside(path, "corrupt")
    except OSError as error:
        raise LecternError(f"The annotation store {path} is damaged ({reason}) and cannot be "
                           f"moved aside: {describe_os_error(error)}.") from None
    message = (f"The annotation store {path} was damaged ({reason}). It was moved to "
               f"{aside.name} untouched and a fresh, empty store was started; what the "
               f"damaged copy still holds can be recovered (lectern recover “{aside}”).")
    log.warning(message)
    try:
        return Opened(connect(path), aside, message)
    except (Damaged, Newer) as problem:
        raise LecternError(f"A fresh annotation store cannot be made at {path}: "
                           f"{problem}.") from None
    except sqlite3.Error as error:
        raise open_failure(error, path) from None
