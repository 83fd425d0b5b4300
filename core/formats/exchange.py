"""Importing and exporting annotation files: the ONE place the window and the command line
go through. Which format (by ``--format``, by the file's content, by its name), which files
are written, what a format cannot hold, how an import was anchored: all decided here and
returned as reports, so both front ends say the same thing about the same files."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from lectern.core.anchoring import AnchorReport, reanchor_all
from lectern.core.annotations import AnchorStatus, Annotation, quote_selector
from lectern.core.atomic_write import atomic_write_files
from lectern.core.document import Document
from lectern.core.errors import LecternError
from lectern.core.formats.brat import UNTAGGED_LABEL, dumps_brat
from lectern.core.formats.brat_read import read_brat
from lectern.core.formats.csv_format import dumps_csv
from lectern.core.formats.doccano import dumps_doccano, read_doccano
from lectern.core.formats.labelling import record_for
from lectern.core.formats.labelstudio import dumps_labelstudio, read_labelstudio
from lectern.core.formats.losses import brat_changes, dropped_links, joined_links, link_losses
from lectern.core.formats.parsed import ParsedFile, read_annotation_bytes, utf8
from lectern.core.formats.prodigy import dumps_prodigy, read_prodigy
from lectern.core.formats.qdpx import QdaSource, dumps_qdpx
from lectern.core.formats.qdpx_read import read_qdpx
from lectern.core.formats.sniff import READ_FORMATS_LINE, sniff
from lectern.core.formats.targets import check_targets
from lectern.core.formats.w3c import read_w3c, save_w3c
from lectern.core.links import Link
from lectern.core.paths import AppPaths
from lectern.core.readouts.wording import count

if TYPE_CHECKING:
    from lectern.core.editing.session import AnnotationSession
    from lectern.core.store import AnnotationStore


class Format(StrEnum):
    W3C = "w3c"
    BRAT = "brat"
    CSV = "csv"
    DOCCANO = "doccano"
    PRODIGY = "prodigy"
    LABELSTUDIO = "labelstudio"
    QDPX = "qdpx"


EXPORT_FORMATS = tuple(Format)
IMPORT_FORMATS = (Format.W3C, Format.BRAT, Format.DOCCANO, Format.PRODIGY, Format.LABELSTUDIO,
                  Format.QDPX)
ALIASES = {"jsonl": Format.PRODIGY}  # Lectern's JSONL always was Prodigy's shape
FORMAT_CHOICES = (*EXPORT_FORMATS, *ALIASES)  # what ``--format`` takes
_BY_SUFFIX = {".json": Format.W3C, ".jsonld": Format.W3C, ".ann": Format.BRAT,
              ".csv": Format.CSV, ".jsonl": Format.PRODIGY, ".qdpx": Format.QDPX}
# What each format is called in messages and menus.
FORMAT_NAMES = {Format.W3C: "W3C Web Annotation", Format.BRAT: "brat standoff",
                Format.CSV: "CSV", Format.DOCCANO: "doccano JSONL",
                Format.PRODIGY: "Prodigy JSONL", Format.LABELSTUDIO: "Label Studio JSON",
                Format.QDPX: "REFI-QDA project"}
BRAT_CONF = "annotation.conf"


# Formats whose spans need a label: an annotation without tags is written as UNTAGGED_LABEL.
_UNTAGGED_NAMED = frozenset({Format.BRAT, Format.DOCCANO, Format.PRODIGY, Format.LABELSTUDIO})


def format_named(name: str | None, path: str | os.PathLike[str],
                 choices: Sequence[Format] = EXPORT_FORMATS) -> Format:
    """The format asked for by ``name`` (e.g. ``--format brat``), else the one the file's
    suffix implies; a LecternError that lists the choices when neither says."""
    if name:
        key = name.casefold()
        chosen = ALIASES.get(key)
        if chosen is None and key in set(Format):
            chosen = Format(key)
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
    """What an export wrote: the files, the annotations in them, what was left out."""

    format: Format
    files: tuple[Path, ...]
    written: int
    skipped_orphans: int = 0
    notices: tuple[str, ...] = ()

    def summary(self) -> str:
        names = ", ".join(path.name for path in self.files[:-1])
        names = f"{names} and {self.files[-1].name}" if names else self.files[0].name
        text = f"Wrote {count(self.written, 'annotation')} to {names}"
        if self.skipped_orphans:
            text += (f" ({count(self.skipped_orphans, 'orphaned annotation')} left out: "
                     f"{FORMAT_NAMES[self.format]} can only hold annotations placed on the text)")
        return " ".join([text + ".", *self.notices])


def export_annotations(fmt: Format, out: str | os.PathLike[str], document: Document,
                       annotations: Sequence[Annotation], links: Sequence[Link] = (),
                       tag_colours: Mapping[str, str] | None = None, *,
                       protected: AppPaths | None = None) -> ExportReport:
    """Write ``annotations`` of ``document`` (and the ``links`` between them) to ``out`` in
    ``fmt``; nothing is written when a target is refused (the article itself, a folder, a
    FIFO or device, anything inside the folders of ``protected``: the installation saving,
    by default the one the environment names). A link is written through. brat writes a
    ``.txt`` beside its ``.ann`` whichever of the two names ``out`` gives, and an
    ``annotation.conf`` unless one is there already: all or none (journalled in
    ``protected.pending_writes``)."""
    fmt = ALIASES.get(str(fmt)) or Format(fmt)  # a misspelt format fails here
    paths = protected if protected is not None else AppPaths.from_environment()
    targets = check_targets(str(fmt), out, document.source, paths)
    annotations = sorted(annotations, key=Annotation.sort_key)  # text order, from any source
    text = document.text
    orphans = sum(1 for a in annotations if a.is_orphan)
    notices: list[str] = []
    files: list[tuple[Path, bytes]] = []
    skipped = 0
    if fmt is Format.W3C:
        if orphans:
            notices.append(f"{count(orphans, 'orphaned annotation')} written with the quote "
                           "only, no position: not placed on this text.")
        save_w3c(targets[0], annotations, document.source, document.fingerprint, text, links)
        return ExportReport(fmt, tuple(targets), len(annotations), 0, tuple(notices))
    if fmt is Format.BRAT:
        export = dumps_brat(text, annotations, links)
        skipped = export.skipped
        files = [(targets[0], utf8(export.txt)), (targets[1], utf8(export.ann))]
        conf = targets[1].with_name(BRAT_CONF)
        if conf.is_dir() or (conf.exists() and conf.read_bytes() != utf8(export.conf)):
            notices.append(f"The {BRAT_CONF} already in that folder was kept; brat needs it to "
                           "declare every type this export uses.")
        else:
            files.append((conf, utf8(export.conf)))
        notices += dropped_links(export.skipped_links)
        notices += brat_changes(export)
    elif fmt is Format.CSV:
        files = [(targets[0], b"\xef\xbb\xbf" + utf8(dumps_csv(annotations)))]
        notices += dropped_links(len(links), "CSV has no place for links")
    elif fmt is Format.DOCCANO:
        line, skipped = dumps_doccano(text, annotations, links)
        files = [(targets[0], utf8(line))]
    elif fmt is Format.PRODIGY:
        line, skipped, dropped = dumps_prodigy(text, annotations, links)
        files = [(targets[0], utf8(line))]
        unjoined = len(links) - len(joined_links(annotations, links))
        notices += dropped_links(dropped + unjoined, "Prodigy's relations need its tokens")
    elif fmt is Format.LABELSTUDIO:
        tasks, skipped = dumps_labelstudio(text, annotations, links)
        files = [(targets[0], utf8(tasks))]
    else:
        source = QdaSource(document.display_name, text, list(annotations), list(links))
        data, skipped = dumps_qdpx([source], tag_colours or {}, document.display_name)
        files = [(targets[0], data)]
    if fmt in _UNTAGGED_NAMED and any(UNTAGGED_LABEL in a.tags for a in annotations):
        notices.append(f"A tag named “{UNTAGGED_LABEL}” reads back from {FORMAT_NAMES[fmt]} "
                       "as no tag: it is the name these files give an annotation without "
                       "tags.")
    if fmt in (Format.DOCCANO, Format.LABELSTUDIO, Format.QDPX):
        notices += link_losses(FORMAT_NAMES[fmt], annotations, links,
                               keeps_notes=fmt is Format.QDPX)
    if fmt is Format.QDPX and (tagged := sum(1 for a in annotations
                                             if a.is_article_note and a.note and a.tags)):
        notices.append(f"The tags of {count(tagged, 'article note')} are not kept: a "
                       "REFI-QDA note holds its text only.")
    unplaced = skipped - orphans if fmt is not Format.CSV else 0
    if unplaced > 0:
        notices.append(f"{count(unplaced, 'annotation')} with no stretch of text (article "
                       f"notes, empty spans) left out: {FORMAT_NAMES[fmt]} has no place for "
                       f"{'it' if unplaced == 1 else 'them'}.")
    atomic_write_files(dict(files), paths.pending_writes)
    return ExportReport(fmt, tuple(path for path, _ in files), len(annotations) - skipped,
                        min(skipped, orphans), tuple(notices))


# --- import -------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnchoredFile:
    """An annotation file read and placed on an article's text."""

    source: Path
    format: Format
    annotations: list[Annotation]  # re-anchored to the text, in the file's order
    report: AnchorReport
    links: list[Link] = field(default_factory=list)
    notices: tuple[str, ...] = ()
    tag_colours: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        text = (f"{self.source.name}: {count(self.report.total, 'annotation')} — "
                f"{self.report}")
        if self.links:
            text += f"; {count(len(self.links), 'link')}"
        return " ".join([text + ".", *self.notices])


