"""Importing and exporting annotation files: the ONE place the window and the command line
go through. Which format (by ``--format`` or by the file's name), which files are written,
which annotations a format cannot hold, how an import was anchored: all decided here and
returned as reports, so both front ends say the same thing about the same files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from lectern.core.anchoring import AnchorReport, reanchor_all
from lectern.core.annotations import Annotation
from lectern.core.atomic_write import atomic_write_files
from lectern.core.document import Document
from lectern.core.errors import LecternError
from lectern.core.file_input import describe_read_error, file_kind
from lectern.core.formats.brat import dumps_brat, load_brat
from lectern.core.formats.csv_format import save_csv
from lectern.core.formats.jsonl import save_jsonl
from lectern.core.formats.targets import check_targets
from lectern.core.formats.w3c import load_w3c, save_w3c
from lectern.core.paths import AppPaths
from lectern.core.readouts.wording import count

if TYPE_CHECKING:
    from lectern.core.editing.session import AnnotationSession


class Format(StrEnum):
    W3C = "w3c"
    BRAT = "brat"
    CSV = "csv"
    JSONL = "jsonl"


EXPORT_FORMATS = tuple(Format)
IMPORT_FORMATS = (Format.W3C, Format.BRAT)
_BY_SUFFIX = {".json": Format.W3C, ".jsonld": Format.W3C, ".ann": Format.BRAT,
              ".csv": Format.CSV, ".jsonl": Format.JSONL}
# What each format is called in messages and menus.
FORMAT_NAMES = {Format.W3C: "W3C Web Annotation", Format.BRAT: "brat standoff",
                Format.CSV: "CSV", Format.JSONL: "JSON Lines"}


def format_named(name: str | None, path: str | os.PathLike[str],
                 choices: Sequence[Format] = EXPORT_FORMATS) -> Format:
    """The format asked for by ``name`` (e.g. ``--format brat``), else the one the file's
    suffix implies; a LecternError that lists the choices when neither says."""
    if name:
        try:
            chosen = Format(name.casefold())
        except ValueError:
            chosen = None
        if chosen is None or chosen not in choices:
            raise LecternError(f"“{name}” is not a format Lectern writes here; choose one of "
                               f"{', '.join(choices)}.")
        return chosen
    suffix = Path(path).suffix.lower()
    by_name = _BY_SUFFIX.get(suffix)
    if by_name is None or by_name not in choices:
        raise LecternError(f"Cannot tell the format of “{Path(path).name}” from its name; "
                           f"name one of {', '.join(choices)}.")
    return by_name


# --- export -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: the files, the annotations in them, the orphans left out."""

    format: Format
    files: tuple[Path, ...]
    written: int
    skipped_orphans: int = 0

    def summary(self) -> str:
        names = " and ".join(path.name for path in self.files)
        text = f"Wrote {count(self.written, 'annotation')} to {names}"
        if self.skipped_orphans:
            text += (f" ({count(self.skipped_orphans, 'orphaned annotation')} left out: "
                     f"{FORMAT_NAMES[self.format]} can only hold annotations placed on the text)")
        return text + "."


def export_annotations(fmt: Format, out: str | os.PathLike[str], document: Document,
                       annotations: Sequence[Annotation], *,
                       protected: AppPaths | None = None) -> ExportReport:
    """Write ``annotations`` of ``document`` to ``out`` in ``fmt``; nothing is written when a
    target is refused (the article itself, a folder, a FIFO or device, anything inside the
    folders of ``protected``: the installation saving, by default the one the environment
    names). A link is written through. brat writes a ``.txt`` beside its ``.ann``
    whichever of the two names ``out`` gives, both or neither (journalled in
    ``protected.pending_writes``)."""
    fmt = Format(fmt)  # a misspelt format fails here, before anything is written
    paths = protected if protected is not None else AppPaths.from_environment()
    targets = check_targets(fmt, out, document.source, paths)
    annotations = sorted(annotations, key=Annotation.sort_key)  # text order, from any source
    orphans = sum(1 for a in annotations if a.is_orphan)
    if fmt is Format.W3C:
        save_w3c(targets[0], annotations, document.source, document.fingerprint)
        skipped = 0
    elif fmt is Format.BRAT:
        brat = dumps_brat(document.text, annotations)
        atomic_write_files({targets[0]: brat.txt.encode("utf-8"),
                            targets[1]: brat.ann.encode("utf-8")}, paths.pending_writes)
        skipped = brat.skipped
    elif fmt is Format.CSV:
        save_csv(targets[0], annotations)
        skipped = 0  # CSV lists orphans too, with their status
    else:
        save_jsonl(targets[0], document.text, annotations)
        skipped = orphans
    return ExportReport(fmt, tuple(targets), len(annotations) - skipped, skipped)


# --- import -------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnchoredFile:
    """An annotation file read and placed on an article's text."""

    source: Path
    format: Format
    annotations: list[Annotation]  # re-anchored to the text, in the file's order
    report: AnchorReport

    def summary(self) -> str:
        return (f"{self.source.name}: {count(self.report.total, 'annotation')} — "
                f"{self.report}")


def read_annotation_file(path: str | os.PathLike[str],
                         fmt: str | None = None) -> tuple[Format, list[Annotation]]:
    """The annotations of a W3C or brat file (``fmt`` or the file's name decides)."""
    path = Path(path)
    _refuse_unreadable(path)
    chosen = format_named(fmt, path, IMPORT_FORMATS) if fmt or path.suffix.lower() == ".ann" \
        else Format.W3C  # any other name is tried as W3C JSON-LD, which says if it is not
    if chosen is Format.BRAT:
        _refuse_unreadable(path.with_suffix(".txt"))
        _, annotations = load_brat(path)
    else:
        annotations, _ = load_w3c(path)
    return chosen, annotations


def _refuse_unreadable(path: Path) -> None:
    """A clear error, before any reader opens it, for a name that is not a regular file:
    opening a FIFO would wait for a writer forever."""
    try:
        kind = file_kind(os.stat(path).st_mode)
    except OSError as error:
        raise LecternError(f"“{path}” {describe_read_error(error)}.") from None
    if kind is not None:
        raise LecternError(f"“{path}” is {kind}, not an annotation file Lectern can read.")


def anchor_file(path: str | os.PathLike[str], document: Document,
                fmt: str | None = None) -> AnchoredFile:
    """Read an annotation file and re-anchor its annotations to ``document``'s text."""
    chosen, loaded = read_annotation_file(path, fmt)
    placed, report = reanchor_all(loaded, document.text)
    return AnchoredFile(Path(path), chosen, placed, report)


@dataclass(frozen=True)
class ImportReport:
    """What merging an anchored file into an article changed."""

    anchored: AnchoredFile
    added: int
    updated: int
    already: int

    def summary(self, title: str) -> str:
        return (f"Imported {self.added:,} new and {self.updated:,} updated annotations into "
                f"“{title}” ({self.already:,} already there).")


def import_into(session: AnnotationSession, anchored: AnchoredFile,
                label: str | None = None) -> ImportReport:
    """Merge an anchored file (``anchor_file`` on this session's document) into the
    session's article as one undoable step."""
    command = session.import_annotations(anchored.annotations,
                                         label=label or f"Import {anchored.source.name}")
    updated = len(command.before)
    added = len(command.after) - updated
    return ImportReport(anchored, added, updated, len(anchored.annotations) - added - updated)
