"""Undoable edits as data: commands with do/undo/label/scope, and the UndoStack they go on.

A document's command is a diff: the values of its annotations before and after, computed
once when the command is made, so redo restores the very same ids and timestamps. A
workspace command (a tag-scheme edit, a tag renamed or deleted everywhere) outlives the
article it was made in, so it keeps its meaning instead: the scheme edits and the ids of
the annotations it retags, reapplied to whatever they hold when it is undone or redone.
Each do/undo is written to the store first (one transaction) and then to memory, so a
failed write leaves memory matching disk. Inside ``EditContext.all_or_nothing`` (many
writes, one transaction committed at its end) memory changes are journalled instead and
reverted if the block fails, the commit included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lectern.core.anchoring import reattach
from lectern.core.annotations import Annotation, AnnotationSet, utc_instant
from lectern.core.editing.undo import WORKSPACE, Command, MacroCommand, UndoStack
from lectern.core.errors import LecternError
from lectern.core.links import Link, remap_links
from lectern.core.tag_edits import SchemeEdit, apply_edits, scheme_edits
from lectern.core.tags import Tag, TagScheme

__all__ = [
    "WORKSPACE", "AddAnnotations", "AddTag", "ChangeAnnotations", "ChangeLinks", "Command",
    "EditContext", "EditNote", "ImportAnnotations", "MacroCommand", "Reattach",
    "RemoveAnnotations", "RemoveTag", "SetTags", "UndoStack",
]

if TYPE_CHECKING:
    from lectern.core.store import AnnotationStore

Entry = tuple[str, Annotation]  # (document fingerprint, annotation)


@dataclass
class EditContext:
    """What commands change: the open document's set and hidden entities, the store and the
    scheme. One context serves a workspace; ``annotations`` is swapped as articles open."""

    annotations: AnnotationSet
    store: AnnotationStore | None = None
    scheme: TagScheme | None = None
    on_saved: Callable[[str], None] | None = None  # called with the label after each write
    hidden: set[str] = field(default_factory=set)  # entity keys hidden in the open document
    links: dict[str, Link] = field(default_factory=dict)  # the open document's, by id
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
        links = dict(self.links)
        try:
            yield
        except BaseException:
            for olds, tags in reversed(self._journal):
                self._put_back(olds, tags)
            self.links.clear()
            self.links.update(links)
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

    def current(self, ids: Iterable[str]) -> list[Entry]:
        """The values the annotations ``ids`` hold now, wherever they are: the open set
        first, the store for other documents'."""
        wanted = list(dict.fromkeys(ids))
        found = [(self.fingerprint, a) for i in wanted if (a := self.annotations.get(i))]
        missing = [i for i in wanted if i not in self.annotations]
        if missing and self.store is not None:
            found += [(fp, a) for fp, a in self.store.find(missing) if fp != self.fingerprint]
        return found

    def apply(self, removed: Sequence[Entry], written: Sequence[Entry],
              scheme: Sequence[SchemeEdit] = (), label: str = "",
              links_removed: Sequence[Link] = (), links_written: Sequence[Link] = ()) -> None:
        """Delete ``removed`` ids (not also written), write ``written``, apply ``scheme``
        edits to the scheme; the same for links."""
        kept = {a.id for _, a in written}
        deletes = [a.id for _, a in removed if a.id not in kept]
        kept_links = {k.id for k in links_written}
        link_deletes = [k.id for k in links_removed if k.id not in kept_links]
        if self.store is not None:
            self.store.apply(written, deletes, scheme, links_written, link_deletes)
        for link_id in link_deletes:
            self.links.pop(link_id, None)
        self.links.update((k.id, k) for k in links_written)
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
        if scheme and self.scheme is not None:
            self.scheme.replace_all(apply_edits(self.scheme.tags, scheme))
        self.saved(label)

    def saved(self, label: str) -> None:
        if self.store is not None and self.on_saved is not None:
            self.on_saved(label)


