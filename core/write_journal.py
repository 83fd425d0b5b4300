"""The journal of a save that writes several files, so that a kill leaves the old set or the
new set of files, never a mix (a brat .txt that no longer matches its .ann).

Before anything is written, the save records in its journal (``PID-NS.json`` in the
journal folder, fsynced) each target, the temporary its new content goes to, the hard-link
backup of its old content, and the new content's sha256. Then it writes the temporaries,
links the backups, replaces the targets one by one, and removes the backups and the
journal. The next Lectern to start (``finish_pending_writes``) settles any journal whose
process is gone: if every file's new content is in its temporary or already in place, the
save is completed; otherwise (killed while writing the temporaries) it is undone.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from lectern.core.file_ops import (
    clean_stale_temporaries,
    describe_os_error,
    fsync_folder,
    process_gone,
    remove_quietly,
    stamp,
    write_new_file,
)

JOURNAL_VERSION = 1
_JOURNAL = re.compile(r"^(?P<pid>\d+)-(?P<ns>\d+)\.json(\.claim-(?P<claimer>\d+))?$")


@dataclass(frozen=True)
class PendingFile:
    """One file of a save of several: where its new content waits, and its old one."""

    target: Path
    temporary: Path
    backup: Path | None  # None: the target did not exist before this save
    sha256: str


def digest(data: bytes) -> str:
    import hashlib  # OpenSSL's loading is kept off the startup path, which settles journals

    return hashlib.sha256(data).hexdigest()


def record(folder: Path, mark: str, files: Sequence[PendingFile]) -> Path:
    """Write the journal of a save durably (it exists whole or not at all); its path."""
    folder.mkdir(parents=True, exist_ok=True)
    journal = folder / f"{mark}.json"
    body = {"version": JOURNAL_VERSION, "pid": os.getpid(), "files": [
        {"target": str(f.target), "temporary": str(f.temporary),
         "backup": str(f.backup) if f.backup else None, "sha256": f.sha256} for f in files]}
    temporary = folder / f".{journal.name}.{stamp()}.tmp"
    write_new_file(temporary, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
    try:
        os.replace(temporary, journal)
    except BaseException:
        remove_quietly(temporary)
        raise
    fsync_folder(folder)
    return journal


def forget(journal: Path) -> None:
    """The save is complete (or undone): its journal goes."""
    os.unlink(journal)
    fsync_folder(journal.parent)


def roll_back(files: Sequence[PendingFile]) -> list[Path]:
    """Put every target back as it was before the save: its backup back in place, or no
    file where there was none; remove the temporaries. Returns the targets that could
    not be put back (their backup is missing)."""
    lost: list[Path] = []
    for pending in files:
        if _holds(pending.target, pending.sha256) and not _holds(pending.temporary,
                                                                 pending.sha256):
            if pending.backup is None:
                os.unlink(pending.target)
            elif pending.backup.exists():
                os.replace(pending.backup, pending.target)
            else:
                lost.append(pending.target)
        remove_quietly(pending.temporary)
        if pending.backup is not None:
            remove_quietly(pending.backup)
    for folder in {p.target.parent for p in files}:
        fsync_folder(folder)
    return lost


def complete(files: Sequence[PendingFile]) -> None:
    """Put every temporary still waiting in place of its target, then drop the backups."""
    for pending in files:
        if pending.temporary.exists():
            os.replace(pending.temporary, pending.target)
    for folder in {p.target.parent for p in files}:
        fsync_folder(folder)
    for pending in files:
        if pending.backup is not None:
            remove_quietly(pending.backup)


def finish_pending_writes(journal_folder: Path, clean: Iterable[Path] = ()) -> list[str]:
    """Settle the journals in ``journal_folder`` left by Lecterns that were killed while
    saving several files, then remove leftover temporaries (of processes that are gone)
    in the folders those saves wrote to and in ``clean``. Returns one sentence per save
    settled or left alone; never raises for a file it cannot handle."""
    messages: list[str] = []
    touched: set[Path] = set()
    try:
        journals = sorted(journal_folder.iterdir())
    except OSError:
        journals = []
    for journal in journals:
        found = _JOURNAL.match(journal.name)
        if found is None:
            continue
        owner = int(found["claimer"] or found["pid"])
        # Our own pid here is a reused one: this runs at start, before any save of ours.
        if owner != os.getpid() and not process_gone(owner):
            continue  # a save in progress (or being settled by another Lectern)
        claimed = journal.with_name(f"{found['pid']}-{found['ns']}.json.claim-{os.getpid()}")
        try:
            os.rename(journal, claimed)  # only one Lectern gets it
        except OSError:
            continue
        message, files = _settle(claimed)
        messages.append(message)
        touched.update(f.target.parent for f in files)
    for folder in touched:
        clean_stale_temporaries(folder, ("tmp", "new", "old"))
    for folder in {journal_folder, *clean}:
        clean_stale_temporaries(folder)
    return messages


def _settle(journal: Path) -> tuple[str, list[PendingFile]]:
    try:
        files = _read(journal)
    except (OSError, ValueError, KeyError, TypeError) as error:
        damaged = journal.with_name(journal.name.split(".json")[0] + ".damaged.json")
        with suppress(OSError):
            os.replace(journal, damaged)
        return (f"An interrupted save's journal {journal.name} cannot be read ({error}); it "
                f"was kept as {damaged.name}.", [])
    names = " and ".join(f"“{f.target}”" for f in files)
    try:
        if all(_holds(f.temporary, f.sha256) or _holds(f.target, f.sha256) for f in files):
            complete(files)
            message = f"Finished saving {names}, which an interrupted save had left half done."
        else:
            lost = roll_back(files)
            message = (f"Undid a save of {names} that was interrupted before it was ready; "
                       "the files are as they were before it.")
            if lost:
                message += f" (The old {', '.join(map(str, lost))} could not be put back.)"
        forget(journal)
    except OSError as error:
        return (f"An interrupted save of {names} could not be settled "
                f"({describe_os_error(error)}); Lectern will try again at its next start.",
                files)
    return message, files


def _read(journal: Path) -> list[PendingFile]:
    body = json.loads(journal.read_bytes().decode("utf-8"))
    if body.get("version") != JOURNAL_VERSION:
        raise ValueError(f"version {body.get('version')!r}")
    return [PendingFile(Path(f["target"]), Path(f["temporary"]),
                        Path(f["backup"]) if f["backup"] else None, str(f["sha256"]))
            for f in body["files"]]


def _holds(path: Path, sha256: str) -> bool:
    """Whether ``path`` is a regular file whose content has this digest."""
    try:
        if not path.is_file() or path.is_symlink():
            return False
        return digest(path.read_bytes()) == sha256
    except OSError:
        return False
