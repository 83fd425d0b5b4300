"""A tag-scheme change as row-level edits, applied the same way to the store and to memory.

Two Lectern instances share one store, and undo may run after other scheme changes:
both are safe because a change is never "replace the scheme with this snapshot" but a
few edits (this tag renamed, that one deleted, a new one after "Place"), each applied to
whatever the scheme holds now. Names and keys are matched ignoring case, as TagScheme does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from lectern.core.tags import Tag


@dataclass(frozen=True)
class SchemeEdit:
    """The tag now called ``old`` (folded; None for a new tag) becomes ``tag`` (None: it is
    deleted). A new tag goes after the tag called ``after`` (folded; None: first)."""

    old: str | None
    tag: Tag | None
    after: str | None = None


def _key(tag: Tag) -> str:
    return tag.name.casefold()


def scheme_edits(before: Sequence[Tag], after: Sequence[Tag]) -> list[SchemeEdit]:
    """The edits that turn ``before`` into ``after``; unchanged tags are not touched."""
    old_by_key = {_key(tag): tag for tag in before}
    new_keys = {_key(tag) for tag in after}
    renamed = _renames(before, after, old_by_key, new_keys)
    kept = new_keys | {_key(old) for old in renamed.values()}
    edits = [SchemeEdit(key, None) for key in old_by_key if key not in kept]
    previous = None
    for tag in after:
        key = _key(tag)
        old = renamed.get(key) or old_by_key.get(key)
        if old != tag:
            edits.append(SchemeEdit(_key(old) if old else None, tag, previous))
        previous = key
    return edits


def _renames(before: Sequence[Tag], after: Sequence[Tag], old_by_key: dict[str, Tag],
             new_keys: set[str]) -> dict[str, Tag]:
    """New name (folded) -> old tag, for each old name gone and a new one in its place."""
    if len(before) != len(after):
        return {}
    return {_key(new): old for old, new in zip(before, after, strict=True)
            if _key(old) not in new_keys and _key(new) not in old_by_key}


def apply_edits(tags: Sequence[Tag], edits: Sequence[SchemeEdit]) -> list[Tag]:
    """``tags`` with ``edits`` applied: what the store's rows become, in memory."""
    result = list(tags)
    for edit in edits:
        keys = [_key(tag) for tag in result]
        if edit.tag is None:
            if edit.old in keys:
                del result[keys.index(edit.old)]
            continue
        target = edit.old if edit.old in keys else _key(edit.tag)
        if edit.tag.shortcut:  # the key moves to this tag: another that had it loses it
            wanted = edit.tag.shortcut.casefold()
            result = [replace(t, shortcut=None) if t.shortcut and t.shortcut.casefold() ==
                      wanted and _key(t) != target else t for t in result]
        if target in keys:
            result[keys.index(target)] = edit.tag
        elif edit.after in keys:
            result.insert(keys.index(edit.after) + 1, edit.tag)
        elif edit.after is None:
            result.insert(0, edit.tag)
        else:
            result.append(edit.tag)
    return result
