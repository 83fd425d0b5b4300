"""Workspace commands: edits of the tag scheme that outlive the article they were made in, and
the entities hidden in the open article."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from lectern.core.annotations import Annotation
from lectern.core.editing.undo import WORKSPACE
from lectern.core.tag_edits import scheme_edits
from lectern.core.tags import Tag

if TYPE_CHECKING:
    from lectern.core.editing.commands import EditContext


class RetagEverywhere:
    """Rename tag ``old`` to ``new`` (or strip it when ``new`` is None) on every annotation,
    in this document and in every stored one, together with the scheme change. A workspace
    command: undo puts ``old`` back on the same annotations as they are then."""

    def __init__(self, context: EditContext, old: str, new: str | None,
                 scheme_after: Sequence[Tag]) -> None:
        self.context = context
        self.scope = WORKSPACE
        self.old, self.new = old, new
        ids = [a.id for a in context.annotations if old in a.tags]
        if context.store is not None:
            ids += [a.id for _, a in context.store.tagged(old)]
        self.ids = list(dict.fromkeys(ids))
        # Where ``old`` stood in each annotation's tags, to put a deleted tag back in place.
        self.positions = {a.id: a.tags.index(old) for _, a in context.current(self.ids)
                          if old in a.tags}
        scheme_before = context.scheme.tags if context.scheme is not None else ()
        self.edits = scheme_edits(scheme_before, scheme_after)
        self.undo_edits = scheme_edits(scheme_after, scheme_before)
        self.label = f"Rename tag '{old}' to '{new}'" if new is not None \
            else f"Delete tag '{old}'"

    def do(self) -> None:
        retagged = [(fp, _retagged(a, self.old, self.new, None))
                    for fp, a in self.context.current(self.ids) if self.old in a.tags]
        self.context.apply([], retagged, self.edits, self.label)

    def undo(self) -> None:
        restored = []
        for fp, a in self.context.current(self.positions):
            if self.new is not None and self.new in a.tags:
                restored.append((fp, _retagged(a, self.new, self.old, None)))
            elif self.new is None and self.old not in a.tags:
                restored.append((fp, _retagged(a, None, self.old, self.positions[a.id])))
        self.context.apply([], restored, self.undo_edits, f"Undo {self.label}")


def _retagged(a: Annotation, old: str | None, new: str | None, position: int | None
              ) -> Annotation:
    """``a`` with tag ``old`` renamed to ``new`` (None: dropped), or ``new`` inserted at
    ``position`` when ``old`` is None. A scheme change, not an edit: ``modified`` stays."""
    if old is None:
        tags = list(a.tags)
        tags.insert(min(position or 0, len(tags)), new or "")
    else:
        tags = [(new or "") if t == old else t for t in a.tags if new is not None or t != old]
    return replace(a, tags=tuple(dict.fromkeys(t for t in tags if t)))


class ChangeScheme:
    """A scheme-only edit (add, recolour, set shortcut, delete an unused tag): a workspace
    command, kept as edits so that undoing it never reverts a later, unrelated tag."""

    def __init__(self, context: EditContext, label: str, scheme_after: Sequence[Tag]) -> None:
        self.context = context
        self.label = label
        self.scope = WORKSPACE
        scheme_before = context.scheme.tags if context.scheme is not None else ()
        self.edits = scheme_edits(scheme_before, scheme_after)
        self.undo_edits = scheme_edits(scheme_after, scheme_before)

    @property
    def is_empty(self) -> bool:
        return not self.edits

    def do(self) -> None:
        self.context.apply([], [], self.edits, self.label)

    def undo(self) -> None:
        self.context.apply([], [], self.undo_edits, f"Undo {self.label}")


class HideEntity:
    """Hide an entity from the open document's panels (``hide=False``: show it again)."""

    def __init__(self, context: EditContext, key: str, name: str, hide: bool = True) -> None:
        self.context = context
        self.scope = context.fingerprint
        self.key, self.hide = key, hide
        self.label = f"Hide '{name}'" if hide else f"Show '{name}'"
        self.is_empty = (key in context.hidden) == hide  # hiding what is hidden: no step

    def do(self) -> None:
        self._set(self.hide, self.label)

    def undo(self) -> None:
        self._set(not self.hide, f"Undo {self.label}")

    def _set(self, hidden: bool, label: str) -> None:
        store, fingerprint = self.context.store, self.context.fingerprint
        if store is not None:
            (store.hide_entity if hidden else store.unhide_entity)(fingerprint, self.key)
        (self.context.hidden.add if hidden else self.context.hidden.discard)(self.key)
        self.context.saved(label)
