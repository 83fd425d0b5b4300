"""The Workspace: the store, the tag scheme and the one undo history that every article
opened in a window (or a command) shares, as Anki's collection shares one undo.

Opening an article makes it the workspace's current document: the commands of the one
before leave the history (their annotations are no longer on screen to undo), while tag
renames and other scheme edits stay undoable across articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lectern.core.annotations import AnnotationSet
from lectern.core.editing.commands import EditContext
from lectern.core.editing.undo import UndoStack
from lectern.core.links import Link
from lectern.core.store import AnnotationStore
from lectern.core.tags import TagScheme, default_scheme


class Workspace:
    """``store`` may be None (tests, previews): then nothing is kept beyond memory."""

    def __init__(self, store: AnnotationStore | None = None,
                 scheme: TagScheme | None = None) -> None:
        self.store = store
        if scheme is None:
            scheme = _stored_scheme(store) if store is not None else default_scheme()
        self.scheme = scheme
        self.stack = UndoStack()
        self.context = EditContext(AnnotationSet(), store, scheme, self._saved)
        self.current: str | None = None  # fingerprint of the document open now
        self._on_saved: Callable[[str], None] | None = None

    def make_current(self, fingerprint: str, annotations: AnnotationSet, hidden: set[str],
                     on_saved: Callable[[str], None], links: Iterable[Link] = ()) -> None:
        """``fingerprint``'s set is the one commands now edit; the previous one's steps go."""
        if self.current is not None and self.current != fingerprint:
            self.stack.drop_scope(self.current)
        self.current = fingerprint
        self.context.annotations = annotations
        self.context.hidden = hidden
        self.context.links = {link.id: link for link in links}
        self._on_saved = on_saved

    def _saved(self, label: str) -> None:
        if self._on_saved is not None:
            self._on_saved(label)


def _stored_scheme(store: AnnotationStore) -> TagScheme:
    """The scheme kept in the store; the default one, saved there, on first use."""
    tags = store.tag_scheme()
    if tags is not None:
        return TagScheme(tags)
    scheme = default_scheme()
    store.save_tag_scheme(scheme.tags)
    return scheme
