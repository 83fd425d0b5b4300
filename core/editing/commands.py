"""Undoable edits as data: commands with do/undo/label, and the UndoStack the GUI mirrors.

Every annotation command is a diff: the values of the annotations (and, for scheme
edits, the tag scheme) before and after. The after-values are computed once, when the
command is made, so redo restores the very same ids and timestamps. Each do/undo is
written to the store first (one transaction) and then to the in-memory set, so a
failed write leaves memory matching disk. Inside ``EditContext.all_or_nothing`` (many
writes, one transaction committed at its end) memory changes are journalled instead and
reverted if the block fails, the commit included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from lectern.core.anchoring import reattach
from lectern.core.annotations import Annotation, AnnotationSet, utc_instant
from lectern.core.editing.undo import Command, MacroCommand, UndoStack
from lectern.core.errors import LecternError
from lectern.core.tags import Tag, TagScheme

__all__ = [
    "AddAnnotations", "AddTag", "ChangeAnnotations", "ChangeScheme", "Command", "EditContext",
    "EditNote", "ImportAnnotations", "MacroCommand", "Reattach", "RemoveAnnotations",
    "RemoveTag", "RetagEverywhere", "SetTags", "UndoStack",
]

if TYPE_CHECKING:
    from lectern.core.store import AnnotationStore

Entry = tuple[str, Annotation]  # (document fingerprint, annotation)
SchemeChange = tuple[Sequence[Tag], Sequence[Tag]]  # the tag scheme (before, after)


@dataclass
class EditContext:
    """What commands change: one document's set, and the store and scheme when attached."""

    annotations: AnnotationSet
    store: AnnotationStore | None = None
    scheme: TagScheme | None = None
    on_saved: Callable[[str], None] | None = None  # called with the label after each write
    # Old values of what memory changes inside ``all_or_nothing``, to put back on failure.
    _journal: list[tuple[dict[str, Annotation | None], tuple[Tag, ...] | None]] | None = \
        field(default=None, init=False, repr=False)

    @property
    def fingerprint(self) -> str:
        return self.annotations.fingerprint

    @contextmanager
    def all_or_nothing(self) -> Iterator[None]:
        """If the block raises, put the set and the scheme back as they were before it."""
        if self._journal is not None:  # nested: the outermost block reverts
            yield
            return
        self._journal = []
        try:
            yield
        except BaseException:
            for olds, tags in reversed(self._journal):
                self._put_back(olds, tags)
            raise
        finally:
            self._journal = None

    def _put_back(self, olds: dict[str, Annotation | None], tags: tuple[Tag, ...] | None) -> None:
        for annotation_id, old in olds.items():
            if old is None:
                if annotation_id in self.annotations:
                    self.annotations.remove(annotation_id)
            elif annotation_id in self.annotations:
                self.annotations.update(old)
            else:
                self.annotations.add(old)
        if tags is not None and self.scheme is not None:
            self.scheme.replace_all(tags)

    def apply(self, removed: Sequence[Entry], written: Sequence[Entry],
              scheme: SchemeChange | None = None, label: str = "") -> None:
        """Delete ``removed`` ids (not also written), write ``written``, change the scheme
        from ``scheme[0]`` to ``scheme[1]``."""
        kept = {a.id for _, a in written}
        deletes = [a.id for _, a in removed if a.id not in kept]
        if self.store is not None:
            self.store.apply(written, deletes, scheme)
        if self._journal is not None:
            touched = [*deletes, *(a.id for fp, a in written if fp == self.fingerprint)]
            self._journal.append(({i: self.annotations.get(i) for i in touched},
                                  self.scheme.tags if scheme and self.scheme else None))
        for annotation_id in deletes:
            if annotation_id in self.annotations:
                self.annotations.remove(annotation_id)
        for fingerprint, annotation in written:
            if fingerprint != self.fingerprint:
                continue  # another document's annotation (a tag rename): store only
            if annotation.id in self.annotations:
                self.annotations.update(annotation)
            else:
                self.annotations.add(annotation)
        if scheme is not None and self.scheme is not None:
            self.scheme.replace_all(scheme[1])
        if self.store is not None and self.on_saved is not None:
            self.on_saved(label)