def read_annotation_file(path: str | os.PathLike[str], fmt: str | None = None,
                         article: str | None = None) -> tuple[Format, ParsedFile, dict[str, str]]:
    """What an annotation file holds, in whichever format its content shows (``fmt`` is
    only a hint, for content that could be two things). ``article`` (the text it is for)
    picks the record of a file of many documents. Also returns tag colours (REFI-QDA)."""
    path = Path(path)
    raw = read_annotation_bytes(path)
    kind = sniff(raw)
    if kind is None and path.suffix.lower() == ".ann":
        kind = "brat"  # an empty .ann: brat, with nothing in it
    if kind is None or kind == "jsonl":
        what = "JSON Lines, but not doccano's or Prodigy's" if kind else \
            "not an annotation file Lectern can read"
        raise LecternError(f"“{path.name}” is {what}. {READ_FORMATS_LINE}.")
    chosen = Format(kind)
    if fmt and ALIASES.get(fmt, fmt) in (Format.DOCCANO, Format.PRODIGY) and \
            chosen in (Format.DOCCANO, Format.PRODIGY):
        chosen = ALIASES.get(fmt) or Format(fmt)  # a record both tools could have written
    if chosen is Format.W3C:
        return chosen, read_w3c(path, raw).parsed, {}
    if chosen is Format.BRAT:
        return chosen, read_brat(path, raw_ann=raw, article=article)[1], {}
    if chosen is Format.QDPX:
        project = read_qdpx(path, raw)
        index = record_for([s.text for s in project.sources], article, path.name,
                           "text source", edited_single=True)
        parsed = project.sources[index].parsed
        parsed.notices[:0] = project.notices
        return chosen, parsed, project.colours
    reader = {Format.DOCCANO: read_doccano, Format.PRODIGY: read_prodigy,
              Format.LABELSTUDIO: read_labelstudio}[chosen]
    return chosen, reader(raw, path.name, article)[1], {}


