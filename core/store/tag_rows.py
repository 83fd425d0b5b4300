"""Row-level writes of tag-scheme edits, so two Lectern instances keep each other's tags.

Only the tags that an edit names are written: a deleted tag's row is deleted, a changed or
renamed tag's row is updated in place (keeping its position), and a new tag is inserted
after the tag it follows (or at the end when that slot is taken). Tags another instance
added meanwhile are never touched. The same edits are applied to memory by
``lectern.core.tag_edits.apply_edits``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from lectern.core.tag_edits import SchemeEdit
from lectern.core.tags import Tag


def label_text(tag: Tag) -> str:
    """A tag's entity labels as stored: space-separated."""
    return " ".join(tag.labels)


def write_scheme_edits(db: sqlite3.Connection, edits: Sequence[SchemeEdit]) -> None:
    for edit in edits:
        rows = {name.casefold(): position
                for position, name in db.execute("SELECT position, name FROM tags")}
        if edit.tag is None:
            if edit.old in rows:
                db.execute("DELETE FROM tags WHERE position = ?", (rows[edit.old],))
            continue
        _put(db, rows, edit)


def _put(db: sqlite3.Connection, rows: dict[str, int], edit: SchemeEdit) -> None:
    """Update the row of ``edit.old`` to ``edit.tag``, or insert it after ``edit.after``."""
    tag = edit.tag
    assert tag is not None
    key = tag.name.casefold()
    position = rows.get(edit.old) if edit.old is not None else None
    if position is None:
        position = rows.get(key)  # another instance added the same name: one row
    if tag.shortcut:  # a key another tag had: the latest choice wins
        for other, shortcut in db.execute(
                "SELECT position, shortcut FROM tags WHERE shortcut IS NOT NULL").fetchall():
            if shortcut.casefold() == tag.shortcut.casefold() and other != position:
                db.execute("UPDATE tags SET shortcut = NULL WHERE position = ?", (other,))
    if position is not None:
        db.execute("UPDATE tags SET name = ?, colour = ?, shortcut = ?, labels = ? "
                   "WHERE position = ?",
                   (tag.name, tag.colour, tag.shortcut, label_text(tag), position))
        return
    taken = set(rows.values())
    if edit.after is None:
        wanted = min(taken, default=1) - 1
    elif edit.after in rows and rows[edit.after] + 1 not in taken:
        wanted = rows[edit.after] + 1
    else:
        wanted = max(taken, default=-1) + 1
    db.execute("INSERT INTO tags (position, name, colour, shortcut, labels) "
               "VALUES (?, ?, ?, ?, ?)",
               (wanted, tag.name, tag.colour, tag.shortcut, label_text(tag)))
