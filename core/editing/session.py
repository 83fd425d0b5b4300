"""AnnotationSession: one open document with its annotations, in a Workspace (the store, the
tag scheme and the undo history it shares with the articles opened before and after it).

The GUI calls this and nothing below it: ``session.add(start, end, ["Claim"])``,
``session.set_note(id, text)``, ``session.undo()``. Every call is one undoable command,
committed to the store as it happens; ``subscribe_saved`` reports each save. Opening
brings back the annotations stored for this text, or, when the file was edited, those
made on its earlier version, re-anchored and moved to this one (``restored``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace

from lectern.core.annotations import Annotation, AnnotationSet, utc_now
from lectern.core.document import Document
from lectern.core.editing.commands import (
    AddAnnotations,
    AddTag,
    ChangeAnnotations,
    ChangeLinks,
    Command,
    EditNote,
    ImportAnnotations,
    Reattach,
    RemoveAnnotations,
    RemoveTag,
    SetTags,
    content_key,
)
from lectern.core.editing.restore import Restored, restore_annotations
from lectern.core.editing.scheme_editing import SchemeEditing
from lectern.core.editing.workspace import Workspace
from lectern.core.editing.workspace_commands import HideEntity
from lectern.core.errors import LecternError
from lectern.core.gc_control import paused_gc
from lectern.core.links import Link, links_between, remap_links
from lectern.core.readouts.wording import count
from lectern.core.store import AnnotationStore, DocumentRecord
from lectern.core.tags import Tag, TagScheme, is_colour


@dataclass(frozen=True)
class AnnotateReport:
    """What annotating an entity did: new annotations, existing ones tagged, already there."""

    new: int
    tagged: int
    already: int

    def summary(self, name: str) -> str:
        parts = [count(self.new, "new annotation")]
        if self.tagged:
            parts.append(f"{count(self.tagged, 'highlight')} tagged")
        if self.already:
            parts.append(f"{self.already:,} already there")
        return f"Annotated {name}: " + ", ".join(parts)


@dataclass(frozen=True)
class SaveNotice:
    """A change reached the store (``at``: ISO 8601 UTC), for a quiet "Saved" in the GUI."""

    at: str
    label: str


class AnnotationSession(SchemeEditing):
    """Everything about annotating one document. Without a ``workspace`` the session makes
    its own over ``store`` (which may be None: tests, previews)."""

    def __init__(self, document: Document, store: AnnotationStore | None = None,
                 scheme: TagScheme | None = None, *, workspace: Workspace | None = None
                 ) -> None:
        self.document = document
        self.workspace = workspace if workspace is not None else Workspace(store, scheme)
        self.store = store = self.workspace.store
        self.scheme = self.workspace.scheme
        self.stack = self.workspace.stack
        fingerprint = document.fingerprint
        self.previous: DocumentRecord | None = None
        self.restored = Restored([])
        # Another Lectern's commits change this; read before restoring, so that any that
        # land while we restore make the next import check the store, not just memory.
        self._restored_at: int | None = None
        if store is not None:
            self.previous = store.remember_document(
                fingerprint, str(document.source or ""), document.title)
            self._restored_at = store.data_version()
            with paused_gc():  # a restore builds up to 100,000+ objects at once
                self.restored = restore_annotations(store, document)
            if self.restored.earlier is not None:
                # Made on an earlier text at this path: they move to this one, in one step.
                store.apply([(fingerprint, a) for a in self.restored.annotations])
        with paused_gc():
            self.annotations = AnnotationSet(fingerprint, self.restored.annotations)
        hidden = store.hidden_entities(fingerprint) if store is not None else set()
        links = store.links(fingerprint) if store is not None else []
        self._saved_listeners: list[Callable[[SaveNotice], None]] = []
        self._batching = 0
        self.workspace.make_current(fingerprint, self.annotations, hidden, self._saved, links)
        self.context = self.workspace.context
        self.stack.set_clean()  # the annotation file, if any, matches what was just opened

    # --- what the GUI reads --------------------------------------------------------
    @property
    def moved_from(self) -> str | None:
        """The path this same text was last opened from, when it differs from today's."""
        if self.previous is None or not self.previous.path:
            return None
        return self.previous.path if self.previous.path != str(self.document.source or "") \
            else None

    @property
    def has_unsaved_file_changes(self) -> bool:
        """Changes since the annotation file was last written (the store is always saved)."""
        return not self.stack.is_clean

    def mark_file_saved(self) -> None:
        self.stack.set_clean()

    def subscribe_saved(self, listener: Callable[[SaveNotice], None]) -> None:
        self._saved_listeners.append(listener)

    def _saved(self, label: str) -> None:
        if self._batching:
            return  # one notice when the whole batch commits
        notice = SaveNotice(utc_now(), label)
        for listener in list(self._saved_listeners):
            listener(notice)

    # --- annotating ----------------------------------------------------------------
    def add(self, start: int, end: int, tags: Iterable[str] = (), note: str = "") -> Annotation:
        """Highlight ``text[start:end]`` (code points) with ``tags`` and ``note``."""
        (annotation,) = self.add_many([(start, end)], tags, note=note)
        return annotation

    def add_many(self, spans: Iterable[tuple[int, int]], tags: Iterable[str] = (),
                 note: str = "", label: str | None = None) -> list[Annotation]:
        """Highlight many spans as one undoable step (``annotate all mentions``)."""
        names = self._known_tags(tags)
        text = self.document.text
        made = []
        for start, end in spans:
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end
                    <= len(text)):
                raise LecternError(f"The span {start}..{end} is not a stretch of this text.")
            made.append(Annotation.from_span(text, start, end, names, note))
        if made:
            self._run(AddAnnotations(self.context, made, label))
        return made

    def tag_span(self, span: tuple[int, int] | None, tag: str,
                 current_id: str | None = None) -> Annotation | None:
        """What a tag key or a tag button does. With a selection: the annotation already on
        exactly that span has ``tag`` toggled, else a new annotation is made with it.
        Without one: ``tag`` is toggled on the current annotation. Returns the annotation."""
        if span is None:
            current = self.annotations.get(current_id) if current_id else None
            if current is not None and tag:
                self.toggle_tag(current.id, tag)
            return self.annotations.get(current_id) if current_id else None
        same = self.annotations.same_span(*span)
        if same is None:
            return self.add(span[0], span[1], [tag] if tag else [])
        if tag:
            self.toggle_tag(same.id, tag)
        return self.annotations.get(same.id)

    def toggle_tag(self, annotation_id: str, tag: str) -> None:
        """Add ``tag`` to the annotation, or take it off when it is there (ignoring case)."""
        annotation = self.annotations.get(annotation_id)
        if annotation is None:
            raise LecternError(f"There is no annotation {annotation_id} in this document.")
        name = self.scheme.get(tag).name
        if any(t.casefold() == name.casefold() for t in annotation.tags):
            self.remove_tag(annotation_id, next(t for t in annotation.tags
                                                if t.casefold() == name.casefold()))
        else:
            self.add_tag(annotation_id, name)

    def annotate_spans(self, spans: Iterable[tuple[int, int]], tag: str | None,
                       label: str) -> AnnotateReport:
        """Annotate an entity's mentions, idempotently, as one step: a span already
        annotated with ``tag`` is left alone, one annotated without it gains it, the rest
        become new annotations."""
        new: list[tuple[int, int]] = []
        to_tag: list[str] = []
        already = 0
        name = self.scheme.get(tag).name if tag else None
        for start, end in dict.fromkeys(spans):
            same = self.annotations.same_span(start, end)
            if same is None:
                new.append((start, end))
            elif name is None or any(t.casefold() == name.casefold() for t in same.tags):
                already += 1
            else:
                to_tag.append(same.id)
        if new or to_tag:
            with self.macro(label):
                if to_tag and name:
                    self.add_tag(to_tag, name)
                if new:
                    self.add_many(new, [name] if name else [], label=label)
        return AnnotateReport(len(new), len(to_tag), already)

    def remove(self, ids: str | Sequence[str]) -> None:
        self._run(RemoveAnnotations(self.context, _ids(ids)))

    def set_note(self, annotation_id: str, note: str, continuing: bool = False) -> None:
        """Set the note. ``continuing``: the reader is still typing it, so the change joins
        the last step when that step edited this note (one undo step per burst of typing)."""
        top = self.stack.top
        if continuing and isinstance(top, EditNote) and top.annotation_id == annotation_id \
                and self.workspace.current == self.document.fingerprint:
            with self._one_transaction("Edit note"):
                top.amend(note)
            return
        self._run(EditNote(self.context, annotation_id, note))

    def add_tag(self, ids: str | Sequence[str], tag: str) -> None:
        (name,) = self._known_tags([tag])
        self._run(AddTag(self.context, _ids(ids), name))

    def remove_tag(self, ids: str | Sequence[str], tag: str) -> None:
        self._run(RemoveTag(self.context, _ids(ids), tag))

    def set_tags(self, annotation_id: str, tags: Iterable[str]) -> None:
        self._run(SetTags(self.context, annotation_id, self._known_tags(tags)))

    def reattach(self, annotation_id: str, start: int, end: int) -> None:
        """Put an orphan (or any annotation) on a new span of the current text."""
        self._run(Reattach(self.context, annotation_id, self.document.text, start, end))

    def import_annotations(self, incoming: Sequence[Annotation], label: str | None = None,
                           links: Sequence[Link] = (),
                           tag_colours: Mapping[str, str] | None = None) -> ChangeAnnotations:
        """Merge annotations (already re-anchored to this text) and the ``links`` between
        them as one undoable step.

        Tags the scheme lacks are added to it; an id that the store holds under another
        document gets an id derived from it, so importing never moves another article's
        annotation, and importing the same file twice still merges. A new tag takes its
        colour from ``tag_colours`` (a REFI-QDA code's) when it has a valid one.
        """
        text_length = len(self.document.text)
        for a in incoming:
            # An orphan keeps its last span, which may not fit (or be -1: never known).
            if not a.is_orphan and not 0 <= a.start <= a.end <= text_length:
                raise LecternError(f"Annotation {a.id} spans {a.start}..{a.end}, outside a "
                                   f"text of {text_length} characters; nothing was imported.")
        # The check of what is already there and the write are one transaction (BEGIN
        # IMMEDIATE): another Lectern importing the same file at once waits, then sees ours.
        with self._one_transaction(label or "Import annotations"):
            fingerprint = self.document.fingerprint
            stored: set[tuple[object, ...]] = set()
            held: dict[str, Annotation] = {}
            elsewhere: dict[str, str] = {}
            if self.store is not None:
                version = self.store.data_version()
                if version != self._restored_at:  # another Lectern committed since we read
                    stored = set(self.store.contents(fingerprint))
                    found = self.store.find(a.id for a in incoming)
                    held = {a.id: a for fp, a in found if fp == fingerprint}
                    if stored == {content_key(a) for a in self.annotations} \
                            and self.store.count(fingerprint) == len(self.annotations):
                        self._restored_at = version  # not this article: memory is whole
                elsewhere = {i: fp for i, fp in self.store.locate(a.id for a in incoming)
                             .items() if fp != fingerprint}
            renamed = {i: _id_for(i, fingerprint) for i in elsewhere}
            incoming = [replace(a, id=renamed[a.id]) if a.id in renamed else a
                        for a in incoming]
            links = remap_links(links, renamed)
            scratch = TagScheme(self.scheme.tags)
            for name in dict.fromkeys(t for a in incoming for t in a.tags):
                if name not in scratch:
                    colour = (tag_colours or {}).get(name, "")
                    scratch.add(Tag(name, colour if is_colour(colour)
                                    else scratch.spare_colour()))
            new_tags = scratch.tags[len(self.scheme):]
            command = ImportAnnotations(self.context, incoming, new_tags, label, links,
                                        stored, held)
            self._run(command)
        return command

    # --- links between annotations ---------------------------------------------------
    def links(self) -> list[Link]:
        """The links whose two annotations are both in this article now."""
        return links_between(self.context.links.values(), (a.id for a in self.annotations))

    def links_of(self, annotation_id: str) -> list[Link]:
        """The links that start or end at ``annotation_id`` (both ends present)."""
        return [k for k in self.links() if annotation_id in k.ends()]

    def link(self, source_id: str, target_id: str, label: str = "", note: str = "") -> Link:
        """Link two annotations of this article (a quotation to its speaker): one step."""
        for annotation_id in (source_id, target_id):
            if annotation_id not in self.annotations:
                raise LecternError(f"There is no annotation {annotation_id} in this document.")
        if source_id == target_id:
            raise LecternError("An annotation cannot be linked to itself.")
        made = Link(source_id, target_id, label, note=note)
        self._run(ChangeLinks(self.context, f"Link as '{label}'" if label else "Link", [made]))
        return made

    def unlink(self, link_id: str) -> None:
        link = self.context.links.get(link_id)
        if link is None:
            raise LecternError(f"There is no link {link_id} in this document.")
        self._run(ChangeLinks(self.context, "Remove link", remove=[link]))

    def _known_tags(self, tags: Iterable[str]) -> list[str]:
        """The scheme's spelling of each tag; an unknown one is an error, not a new tag."""
        return [self.scheme.get(t).name for t in dict.fromkeys(tags)]

    # --- undo ------------------------------------------------------------------------
    def undo(self) -> None:
        if self.stack.can_undo:
            label = f"Undo {self.stack.undo_label}"
            with self._one_transaction(label):
                self.stack.undo()

    def redo(self) -> None:
        if self.stack.can_redo:
            label = self.stack.redo_label
            with self._one_transaction(label):
                self.stack.redo()

    @contextmanager
    def macro(self, label: str) -> Iterator[None]:
        """Calls inside are one undoable step and one store transaction: all or nothing."""
        # The transaction puts memory back itself: undoing through a failed store would not.
        with self._one_transaction(label), self.stack.macro(label, undo_on_error=False):
            yield

    @contextmanager
    def _one_transaction(self, label: str) -> Iterator[None]:
        """Writes inside commit together, with a single saved notice. If anything fails, the
        COMMIT included, the store rolls back and the set, the scheme, the hidden entities
        and the undo stack are put back exactly as they were; the error is raised."""
        if self._batching:  # nested: the outermost one commits or puts back
            yield
            return
        self._batching = 1
        stack, hidden = self.stack.checkpoint(), set(self.context.hidden)
        try:
            with self.context.all_or_nothing(), \
                    self.store.batch() if self.store is not None else nullcontext():
                yield
        except BaseException:
            self.stack.restore(stack)
            self.context.hidden.clear()
            self.context.hidden.update(hidden)
            raise
        finally:
            self._batching = 0
        if self.store is not None:
            self._saved(label)

    def _run(self, command: Command) -> None:
        if self.workspace.current != self.document.fingerprint:
            raise LecternError(f"“{self.document.display_name}” is no longer the open article; "
                               "nothing was changed.")
        self.stack.push(command)

    # --- entities the reader hid -----------------------------------------------------
    @property
    def hidden_entities(self) -> frozenset[str]:
        return frozenset(self.context.hidden)

    def hide_entity(self, key: str, name: str = "") -> None:
        """Hide a wrong entity from this article's panels: one undoable step."""
        self._run(HideEntity(self.context, key, name or key.partition(":")[2]))

    def unhide_entity(self, key: str, name: str = "") -> None:
        self._run(HideEntity(self.context, key, name or key.partition(":")[2], hide=False))


def _id_for(annotation_id: str, fingerprint: str) -> str:
    """A stable id for a copy of another document's annotation: importing twice merges."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:lectern:{fingerprint}:{annotation_id}"))


def _ids(ids: str | Sequence[str]) -> list[str]:
    return [ids] if isinstance(ids, str) else list(ids)