def anchor_file(path: str | os.PathLike[str], document: Document,
                fmt: str | None = None) -> AnchoredFile:
    """Read an annotation file and re-anchor its annotations to ``document``'s text."""
    chosen, parsed, colours = read_annotation_file(path, fmt, document.text)
    placed, _ = reanchor_all(parsed.annotations, document.text)
    placed, notices = _join_pieces(placed, parsed.groups, document.text)
    report = AnchorReport()
    for annotation in placed:
        report.count(annotation.status)
    return AnchoredFile(Path(path), chosen, placed, report, parsed.links,
                        tuple(parsed.notices + notices), colours)


_WORST = (AnchorStatus.ANCHORED, AnchorStatus.MOVED, AnchorStatus.FUZZY)


def _join_pieces(placed: list[Annotation], groups: Mapping[str, list[str]],
                 text: str) -> tuple[list[Annotation], list[str]]:
    """Put back together each annotation read as one piece per target: its placed pieces
    become its fragments (an orphan when none was placed)."""
    if not groups:
        return placed, []
    piece_of = {piece: whole for whole, pieces in groups.items() for piece in pieces}
    by_id = {a.id: a for a in placed}
    out: list[Annotation] = []
    notices: list[str] = []
    for annotation in placed:
        whole = piece_of.get(annotation.id)
        if whole is None:
            out.append(annotation)
            continue
        if annotation.id != groups[whole][0]:
            continue  # joined when its first piece came by
        pieces = [by_id[p] for p in groups[whole]]
        found = [p for p in pieces if not p.is_orphan]
        if not found:
            out.append(replace(pieces[0], id=whole))
            continue
        if len(found) < len(pieces):
            notices.append(f"Annotation {whole}: {len(pieces) - len(found)} of its "
                           f"{len(pieces)} targets could not be placed; kept the others.")
        status = max((p.status for p in found), key=_WORST.index)
        first = min(found, key=Annotation.sort_key)
        last = max(found, key=lambda p: p.end)
        exact, prefix, suffix = quote_selector(text, first.start, last.end)
        out.append(replace(first, id=whole, end=last.end, status=status, exact=exact,
                           prefix=prefix, suffix=suffix,
                           fragments=tuple((p.start, p.end) for p in found)))
    return out, notices


