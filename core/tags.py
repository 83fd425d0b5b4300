"""Tags and the ordered tag scheme: names, highlight colours and single-key shortcuts.

The scheme only knows tags. Changes that touch annotations too (renaming a tag,
deleting one in use) go through commands on the session so that they are undoable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lectern.core.errors import LecternError
from lectern.core.extract.model import EntityLabel
from lectern.core.observers import Observable
from lectern.core.resources import resource_path

SCHEME_FORMAT_VERSION = 1
MAX_TAG_NAME_CHARS = 40
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# Colours handed to tags that arrive without one (imports); same light/dark-safe band.
SPARE_COLOURS = ("#2a8c48", "#d96ca3", "#418dd9", "#8d6cd9", "#d9ba41", "#d9776c")


class TagInUse(LecternError):
    """Deleting this tag would strip it from annotations; pass ``force=True`` to do so."""

    def __init__(self, name: str, count: int) -> None:
        self.name = name
        self.count = count
        noun = "annotation" if count == 1 else "annotations"
        super().__init__(f"The tag “{name}” is used by {count} {noun}; delete it with "
                         f"force=True to remove it from them as well.")


@dataclass(frozen=True)
class Tag:
    """A tag: its name, highlight colour ``#rrggbb``, optional one-key shortcut, and the
    entity labels it stands for (Annotate gives a PERSON's mentions the tag whose labels
    hold PERSON, whatever the tag is called: renaming "Person" keeps the link)."""

    name: str
    colour: str
    shortcut: str | None = None
    labels: tuple[EntityLabel, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_name(self.name))
        object.__setattr__(self, "colour", check_colour(self.colour, self.name))
        object.__setattr__(self, "shortcut", check_shortcut(self.shortcut, self.name))
        object.__setattr__(self, "labels", check_labels(self.labels, self.name))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "colour": self.colour,
                                "shortcut": self.shortcut}
        if self.labels:
            data["labels"] = [str(label) for label in self.labels]
        return data


def check_name(name: object) -> str:
    if not isinstance(name, str):
        raise LecternError(f"A tag name must be text, not {type(name).__name__}.")
    stripped = name.strip()
    if not stripped:
        raise LecternError("A tag name cannot be empty.")
    if len(stripped) > MAX_TAG_NAME_CHARS:
        raise LecternError(f"The tag name “{stripped[:20]}…” is longer than "
                           f"{MAX_TAG_NAME_CHARS} characters.")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in stripped):
        raise LecternError(f"The tag name {stripped!r} contains a control character.")
    return stripped


def is_colour(colour: object) -> bool:
    """``colour`` is a ``#rrggbb`` a tag can have."""
    return isinstance(colour, str) and _COLOUR.fullmatch(colour) is not None


def check_colour(colour: object, name: str = "") -> str:
    if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
        raise LecternError(f"The colour of tag “{name}” must look like #rrggbb, not {colour!r}.")
    return colour.lower()


def check_labels(labels: object, name: str = "") -> tuple[EntityLabel, ...]:
    if isinstance(labels, str) or not isinstance(labels, list | tuple):
        raise LecternError(f"The labels of tag “{name}” must be a list, not {labels!r}.")
    try:
        return tuple(dict.fromkeys(EntityLabel(label) for label in labels))
    except ValueError:
        known = ", ".join(EntityLabel)
        raise LecternError(f"The labels of tag “{name}” must be among {known}, not "
                           f"{list(labels)!r}.") from None


def check_shortcut(shortcut: object, name: str = "") -> str | None:
    if shortcut is None or shortcut == "":
        return None
    if not isinstance(shortcut, str) or len(shortcut) != 1 or not shortcut.isprintable() \
            or shortcut.isspace():
        raise LecternError(f"The shortcut of tag “{name}” must be one key (a letter, digit or "
                           f"sign), not {shortcut!r}.")
    return shortcut


