"""Keeping an article: its text as a version of the article read from the same file, the
annotations of the version before moved to it (re-anchored, with the counts kept), all in
one transaction, so a kill leaves the whole article or none of it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from lectern.core.anchoring import AnchorReport, reanchor_all
from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.store import AnnotationStore
from lectern.core.store.library_rows import ArticleInfo, NewVersion


class Kept(StrEnum):
    ADDED = "added"  # a new article
    VERSION = "version"  # a new text of an article already kept (its file changed)
    PRESENT = "present"  # this very text was kept already


@dataclass(frozen=True)
class KeepResult:
    status: Kept
    article: int
    version: int
    title: str
    report: AnchorReport | None = None  # how the annotations moved to a new version


def keep(store: AnnotationStore, document: Document, info: ArticleInfo | None = None, *,
         opened: bool = False, reanchored: AnchorReport | None = None,
         earlier: str | None = None) -> KeepResult:
    """Keep ``document`` in the library (``opened``: the reader opened it now).

    ``reanchored`` and ``earlier`` (a fingerprint) say that a session already moved the
    annotations of an earlier text to this one; their counts are recorded with the version.
    """
    library = store.library
    fingerprint = document.fingerprint
    path = str(document.source or "")
    known = library.version_of(fingerprint)
    if known is not None and known.text_kept and known.article is not None:
        library.make_current(known.article, known.id)
        if document.markup is not None and store.structures.get(
                known.id, fingerprint, len(document.text)) is None:  # kept before layouts were
            store.structures.put(known.id, fingerprint, document.markup)
        if opened:
            library.touch(known.article, path or known.path)
        return KeepResult(Kept.PRESENT, known.article, known.id, document.title)
    article = known.article if known is not None and known.article is not None else (
        library.article_at(path) if path else None)
    moves, report, before = _moves(store, article, fingerprint, document.text)
    if reanchored is not None:
        report, before = reanchored, earlier or before
    new = NewVersion(fingerprint, document.text, document.title, path, document.format,
                     document.encoding, document.word_count, info or ArticleInfo())
    with store.batch():
        if moves:
            store.apply([(fingerprint, a) for a in moves])
        article_id, version_id = library.put_version(new, article, opened=opened)
        if document.markup is not None:  # read back when the file is gone
            store.structures.put(version_id, fingerprint, document.markup)
        if report is not None and report.total:
            library.record_reanchoring(version_id, _summary(store, before, report))
    status = Kept.ADDED if article is None else Kept.VERSION
    return KeepResult(status, article_id, version_id, document.title, report)


def _moves(store: AnnotationStore, article: int | None, fingerprint: str, text: str
           ) -> tuple[list[Annotation], AnchorReport | None, str | None]:
    """The current version's annotations placed on ``text``, when this text has none yet."""
    if article is None:
        return [], None, None
    current = store.library.current_version(article)
    version = store.library.version(current) if current is not None else None
    if version is None or version.fingerprint == fingerprint or not version.annotations \
            or store.count(fingerprint):
        return [], None, None
    placed, report = reanchor_all(store.annotations(version.fingerprint), text)
    return placed, report, version.fingerprint


def _summary(store: AnnotationStore, earlier: str | None, report: AnchorReport) -> str:
    before = store.library.version_of(earlier) if earlier else None
    return json.dumps({"from": before.id if before else None, "exact": report.exact,
                       "moved": report.moved, "fuzzy": report.fuzzy,
                       "orphaned": report.orphan})
