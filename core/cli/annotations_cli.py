"""``export``, ``import`` and ``search``: annotation files and the local store from the shell.

Anchoring counts and notices go to stderr, results to stdout. Bad input raises
LecternError (main prints it and exits 1) before anything is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from lectern.core.anchoring import AnchorReport
from lectern.core.annotations import Annotation
from lectern.core.cli.output import cell, store_notice
from lectern.core.document import Document, load_document
from lectern.core.editing.restore import restore_annotations
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.formats.exchange import (
    FORMAT_CHOICES,
    Format,
    anchor_file,
    export_annotations,
    format_named,
    import_into,
    import_project,
)
from lectern.core.formats.parsed import read_annotation_bytes
from lectern.core.formats.sniff import sniff
from lectern.core.formats.targets import check_targets
from lectern.core.library.passages import PassageQuery, passages
from lectern.core.links import Link
from lectern.core.paths import AppPaths
from lectern.core.store import AnnotationStore
from lectern.core.store.failures import search_bound
from lectern.core.store.library_rows import Passage

TABLE_WIDTHS = {"document": 28, "quote": 40, "tags": 24, "note": 40}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser(
        "export", help="write an article's annotations as W3C JSON-LD, brat, CSV, doccano, "
                       "Prodigy, Label Studio or a REFI-QDA project",
        description="Write the annotations of FILE (from the local store, or from --annotations "
                    "re-anchored to FILE's current text) to --out.")
    export.add_argument("file", metavar="FILE", help="the article (.txt, .md, .html)")
    export.add_argument("--format", choices=FORMAT_CHOICES,
                        help="default: from --out's name (.json, .ann, .csv, .jsonl, .qdpx); "
                             "jsonl is the Prodigy shape")
    export.add_argument("--out", required=True, metavar="PATH",
                        help="file to write (brat: the .txt or the .ann; both are written)")
    export.add_argument("--annotations", metavar="ANN.json",
                        help="export this W3C annotation file instead of the stored annotations")
    export.set_defaults(handler=run_export)

    importer = subparsers.add_parser(
        "import", help="merge an annotation file into the local store",
        description="Re-anchor the annotations of ANN to FILE's text and merge them into the "
                    "local store. The format is told by the content: W3C or Hypothesis JSON, "
                    "brat .ann (its .txt beside it), doccano or Prodigy JSONL, Label Studio "
                    "JSON, a REFI-QDA project (.qdpx). A .qdpx without --into brings all its "
                    "texts into the store.")
    importer.add_argument("annotations", metavar="ANN.json")
    importer.add_argument("--into", metavar="FILE",
                          help="the article (needed for every format but .qdpx)")
    importer.set_defaults(handler=run_import)

    search = subparsers.add_parser(
        "search", help="list stored annotations across articles",
        description="List stored annotations across all articles: document, quote, tags, note.")
    search.add_argument("--tag", help="only annotations with this tag")
    search.add_argument("--text", metavar="WORDS",
                        help="only annotations whose quote or note contains every word")
    search.add_argument("--since", metavar="DATE", help="created on or after (YYYY-MM-DD)")
    search.add_argument("--until", metavar="DATE", help="created on or before (YYYY-MM-DD)")
    search.add_argument("--article", type=int, metavar="ID",
                        help="only annotations of this library article (see `library`)")
    search.add_argument("--outlet", help="only annotations of articles from this outlet")
    search.add_argument("--dated-since", metavar="DATE",
                        help="only articles dated on or after (YYYY-MM-DD)")
    search.add_argument("--dated-until", metavar="DATE",
                        help="only articles dated on or before (YYYY-MM-DD)")
    search.add_argument("--format", default="table", choices=("table", "json"))
    search.add_argument("--out", metavar="FILE",
                        help="also write the passages found to FILE: .csv, .md (each quote "
                             "with its citation) or .json (a W3C annotation collection)")
    search.set_defaults(handler=run_search)


# --- export ------------------------------------------------------------------------------
def run_export(args: argparse.Namespace, paths: AppPaths) -> int:
    document = load_document(args.file)
    fmt = format_named(args.format, args.out)
    check_targets(fmt, args.out, document.source, paths)  # before any work: nothing written
    colours: dict[str, str] = {}
    if args.annotations:
        anchored = anchor_file(args.annotations, document)
        _report(anchored.report, f"from {anchored.source.name}")
        annotations, links = anchored.annotations, anchored.links
    else:
        annotations, links, colours = _stored_annotations(document, paths)
    report = export_annotations(fmt, args.out, document, annotations, links, colours,
                                protected=paths)
    print(report.summary(), file=sys.stderr)
    return 0


def _stored_annotations(document: Document, paths: AppPaths
                        ) -> tuple[list[Annotation], list[Link], dict[str, str]]:
    """The store's annotations for this text (else those made on an older text at this
    path), the links between them and the tag colours."""
    if not paths.store_file.exists():
        raise LecternError(f"There are no stored annotations yet (no store at "
                           f"{paths.store_file}).")
    with AnnotationStore.open(paths.store_file, read_only=True) as store:
        restored = restore_annotations(store, document)
        fingerprint = restored.earlier.fingerprint if restored.earlier else document.fingerprint
        links = store.links(fingerprint)
        colours = {tag.name: tag.colour for tag in store.tag_scheme() or []}
    if restored.report is not None:
        _report(restored.report, "made on an earlier version of this file")
    elif restored.annotations:
        print(f"{len(restored.annotations)} stored annotations for this text", file=sys.stderr)
    if not restored.annotations:
        raise LecternError(f"The store has no annotations for “{document.display_name}”.")
    return restored.annotations, links, colours


# --- import ------------------------------------------------------------------------------
def run_import(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.into is None:
        return _import_project(args.annotations, paths)
    document = load_document(args.into)
    anchored = anchor_file(args.annotations, document)  # a bad file stops here, unstored
    _report(anchored.report, f"from {anchored.source.name}")
    for notice in anchored.notices:
        print(notice, file=sys.stderr)
    with AnnotationStore.open(paths.store_file) as store:
        store_notice(store)
        report = import_into(AnnotationSession(document, store), anchored)
    print(report.summary(document.display_name), file=sys.stderr)
    return 0


def _import_project(path: str, paths: AppPaths) -> int:
    """A REFI-QDA project brings its texts; any other file needs the article it is for."""
    if sniff(read_annotation_bytes(path)) != Format.QDPX:
        raise LecternError("Name the article these annotations are for with --into FILE "
                           "(only a REFI-QDA project, .qdpx, brings its own texts).")
    with AnnotationStore.open(paths.store_file) as store:
        store_notice(store)
        reports = import_project(path, store)
    for report in reports:
        for notice in report.anchored.notices:
            print(notice, file=sys.stderr)
        print(report.summary(report.anchored.source.name), file=sys.stderr)
    print(f"{len(reports)} text sources kept in the library.", file=sys.stderr)
    return 0


# --- search ------------------------------------------------------------------------------
def run_search(args: argparse.Namespace, paths: AppPaths) -> int:
    from lectern.core.library.passage_export import export_kind, export_passages

    since, until = _date(args.since, "--since"), _date(args.until, "--until")
    if args.out:
        export_kind(args.out)  # a name that says no format is refused before the search
    query = PassageQuery(tags=(args.tag,) if args.tag else (), words=args.text or "",
                         article=args.article, outlet=args.outlet,
                         dated_from=_date(args.dated_since, "--dated-since"),
                         dated_to=_date(args.dated_until, "--dated-until"),
                         created_from=since, created_to=until)
    hits: list[Passage] = []
    if paths.store_file.exists():  # searching must not create a store
        # An older store opens as today's (migrated in memory, its file untouched).
        with AnnotationStore.open(paths.store_file, read_only=True) as store:
            # The Passages view's use case, listed oldest annotation first as before.
            hits = sorted(passages(store, query, whole=True),
                          key=lambda p: (p.annotation.created, p.annotation.id))
    if args.format == "json":
        json.dump([_hit_json(hit) for hit in hits], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        _print_table(hits)
    print(f"{len(hits)} annotation{'s' * (len(hits) != 1)} found", file=sys.stderr)
    if args.out:
        print(export_passages(args.out, hits), file=sys.stderr)
    return 0


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise LecternError(f"{option} wants a date like 2026-01-31, not “{value}”.") from None
    search_bound(value, option)  # one in the year 10000 in UTC is refused here, store or not
    return value


def _hit_json(hit: Passage) -> dict[str, object]:
    a = hit.annotation
    return {"document": hit.title, "path": hit.path, "fingerprint": hit.fingerprint,
            "id": a.id, "start": a.start, "end": a.end, "quote": a.exact, "tags": list(a.tags),
            "note": a.note, "created": a.created, "modified": a.modified,
            "status": a.status.value, "article": hit.article, "outlet": hit.outlet,
            "date": hit.published}


def _print_table(hits: list[Passage]) -> None:
    print("  ".join(cell(name.capitalize(), w) for name, w in TABLE_WIDTHS.items()).rstrip())
    for hit in hits:
        values = (hit.title or Path(hit.path).name or hit.fingerprint[:12],
                  hit.annotation.exact, ", ".join(hit.annotation.tags), hit.annotation.note)
        print("  ".join(cell(v, w) for v, w in zip(values, TABLE_WIDTHS.values(),
                                                     strict=True)).rstrip())


# --- shared ------------------------------------------------------------------------------
def _report(report: AnchorReport, where: str) -> None:
    print(f"Anchoring {report.total} annotations {where}: {report}", file=sys.stderr)
