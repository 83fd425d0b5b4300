"""Opening an article of the library: from its file when the file is still there, else from
the text the library kept (the file was moved or deleted); any version, read-only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lectern.core.document import Document, load_document
from lectern.core.errors import LecternError
from lectern.core.store import AnnotationStore


@dataclass(frozen=True)
class Opened:
    document: Document
    notice: str = ""  # said to the reader when the kept text stands in for the file


def open_article(store: AnnotationStore, article_id: int) -> Opened:
    article = store.library.article(article_id)
    if article is None:
        raise LecternError(f"There is no article {article_id} in the library.")
    problem = "it has no file"
    if article.path:
        try:
            return Opened(load_document(article.path))
        except LecternError as error:
            problem = str(error).rstrip(".")
    current = store.library.current_version(article_id)
    if current is None or (text := store.library.text(current)) is None:
        raise LecternError(f"“{article.display_title}” cannot be opened: its text was never "
                           "kept (it was annotated before Lectern kept articles), and "
                           f"{problem}. Open the file from where it is now to keep it.")
    document = _stored(store, current, text, article.title, article.path)
    return Opened(document, f"{problem}; showing the text the library kept.")


def open_version(store: AnnotationStore, version_id: int) -> Document:
    """An earlier (or the current) text of an article, as it was kept."""
    version = store.library.version(version_id)
    text = store.library.text(version_id) if version is not None else None
    if version is None or text is None:
        raise LecternError(f"Version {version_id} has no kept text.")
    article = store.library.article(version.article)
    return _stored(store, version_id, text, article.title if article else "", version.path)


def _stored(store: AnnotationStore, version_id: int, text: str, title: str,
            path: str) -> Document:
    version = store.library.version(version_id)
    markup = store.structures.get(version_id, version.fingerprint, len(text)) if version \
        else None
    return Document(text=text, title=title or "Untitled", source=Path(path) if path else None,
                    encoding=version.encoding if version else "utf-8",
                    format=version.format if version else "text", markup=markup)


def relocate(stored: str, start: int, end: int, text: str) -> tuple[int, int] | None:
    """Where ``stored[start:end]`` is in ``text`` (the file changed since it was kept): the
    quote matcher re-anchoring uses, guided by the words around it. None when it is gone."""
    if stored == text:
        return start, end
    from lectern.core.anchoring import anchor_span
    from lectern.core.annotations import QUOTE_CONTEXT_CHARS as AROUND

    found = anchor_span(text, stored[start:end], stored[max(0, start - AROUND):start],
                        stored[end:end + AROUND], hint=start)
    return (found.start, found.end) if found is not None else None
