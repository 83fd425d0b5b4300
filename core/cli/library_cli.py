"""``add``, ``library``, ``find``, ``remove`` and ``open``: the library from the shell.

Results go to stdout (``--format json`` keeps it pure JSON), progress bars and notices to
stderr, the bars only when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from lectern.core.cli.output import print_json, print_table, store_notice
from lectern.core.errors import LecternError
from lectern.core.paths import AppPaths
from lectern.core.store import AnnotationStore
from lectern.core.store.library_rows import Article

FORMATS = ("table", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add = subparsers.add_parser(
        "add", help="add article files or folders to the library",
        description="Add article files (.txt, .md, .html, .htm) to the library; folders are "
                    "read recursively. Files that cannot be read are listed with their "
                    "reasons; the text of a file already in the library is not added twice. "
                    "Exits 1 only when nothing was added or already there.")
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument("--no-analysis", action="store_true",
                     help="do not analyse the added articles now (later commands will)")
    add.add_argument("--format", default="table", choices=FORMATS)
    add.set_defaults(handler=run_add)

    library = subparsers.add_parser(
        "library", help="list the articles in the library, or one with its versions",
        description="Every article in the library, or with ID that article and its versions.")
    library.add_argument("id", nargs="?", type=int, metavar="ID")
    library.add_argument("--format", default="table", choices=FORMATS)
    library.set_defaults(handler=run_library)

    find = subparsers.add_parser(
        "find", help="full-text search across the library's articles and annotations",
        description='Search article texts, annotation quotes, notes and tags: words, '
                    '"phrases", prefixes (pharma*), AND / OR / NOT; accents and case are '
                    'ignored. Hits are ranked by relevance (bm25).')
    find.add_argument("query", metavar="QUERY")
    find.add_argument("--limit", type=_positive, default=100, metavar="N",
                      help="at most N hits (default 100)")
    find.add_argument("--format", default="table", choices=FORMATS)
    find.set_defaults(handler=run_find)

    remove = subparsers.add_parser(
        "remove", help="remove an article (with its annotations) from the library",
        description="Remove the article ID from the library, with its versions, annotations "
                    "and stored analyses, and say what went with it.")
    remove.add_argument("id", type=int, metavar="ID")
    remove.set_defaults(handler=run_remove)

    opener = subparsers.add_parser(
        "open", help="start the window on an article of the library",
        description="Start the window on the library's article ID (from its file, or from "
                    "the kept text when the file was moved or deleted).")
    opener.add_argument("id", type=int, metavar="ID")
    opener.add_argument("--dark", action="store_true", help="use the dark palette")
    opener.set_defaults(handler=None)  # main.py starts the window: core never imports Qt


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"wants a whole number, not “{text}”") from None
    if value < 1:
        raise argparse.ArgumentTypeError("wants 1 or more")
    return value


# --- add ------------------------------------------------------------------------------------
def run_add(args: argparse.Namespace, paths: AppPaths) -> int:
    from lectern.core.library.adding import add_paths
    from lectern.core.library.analyses import run_pending

    paths.ensure()
    with AnnotationStore.open(paths.store_file) as store:
        store_notice(store)
        with progress_bar("Adding", "file") as tick:
            report = add_paths(store, args.paths, progress=lambda done, total, _: tick(done,
                                                                                     total))
        analysed = 0
        if not args.no_analysis and report.added:
            with progress_bar("Analysing", "article") as tick:
                analysed = run_pending(store, progress=tick)
    if args.format == "json":
        print_json(report.to_json())
    else:
        for added in report.added:
            moved = f" (new version: {added.reanchored})" if added.reanchored else ""
            print(f"added    {added.id:>6}  {added.title}{moved}")
        for present in report.present:
            print(f"present  {present.id:>6}  {present.path}")
        for refused in report.refused:
            print(f"refused          {refused.path}: {refused.reason}")
    print(report.summary() + (f" {analysed:,} analysed." if analysed else ""), file=sys.stderr)
    return 0 if report.any_kept else 1


@contextmanager
def progress_bar(what: str, unit: str) -> Iterator[Callable[[int, int], None]]:
    """``tick(done, total)`` drawing a tqdm bar on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from tqdm import tqdm  # only here: no other command, and never the window, loads it

    with tqdm(desc=what, unit=unit, file=sys.stderr, leave=False) as bar:
        def tick(done: int, total: int) -> None:
            if bar.total != total:
                bar.reset(total=total)
            bar.update(done - bar.n)

        yield tick


