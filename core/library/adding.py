"""Adding many articles at once (``add PATH...``, File › Add to Library…, a drop): read each
file, keep it, and say at the end what was added, what was there already and what was
refused and why. A file that cannot be read never stops the batch; each article is one
transaction, so a kill or a Cancel leaves whole articles only."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lectern.core.document import HTML_SUFFIXES, MAX_DOCUMENT_BYTES, Document, load_document
from lectern.core.errors import LecternError
from lectern.core.file_input import read_input_file
from lectern.core.library.files import Refused, scan
from lectern.core.library.keeping import Kept, keep
from lectern.core.library.metadata import html_info, text_info
from lectern.core.store import AnnotationStore
from lectern.core.store.library_rows import ArticleInfo

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]  # (files done, files in all, the file now)


@dataclass(frozen=True)
class Added:
    id: int
    path: str
    title: str
    reanchored: str = ""  # "3 exact, 1 moved, 0 fuzzy, 0 orphaned" for a new version


@dataclass(frozen=True)
class Present:
    id: int
    path: str


@dataclass
class AddReport:
    added: list[Added] = field(default_factory=list)
    present: list[Present] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    skipped: int = 0
    cancelled: bool = False

    @property
    def any_kept(self) -> bool:
        """Something was added or was there already (the command's exit status)."""
        return bool(self.added or self.present)

    def to_json(self) -> dict[str, Any]:
        return {"added": [{"id": a.id, "path": a.path, "title": a.title}
                          | ({"reanchored": a.reanchored} if a.reanchored else {})
                          for a in self.added],
                "present": [{"id": p.id, "path": p.path} for p in self.present],
                "refused": [{"path": r.path, "reason": r.reason} for r in self.refused],
                "skipped": self.skipped}

    def refusal_lines(self) -> list[str]:
        return [f"{r.path}: {r.reason}" for r in self.refused]

    def summary(self) -> str:
        parts = [f"{len(self.added):,} added", f"{len(self.present):,} already in the library",
                 f"{len(self.refused):,} refused", f"{self.skipped:,} skipped (not articles)"]
        return ("Cancelled: " if self.cancelled else "") + ", ".join(parts) + "."


def read_article(path: Path) -> tuple[Document, ArticleInfo]:
    """The document of an article file and what its file says of outlet, byline and date."""
    document = load_document(path)
    return document, file_info(document)


def file_info(document: Document) -> ArticleInfo:
    """What the document's file says of outlet, byline and date (its text when the file is
    not HTML or cannot be read again)."""
    source = document.source
    if source is not None and source.suffix.lower() in HTML_SUFFIXES:
        from lectern.core.document import decode_bytes

        try:
            raw = read_input_file(source, MAX_DOCUMENT_BYTES, "file")
            return html_info(decode_bytes(raw, source.name)[0], document.text)
        except LecternError:
            pass
    return text_info(document.text)


def add_paths(store: AnnotationStore, paths: Iterable[str | os.PathLike[str]], *,
              progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None) -> AddReport:
    """Add the article files among ``paths`` (folders recursively) to the library."""
    found = scan(paths)
    report = AddReport(refused=list(found.refused), skipped=found.skipped)
    total = len(found.files)
    for done, path in enumerate(found.files):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        if progress is not None:
            progress(done, total, str(path))
        add_one(store, path, report)
    if progress is not None and not report.cancelled:
        progress(total, total, "")
    return report


def add_one(store: AnnotationStore, path: Path, report: AddReport) -> None:
    try:
        document, info = read_article(path)
        result = keep(store, document, info)
    except LecternError as error:
        report.refused.append(Refused(str(path), _reason(str(error), path)))
        return
    except Exception as error:  # a bug reading one file must not stop the batch
        log.exception("adding %s failed", path)
        report.refused.append(Refused(str(path), f"could not be read ({type(error).__name__}: "
                                                 f"{error})"))
        return
    if result.status is Kept.PRESENT:
        report.present.append(Present(result.article, str(document.source or path)))
    else:
        moved = str(result.report) if result.report is not None and result.report.total else ""
        report.added.append(Added(result.article, str(document.source or path), result.title,
                                  moved))


def _reason(message: str, path: Path) -> str:
    """The loader's sentence without the file name the summary line already shows."""
    for name in (f"“{path}” ", f"“{path.name}” "):
        if message.startswith(name):
            return message[len(name):].rstrip(".")
    return message.rstrip(".")
