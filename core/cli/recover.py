"""``recover``: bring back what a damaged store file, moved aside, still holds."""

from __future__ import annotations

import argparse
import sys

from lectern.core.cli.output import store_notice
from lectern.core.paths import AppPaths
from lectern.core.store import AnnotationStore


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    recover = subparsers.add_parser(
        "recover", help="merge what a damaged store file still holds into the local store",
        description="Read every annotation, article, tag and setting that the damaged store "
                    "file DAMAGED (one Lectern moved aside) still yields, and merge them into "
                    "the local store; what the store holds already is kept as it is.")
    recover.add_argument("damaged", metavar="DAMAGED",
                         help="the moved-aside file, e.g. annotations.sqlite3.corrupt-…")
    recover.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    with AnnotationStore.open(paths.store_file) as store:
        store_notice(store)
        print(store.recover_from(args.damaged).summary(), file=sys.stderr)
    return 0
