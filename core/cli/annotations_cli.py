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

from lectern.core.anchoring import AnchorReport, reanchor_all
from lectern.core.annotations import Annotation
from lectern.core.document import Document, load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.formats import load_brat, load_w3c, save_brat, save_csv, save_jsonl, save_w3c
from lectern.core.formats.targets import check_targets, written_files
from lectern.core.paths import AppPaths
from lectern.core.store import AnnotationStore, StoredAnnotation

EXPORT_FORMATS = ("w3c", "brat", "csv", "jsonl")
TABLE_WIDTHS = {"document": 28, "quote": 40, "tags": 24, "note": 40}


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export", help="write an article's annotations as W3C JSON-LD, brat, CSV or JSONL",
        description="Write the annotations of FILE (from the local store, or from --annotations "
                    "re-anchored to FILE's current text) to --out.")
    export.add_argument("file", metavar="FILE", help="the article (.txt, .md, .html)")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--out", required=True, metavar="PATH",
                        help="file to write (brat: the .txt; the .ann goes beside it)")
    export.add_argument("--annotations", metavar="ANN.json",
                        help="export this W3C annotation file instead of the stored annotations")
    export.set_defaults(handler=run_export)

    importer = subparsers.add_parser(
        "import", help="merge an annotation file into the local store",
        description="Re-anchor the annotations of ANN (W3C JSON-LD, or brat .ann with its .txt "
                    "beside it) to FILE's text and merge them into the local store.")
    importer.add_argument("annotations", metavar="ANN.json")
    importer.add_argument("--into", required=True, metavar="FILE", help="the article")
    importer.set_defaults(handler=run_import)

    search = subparsers.add_parser(
        "search", help="list stored annotations across articles",
        description="List stored annotations across all articles: document, quote, tags, note.")
    search.add_argument("--tag", help="only annotations with this tag")
    search.add_argument("--text", metavar="WORDS",
                        help="only annotations whose quote or note contains every word")
    search.add_argument("--since", metavar="DATE", help="created on or after (YYYY-MM-DD)")
    search.add_argument("--until", metavar="DATE", help="created on or before (YYYY-MM-DD)")
    search.add_argument("--format", default="table", choices=("table", "json"))
    search.set_defaults(handler=run_search)


# --- export ------------------------------------------------------------------------------
def run_export(args: argparse.Namespace, paths: AppPaths) -> int:
    document = load_document(args.file)
    out = Path(args.out)
    check_targets(args.format, out, document.source)  # before any work, so nothing is written
    if args.annotations:
        loaded = _read_annotation_file(Path(args.annotations))
        annotations, report = reanchor_all(loaded, document.text)
        _report(report, f"from {Path(args.annotations).name}")
    else:
        annotations = _stored_annotations(document, paths)
    skipped = _write(args.format, out, document, annotations)
    placed = len(annotations) - skipped
    print(f"Wrote {placed} annotation{'s' * (placed != 1)} to {out}"
          + (f" ({skipped} orphaned ones cannot be placed in {args.format})" if skipped else ""),
          file=sys.stderr)
    return 0


def _stored_annotations(document: Document, paths: AppPaths) -> list[Annotation]:
    """The store's annotations for this text; else those made on an older text at this path."""
    if not paths.store_file.exists():
        raise LecternError(f"There are no stored annotations yet (no store at "
                           f"{paths.store_file}).")
    with AnnotationStore.open(paths.store_file) as store:
        _notice(store)
        annotations = store.annotations(document.fingerprint)
        if annotations:
            print(f"{len(annotations)} stored annotations for this text", file=sys.stderr)
            return annotations
        path = str(document.source or "")
        earlier = [d for d in store.documents() if path and d.path == path]
        for record in earlier:  # most recently opened first
            older = store.annotations(record.fingerprint)
            if older:
                placed, report = reanchor_all(older, document.text)
                _report(report, "made on an earlier version of this file")
                return placed
    raise LecternError(f"The store has no annotations for “{document.display_name}”.")


