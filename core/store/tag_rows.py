"""Row-level writes of tag-scheme changes, so two Lectern instances keep each other's tags.

A scheme edit is given as the session's scheme before and after it. Only the tags that
differ are written: a deleted tag's row is deleted, a changed or renamed tag's row is
updated in place (keeping its position), and a new tag is inserted after the tag it
follows (or at the end when that slot is taken). Tags another instance added meanwhile
are never touched. Names and keys are matched ignoring case, as ``TagScheme`` does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from lectern.core.tags import Tag


def label_text(tag: Tag) -> str:
    """A tag's entity labels as stored: space-separated."""
    return " ".join(tag.labels)


def write_scheme_change(db: sqlite3.Connection, before: Sequence[Tag],
                        after: Sequence[Tag]) -> None:
    """Turn the stored scheme's rows from ``before`` into ``after``, touching nothing else."""
    rows = {name.casefold(): position
            for position, name in db.execute("SELECT position, name FROM tags")}
    old_by_key = {tag.name.casefold(): tag for tag in before}
    new_keys = {tag.name.casefold() for tag in after}
    renamed = _renames(before, after, old_by_key, new_keys)
    kept = new_keys | {old.name.casefold() for old in renamed.values()}
    for key in old_by_key.keys() - kept:
        if key in rows:
            db.execute("DELETE FROM tags WHERE position = ?", (rows.pop(key),))
    previous = None
    for tag in after:
        key = tag.name.casefold()
        old = renamed.get(key) or old_by_key.get(key)
        if old != tag:  # unchanged tags are left as stored, even if another instance changed them
            _put(db, rows, old.name.casefold() if old else key, tag, previous)
        previous = key


def _renames(before: Sequence[Tag], after: Sequence[Tag], old_by_key: dict[str, Tag],
             new_keys: set[str]) -> dict[str, Tag]:
    """New name (folded) -> old tag, for each old name gone and a new one come in its place."""
    if len(before) != len(after):
        return {}
    return {new.name.casefold(): old for old, new in zip(before, after, strict=True)
            if old.name.casefold() not in new_keys and new.name.casefold() not in old_by_key}


def _put(db: sqlite3.Connection, rows: dict[str, int], old_key: str, tag: Tag,
         previous: str | None) -> None:
    """Update the row of ``old_key`` to ``tag``, or insert ``tag`` after ``previous``."""
    if tag.shortcut:  # a key another instance gave to another tag: the latest choice wins
        for (position, shortcut) in db.execute(
                "SELECT position, shortcut FROM tags WHERE shortcut IS NOT NULL").fetchall():
            if shortcut.casefold() == tag.shortcut.casefold() and position != rows.get(old_key):
                db.execute("UPDATE tags SET shortcut = NULL WHERE position = ?", (position,))
    key = tag.name.casefold()
    position = rows.pop(old_key, None)
    if position is None:
        position = rows.pop(key, None)  # another instance added the same name: one row
    if position is not None:
        db.execute("UPDATE tags SET name = ?, colour = ?, shortcut = ?, labels = ? "
                   "WHERE position = ?",
                   (tag.name, tag.colour, tag.shortcut, label_text(tag), position))
    else:
        taken = set(rows.values())
        wanted = rows[previous] + 1 if previous in rows else 0
        if wanted in taken or (previous is not None and previous not in rows):
            wanted = max(taken, default=-1) + 1
        db.execute("INSERT INTO tags (position, name, colour, shortcut, labels) "
                   "VALUES (?, ?, ?, ?, ?)",
                   (wanted, tag.name, tag.colour, tag.shortcut, label_text(tag)))
        position = wanted
    rows[key] = position