@dataclass(frozen=True)
class ImportReport:
    """What merging an anchored file into an article changed."""

    anchored: AnchoredFile
    added: int
    updated: int
    already: int
    links: int = 0

    def summary(self, title: str) -> str:
        text = (f"Imported {self.added:,} new and {self.updated:,} updated annotations into "
                f"“{title}” ({self.already:,} already there)")
        if self.links:
            text += f" and {count(self.links, 'link')} between them"
        return text + "."


def import_into(session: AnnotationSession, anchored: AnchoredFile,
                label: str | None = None) -> ImportReport:
    """Merge an anchored file (``anchor_file`` on this session's document) into the
    session's article as one undoable step."""
    command = session.import_annotations(anchored.annotations,
                                         label=label or f"Import {anchored.source.name}",
                                         links=anchored.links,
                                         tag_colours=anchored.tag_colours)
    updated = len(command.before)
    added = len(command.after) - updated
    return ImportReport(anchored, added, updated, len(anchored.annotations) - added - updated,
                        len(command.links_after))


def import_project(path: str | os.PathLike[str], store: AnnotationStore) -> list[ImportReport]:
    """Bring every text source of a REFI-QDA project into the library as an article with
    its annotations, each source one transaction (importing it again adds nothing)."""
    from lectern.core.editing.session import AnnotationSession
    from lectern.core.library.keeping import keep

    path = Path(path)
    project = read_qdpx(path)
    reports = []
    for source in project.sources:
        document = Document.from_text(source.text, title=source.name)
        placed, report = reanchor_all(source.parsed.annotations, document.text)
        anchored = AnchoredFile(path, Format.QDPX, placed, report, source.parsed.links,
                                tuple(project.notices), project.colours)
        with store.batch():
            keep(store, document)
            session = AnnotationSession(document, store)
            reports.append(import_into(session, anchored, f"Import {source.name}"))
    return reports