class ChangeAnnotations:
    """The one annotation command: ``before`` values become ``after`` values (and back)."""

    def __init__(self, context: EditContext, label: str, before: Sequence[Entry] = (),
                 after: Sequence[Entry] = (), scheme_before: tuple[Tag, ...] | None = None,
                 scheme_after: tuple[Tag, ...] | None = None) -> None:
        self.context = context
        self.label = label
        self.before = list(before)
        self.after = list(after)
        self.scheme_before = scheme_before
        self.scheme_after = scheme_after

    @property
    def is_empty(self) -> bool:
        """Nothing would change (e.g. tagging what already has the tag): not worth a step."""
        return not self.before and not self.after and self.scheme_before == self.scheme_after

    def do(self) -> None:
        self.context.apply(self.before, self.after, self._scheme(self.scheme_before,
                                                                 self.scheme_after), self.label)

    def undo(self) -> None:
        self.context.apply(self.after, self.before, self._scheme(self.scheme_after,
                                                                 self.scheme_before),
                           f"Undo {self.label}")

    @staticmethod
    def _scheme(now: tuple[Tag, ...] | None, then: tuple[Tag, ...] | None) -> SchemeChange | None:
        return None if then is None else (now or (), then)


# --- the named commands: each is a ChangeAnnotations built from the current state ----
def _current(context: EditContext, annotation_id: str) -> Annotation:
    annotation = context.annotations.get(annotation_id)
    if annotation is None:
        raise LecternError(f"There is no annotation {annotation_id} in this document.")
    return annotation


def _currents(context: EditContext, ids: Iterable[str]) -> list[Annotation]:
    return [_current(context, i) for i in dict.fromkeys(ids)]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class _Edit(ChangeAnnotations):
    """Annotations of this document changed in place (old value -> new value)."""

    def __init__(self, context: EditContext, label: str,
                 pairs: Iterable[tuple[Annotation, Annotation]]) -> None:
        fp = context.fingerprint
        pairs = [(old, new) for old, new in pairs if old != new]
        super().__init__(context, label, [(fp, old) for old, _ in pairs],
                         [(fp, new) for _, new in pairs])


class AddAnnotations(ChangeAnnotations):
    """Add one or many (``annotate all mentions``) as one step."""

    def __init__(self, context: EditContext, annotations: Sequence[Annotation],
                 label: str | None = None) -> None:
        if label is None:
            tags = list(dict.fromkeys(t for a in annotations for t in a.tags))
            if len(tags) == 1:
                label = f"Tag '{tags[0]}'"
            elif len(annotations) == 1:
                label = "Add highlight"
            else:
                label = f"Add {_count(len(annotations), 'highlight')}"
        super().__init__(context, label, [], [(context.fingerprint, a) for a in annotations])


class RemoveAnnotations(ChangeAnnotations):
    def __init__(self, context: EditContext, ids: Sequence[str]) -> None:
        olds = _currents(context, ids)
        label = "Delete annotation" if len(olds) == 1 \
            else f"Delete {_count(len(olds), 'annotation')}"
        super().__init__(context, label, [(context.fingerprint, a) for a in olds], [])


class EditNote(_Edit):
    def __init__(self, context: EditContext, annotation_id: str, note: str) -> None:
        old = _current(context, annotation_id)
        super().__init__(context, "Edit note", [(old, old.with_changes(note=note))])


class AddTag(_Edit):
    def __init__(self, context: EditContext, ids: Sequence[str], tag: str) -> None:
        super().__init__(context, f"Tag '{tag}'",
                         [(a, a.with_changes(tags=(*a.tags, tag)))
                          for a in _currents(context, ids) if tag not in a.tags])


class RemoveTag(_Edit):
    def __init__(self, context: EditContext, ids: Sequence[str], tag: str) -> None:
        super().__init__(context, f"Untag '{tag}'",
                         [(a, a.with_changes(tags=[t for t in a.tags if t != tag]))
                          for a in _currents(context, ids) if tag in a.tags])


