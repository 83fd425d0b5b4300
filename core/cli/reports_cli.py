"""``report`` and ``quotes``: the reports and the quote ledger from the shell.

Each brings the library's analyses and its quotes index up to date first. Results go to
stdout (``--format json`` and ``csv`` keep it pure), notices to stderr; ``--out FILE``
writes the report to a file instead, checked and atomically.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from lectern.core.atomic_write import atomic_write_bytes
from lectern.core.cli.output import print_json, print_table, store_notice
from lectern.core.library.reports import COLUMNS, KINDS, cells, dumps_csv, write_csv
from lectern.core.output_paths import output_target
from lectern.core.paths import AppPaths
from lectern.core.store import AnnotationStore

REPORT_FORMATS = ("table", "csv", "json")
QUOTE_FORMATS = ("table", "json")
WIDTHS = {"tags": (18, 8, 20, 7), "cooccurrence": (18, 18, 7), "sources": (36, 7, 9, 6)}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = subparsers.add_parser(
        "report", help="tag frequencies, tag co-occurrence or sourcing across the library",
        description="tags: annotations per tag and article (tag,article,outlet,count); "
                    "cooccurrence: tags of annotations that overlap or share a paragraph "
                    "(tag_a,tag_b,count); sources: who is quoted, how often, in how many "
                    "articles, and whether the credit names them (speaker,quotes,articles,"
                    "named). Pending analyses run first.")
    report.add_argument("kind", choices=KINDS)
    report.add_argument("--format", default="table", choices=REPORT_FORMATS)
    report.add_argument("--out", metavar="FILE",
                        help="write the report to FILE (CSV, or JSON with --format json)")
    report.set_defaults(handler=run_report)

    quotes = subparsers.add_parser(
        "quotes", help="the quotations of the library, or the quote ledger",
        description="Every quotation found in the library's articles with its speaker; with "
                    "--ledger, the quotations found in several articles (identical or "
                    "nearly), the earliest article first, each occurrence flagged when it "
                    "is truncated, paraphrased or credited to another speaker.")
    quotes.add_argument("--ledger", action="store_true")
    quotes.add_argument("--format", default="table", choices=QUOTE_FORMATS)
    quotes.set_defaults(handler=run_quotes)


def _open(paths: AppPaths) -> AnnotationStore | None:
    """The store, or None when there is none yet (a report must not create one)."""
    if not paths.store_file.exists():
        return None
    store = AnnotationStore.open(paths.store_file)
    store_notice(store)
    return store


def run_report(args: argparse.Namespace, paths: AppPaths) -> int:
    from lectern.core.library.reports import report

    store = _open(paths)
    rows: list[Any] = []
    if store is not None:
        with store:
            rows = list(report(store, args.kind))
    kind = args.kind
    if args.out:
        if args.format == "json":
            target = output_target(args.out, paths)
            atomic_write_bytes(target, (json.dumps(_json(kind, rows), ensure_ascii=False,
                                                   indent=1) + "\n").encode("utf-8"))
        else:
            print(write_csv(args.out, kind, rows, paths), file=sys.stderr)
        return 0
    if args.format == "json":
        print_json(_json(kind, rows))
    elif args.format == "csv":
        sys.stdout.write(dumps_csv(kind, rows).replace("\r\n", "\n"))
    else:
        print_table(tuple(c.replace("_", " ").capitalize() for c in COLUMNS[kind]),
               [tuple(_shown(v) for v in cells(kind, r)) for r in rows], WIDTHS[kind])
    print(f"{len(rows):,} row{'s' * (len(rows) != 1)}", file=sys.stderr)
    return 0


def _json(kind: str, rows: list[Any]) -> list[dict[str, object]]:
    return [dict(zip(COLUMNS[kind], cells(kind, r), strict=True)) for r in rows]


def _shown(value: object) -> object:
    return ("yes" if value else "no") if isinstance(value, bool) else value


def run_quotes(args: argparse.Namespace, paths: AppPaths) -> int:
    from lectern.core.library.ledger import LedgerEntry, quote_ledger
    from lectern.core.library.quote_index import bring_up_to_date

    store = _open(paths)
    quotes = []
    entries: list[LedgerEntry] = []
    if store is not None:
        with store:
            if args.ledger:
                entries = quote_ledger(store)
            else:
                bring_up_to_date(store)
                quotes = store.reports.quotes()
    if args.ledger:
        if args.format == "json":
            print_json([entry.to_json() for entry in entries])
        else:
            for entry in entries:
                print(f"“{entry.text}” — {', '.join(entry.speakers) or 'unattributed'}")
                for o in entry.occurrences:
                    print(f"    article {o.article:>6}  {o.quote.published or '—':10}  "
                          f"{o.quote.quote.start:>6}-{o.quote.quote.end:<6}  "
                          f"{o.quote.quote.speaker or '—':24}  {o.differs or ''}".rstrip())
        print(f"{len(entries):,} entr{'ies' if len(entries) != 1 else 'y'}", file=sys.stderr)
        return 0
    if args.format == "json":
        print_json([{"article": q.article, "start": q.quote.start, "end": q.quote.end,
                      "text": q.quote.text, "speaker": q.quote.speaker or None,
                      "attribution": q.quote.attribution} for q in quotes])
    else:
        print_table(("Article", "Start", "Speaker", "Quotation"),
               [(q.article, q.quote.start, q.quote.speaker or "—", q.quote.text)
                for q in quotes], (7, 6, 24, 70))
    print(f"{len(quotes):,} quotation{'s' * (len(quotes) != 1)}", file=sys.stderr)
    return 0
