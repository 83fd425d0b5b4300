"""Removing an article from the library, and bringing it back (undo in the window).

``RemoveArticle`` is a workspace command for the window's undo stack: it keeps the
snapshot it took, so Undo puts back the very rows (versions, texts, analyses, annotations
with their tags and links, hidden entities) that went.
"""

from __future__ import annotations

from dataclasses import dataclass

from lectern.core.editing.undo import WORKSPACE
from lectern.core.errors import LecternError
from lectern.core.readouts.wording import count
from lectern.core.store import AnnotationStore
from lectern.core.store.library_removal import ArticleSnapshot


@dataclass(frozen=True)
class Removal:
    snapshot: ArticleSnapshot

    def summary(self) -> str:
        s = self.snapshot
        went = [count(s.count("documents"), "version"),
                count(s.count("annotations"), "annotation")]
        if s.count("links"):
            went.append(count(s.count("links"), "link"))
        if s.count("analyses"):
            went.append(count(s.count("analyses"), "stored analysis", "stored analyses"))
        return f"Removed “{s.title or 'Untitled'}” (article {s.article}) with " + \
            ", ".join(went) + "."


def remove_article(store: AnnotationStore, article_id: int, *,
                   open_fingerprint: str | None = None) -> Removal:
    """Take the article out with everything that hangs off it, in one transaction.
    ``open_fingerprint``: the text on screen, whose article is not removed under it."""
    snapshot = store.library.removal.snapshot(article_id)
    if snapshot is None:
        raise LecternError(f"There is no article {article_id} in the library (see "
                           "`lectern library`).")
    if open_fingerprint is not None and any(
            open_fingerprint in row for rows in snapshot.rows if rows.table == "documents"
            for row in rows.values):
        raise LecternError(f"“{snapshot.title}” is the article on screen; open another "
                           "article before removing it from the library.")
    store.library.removal.delete(snapshot)
    return Removal(snapshot)


class RemoveArticle:
    """Remove an article as an undoable step (the window's Edit › Undo brings it back)."""

    scope = WORKSPACE

    def __init__(self, store: AnnotationStore, article_id: int,
                 open_fingerprint: str | None = None) -> None:
        self.store = store
        self.article_id = article_id
        self.open_fingerprint = open_fingerprint
        self.removal: Removal | None = None
        title = store.library.article(article_id)
        self.label = f"Remove “{title.display_title if title else article_id}” from the library"

    def do(self) -> None:
        if self.removal is None:
            self.removal = remove_article(self.store, self.article_id,
                                          open_fingerprint=self.open_fingerprint)
        else:
            self.store.library.removal.delete(self.removal.snapshot)

    def undo(self) -> None:
        if self.removal is not None:
            self.store.library.removal.restore(self.removal.snapshot)
