"""``timeline`` and ``conflicts``: the library's dated events and its figure conflicts from
the shell. Each analyses what is pending first; results go to stdout (``--format json``
keeps it pure JSON), counts and progress to stderr."""

from __future__ import annotations

import argparse
import sys

from lectern.core.cli.library_cli import progress_bar
from lectern.core.cli.output import print_json, print_table, store_notice
from lectern.core.errors import LecternError
from lectern.core.paths import AppPaths
from lectern.core.store import AnnotationStore

FORMATS = ("table", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    timeline = subparsers.add_parser(
        "timeline", help="the dated events of the library's articles, grouped",
        description="The dated events the library's articles report, by date; an event "
                    "told by several articles (the same date, and the same subject or a "
                    "shared person, organisation or place) is listed once with each source.")
    timeline.add_argument("--query", metavar="Q",
                          help="only the articles this search finds (as `find` reads it)")
    timeline.add_argument("--articles", type=_ids, metavar="ID,...",
                          help="only these articles (ids as `library` lists them)")
    timeline.add_argument("--format", default="table", choices=FORMATS)
    timeline.set_defaults(handler=run_timeline)

    conflicts = subparsers.add_parser(
        "conflicts", help="figures the library's articles give differently",
        description="Measures (a figure's subject, its unit or currency, and its period) "
                    "for which articles give values that cannot be the same figure: each "
                    "with its values as numbers and as written, and their passages.")
    conflicts.add_argument("--query", metavar="Q",
                           help="only among the articles this search finds")
    conflicts.add_argument("--articles", type=_ids, metavar="ID,...",
                           help="only among these articles (ids as `library` lists them)")
    conflicts.add_argument("--format", default="table", choices=FORMATS)
    conflicts.set_defaults(handler=run_conflicts)


def _ids(text: str) -> list[int]:
    try:
        ids = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"wants article ids separated by commas (1,4,9), not “{text}”") from None
    if not ids:
        raise argparse.ArgumentTypeError("wants at least one article id")
    return ids


def _analysed(paths: AppPaths) -> AnnotationStore:
    from lectern.core.library.analyses import run_pending

    if not paths.store_file.exists():
        raise LecternError("The library is empty: add articles first (`add FOLDER`).")
    store = AnnotationStore.open(paths.store_file)
    store_notice(store)
    with progress_bar("Analysing", "article") as tick:
        run_pending(store, progress=tick)
    return store


def run_timeline(args: argparse.Namespace, paths: AppPaths) -> int:
    from lectern.core.library.query import parse_query
    from lectern.core.library.timeline import timeline_events
    from lectern.core.readouts.fact_format import format_date

    if args.query:
        parse_query(args.query)  # a query that cannot be read is refused before any work
    with _analysed(paths) as store:
        events = timeline_events(store, args.query, args.articles)
    if args.format == "json":
        print_json([event.to_json() for event in events])
    else:
        print_table(("Date", "Event", "Articles"),
               [(format_date(e.date), e.label, ", ".join(map(str, e.articles)))
                for e in events], (18, 70, 20))
    print(f"{len(events):,} event{'s' * (len(events) != 1)}", file=sys.stderr)
    return 0


def run_conflicts(args: argparse.Namespace, paths: AppPaths) -> int:
    from lectern.core.library.conflicts import conflicts
    from lectern.core.library.query import parse_query

    if args.query:
        parse_query(args.query)  # a query that cannot be read is refused before any work
    with _analysed(paths) as store:
        found = conflicts(store, args.query, args.articles)
    if args.format == "json":
        print_json([conflict.to_json() for conflict in found])
    else:
        rows: list[tuple[object, ...]] = []
        for conflict in found:
            for number, group in enumerate(conflict.values):
                for figure in group.figures:
                    rows.append((conflict.title if number == 0 and figure is group.figures[0]
                                 else "", conflict.value_text(group), figure.written,
                                 figure.source.article, f"{figure.source.start}-"
                                 f"{figure.source.end}"))
        print_table(("Measure", "Value", "As written", "Article", "Passage"), rows,
               (40, 16, 22, 7, 11))
    print(f"{len(found):,} conflict{'s' * (len(found) != 1)}", file=sys.stderr)
    return 0