class SetTags(_Edit):
    def __init__(self, context: EditContext, annotation_id: str, tags: Sequence[str]) -> None:
        old = _current(context, annotation_id)
        super().__init__(context, "Set tags", [(old, old.with_changes(tags=tags))])


class Reattach(_Edit):
    """Place an annotation (typically an orphan) on a new span of ``text``."""

    def __init__(self, context: EditContext, annotation_id: str, text: str, start: int,
                 end: int) -> None:
        old = _current(context, annotation_id)
        super().__init__(context, "Reattach annotation", [(old, reattach(old, text, start, end))])


class ImportAnnotations(ChangeAnnotations):
    """Merge ``incoming`` as one step: new ids are added; an id already here is replaced
    only when the incoming copy was modified later; one whose span, tags and note equal
    an annotation already here (or earlier in ``incoming``) is skipped, whatever its id.
    ``new_tags`` join the scheme."""

    def __init__(self, context: EditContext, incoming: Sequence[Annotation],
                 new_tags: Sequence[Tag] = (), label: str | None = None) -> None:
        fp = context.fingerprint
        before: list[Entry] = []
        after: list[Entry] = []
        present = {_content(a) for a in context.annotations}
        for annotation in incoming:
            old = context.annotations.get(annotation.id)
            if _content(annotation) in present:
                continue  # already here, perhaps under another id: importing twice adds nothing
            present.add(_content(annotation))
            if old is None:
                after.append((fp, annotation))
            elif _later(annotation.modified, old.modified):
                before.append((fp, old))
                after.append((fp, annotation))
        scheme_before = scheme_after = None
        if new_tags and context.scheme is not None:
            scheme_before = context.scheme.tags
            scheme_after = TagScheme((*scheme_before, *new_tags)).tags  # validates names
        super().__init__(context, label or f"Import {_count(len(after), 'annotation')}",
                         before, after, scheme_before, scheme_after)


def _content(a: Annotation) -> tuple:
    return a.start, a.end, a.exact, a.tags, a.note  # the quote tells apart unplaced orphans


def _later(incoming: str, stored: str) -> bool:
    """``incoming`` is a later instant than ``stored`` (offsets honoured, not text order)."""
    try:
        return utc_instant(incoming) > utc_instant(stored)
    except ValueError:
        return incoming > stored  # a malformed timestamp: text order is all there is


class RetagEverywhere(ChangeAnnotations):
    """Rename tag ``old`` to ``new`` (or strip it when ``new`` is None) on every annotation,
    in this document and in every stored one, together with the scheme change."""

    def __init__(self, context: EditContext, old: str, new: str | None,
                 scheme_after: Sequence[Tag]) -> None:
        affected: dict[str, Entry] = {}
        if context.store is not None:
            affected.update((a.id, (fp, a)) for fp, a in context.store.tagged(old))
        affected.update((a.id, (context.fingerprint, a))
                        for a in context.annotations if old in a.tags)
        before: list[Entry] = []
        after: list[Entry] = []
        for fp, a in affected.values():
            tags = [new if t == old else t for t in a.tags if new is not None or t != old]
            before.append((fp, a))
            # A scheme change, not an edit of the annotation: ``modified`` stays.
            after.append((fp, replace(a, tags=tuple(dict.fromkeys(tags)))))
        label = f"Rename tag '{old}' to '{new}'" if new is not None else f"Delete tag '{old}'"
        scheme_before = context.scheme.tags if context.scheme is not None else None
        super().__init__(context, label, before, after, scheme_before, tuple(scheme_after))


class ChangeScheme(ChangeAnnotations):
    """A scheme-only edit (add, recolour, set shortcut, delete an unused tag)."""

    def __init__(self, context: EditContext, label: str, scheme_after: Sequence[Tag]) -> None:
        scheme_before = context.scheme.tags if context.scheme is not None else None
        super().__init__(context, label, scheme_before=scheme_before,
                         scheme_after=tuple(scheme_after))