def _write(fmt: str, out: Path, document: Document, annotations: list[Annotation]) -> int:
    """Write ``out`` atomically; return how many annotations the format could not hold."""
    orphans = sum(1 for a in annotations if a.is_orphan)
    if fmt == "w3c":
        save_w3c(out, annotations, document.source, document.fingerprint)
        return 0
    if fmt == "brat":
        txt = written_files(fmt, out)[0]
        return save_brat(txt, document.text, annotations).skipped
    if fmt == "csv":
        save_csv(out, annotations)
        return 0
    save_jsonl(out, document.text, annotations)
    return orphans


# --- import ------------------------------------------------------------------------------
def run_import(args: argparse.Namespace, paths: AppPaths) -> int:
    document = load_document(args.into)
    source = Path(args.annotations)
    loaded = _read_annotation_file(source)
    placed, report = reanchor_all(loaded, document.text)
    _report(report, f"from {source.name}")
    with AnnotationStore.open(paths.store_file) as store:
        _notice(store)
        session = AnnotationSession(document, store)
        command = session.import_annotations(placed, label=f"Import {source.name}")
    added = sum(1 for _, a in command.after) - len(command.before)
    print(f"Imported {added} new and {len(command.before)} updated annotations into "
          f"“{document.display_name}” ({len(loaded) - len(command.after)} already there).",
          file=sys.stderr)
    return 0


def _read_annotation_file(path: Path) -> list[Annotation]:
    if not path.exists():
        raise LecternError(f"“{path}” does not exist.")
    if path.suffix.lower() == ".ann":
        _, annotations = load_brat(path)
        return annotations
    annotations, _ = load_w3c(path)
    return annotations


# --- search ------------------------------------------------------------------------------
def run_search(args: argparse.Namespace, paths: AppPaths) -> int:
    since, until = _date(args.since, "--since"), _date(args.until, "--until")
    hits: list[StoredAnnotation] = []
    if paths.store_file.exists():  # searching must not create a store
        with AnnotationStore.open(paths.store_file) as store:
            _notice(store)
            hits = store.search(tag=args.tag, text=args.text, created_from=since,
                                created_to=until)
    if args.format == "json":
        json.dump([_hit_json(hit) for hit in hits], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        _print_table(hits)
    print(f"{len(hits)} annotation{'s' * (len(hits) != 1)} found", file=sys.stderr)
    return 0


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise LecternError(f"{option} wants a date like 2026-01-31, not “{value}”.") from None
    return value


def _hit_json(hit: StoredAnnotation) -> dict:
    a = hit.annotation
    return {"document": hit.title, "path": hit.path, "fingerprint": hit.fingerprint,
            "id": a.id, "start": a.start, "end": a.end, "quote": a.exact, "tags": list(a.tags),
            "note": a.note, "created": a.created, "modified": a.modified,
            "status": a.status.value}


def _cell(text: str, width: int) -> str:
    flat = " ".join(text.split())  # newlines and tabs would break the table
    return (flat if len(flat) <= width else flat[:width - 1] + "…").ljust(width)


def _print_table(hits: list[StoredAnnotation]) -> None:
    print("  ".join(_cell(name.capitalize(), w) for name, w in TABLE_WIDTHS.items()).rstrip())
    for hit in hits:
        values = (hit.title or Path(hit.path).name or hit.fingerprint[:12],
                  hit.annotation.exact, ", ".join(hit.annotation.tags), hit.annotation.note)
        print("  ".join(_cell(v, w) for v, w in zip(values, TABLE_WIDTHS.values(),
                                                     strict=True)).rstrip())


# --- shared ------------------------------------------------------------------------------
def _report(report: AnchorReport, where: str) -> None:
    print(f"Anchoring {report.total} annotations {where}: {report}", file=sys.stderr)


def _notice(store: AnnotationStore) -> None:
    if store.recovery_message:
        print(f"lectern: {store.recovery_message}", file=sys.stderr)
