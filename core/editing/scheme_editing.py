"""Editing the tag scheme from a session: every change is one undoable workspace step that
reaches every stored article (a rename or a forced delete retags them all)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lectern.core.annotations import AnnotationSet
from lectern.core.editing.workspace_commands import ChangeScheme, RetagEverywhere
from lectern.core.tags import Tag, TagScheme

if TYPE_CHECKING:
    from lectern.core.editing.commands import Command, EditContext
    from lectern.core.store import AnnotationStore


class SchemeEditing:
    """The scheme part of AnnotationSession (which provides these attributes)."""

    scheme: TagScheme
    context: EditContext
    store: AnnotationStore | None
    annotations: AnnotationSet

    def _run(self, command: Command) -> None:
        raise NotImplementedError

    def add_scheme_tag(self, name: str, colour: str | None = None,
                       shortcut: str | None = None) -> Tag:
        scratch = TagScheme(self.scheme.tags)
        tag = Tag(name, colour or scratch.spare_colour(), shortcut)
        scratch.add(tag)
        self._run(ChangeScheme(self.context, f"Add tag '{tag.name}'", scratch.tags))
        return tag

    def rename_tag(self, old: str, new: str) -> None:
        """Rename in the scheme and on every annotation of every stored document."""
        scratch = TagScheme(self.scheme.tags)
        old_name = scratch.get(old).name
        new_name = scratch.rename(old, new).name
        self._run(RetagEverywhere(self.context, old_name, new_name, scratch.tags))

    def recolour_tag(self, name: str, colour: str) -> None:
        scratch = TagScheme(self.scheme.tags)
        tag = scratch.recolour(name, colour)
        self._run(ChangeScheme(self.context, f"Recolour tag '{tag.name}'", scratch.tags))

    def set_tag_shortcut(self, name: str, shortcut: str | None) -> None:
        scratch = TagScheme(self.scheme.tags)
        tag = scratch.set_shortcut(name, shortcut)
        self._run(ChangeScheme(self.context, f"Set shortcut of '{tag.name}'", scratch.tags))

    def tag_use_count(self, name: str) -> int:
        """Annotations carrying ``name``: across the store when attached, else this set."""
        if self.store is not None:
            return int(self.store.tag_use_count(name))
        return sum(1 for a in self.annotations if name in a.tags)

    def delete_tag(self, name: str, force: bool = False) -> None:
        """Delete a tag; one in use raises TagInUse unless ``force`` (then it is stripped)."""
        scratch = TagScheme(self.scheme.tags)
        tag = scratch.remove(name, self.tag_use_count(self.scheme.get(name).name), force)
        self._run(RetagEverywhere(self.context, tag.name, None, scratch.tags))