# --- library ------------------------------------------------------------------------------
def article_json(article: Article) -> dict[str, Any]:
    return {"id": article.id, "title": article.display_title, "outlet": article.outlet,
            "date": article.published, "path": article.path, "words": article.words,
            "annotations": article.annotations, "versions": article.versions,
            "byline": article.byline, "tags": list(article.tags),
            "text_kept": article.text_kept}


def run_library(args: argparse.Namespace, paths: AppPaths) -> int:
    if not paths.store_file.exists():  # listing must not create a store
        if args.id is not None:
            raise LecternError(f"There is no article {args.id}: the library is empty.")
        articles: list[Article] = []
    else:
        with AnnotationStore.open(paths.store_file) as store:
            store_notice(store)
            if args.id is not None:
                return _show_article(store, args.id, args.format)
            articles = store.library.articles()
    if args.format == "json":
        print_json([article_json(a) for a in articles])
    else:
        print_table(("ID", "Title", "Outlet", "Date", "Words", "Notes", "Versions"),
               [(a.id, a.display_title, a.outlet, a.published,
                 "—" if a.words is None else f"{a.words:,}", a.annotations, a.versions)
                for a in articles], (6, 48, 18, 10, 7, 6, 8))
        if any(not a.text_kept for a in articles):
            print("— : text not kept yet (annotated before the library); open the file once "
                  "to keep it.", file=sys.stderr)
    print(f"{len(articles):,} article{'s' * (len(articles) != 1)}", file=sys.stderr)
    return 0


def _show_article(store: AnnotationStore, article_id: int, fmt: str) -> int:
    article = store.library.article(article_id)
    if article is None:
        raise LecternError(f"There is no article {article_id} in the library.")
    versions = store.library.versions(article_id)
    found = article_json(article) | {"versions": [
        {"id": v.id, "fingerprint": v.fingerprint, "added": v.added, "words": v.words,
         "annotations": v.annotations, "text_kept": v.text_kept,
         "reanchored": json.loads(v.reanchored) if v.reanchored else None}
        for v in versions]}
    if fmt == "json":
        print_json(found)
        return 0
    for key in ("id", "title", "outlet", "byline", "date", "path", "words", "annotations"):
        value = found[key]
        print(f"{key:>12}: {'—' if value in (None, '') else value}")
    print(f"{'tags':>12}: {', '.join(article.tags) or '—'}")
    print(f"{'versions':>12}:")
    for v in found["versions"]:
        moved = v["reanchored"]
        note = (f"  annotations moved in: {moved['exact']} exact, {moved['moved']} moved, "
                f"{moved['fuzzy']} fuzzy, {moved['orphaned']} orphaned") if moved else ""
        words = "text not kept" if v["words"] is None else f"{v['words']:,} words"
        print(f"{'':>14}{v['id']:>6}  {v['added'][:19]}  {v['fingerprint'][:12]}  {words}"
              f"{note}")
    return 0


# --- find ---------------------------------------------------------------------------------
def run_find(args: argparse.Namespace, paths: AppPaths) -> int:
    from lectern.core.library.find import find
    from lectern.core.library.query import parse_query

    parse_query(args.query)  # a query that cannot be read is refused, store or not
    hits = []
    if paths.store_file.exists():
        with AnnotationStore.open(paths.store_file) as store:
            store_notice(store)
            hits = find(store, args.query, args.limit)
    if args.format == "json":
        print_json({"hits": [hit.to_json() for hit in hits]})
    else:
        print_table(("Article", "Where", "Title", "Match"),
               [(h.article if h.article is not None else "", h.where, h.title, h.snippet)
                for h in hits], (7, 5, 30, 80))
    print(f"{len(hits):,} hit{'s' * (len(hits) != 1)}", file=sys.stderr)
    return 0


# --- remove -----------------------------------------------------------------------------------
def run_remove(args: argparse.Namespace, paths: AppPaths) -> int:
    from lectern.core.library.removal import remove_article

    if not paths.store_file.exists():
        raise LecternError(f"There is no article {args.id}: the library is empty.")
    with AnnotationStore.open(paths.store_file) as store:
        store_notice(store)
        print(remove_article(store, args.id).summary())
    return 0


# --- shared -------------------------------------------------------------------------------