class ChangeAnnotations:
    """The one document command: ``before`` values become ``after`` values (and back), with
    the scheme edits that turn ``scheme_before`` into ``scheme_after`` (tags an import adds)."""

    def __init__(self, context: EditContext, label: str, before: Sequence[Entry] = (),
                 after: Sequence[Entry] = (), scheme_before: tuple[Tag, ...] | None = None,
                 scheme_after: tuple[Tag, ...] | None = None,
                 links_before: Sequence[Link] = (), links_after: Sequence[Link] = ()) -> None:
        self.context = context
        self.label = label
        self.scope = context.fingerprint
        self.before = list(before)
        self.after = list(after)
        self.scheme_before = scheme_before
        self.scheme_after = scheme_after
        self.links_before = list(links_before)
        self.links_after = list(links_after)

    @property
    def is_empty(self) -> bool:
        """Nothing would change (e.g. tagging what already has the tag): not worth a step."""
        return (not self.before and not self.after and self.scheme_before == self.scheme_after
                and not self.links_before and not self.links_after)

    def do(self) -> None:
        self.context.apply(self.before, self.after, self._edits(self.scheme_before,
                                                                self.scheme_after), self.label,
                           self.links_before, self.links_after)

    def undo(self) -> None:
        self.context.apply(self.after, self.before, self._edits(self.scheme_after,
                                                                self.scheme_before),
                           f"Undo {self.label}", self.links_after, self.links_before)

    @staticmethod
    def _edits(now: tuple[Tag, ...] | None, then: tuple[Tag, ...] | None) -> list[SchemeEdit]:
        return [] if then is None else scheme_edits(now or (), then)


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
        self.annotation_id = annotation_id
        super().__init__(context, "Edit note", [(old, old.with_changes(note=note))])

    def amend(self, note: str) -> None:
        """Typing goes on: the note becomes ``note`` within this same undo step."""
        now = _current(self.context, self.annotation_id)
        new = now.with_changes(note=note)
        self.context.apply([(self.scope, now)], [(self.scope, new)], (), self.label)
        if self.before:
            self.after = [(self.scope, new)]
        else:  # the burst began with no change: it is one now
            self.before, self.after = [(self.scope, now)], [(self.scope, new)]


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
    ``new_tags`` join the scheme. ``links`` between incoming annotations are added, their
    ends renamed to the annotation kept when an incoming one was a copy of it.
    "Here" is the open set and what the store holds for the document now, which may be
    more (another Lectern's import): ``stored`` has the ``content_key`` of each stored
    annotation, ``held`` the stored value of each incoming id the store has for it."""

    def __init__(self, context: EditContext, incoming: Sequence[Annotation],
                 new_tags: Sequence[Tag] = (), label: str | None = None,
                 links: Sequence[Link] = (), stored: Iterable[tuple[object, ...]] = (),
                 held: Mapping[str, Annotation] | None = None) -> None:
        fp = context.fingerprint
        before: list[Entry] = []
        after: list[Entry] = []
        held = held or {}
        present: dict[tuple[object, ...], str] = {content_key(a): a.id
                                                  for a in context.annotations}
        for key in stored:
            present.setdefault(key, "")
        same: dict[str, str] = {}  # incoming id -> the id of the copy already here
        for annotation in incoming:
            old = held.get(annotation.id) or context.annotations.get(annotation.id)
            key = content_key(annotation)
            if key in present:
                # Already here, perhaps under another id: importing twice adds nothing.
                if present[key]:
                    same[annotation.id] = present[key]
                continue
            present[key] = annotation.id
            if old is None:
                after.append((fp, annotation))
            elif _later(annotation.modified, old.modified):
                before.append((fp, old))
                after.append((fp, annotation))
        scheme_before = scheme_after = None
        if new_tags and context.scheme is not None:
            scheme_before = context.scheme.tags
            scheme_after = TagScheme((*scheme_before, *new_tags)).tags  # validates names
        seen = {_link_content(k) for k in context.links.values()}
        new_links = []
        for link in remap_links(links, same):
            if link.id not in context.links and _link_content(link) not in seen:
                seen.add(_link_content(link))
                new_links.append(link)
        super().__init__(context, label or f"Import {_count(len(after), 'annotation')}",
                         before, after, scheme_before, scheme_after, (), new_links)


class ChangeLinks(ChangeAnnotations):
    """Add or remove links between annotations of this document as one step."""

    def __init__(self, context: EditContext, label: str, add: Sequence[Link] = (),
                 remove: Sequence[Link] = ()) -> None:
        super().__init__(context, label, links_before=remove, links_after=add)


def _link_content(k: Link) -> tuple[str, ...]:
    return k.source, k.target, k.label, k.event


def content_key(a: Annotation) -> tuple[object, ...]:
    """What makes two annotations the same for an import, whatever their ids (the quote
    tells apart unplaced orphans); ``AnnotationStore.contents`` gives the same shape."""
    return a.start, a.end, a.exact, a.tags, a.note, a.fragments


def _later(incoming: str, stored: str) -> bool:
    """``incoming`` is a later instant than ``stored`` (offsets honoured, not text order)."""
    try:
        return utc_instant(incoming) > utc_instant(stored)
    except ValueError:
        return incoming > stored  # a malformed timestamp: text order is all there is

