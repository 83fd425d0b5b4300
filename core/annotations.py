"""Annotations and the ordered, observable set of them that belongs to one document."""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import Enum, StrEnum
from operator import attrgetter
from typing import Any

QUOTE_CONTEXT_CHARS = 32


class AnchorStatus(StrEnum):
    """How an annotation was placed on the current text."""

    ANCHORED = "anchored"  # made on this text, or found exactly where it was
    MOVED = "moved"  # its quote found elsewhere, context agreeing
    FUZZY = "fuzzy"  # placed on text similar to its quote; worth a look
    ORPHAN = "orphan"  # nowhere to put it; kept and listed, never dropped


def utc_now() -> str:
    """The current time as ISO 8601 UTC with a Z, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


# Namespace of ids derived from content (urn:lectern:import, hashed once with NAMESPACE_URL).
IMPORT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:lectern:import")


def stable_id(start: int, end: int, exact: str, tags: Iterable[str], note: str) -> str:
    """The id of an annotation that came without one (brat, id-less W3C): a uuid5 over
    ``IMPORT_NAMESPACE`` and its position, quote, tags and note, so the same annotation
    read twice gets the same id and importing it again merges instead of doubling."""
    fields = [str(start), str(end), exact, *tags, note]
    return str(uuid.uuid5(IMPORT_NAMESPACE, "\x1f".join(fields)))


def utc_instant(timestamp: str) -> datetime:
    """An ISO 8601 timestamp as an aware UTC datetime (no offset: taken as UTC); ValueError
    if it is not one, or if in UTC it falls outside the years 1 to 9999."""
    moment = datetime.fromisoformat(timestamp)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:59-23:59 is in the year 10000 in UTC
        raise ValueError(f"{timestamp!r} falls outside the years 1 to 9999 in UTC") from None


def utc_text(timestamp: str) -> str:
    """``timestamp`` in Lectern's form, UTC with a Z ("11:00+02:00" -> "09:00:00.000Z"),
    so that timestamps compare correctly as text; ValueError if it is not ISO 8601."""
    moment = utc_instant(timestamp)
    spec = "milliseconds" if moment.microsecond % 1000 == 0 else "microseconds"
    return moment.isoformat(timespec=spec).replace("+00:00", "Z")


@dataclass(frozen=True)
class Annotation:
    """One highlight: a span of the canonical text, its quote selector, tags and note.

    Immutable: edits make a new value (``with_changes``), which keeps undo exact.
    ``start``/``end`` are code-point offsets into ``Document.text``, end exclusive.
    """

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=utc_now)
    modified: str = ""
    status: AnchorStatus = AnchorStatus.ANCHORED

    def __post_init__(self) -> None:
        if not self.modified:
            object.__setattr__(self, "modified", self.created)
        if isinstance(self.tags, list):
            object.__setattr__(self, "tags", tuple(self.tags))

    @classmethod
    def from_span(cls, text: str, start: int, end: int, tags: Iterable[str] = (),
                  note: str = "") -> Annotation:
        """A new annotation over ``text[start:end]`` with its quote and context."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}..{end} is outside a text of {len(text)} characters")
        exact, prefix, suffix = quote_selector(text, start, end)
        return cls(start=start, end=end, exact=exact, prefix=prefix, suffix=suffix,
                   tags=tuple(dict.fromkeys(tags)), note=note)

    @classmethod
    def restore(cls, start: int, end: int, exact: str, prefix: str, suffix: str,
                tags: tuple[str, ...], note: str, id: str, created: str,
                modified: str, status: AnchorStatus) -> Annotation:
        """Rebuild a stored annotation from trusted, complete values: no defaults and no
        checks, about four times faster than ``Annotation(...)`` (a restore of 100,000)."""
        annotation = object.__new__(cls)
        # A frozen dataclass refuses setattr; filling its __dict__ is what __init__ does.
        annotation.__dict__.update(start=start, end=end, exact=exact, prefix=prefix,
                                   suffix=suffix, tags=tags, note=note, id=id, created=created,
                                   modified=modified or created, status=status)
        return annotation

    @property
    def is_orphan(self) -> bool:
        return self.status is AnchorStatus.ORPHAN

    def with_changes(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` applied and ``modified`` set to now (unless given)."""
        changes.setdefault("modified", utc_now())
        if "tags" in changes:
            changes["tags"] = tuple(dict.fromkeys(changes["tags"]))
        return replace(self, **changes)

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.start, self.end, self.created, self.id)


_ORPHAN = AnchorStatus.ORPHAN
# Annotation.sort_key as one C call: a restore sorts 100,000 of them.
_SORT_KEY = attrgetter("start", "end", "created", "id")


def quote_selector(text: str, start: int, end: int,
                   context: int = QUOTE_CONTEXT_CHARS) -> tuple[str, str, str]:
    """The quote ``(exact, prefix, suffix)`` of a span, with ``context`` characters each side."""
    return text[start:end], text[max(0, start - context):start], text[end:end + context]


class ChangeKind(Enum):
    """What an AnnotationSet event announces, shaped for Qt's begin/end row calls."""

    BEFORE_INSERT = "before_insert"
    AFTER_INSERT = "after_insert"
    BEFORE_REMOVE = "before_remove"
    AFTER_REMOVE = "after_remove"
    CHANGED = "changed"
    BEFORE_RESET = "before_reset"
    AFTER_RESET = "after_reset"


@dataclass(frozen=True)
class SetChange:
    """A before/after event of an AnnotationSet; ``row`` is the position in the set (-1 for
    resets)."""

    kind: ChangeKind
    row: int
    annotation: Annotation | None = None


Listener = Callable[[SetChange], None]


class AnnotationSet:
    """The annotations of one document, kept in text order, announcing every change.

    Overlapping and nested annotations are allowed. Orphans keep their last known span
    and sit in the order like the rest; ``anchored()``/``orphans()`` split them.
    """

    def __init__(self, fingerprint: str = "", annotations: Iterable[Annotation] = ()) -> None:
        self.fingerprint = fingerprint
        self._items: list[Annotation] = []
        self._keys: list[tuple[int, int, str, str]] = []
        self._by_id: dict[str, Annotation] = {}
        self._longest = 0
        self._fill(annotations)
        if len(self._by_id) != len(self._items):
            raise ValueError("two annotations share one id")
        self._listeners: list[Listener] = []

    def _fill(self, annotations: Iterable[Annotation]) -> None:
        """Hold ``annotations`` in text order, with their sort keys for bisecting."""
        items = sorted(annotations, key=_SORT_KEY)
        self._items, self._keys = items, list(map(_SORT_KEY, items))
        self._by_id = {a.id: a for a in items}
        self._longest = max((a.end - a.start for a in items), default=0)

    # --- observation -------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, kind: ChangeKind, row: int, annotation: Annotation | None = None) -> None:
        change = SetChange(kind, row, annotation)
        for listener in list(self._listeners):
            listener(change)

    # --- reading -----------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Annotation]:
        return iter(self._items)

    def __contains__(self, annotation_id: object) -> bool:
        return annotation_id in self._by_id

    def __getitem__(self, row: int) -> Annotation:
        return self._items[row]

    def get(self, annotation_id: str) -> Annotation | None:
        return self._by_id.get(annotation_id)

    def row_of(self, annotation_id: str) -> int:
        """The row of an annotation, or -1 when it is not in the set."""
        annotation = self._by_id.get(annotation_id)
        if annotation is None:
            return -1
        return bisect.bisect_left(self._keys, annotation.sort_key())

    def anchored(self) -> list[Annotation]:
        return [a for a in self._items if not a.is_orphan]

    def orphans(self) -> list[Annotation]:
        return [a for a in self._items if a.is_orphan]

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Placed annotations that share at least one character with ``[start, end)``.

        A zero-width range finds the annotations that contain that position.
        """
        # Keys are (start, end, ...): this slice holds every annotation starting in reach
        # of [start, end) and nothing starting at or after its end. Called once per
        # painted block, so it stays one comprehension.
        low = bisect.bisect_left(self._keys, (start - self._longest,))
        high = bisect.bisect_right(self._keys, (end if end > start else start + 1,))
        return [a for a in self._items[low:high] if a.end > start and a.status is not _ORPHAN]

    def same_span(self, start: int, end: int) -> Annotation | None:
        """A placed annotation over exactly ``[start, end)``, if there is one."""
        return next((a for a in self.overlapping(start, end) if (a.start, a.end) == (start, end)),
                    None)

    def innermost_at(self, offset: int) -> Annotation | None:
        """The shortest placed annotation around ``offset``; a caret just after one's last
        character still belongs to it (that is where a click at its end puts the caret)."""
        hits = self.overlapping(offset, offset)
        if not hits and offset > 0:
            hits = self.overlapping(offset - 1, offset - 1)
        return min(hits, key=lambda a: (a.end - a.start, a.start), default=None)

    def tags_in_use(self) -> set[str]:
        return {tag for a in self._items for tag in a.tags}

    # --- changing ----------------------------------------------------------------
    def add(self, annotation: Annotation) -> int:
        """Insert in text order; return the row."""
        if annotation.id in self._by_id:
            raise ValueError(f"annotation {annotation.id} is already in the set")
        key = annotation.sort_key()
        row = bisect.bisect_left(self._keys, key)
        self._emit(ChangeKind.BEFORE_INSERT, row, annotation)
        self._items.insert(row, annotation)
        self._keys.insert(row, key)
        self._by_id[annotation.id] = annotation
        self._longest = max(self._longest, annotation.end - annotation.start)
        self._emit(ChangeKind.AFTER_INSERT, row, annotation)
        return row

    def remove(self, annotation_id: str) -> Annotation:
        """Remove by id and return what was removed."""
        row = self.row_of(annotation_id)
        if row < 0:
            raise KeyError(annotation_id)
        annotation = self._items[row]
        self._emit(ChangeKind.BEFORE_REMOVE, row, annotation)
        del self._items[row]
        del self._keys[row]
        del self._by_id[annotation_id]
        self._emit(ChangeKind.AFTER_REMOVE, row, annotation)
        return annotation

    def update(self, annotation: Annotation) -> int:
        """Replace the annotation with the same id; a new span moves it to its new row."""
        old = self._by_id.get(annotation.id)
        if old is None:
            raise KeyError(annotation.id)
        if old.sort_key() != annotation.sort_key():
            self.remove(annotation.id)
            return self.add(annotation)
        row = self.row_of(annotation.id)
        self._items[row] = annotation
        self._by_id[annotation.id] = annotation
        self._emit(ChangeKind.CHANGED, row, annotation)
        return row

    def reset(self, annotations: Iterable[Annotation], fingerprint: str | None = None) -> None:
        """Replace everything at once (loading a document); one pair of reset events."""
        self._emit(ChangeKind.BEFORE_RESET, -1)
        if fingerprint is not None:
            self.fingerprint = fingerprint
        self._fill(annotations)
        self._emit(ChangeKind.AFTER_RESET, -1)