class TagScheme(Observable):
    """The ordered tags a user tags with. Names and shortcuts are unique (ignoring case)."""

    def __init__(self, tags: Iterable[Tag] = ()) -> None:
        self._tags: list[Tag] = []
        self._init_observers()
        for tag in tags:
            self._check_new(tag)
            self._tags.append(tag)

    # --- reading -----------------------------------------------------------------
    @property
    def tags(self) -> tuple[Tag, ...]:
        return tuple(self._tags)

    @property
    def names(self) -> list[str]:
        return [tag.name for tag in self._tags]

    def __iter__(self) -> Iterator[Tag]:
        return iter(list(self._tags))

    def __len__(self) -> int:
        return len(self._tags)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.find(name) is not None

    def find(self, name: str) -> Tag | None:
        """The tag called ``name`` (ignoring case), or None."""
        key = name.strip().casefold()
        return next((tag for tag in self._tags if tag.name.casefold() == key), None)

    def get(self, name: str) -> Tag:
        tag = self.find(name)
        if tag is None:
            raise LecternError(f"There is no tag called “{name}”.")
        return tag

    def choices(self, typed: str) -> tuple[list[Tag], str | None]:
        """What a tag picker offers for ``typed``: the tags whose names contain it (ignoring
        case), and the name to create when no tag is called exactly that."""
        folded = typed.strip().casefold()
        matches = [t for t in self._tags if folded in t.name.casefold()]
        exact = any(t.name.casefold() == folded for t in matches)
        return matches, (typed.strip() if folded and not exact else None)

    def by_shortcut(self, key: str) -> Tag | None:
        folded = key.casefold()
        return next((t for t in self._tags if t.shortcut and t.shortcut.casefold() == folded),
                    None)

    def for_label(self, label: str) -> Tag | None:
        """The tag that stands for entities of ``label`` (the first, if several claim it)."""
        return next((t for t in self._tags if label in t.labels), None)

    def colour_of(self, name: str, fallback: str = "#999999") -> str:
        tag = self.find(name)
        return tag.colour if tag else fallback

    # --- changing ----------------------------------------------------------------
    def add(self, tag: Tag) -> None:
        self._check_new(tag)
        self._tags.append(tag)
        self._changed()

    def rename(self, old: str, new: str) -> Tag:
        """Rename in the scheme only; use the session to rename on annotations too."""
        tag = self.get(old)
        renamed = replace(tag, name=new)
        clash = self.find(renamed.name)
        if clash is not None and clash is not tag:
            raise LecternError(f"There is already a tag called “{clash.name}”.")
        self._swap(tag, renamed)
        return renamed

    def recolour(self, name: str, colour: str) -> Tag:
        tag = self.get(name)
        recoloured = replace(tag, colour=colour)
        self._swap(tag, recoloured)
        return recoloured

    def set_shortcut(self, name: str, shortcut: str | None) -> Tag:
        tag = self.get(name)
        changed = replace(tag, shortcut=shortcut)
        owner = self.by_shortcut(changed.shortcut) if changed.shortcut else None
        if owner is not None and owner is not tag:
            raise LecternError(f"The key “{changed.shortcut}” already tags “{owner.name}”.")
        self._swap(tag, changed)
        return changed

    def remove(self, name: str, in_use: int = 0, force: bool = False) -> Tag:
        """Drop from the scheme. ``in_use`` annotations carry it (the session counts them):
        then TagInUse is raised unless ``force``; stripping them is the session's job."""
        tag = self.get(name)
        if in_use and not force:
            raise TagInUse(tag.name, in_use)
        self._tags.remove(tag)
        self._changed()
        return tag

    def replace_all(self, tags: Iterable[Tag]) -> None:
        """Set the whole scheme at once (undo, loading); validated like a new scheme."""
        self._tags = list(TagScheme(tags)._tags)
        self._changed()

    def spare_colour(self) -> str:
        """A colour for a new tag, preferring one no tag uses yet."""
        used = {tag.colour for tag in self._tags}
        return next((c for c in SPARE_COLOURS if c not in used),
                    SPARE_COLOURS[len(self._tags) % len(SPARE_COLOURS)])

    def _swap(self, old: Tag, new: Tag) -> None:
        self._tags[self._tags.index(old)] = new
        self._changed()

    def _check_new(self, tag: Tag) -> None:
        if self.find(tag.name) is not None:
            raise LecternError(f"There is already a tag called “{tag.name}”.")
        owner = self.by_shortcut(tag.shortcut) if tag.shortcut else None
        if owner is not None:
            raise LecternError(f"The key “{tag.shortcut}” already tags “{owner.name}”.")

    # --- files -------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"version": SCHEME_FORMAT_VERSION, "tags": [tag.to_json() for tag in self._tags]}

    @classmethod
    def from_json(cls, data: object, source: str = "the tag scheme") -> TagScheme:
        """Build from ``{"version": 1, "tags": [{name, colour, shortcut}, ...]}``, validating."""
        if not isinstance(data, dict) or not isinstance(data.get("tags"), list):
            raise LecternError(f"{source}: expected an object with a list of “tags”.")
        version = data.get("version", SCHEME_FORMAT_VERSION)
        if version != SCHEME_FORMAT_VERSION or isinstance(version, bool):
            raise LecternError(f"{source}: version {version!r} is not one this Lectern reads.")
        tags = []
        for number, entry in enumerate(data["tags"], start=1):
            if not isinstance(entry, dict):
                raise LecternError(f"{source}: tag {number} is not an object.")
            try:
                tags.append(Tag(entry.get("name"), entry.get("colour"),  # type: ignore[arg-type]
                                entry.get("shortcut"), entry.get("labels", ())))
            except LecternError as error:
                raise LecternError(f"{source}: tag {number}: {error}") from None
        try:
            return cls(tags)
        except LecternError as error:
            raise LecternError(f"{source}: {error}") from None

    @classmethod
    def load(cls, path: str | Path) -> TagScheme:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            reason = error.strerror or error
            raise LecternError(f"“{path.name}” cannot be read: {reason}.") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise LecternError(f"“{path.name}” is not valid JSON: {error}.") from None
        return cls.from_json(data, source=f"“{path.name}”")


def default_scheme() -> TagScheme:
    """The scheme new users start with (resources/tags/default_tags.json)."""
    return TagScheme.load(resource_path("tags", "default_tags.json"))
